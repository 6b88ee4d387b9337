import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .input_check import check_values
from .revisit_scales import SCALES

TRIGGERS = [
    ("discharge", "Discharge"),
    ("surgery", "Surgery"),
    ("course_end", "Treatment Course End"),
    ("consultation", "Consultation"),
    ("delivery", "Sale / Delivery"),
    ("repair", "Repair Done"),
    ("complaint", "Complaint Closed"),
    ("event", "Event Attended"),
    ("project_start", "Project Start"),
    ("project_done", "Project Completion"),
    ("warranty_end", "Warranty End"),
    ("new_customer", "New Customer"),
    ("move_in", "Move-in"),
    ("incident", "Emergency / Special Event Handled"),
    ("festival", "Festival (Plan for Approval)"),
    ("periodic", "Periodic (by Tier)"),
    ("manual", "Manual"),
]

METHODS = [
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("email", "E-mail"),
    ("onsite", "On-site"),
    ("video", "Video"),
    ("survey", "Online Questionnaire"),
]

# visit fields a rule may require before its visits close (R055)
CLOSE_FIELDS = (
    "feedback",
    "problem",
    "report",
    "duration",
    "cost",
    "appointment_place",
    "staff_signature",
    "signature",
)

VISIT_STATES = [
    ("todo", "To Do"),
    ("appointed", "Appointed"),
    ("done", "Done"),
    ("unreachable", "Unreachable"),
    ("cancelled", "Cancelled"),
]


def default_call_guide(env):
    """The four parts of a revisit script (seed 004, 方案 1)."""
    return env._(
        "<p><b>Greeting</b>: introduce yourself and the company, ask whether the "
        "customer has a few minutes.</p>"
        "<p><b>Questions</b>: how is the product or service working; how satisfied "
        "are you (1 to 5); anything we should do better?</p>"
        "<p><b>Problems</b>: note each problem with its details; say who will "
        "handle it and by when; never argue.</p>"
        "<p><b>Closing</b>: thank the customer, repeat what was promised and when "
        "they will hear from us.</p>"
    )


