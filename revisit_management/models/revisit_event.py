from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .revisit_rule import TRIGGERS

# changing one of these (re)generates visits
GENERATING_FIELDS = {"partner_id", "trigger", "date", "company_id"}


class RevisitEvent(models.Model):
    """Something that happened to a customer and may call for visits."""

    _name = "revisit.event"
    _description = "Revisit Event"
    _inherit = ["revisit.workflow.mixin"]
    _workflow_state_field = None
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, check_company=True
    )
    trigger = fields.Selection(TRIGGERS, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reference = fields.Char(
        size=256, help="Document the event comes from, e.g. a surgery record."
    )
    res_model = fields.Char(
        string="Source Document Model",
        size=128,
        index=True,
        help="Model of the document the event comes from, e.g. stock.picking.",
    )
    res_id = fields.Many2oneReference(
        string="Source Document ID", model_field="res_model", index=True
    )
    source_ref = fields.Reference(
        selection="_selection_source_ref",
        string="Source Document",
        compute="_compute_source_ref",
        help="The document the event comes from (a delivery, a repair, a project...).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        help="Who handled the event, e.g. the project manager of an incident: "
        "rules set so visit through this person.",
    )
    visit_ids = fields.One2many("revisit.visit", "event_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")

    @api.depends("trigger", "partner_id", "date", "reference")
    def _compute_display_name(self):
        triggers = dict(self._fields["trigger"]._description_selection(self.env))
        for event in self:
            event.display_name = " · ".join(
                str(part)
                for part in (
                    event.reference or triggers.get(event.trigger),
                    event.partner_id.display_name,
                    event.date,
                )
                if part
            )

    @api.model
    def _selection_source_ref(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"].sudo().search([("transient", "=", False)])
        ]

    @api.depends("res_model", "res_id")
    def _compute_source_ref(self):
        for event in self:
            event.source_ref = (
                f"{event.res_model},{event.res_id}"
                if event.res_model in self.env and event.res_id
                else False
            )

    @api.constrains("res_model", "res_id")
    def _check_source(self):
        for event in self:
            if event.res_model and event.res_model not in self.env:
                raise ValidationError(
                    self.env._(
                        "The source document model %s does not exist.", event.res_model
                    )
                )
            if event.res_id and not event.res_model:
                raise ValidationError(self.env._("A source document needs its model."))

    def _compute_visit_count(self):
        counts = dict(
            self.env["revisit.visit"]._read_group(
                [("event_id", "in", self._origin.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.visit_count = counts.get(event._origin, 0)

    @api.constrains("partner_id")
    def _check_partner_active(self):
        for event in self:
            if not event.partner_id.active:
                raise ValidationError(
                    self.env._(
                        "%(customer)s is archived: no event is recorded for them.",
                        customer=event.partner_id.display_name,
                    )
                )

    @api.model
    def _create_once(self, sources, values, trigger=None):
        """An event for each of the ``sources`` (the documents it comes from)
        that has none yet (none of ``trigger``, when given): a document closed,
        reopened and closed again is revisited once. ``values(source)`` gives
        the event's customer, trigger and reference; its date is the company's
        today unless given, its company the source's."""
        domain = Domain("res_model", "=", sources._name) & Domain(
            "res_id", "in", sources.ids
        )
        if trigger:
            domain &= Domain("trigger", "=", trigger)
        known = set(self.search(domain).mapped("res_id"))
        vals_list = []
        for source in sources:
            if source.id in known:
                continue
            company = source.company_id or self.env.company
            vals = {
                "res_model": source._name,
                "res_id": source.id,
                "company_id": company.id,
                **values(source),
            }
            vals["date"] = vals.get("date") or company._revisit_today()
            vals_list.append(vals)
        return self.create(vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._generate_visits()
        return events

    def write(self, vals):
        regenerate = GENERATING_FIELDS & set(vals)
        if (
            regenerate
            and not self.env.su
            and self.sudo().filtered("visit_ids")
            and not self.env.user.has_group("revisit_management.group_revisit_manager")
        ):
            raise UserError(
                self.env._(
                    "The event already has visits: only a revisit manager changes "
                    "its customer, kind, date or company. Record a new event instead."
                )
            )
        res = super().write(vals)
        if regenerate:
            # visits are generated as superuser: the event must still be one the
            # user may change (e.g. not moved to a customer they may not see)
            self.check_access("write")
            self._generate_visits()
        return res

    def _generate_visits(self):
        """Create the visits the active rules of each event's trigger ask for.

        One visit per rule step, unless the rule's sampling leaves the event out.
        Steps that already have a visit for the event are skipped, so running it
        again creates nothing twice; the unique index on (event, step) backs this.
        A step's deadline is the regulation's: "within N days" ends N days after
        the event, whatever moves the visit inside that window.
        """
        if not self:
            return self.env["revisit.visit"]
        # events another worker is generating are left to it
        events = self.env["revisit.cron"]._try_lock(self.sudo())
        rules = (
            self.env["revisit.rule"]
            .sudo()
            .search(
                [
                    ("trigger", "in", list(set(events.mapped("trigger")))),
                    ("company_id", "in", events.company_id.ids),
                ]
            )
        )
        rules_by_key = {}
        for rule in rules:
            rules_by_key.setdefault((rule.trigger, rule.company_id.id), []).append(rule)
        groups = []
        for event in events:
            vals_list = []
            for rule in rules_by_key.get((event.trigger, event.company_id.id), []):
                if not rule._selects(event):
                    continue
                extra = {}
                if rule.assign_event_user and event.user_id.active:
                    extra["user_id"] = event.user_id.id
                for step in rule.step_ids:
                    vals_list.append(
                        rule._visit_values(
                            event.partner_id,
                            event.date + timedelta(days=step.offset_days),
                            step._deadline(event.date),
                            step=step,
                            event_id=event.id,
                            company=event.company_id,
                            **extra,
                        )
                    )
            if vals_list:
                groups.append(vals_list)
        # steps that have a visit for the event already are skipped by the planner
        return self.env["revisit.planner"]._create_visits(groups)
