"""Reaching the customer: the caller's guide, the people met and the
problems tracked (M13, M7, M10), every attempt recorded, the questionnaire asked
again once, the SMS questionnaire after unanswered calls, and the
satisfaction scales (see revisit_reach and revisit_scales)."""

import logging
import re
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from . import revisit_reach as reach
from . import revisit_scales as scales
from .revisit_reach import METHOD_CHANNELS, UNREACHABLE_REASONS
from .revisit_rule import default_call_guide
from .revisit_visit import WORKFLOW_FIELDS, RevisitVisit
from .revisit_visit_attendee import REQUIRED_ROLES
from .revisit_visit_states import OPEN_STATES

_logger = logging.getLogger(__name__)

# the questionnaire is asked again in these hours (local) when the customer
# gave no contact hours of their own
REASK_DEFAULT_HOURS = (9.0, 20.0)
DEFAULT_REASK_DELAY = 24
CONTACT_RANGE = re.compile(
    r"(\d{1,2})\s*(?:[:\uff1a]\s*(\d{2}))?\s*(?:点)?\s*[-~\u2013\u2014\uff5e至到]\s*"
    r"(\d{1,2})\s*(?:[:\uff1a]\s*(\d{2}))?"
)
SCALE_ANSWERS = [(str(value), str(value)) for value in range(11)]


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"
    _workflow_fields = (*WORKFLOW_FIELDS, "reask_due", "reasked")
    _workflow_frozen_fields = {
        state: (*names, "scale_answer", "low_reason_id", "unreachable_reason")
        for state, names in RevisitVisit._workflow_frozen_fields.items()
    }

    attempt_ids = fields.One2many(
        "revisit.visit.attempt", "visit_id", string="Attempts", readonly=True
    )
    reach_root_id = fields.Many2one(
        "revisit.visit",
        string="Contact",
        compute="_compute_reach_root_id",
        store=True,
        index=True,
        help="The first visit of this visit's retries: the funnel counts the "
        "contact once, whatever its retries.",
    )
    reach_chain_ids = fields.One2many(
        "revisit.visit", "reach_root_id", string="Contact Visits"
    )
    unreachable_reason = fields.Selection(
        UNREACHABLE_REASONS,
        copy=False,
        help="Why the customer could not be reached (no answer when not given).",
    )
    call_guide = fields.Html(
        string="Caller's Guide",
        compute="_compute_call_guide",
        sanitize=False,
        help="The guide of the visit's step, or of its rule, or a general script.",
    )
    attendee_ids = fields.One2many(
        "revisit.visit.attendee", "visit_id", string="People Met"
    )
    action_item_ids = fields.One2many(
        "revisit.action.item", "visit_id", string="Tracked Problems"
    )

    reask_due = fields.Datetime(
        string="Ask Again On",
        copy=False,
        readonly=True,
        help="When the unanswered questionnaire is sent again (once, within the "
        "customer's contact hours).",
    )
    reasked = fields.Boolean(string="Asked Again", copy=False, readonly=True)
    satisfaction_scale = fields.Selection(
        scales.SCALES,
        compute="_compute_satisfaction_scale",
        store=True,
        help="The scale of the visit's answer: its rule's, else its "
        "questionnaire's, else stars.",
    )
    scale_answer = fields.Selection(
        SCALE_ANSWERS,
        string="Answer on the Scale",
        copy=False,
        help="The customer's answer on an NPS (0-10) or CES (1-7) scale.",
    )
    satisfaction_score = fields.Float(
        string="Satisfaction (0-100)",
        compute="_compute_satisfaction_score",
        store=True,
        aggregator="avg",
        help="The answer on its scale, normalised to 0-100.",
    )
    satisfaction_low = fields.Boolean(
        string="Low Score",
        compute="_compute_satisfaction_score",
        store=True,
        help="A low answer: stars at or below the company's threshold, an NPS "
        "detractor (0-6), a hard effort (CES 1-3).",
    )
    low_reason_id = fields.Many2one(
        "revisit.low.reason",
        string="Low Score Reason",
        copy=False,
        help="Why the customer scored low.",
    )
    low_reason_required = fields.Boolean(related="rule_id.low_reason_required")

    @api.depends("parent_visit_id", "retry_count")
    def _compute_reach_root_id(self):
        # the previous visit's contact is set when it was created and never
        # changes: not a dependency (one query less per generated visit)
        for visit in self:
            parent = visit.parent_visit_id
            if visit.retry_count and parent:
                visit.reach_root_id = parent.reach_root_id or parent
            else:
                visit.reach_root_id = visit._origin or visit

    @api.depends("rule_id", "plan_id")
    def _compute_satisfaction_scale(self):
        # the scale when the visit was made: a rule's later change of scale
        # does not rewrite the answers already given
        default = self.env.ref(
            "revisit_management.revisit_survey_satisfaction", raise_if_not_found=False
        )
        for visit in self:
            rule, plan = visit.rule_id.sudo(), visit.plan_id.sudo()
            survey = rule.survey_id or plan.survey_id or default
            visit.satisfaction_scale = (
                rule.satisfaction_scale or survey.sudo().revisit_scale or "stars"
            )

    @api.depends("satisfaction", "scale_answer", "satisfaction_scale", "company_id")
    def _compute_satisfaction_score(self):
        for visit in self:
            answer = scales.visit_answer(visit)
            score = scales.normalise(visit.satisfaction_scale, answer)
            visit.satisfaction_score = score or 0.0
            visit.satisfaction_low = scales.is_low(
                visit.satisfaction_scale,
                answer,
                visit.company_id.revisit_low_satisfaction,
            )

    @api.constrains("scale_answer", "satisfaction_scale")
    def _check_scale_answer(self):
        for visit in self:
            if not visit.scale_answer or visit.satisfaction_scale == "stars":
                continue
            low, high = scales.SCALE_RANGES[visit.satisfaction_scale]
            if not low <= int(visit.scale_answer) <= high:
                raise ValidationError(
                    self.env._(
                        "The answer of %(visit)s is from %(low)s to %(high)s.",
                        visit=visit.display_name,
                        low=low,
                        high=high,
                    )
                )

    @api.onchange("scale_answer")
    def _onchange_scale_answer(self):
        self._revisit_stars_from_scale()

    def _revisit_stars_from_scale(self):
        """An NPS or CES answer gives the visit's satisfaction (1-5), which
        the rest of the product reads (follow-up, statistics)."""
        for visit in self:
            if visit.satisfaction_scale in ("nps", "ces") and visit.scale_answer:
                score = scales.normalise(
                    visit.satisfaction_scale, int(visit.scale_answer)
                )
                stars = max(1, min(5, int(score / 20.0 + 0.5)))
                if visit.satisfaction != stars:
                    visit.satisfaction = stars

    def _revisit_report_written(self):
        self.ensure_one()
        text = re.sub(r"<[^>]*>|&nbsp;", "", str(self.report or ""))
        return bool(text.strip())

    def _reach_stages(self):
        """The funnel stages of the visit's contact (``revisit_reach``)."""
        self.ensure_one()
        contact = (self.reach_root_id or self).sudo()
        attempts = (
            self.env["revisit.visit.attempt"]
            .sudo()
            .search([("root_visit_id", "=", contact.id)])
        )
        done = contact.reach_chain_ids.filtered(lambda v: v.state == "done").sorted(
            "id"
        )[-1:]
        return {
            "due": reach.is_due(contact),
            "attempted": reach.is_attempted(contact, attempts),
            "reached": reach.is_reached(contact, attempts),
            "answered": reach.is_answered(contact, attempts),
            "valid": reach.is_valid_record(contact, attempts, done),
        }

    # ------------------------------------------------------------------
    # Attempts
    # ------------------------------------------------------------------

    def _revisit_log_attempt(self, result, channel=None, note=False):
        """Record an attempt on each visit. Sudo: called by the visit's
        actions after their own checks (``_check_open``), or by the system
        (SMS status, questionnaire answer, scheduled action)."""
        self.env["revisit.visit.attempt"].sudo().create(
            [
                {
                    "visit_id": visit.id,
                    "root_visit_id": (visit.reach_root_id or visit).id,
                    "channel": channel or METHOD_CHANNELS.get(visit.method, "phone"),
                    "result": result,
                    "note": note,
                }
                for visit in self
            ]
        )

    def action_appoint(self):
        res = super().action_appoint()
        # an appointment is agreed with the customer: they were reached
        self._revisit_log_attempt("reached", channel="phone")
        return res

    def action_done(self):
        self._check_open()
        self._revisit_stars_from_scale()
        for visit in self:
            if (
                visit.low_reason_required
                and visit.satisfaction_low
                and not visit.low_reason_id
            ):
                raise UserError(
                    self.env._(
                        "%(visit)s scored low: choose the reason the customer gave.",
                        visit=visit.display_name,
                    )
                )
        res = super().action_done()
        self.env["revisit.action.item"]._from_campaign_visits(self)
        if not self.env.context.get("revisit_by_questionnaire"):
            self._revisit_log_attempt("answered")
        # a low NPS or CES answer needs its follow-up as low stars do
        low = self.filtered(lambda v: v.satisfaction_low and not v.followup_needed)
        if low:
            low.sudo().followup_needed = True
            self.env["revisit.planner"]._create_next_visits(low, "followup")
        return res

    def action_unreachable(self):
        self._check_open()
        for visit in self.filtered(lambda v: not v.unreachable_reason):
            visit.sudo().unreachable_reason = "no_answer"
        for visit in self:
            visit._revisit_log_attempt(visit.unreachable_reason)
        last = self.filtered(
            lambda v: v.retry_count >= v.company_id.revisit_retry_count
        )
        res = super().action_unreachable()
        last._revisit_fallback_questionnaire()
        return res

    def _revisit_fallback_questionnaire(self):
        """A phone visit unreachable after its retries: the questionnaire goes
        by SMS when its rule says so (the SMS visit is one more attempt of the
        same contact)."""
        fallback = self.filtered(
            lambda v: v.method == "phone" and v.rule_id.fallback_sms
        )
        for visit in fallback:
            if not visit.partner_id.phone:
                visit.message_post(
                    body=self.env._(
                        "No questionnaire by SMS: the customer has no phone number."
                    )
                )
                continue
            sms_visit = (
                self.env["revisit.planner"]
                .with_context(revisit_fallback_method="sms")
                ._create_next_visits(visit, "retry")
            )
            try:
                with self.env.cr.savepoint():
                    sms_visit.action_send_survey()
            except UserError as error:
                sms_visit.message_post(body=str(error))
                continue
            visit.message_post(
                body=self.env._(
                    "Unreachable by phone: the questionnaire was sent by SMS "
                    "(%(visit)s).",
                    visit=sms_visit.display_name,
                )
            )

    def action_send_survey(self):
        res = super().action_send_survey()
        reask = self.env.context.get("revisit_reask")
        now = fields.Datetime.now()
        for visit in self:
            visit._revisit_log_attempt(
                "sent",
                channel="sms" if visit.method == "sms" else "email",
                note=reask and self.env._("Asked again"),
            )
            if not reask and not visit.reasked:
                hours = visit._revisit_reask_delay()
                visit.sudo().reask_due = hours and now + timedelta(hours=hours)
        return res

    def _revisit_reask_delay(self):
        """Hours after which the unanswered questionnaire is sent again (0:
        never): the rule's, else 24."""
        self.ensure_one()
        if self.rule_id:
            return self.rule_id.reask_hours
        return DEFAULT_REASK_DELAY

    def _warn_sms_failure(self):
        res = super()._warn_sms_failure()
        self._revisit_log_attempt("failed", channel="sms")
        return res

    def _apply_survey_answer(self):
        now_open = self.filtered(lambda v: v.state in OPEN_STATES)
        for visit in now_open.filtered(
            lambda v: v.satisfaction_scale in ("nps", "ces")
        ):
            low, high = scales.SCALE_RANGES[visit.satisfaction_scale]
            percentage = visit.survey_user_input_id.scoring_percentage
            answer = min(high, max(low, round(percentage * high / 100.0)))
            visit.sudo().scale_answer = str(answer)
        self._revisit_log_attempt("answered", channel="questionnaire")
        return super(
            RevisitVisit, self.with_context(revisit_by_questionnaire=True)
        )._apply_survey_answer()

    # ------------------------------------------------------------------
    # Asking again
    # ------------------------------------------------------------------

    def _revisit_contact_window(self):
        """The customer's contact hours as (from, to) local hours: the first
        range of their preferred contact hours ("9:00-11:00", "9点-11点"),
        else the default day hours."""
        self.ensure_one()
        found = CONTACT_RANGE.search(self.partner_id.revisit_contact_hours or "")
        if found:
            start = int(found[1]) + int(found[2] or 0) / 60.0
            end = int(found[3]) + int(found[4] or 0) / 60.0
            if 0 <= start < end <= 24:
                return start, end
        return REASK_DEFAULT_HOURS

    def _revisit_in_contact_hours(self, now):
        """Whether ``now`` (UTC) falls in the customer's contact hours, in
        their time zone (else the company's): not on a rest day, not in the
        do-not-disturb hours or days."""
        self.ensure_one()
        partner = self.partner_id
        tz = pytz.timezone(partner.tz or self.company_id.revisit_tz or "UTC")
        local = pytz.utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        start, end = self._revisit_contact_window()
        return (
            start <= hour < end
            and not partner._revisit_in_dnd_hours(hour)
            and local.isoweekday() not in partner._revisit_rest_days()
            and not (
                partner.revisit_dnd_until and local.date() < partner.revisit_dnd_until
            )
        )

    @api.model
    def _cron_reask_questionnaires(self, batch_size=None):
        """Send each unanswered questionnaire again once its delay has passed,
        in the customer's contact hours. A visit asked again (or answered, or
        closed) drops out of the job's domain; one outside its contact hours
        waits for a later run."""
        now = fields.Datetime.now()
        domain = [
            ("reask_due", "<=", now),
            ("reasked", "=", False),
            ("state", "in", OPEN_STATES),
        ]
        self.env["revisit.cron"]._batches(
            self, domain, lambda visits: visits._revisit_reask(now), batch_size
        )

    def _revisit_reask(self, now):
        for visit in self.sudo():
            if visit.survey_user_input_id.state == "done":
                visit.reasked = True
                continue
            if not visit._revisit_in_contact_hours(now):
                continue
            try:
                with self.env.cr.savepoint():
                    visit.reasked = True
                    visit.with_context(revisit_reask=True).action_send_survey()
            except UserError as error:
                # not sendable (e.g. the number was removed): asked no more
                visit.reasked = True
                visit._revisit_log_attempt("failed", note=str(error)[:200])
                _logger.info("Revisit: %s not asked again: %s", visit.name, error)

    @api.depends("rule_id.call_guide", "step_id.call_guide")
    @api.depends_context("lang")
    def _compute_call_guide(self):
        for visit in self:
            guides = (visit.step_id.sudo().call_guide, visit.rule_id.sudo().call_guide)
            visit.call_guide = next(
                (g for g in guides if not is_html_empty(g)),
                default_call_guide(self.env),
            )

    def _close_missing_fields(self):
        missing = super()._close_missing_fields()
        if self.method == "onsite" and self.rule_id.sudo().require_customer_roles:
            labels = dict(
                self.env["revisit.visit.attendee"]
                ._fields["role"]
                ._description_selection(self.env)
            )
            met = set(self.attendee_ids.mapped("role"))
            missing += [labels[r] for r in REQUIRED_ROLES if r not in met]
        return missing

    def action_track_problem(self):
        """Track the problem of a visit as an item with its rectification."""
        self.ensure_one()
        self.check_access("write")
        if not (self.problem or "").strip():
            raise UserError(self.env._("Write the problem raised first."))
        if self.action_item_ids:
            raise UserError(self.env._("This problem is already tracked."))
        Item = self.env["revisit.action.item"]
        item = Item._from_campaign_visits(self)
        if not item:
            # sudo: an item for the visit checked above, one may write
            item = Item.sudo().create(
                {
                    "name": self.env._("Problem raised in %(visit)s", visit=self.name),
                    "kind": "rectification",
                    "visit_id": self.id,
                    "partner_id": self.partner_id.id,
                    "description": self.problem,
                    "user_id": self.user_id.id or self.env.uid,
                    "deadline": Item._rectification_deadline(self.company_id),
                    "company_id": self.company_id.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "revisit.action.item",
            "res_id": item.id,
            "view_mode": "form",
        }