class RevisitRule(models.Model):
    """When and how customers are revisited after something happened to them."""

    _name = "revisit.rule"
    _description = "Revisit Rule"
    _inherit = ["revisit.company.lang.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(TRIGGERS, required=True, default="manual", tracking=True)
    step_ids = fields.One2many(
        "revisit.rule.step", "rule_id", string="Steps", copy=True
    )
    sample_rate = fields.Float(
        string="Sampling Rate (%)",
        default=100.0,
        tracking=True,
        help="Share of the events that get visits. Key customers are always visited.",
    )
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", check_company=True
    )
    department_first = fields.Boolean(
        string="Always the Responsible Department",
        help="Visits go to the responsible department's staff even when the "
        "customer has a revisit owner or an area: the regulation names the "
        "group for this kind of customer (e.g. the nursing team after surgery).",
    )
    method = fields.Selection(METHODS, string="Default Method", default="phone")
    survey_id = fields.Many2one("survey.survey", string="Questionnaire")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    note = fields.Html()
    tier_ids = fields.Many2many(
        "revisit.tier",
        string="Value Tiers",
        help="Periodic and festival rules: only customers of these tiers. A "
        "periodic rule without tiers serves the tiers no other periodic rule "
        "names.",
    )
    assign_event_user = fields.Boolean(
        string="Assign to the Event's Responsible",
        help="Visits go to the responsible person recorded on the event (e.g. the "
        "project manager), when there is one.",
    )
    festival_ids = fields.One2many(
        "revisit.festival", "rule_id", string="Festivals", copy=True
    )
    festival_lead_days = fields.Integer(
        string="Prepare Plan (Days Before)",
        default=14,
        help="Festival rules: the plan of a festival's visits is prepared this "
        "many days before the festival and submitted for approval.",
    )
    notify_customers = fields.Boolean(
        help="Tell each customer of their visit by SMS or e-mail (their channel), "
        "the company's notice days ahead.",
    )
    close_required_field_ids = fields.Many2many(
        "ir.model.fields",
        string="Required to Close",
        domain=[("model", "=", "revisit.visit"), ("name", "in", CLOSE_FIELDS)],
        help="What a visit of this rule must record before it is done, besides "
        "the satisfaction (e.g. the feedback or the visit report).",
    )
    ignore_min_interval = fields.Boolean(
        string="Ignore Minimum Interval",
        help="Visits of this rule keep their day even when another visit of the "
        "customer is close: the regulation's deadline comes first.",
    )
    call_guide = fields.Html(
        string="Caller's Guide",
        translate=True,
        help="Shown on the visit while it is open: greeting, questions, problem "
        "handling and closing words. A step's own guide replaces it; without "
        "either, the visit shows a general script.",
    )
    require_customer_roles = fields.Boolean(
        string="Meet the Customer's Roles On Site",
        help="An on-site visit of this rule closes only once it records the "
        "customer's technical lead, administrative lead and main user met.",
    )
    satisfaction_scale = fields.Selection(
        SCALES,
        help="The scale the customers answer on; empty: the questionnaire's, "
        "else stars.",
    )
    low_reason_required = fields.Boolean(
        string="Ask the Reason of a Low Score",
        help="A visit scored low closes only with the customer's reason.",
    )
    reask_hours = fields.Integer(
        string="Ask Again After (Hours)",
        default=24,
        help="An unanswered questionnaire is sent again once after this delay, "
        "in the customer's contact hours (0: never).",
    )
    fallback_sms = fields.Boolean(
        string="Questionnaire by SMS When Unreachable",
        help="A phone visit still unreachable after its retries sends the "
        "customer the questionnaire by SMS.",
    )

    @api.constrains("festival_lead_days")
    def _check_festival_lead_days(self):
        if any(not 0 <= rule.festival_lead_days <= 365 for rule in self):
            raise ValidationError(
                self.env._("A festival plan is prepared 0 to 365 days ahead.")
            )

    @api.constrains("sample_rate")
    def _check_sample_rate(self):
        for rule in self:
            if not 0 <= rule.sample_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "The sampling rate of rule %(rule)s is a percentage between "
                        "0 and 100.",
                        rule=rule.name,
                    )
                )

    def _visit_values(self, partner, scheduled, deadline, step=None, **values):
        """Values of one visit this rule asks for (the rule may be empty: plans,
        manual follow-ups). ``company`` is the visit's company; any other
        keyword is a visit field that overrides what the rule says. Texts are
        written in the language of the company's users."""
        company = values.pop("company", None) or self.company_id or self.env.company
        step = step or self.env["revisit.rule.step"]
        if "purpose" not in values:
            lang = company._revisit_lang()
            values["purpose"] = (
                step.with_context(lang=lang).name
                or self.with_context(lang=lang).name
                or False
            )
        return {
            "partner_id": partner.id,
            "rule_id": self.id,
            "step_id": step.id,
            "method": step.method or self.method or "phone",
            "department_id": self.department_id.id,
            "scheduled_date": scheduled,
            "deadline": deadline,
            "company_id": company.id,
            **values,
        }

    def copy_data(self, default=None):
        """A rule copied into another company leaves its department behind:
        departments belong to their company."""
        vals_list = super().copy_data(default=default)
        for rule, vals in zip(self, vals_list, strict=True):
            if vals.get(
                "company_id", rule.company_id.id
            ) != rule.company_id.id and "department_id" not in (default or {}):
                vals["department_id"] = False
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        rules = super().create(vals_list)
        rules._check_has_steps()
        return rules

    def write(self, vals):
        check_values(self, [vals])
        res = super().write(vals)
        if {"active", "trigger", "step_ids"} & set(vals):
            self._check_has_steps()
        return res

    def _needs_steps(self):
        """Whether the rule generates visits (and so needs steps)."""
        self.ensure_one()
        return self.active and self.trigger not in ("manual", "festival")

    def _check_has_steps(self):
        # rules loaded from data files get their steps in the next records
        if self.env.context.get("install_mode"):
            return
        for rule in self:
            if rule._needs_steps() and not rule.step_ids:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s generates visits: give it at least one step.",
                        rule=rule.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["revisit.visit"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("rule_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._("Visits come from this rule: archive it instead.")
            )

    def _periodic_tier_domain(self, periodic_rules):
        """Tiers whose customers this periodic rule visits: those it names, or,
        naming none, the tiers no other periodic rule of its company names."""
        self.ensure_one()
        if self.tier_ids:
            return [("revisit_tier_id", "in", self.tier_ids.ids)]
        named = periodic_rules.filtered(
            lambda r: r.company_id == self.company_id and r != self
        ).tier_ids
        domain = [("revisit_tier_id", "!=", False)]
        if named:
            domain.append(("revisit_tier_id", "not in", named.ids))
        return domain

    def _sample_bucket(self, event):
        """Stable bucket 0-99 of an event for this rule: the same on every run."""
        self.ensure_one()
        key = f"{event.id}-{self.id}".encode()
        return int(hashlib.sha256(key).hexdigest()[:8], 16) % 100

    def _selects(self, event):
        """Whether the rule's sampling keeps this event (key customers always)."""
        self.ensure_one()
        if event.partner_id.revisit_key_customer or self.sample_rate >= 100:
            return True
        return self._sample_bucket(event) < self.sample_rate

    @api.constrains("reask_hours")
    def _check_reask_hours(self):
        for rule in self:
            if not 0 <= rule.reask_hours <= 24 * 30:
                raise ValidationError(
                    self.env._(
                        "Ask again after 0 (never) to 720 hours (30 days), not "
                        "%(hours)s.",
                        hours=rule.reask_hours,
                    )
                )
