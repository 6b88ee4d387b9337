from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .revisit_rule import CLOSE_FIELDS as RULE_CLOSE_FIELDS

PRESETS = [
    ("none", "No Regulation"),
    ("clinic", "Cosmetic Clinic (美容医院)"),
    ("property", "Property Management (物业)"),
    ("aftersales", "After-sales and Equipment (公司回访/设备回访/满意度调查)"),
    ("warranty", "Construction Warranty (工程保修)"),
    ("centre", "Revisit Centre (客户回访中心)"),
]

# 美容医院 第四章2 (R007): the group each kind of clinic customer goes to.
CLINIC_DEPARTMENTS = {
    "discharge": "客服中心",
    "surgery": "护理组",
    "course_end": "医疗美容组",
    "consultation": "资讯中心",
}

# The rules only one kind of company has, by trigger (the rules every company
# has - complaint, event, new customer, periodic, festival, manual - belong to
# none). A preset of RULE_PRESETS makes its company's rules its regulation's:
# it archives, in that company, the rules only the other regulations name.
REGULATION_TRIGGERS = {
    "clinic": {"surgery", "discharge", "consultation", "course_end"},
    # 物业 2023年制度 1.4, 1.6: repairs, move-in and incidents
    "property": {"repair", "move_in", "incident"},
    "aftersales": {"delivery", "warranty_end", "repair"},
    "warranty": {"project_start", "project_done", "repair"},
}
RULE_PRESETS = tuple(REGULATION_TRIGGERS)

# 物业 2023年制度 1.1, 2.1 (R007): the service desk (客服部) answers for the
# revisits; 1.4: the responsible area's assistant visits (an area first).
PROPERTY_DEPARTMENT = "客服部"

# What a visit records before it closes (R055), per preset: rules' and the
# company's (plan and manual visits). 客户回访中心 第9条 (R058): the staff
# member signs the record.
CLOSE_FIELDS = {
    "clinic": ["feedback"],
    "property": ["feedback"],
    "aftersales": ["feedback", "report"],
    "warranty": ["feedback", "report"],
    "centre": ["feedback", "staff_signature"],
}

# the regulation is a company setting: settings administrators choose it
PRESET_GROUP = "base.group_system"


class RevisitPresetMixin(models.AbstractModel):
    """The regulation a company follows and what applying it last set
    (res.company inherits it)."""

    _name = "revisit.preset.mixin"
    _description = "Regulation of a Company"

    revisit_preset = fields.Selection(
        PRESETS,
        string="Regulation",
        readonly=True,
        help="The regulation the company follows, chosen with Apply a Regulation "
        "in the settings; empty until one is chosen.",
    )
    revisit_preset_snapshot = fields.Json(
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="What applying the regulation last set, per setting: a setting "
        "that differs now was changed by hand.",
    )
    revisit_plan_notify_customers = fields.Boolean(
        string="Announce Plan Visits",
        default=True,
        help="New plans, the quarter's and the festivals' included, tell their "
        "customers of the visit the company's notice days ahead once approved.",
    )
    revisit_close_required_field_ids = fields.Many2many(
        "ir.model.fields",
        "revisit_company_close_field_rel",
        "company_id",
        "field_id",
        string="Required to Close (Without a Rule)",
        domain=[("model", "=", "revisit.visit"), ("name", "in", RULE_CLOSE_FIELDS)],
        help="What plan and manual visits (no rule) record before they are done.",
    )
    revisit_onsite_technical = fields.Boolean(
        string="On-site Visits Need Technical Staff",
        help="An on-site visit closes only with a technical staff member who "
        "signed its record.",
    )

    # ------------------------------------------------------------------
    # What a preset sets
    # ------------------------------------------------------------------

    def _revisit_preset_visit_fields(self, names):
        return (
            self.env["ir.model.fields"]
            .sudo()
            .search([("model", "=", "revisit.visit"), ("name", "in", names)])
        )

    def _revisit_preset_rules(self, triggers=None):
        """The company's rules (archived included), by trigger."""
        domain = [("company_id", "=", self.id)]
        if triggers:
            domain.append(("trigger", "in", list(triggers)))
        return (
            self.env["revisit.rule"]
            .sudo()
            .with_context(active_test=False)
            .search(domain, order="sequence, id")
        )

    def _revisit_preset_department(self, name):
        """The company's department of that seed name (its name holds it), or
        the name itself when it is still to be created."""
        department = (
            self.env["hr.department"]
            .sudo()
            .search(
                [("company_id", "in", [self.id, False]), ("name", "ilike", name)],
                order="id",
                limit=1,
            )
        )
        return department or name

    def _revisit_preset_changes(self, preset):
        """What the preset sets in this company: a list of
        ``(record, field name, value)``. A value is what ``write`` takes, a
        record for relational fields, or a department's name to create."""
        self.ensure_one()
        changes = [(self, "revisit_plan_notify_customers", True)]
        if preset not in CLOSE_FIELDS:
            return changes
        close_fields = self._revisit_preset_visit_fields(CLOSE_FIELDS[preset])
        rules = self._revisit_preset_rules().filtered(
            lambda r: r.active and r.trigger not in ("manual", "festival")
        )
        if preset == "clinic":
            # the clinic's regulation speaks of its four kinds of customer only
            rules = rules.filtered(lambda r: r.trigger in CLINIC_DEPARTMENTS)
        else:
            changes.append((self, "revisit_close_required_field_ids", close_fields))
        foreign = self._revisit_preset_foreign_triggers(preset)
        rules = rules.filtered(lambda r: r.trigger not in foreign)
        for rule in rules:
            changes.append((rule, "close_required_field_ids", close_fields))
        if preset == "clinic":
            for rule in self._revisit_preset_rules(CLINIC_DEPARTMENTS):
                department = self._revisit_preset_department(
                    CLINIC_DEPARTMENTS[rule.trigger]
                )
                changes += [
                    (rule, "department_id", department),
                    (rule, "department_first", True),
                ]
        if preset == "property":
            # 物业 1.6: the festival visits of every customer of a value tier
            for rule in self._revisit_preset_rules(["festival"]):
                changes += [
                    (rule, "active", True),
                    (rule, "tier_ids", self.env["revisit.tier"]),
                ]
        if preset in ("aftersales", "warranty"):
            # 客户回访管理制度 2.2: customers told a week before their visit
            changes.append((self, "revisit_notify_days_before", 7))
            for rule in rules:
                changes.append((rule, "notify_customers", True))
        if preset == "centre":
            changes.append((self, "revisit_onsite_technical", True))
        return changes + self._revisit_preset_rule_changes(preset)

    @api.model
    def _revisit_preset_foreign_triggers(self, preset):
        """The triggers of the rules only other regulations name, which a
        preset of RULE_PRESETS archives in its company (none under
        ``revisit_preset_keep_rules``: the demo's first company)."""
        if preset not in RULE_PRESETS or self.env.context.get(
            "revisit_preset_keep_rules"
        ):
            return set()
        others = set().union(
            *(t for name, t in REGULATION_TRIGGERS.items() if name != preset)
        )
        return others - REGULATION_TRIGGERS[preset]

    def _revisit_preset_rule_changes(self, preset):
        """Which rules the company has and who answers for them (R007).

        Rules are records of their company (each company its own copies of
        the shipped ones, as Odoo's chart templates give each company its own
        accounts): a preset archives, in its company only, the rules only
        other regulations name, so another company's rules are untouched and
        an archived rule comes back by hand (the preview then shows it as
        changed by hand and the preset keeps it). The revisit centre names
        no rule of its own and archives none. The demo's first company shows
        every bridge (deliveries, repairs, projects, move-ins) beside its
        clinic: the demo applies its preset keeping its rules
        (``revisit_preset_keep_rules``). The property regulation gives its
        rules to the service desk, after the customer's owner or area."""
        foreign = self._revisit_preset_foreign_triggers(preset)
        # the festivals are the company manager's (R014), manual visits anyone's
        not_desk = ("manual", "festival")
        department = (
            self._revisit_preset_department(PROPERTY_DEPARTMENT)
            if preset == "property"
            else None
        )
        changes = []
        for rule in self._revisit_preset_rules():
            if rule.trigger in foreign:
                changes.append((rule, "active", False))
            elif preset == "property" and rule.active and rule.trigger not in not_desk:
                changes += [
                    (rule, "department_id", department),
                    (rule, "department_first", False),
                ]
        return changes

    # ------------------------------------------------------------------
    # Comparing and applying
    # ------------------------------------------------------------------

    @staticmethod
    def _revisit_preset_key(record, name):
        return f"{record._name},{record.id},{name}"

    @staticmethod
    def _revisit_preset_repr(record, name, value=None, current=False):
        """A comparable form of the field's value (the current one or the
        given one)."""
        field = record._fields[name]
        if current:
            value = record[name]
        if isinstance(value, str) and field.type == "many2one":
            return f"new:{value}"
        if field.type == "many2one":
            return value.id or False
        if field.type in ("many2many", "one2many"):
            return sorted(value.ids)
        return value

    def _revisit_preset_display(self, record, name, value):
        field = record._fields[name]
        if isinstance(value, str) and field.type == "many2one":
            return self.env._("%(name)s (new)", name=value)
        if field.type in ("many2one", "many2many", "one2many"):
            if field.comodel_name == "ir.model.fields":
                return (
                    ", ".join(
                        value.mapped(lambda f: f.with_env(self.env).field_description)
                    )
                    or "-"
                )
            return ", ".join(value.mapped("display_name")) or "-"
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        return str(value)

    def _revisit_preset_preview(self, preset):
        """Each setting the preset changes: its key, label, current and new
        values and whether the company changed it by hand since the preset it
        applied last."""
        self.ensure_one()
        snapshot = self.sudo().revisit_preset_snapshot or {}
        lines = []
        for record, name, value in self._revisit_preset_changes(preset):
            new = self._revisit_preset_repr(record, name, value)
            current = self._revisit_preset_repr(record, name, current=True)
            if new == current:
                continue
            key = self._revisit_preset_key(record, name)
            field = record._fields[name]
            label = field._description_string(self.env)
            if record != self:
                label = f"{record.display_name}: {label}"
            lines.append(
                {
                    "key": key,
                    "name": label,
                    "current_value": self._revisit_preset_display(
                        record, name, record[name]
                    ),
                    "new_value": self._revisit_preset_display(record, name, value),
                    "changed_by_hand": key in snapshot and snapshot[key] != current,
                }
            )
        return lines

    def _revisit_apply_preset(self, preset, override=()):
        """Apply the preset to this company. A setting changed by hand since
        the last preset is kept unless its key is in ``override`` (True: all).
        Returns the preview lines of what was kept by hand."""
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group(PRESET_GROUP)):
            raise AccessError(
                self.env._("Only administrators choose the company's regulation.")
            )
        if self not in self.env.user.company_ids and not self.env.su:
            raise AccessError(self.env._("You do not work in this company."))
        if preset not in dict(PRESETS):
            raise UserError(self.env._("Choose a regulation to apply."))
        company = self.sudo()
        snapshot = dict(company.revisit_preset_snapshot or {})
        kept = []
        created = {}
        for record, name, value in company._revisit_preset_changes(preset):
            key = company._revisit_preset_key(record, name)
            current = company._revisit_preset_repr(record, name, current=True)
            new = company._revisit_preset_repr(record, name, value)
            if new == current:
                snapshot[key] = new
                continue
            if (
                key in snapshot
                and snapshot[key] != current
                and override is not True
                and key not in override
            ):
                kept.append(key)
                continue
            if isinstance(value, str):
                if value not in created:
                    created[value] = (
                        self.env["hr.department"]
                        .sudo()
                        .create({"name": value, "company_id": company.id})
                    )
                value = created[value]
            if isinstance(value, models.BaseModel):
                value = (
                    value.id
                    if record._fields[name].type == "many2one"
                    else [fields.Command.set(value.ids)]
                )
            record.sudo().write({name: value})
            snapshot[key] = company._revisit_preset_repr(record, name, current=True)
        company.write({"revisit_preset": preset, "revisit_preset_snapshot": snapshot})
        return kept

    def _revisit_preset_modules(self, preset):
        """Addons the preset needs and the database lacks: the customer
        archives where the regulation has a revisit centre (R109-R119)."""
        if preset != "centre":
            return self.env["ir.module.module"]
        return (
            self.env["ir.module.module"]
            .sudo()
            .search([("name", "=", "revisit_archive"), ("state", "!=", "installed")])
        )

    @api.model
    def _revisit_demo_apply_preset(self, preset=None):
        """Demo: the demo company follows the clinic's regulation; an addon
        installed later applies each demo company's regulation again
        (idempotent: the property manager's too) so that its own settings join."""
        main = self.env.ref("base.main_company")
        # the demo's first company keeps every shipped rule: its bridges'
        # demos (deliveries, repairs, projects, move-ins) work on them
        keep_rules = main.with_context(revisit_preset_keep_rules=True)
        if preset:
            keep_rules._revisit_apply_preset(preset)
            return
        for company in self._revisit_demo_companies():
            if company.revisit_preset:
                if company == main:
                    company = keep_rules
                company._revisit_apply_preset(company.revisit_preset)

    @api.model
    def _revisit_demo_companies(self):
        """The demo's companies: the clinic (main) and the property manager."""
        property_demo = self.env.ref(
            "revisit_management.res_company_property_demo", raise_if_not_found=False
        )
        return self.env.ref("base.main_company") | (
            property_demo or self.env["res.company"]
        )
