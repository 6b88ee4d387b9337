import logging
from datetime import timedelta
from difflib import SequenceMatcher

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.revisit_management.models.res_partner import hide_partner_contact
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date, html2plaintext

_logger = logging.getLogger(__name__)

SEVERITIES = [("general", "General"), ("important", "Important"), ("major", "Major")]
VALIDITIES = [("pending", "To Judge"), ("valid", "Valid"), ("invalid", "Invalid")]
# How alike two titles must be (0-1) for the complaints to be proposed as duplicates.
SIMILAR_NAME_RATIO = 0.6
# Outcome fields a duplicate takes over from its original when the original closes.
SHARED_OUTCOME_FIELDS = [
    "complaint_validity",
    "invalid_reason",
    "responsible_department_id",
    "responsible_user_id",
    "cause_analysis",
    "corrective_action",
    "preventive_action",
    "complaint_reply",
]
# the customer's contact data copied onto the ticket
PARTNER_COPIES = ("partner_email",)
# the complaint's internal handling: its customer (portal) never reads it
INTERNAL = "base.group_user"
# outcome of the complaint workflow: written by its actions only
OUTCOME_FIELDS = (
    "complaint_escalated",
    "first_reply_date",
    "customer_satisfied",
    "reopen_count",
    "promise_reminded",
    "promise_escalated",
    "investigation_escalated",
    "duplicate_marked_id",
)


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "revisit.workflow.mixin", "revisit.promise.mixin"]
    _workflow_fields = OUTCOME_FIELDS
    _workflow_state_field = None
    # the links our complaints add; helpdesk_mgmt's own fields keep its rules
    _workflow_pointer_fields = (
        "duplicate_id",
        "duplicate_of_id",
        "origin_visit_id",
        "responsible_department_id",
        "responsible_user_id",
    )

    is_complaint = fields.Boolean(
        string="Complaint",
        tracking=True,
        index=True,
        help="The customer complains: the ticket is judged, answered and revisited "
        "as the complaint rules require.",
    )
    complaint_severity = fields.Selection(
        SEVERITIES,
        string="Severity",
        default="general",
        tracking=True,
        help="General complaints go to the team's complaint assistant, important ones "
        "to the department head, major ones to the company manager.",
        groups=INTERNAL,
    )
    complaint_validity = fields.Selection(
        VALIDITIES,
        string="Validity",
        default="pending",
        required=True,
        tracking=True,
        copy=False,
        help="A complaint must be judged valid or invalid before it is closed.",
    )
    invalid_reason = fields.Text(
        copy=False, help="Why the complaint is not upheld; quoted in the reply."
    )
    responsible_department_id = fields.Many2one(
        "hr.department",
        tracking=True,
        check_company=True,
        groups=INTERNAL,
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Responsible Person",
        compute="_compute_responsible_user_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
        help="Set from the severity and the team's complaint routing.",
        groups=INTERNAL,
    )
    cause_analysis = fields.Text(copy=False, groups=INTERNAL)
    corrective_action = fields.Text(copy=False, groups=INTERNAL)
    preventive_action = fields.Text(copy=False, groups=INTERNAL)
    complaint_reply = fields.Html(
        string="Reply Letter",
        copy=False,
        help="Written answer to the complainant. Required to close an anonymous or "
        "reply-only complaint: it is attached to the ticket.",
    )
    promised_date = fields.Date(
        string="Promised Reply Date",
        compute="_compute_promised_date",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        copy=False,
        help="Date by which the customer was promised an answer: set at intake "
        "from the company's reply delay, required for a valid complaint. The "
        "customer is told it (and each new date) by e-mail, else by SMS.",
    )
    investigation_deadline = fields.Date(
        compute="_compute_investigation_deadline",
        store=True,
        precompute=True,
        index=True,
        copy=False,
        help="A reported problem is investigated and verified the day it is "
        "received (the company's calendar day): the complaint is judged valid or "
        "invalid by then, else it is escalated.",
        groups=INTERNAL,
    )
    investigation_escalated = fields.Boolean(copy=False, readonly=True, groups=INTERNAL)
    complaint_action_ids = fields.One2many(
        "revisit.complaint.action",
        "ticket_id",
        string="Corrective and Preventive Actions",
        groups=INTERNAL,
    )
    promise_reminder_date = fields.Date(
        compute="_compute_promise_reminder_date",
        store=True,
        index=True,
        groups=INTERNAL,
    )
    promise_reminded = fields.Boolean(groups=INTERNAL)
    promise_escalated = fields.Boolean(groups=INTERNAL)
    is_anonymous = fields.Boolean(
        string="Anonymous",
        help="The complainant left no name: no follow-up visit.",
    )
    reply_only = fields.Boolean(
        string="Reply Letter Only",
        help="Only a written reply is asked for (e.g. by an authority): no follow-up "
        "visit.",
    )
    duplicate_of_id = fields.Many2one(
        related="duplicate_id",
        readonly=False,
        string="Original Complaint",
        help="Same customer, same issue: counted once and closed with this ticket.",
    )
    duplicate_marked_id = fields.Many2one(
        "helpdesk.ticket",
        string="Duplicate Confirmed of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="The original this complaint was linked to by the duplicate "
        "proposal: only such duplicates share the original's outcome.",
    )
    possible_duplicate_id = fields.Many2one(
        "helpdesk.ticket",
        compute="_compute_possible_duplicate_id",
        string="Possible Duplicate of",
    )
    # Helpdesk staff without a revisit group work tickets too: the visits are
    # only shown to revisit users (their record rules then decide which ones).
    revisit_visit_ids = fields.One2many(
        "revisit.visit",
        "ticket_id",
        string="Follow-up Visits",
        groups="revisit_management.group_revisit_user",
    )
    revisit_visit_count = fields.Integer(
        compute="_compute_revisit_visit_count",
        groups="revisit_management.group_revisit_user",
    )
    awaiting_revisit = fields.Boolean(
        compute="_compute_awaiting_revisit",
        store=True,
        help="A follow-up visit of this complaint is still to be made.",
        groups=INTERNAL,
    )
    customer_satisfied = fields.Boolean(
        tracking=True,
        copy=False,
        help="The last follow-up visit found the customer satisfied.",
        groups=INTERNAL,
    )
    complaint_escalated = fields.Boolean(
        string="Closed as Escalated",
        tracking=True,
        copy=False,
        help="The manager closed the complaint although the customer is not satisfied.",
        groups=INTERNAL,
    )
    reopen_count = fields.Integer(
        string="Reopened",
        copy=False,
        readonly=True,
        help="Times a visit reopened it.",
        groups=INTERNAL,
    )
    first_reply_date = fields.Datetime(
        string="Replied to Customer on",
        copy=False,
        readonly=True,
        help="When the customer was first answered: a message sent to them from "
        "the ticket, the complaint letter, or the reply letter of an anonymous or "
        "reply-only complaint. A valid complaint closes only once answered.",
    )
    origin_visit_id = fields.Many2one(
        "revisit.visit",
        string="Raised on Visit",
        copy=False,
        index="btree_not_null",
        check_company=True,
        groups=INTERNAL,
    )

    # Duplicate proposals and repeat-complaint statistics look complaints up by
    # customer and date; the analysis folds duplicates into their original.
    _complaint_partner_date_idx = models.Index(
        "(commercial_partner_id, create_date) WHERE is_complaint"
    )
    _duplicate_id_idx = models.Index("(duplicate_id) WHERE duplicate_id IS NOT NULL")

    @api.depends("team_id", "complaint_severity", "is_complaint")
    def _compute_responsible_user_id(self):
        for ticket in self:
            route = (
                ticket.team_id._complaint_route_user(ticket.complaint_severity)
                if ticket.is_complaint and ticket.team_id
                else False
            )
            ticket.responsible_user_id = route or ticket.responsible_user_id

    @api.depends("is_complaint")
    def _compute_promised_date(self):
        for ticket in self:
            if ticket.is_complaint and not ticket.promised_date:
                company = ticket.company_id or self.env.company
                ticket.promised_date = company._revisit_today() + timedelta(
                    days=company.complaint_reply_days
                )
            else:
                ticket.promised_date = ticket.promised_date

    @api.depends("is_complaint")
    def _compute_investigation_deadline(self):
        for ticket in self:
            if ticket.is_complaint and not ticket.investigation_deadline:
                company = ticket.company_id or self.env.company
                ticket.investigation_deadline = company._revisit_today()
            else:
                ticket.investigation_deadline = ticket.investigation_deadline

    @api.constrains("is_complaint", "complaint_validity", "promised_date")
    def _check_complaint_promised_date(self):
        for ticket in self:
            if (
                ticket.is_complaint
                and ticket.complaint_validity == "valid"
                and not ticket.promised_date
            ):
                raise ValidationError(
                    self.env._(
                        "Complaint %s is valid: tell the customer when they will "
                        "have an answer (Promised Reply Date).",
                        ticket.display_name,
                    )
                )

    @api.depends("promised_date", "company_id.complaint_reminder_days")
    def _compute_promise_reminder_date(self):
        for ticket in self:
            ticket.promise_reminder_date = ticket.promised_date and (
                ticket.promised_date
                - timedelta(days=ticket.company_id.complaint_reminder_days)
            )

    @api.depends("revisit_visit_ids")
    def _compute_revisit_visit_count(self):
        for ticket in self:
            ticket.revisit_visit_count = len(ticket.revisit_visit_ids)

    @api.depends("revisit_visit_ids.state")
    def _compute_awaiting_revisit(self):
        for ticket in self:
            ticket.awaiting_revisit = any(
                visit.state in ("todo", "appointed")
                for visit in ticket.revisit_visit_ids
            )

    @api.depends(
        "is_complaint", "partner_id", "name", "category_id", "create_date", "company_id"
    )
    def _compute_possible_duplicate_id(self):
        for ticket in self:
            ticket.possible_duplicate_id = ticket._complaint_find_original()

    def _complaint_find_original(self):
        """The earlier complaint of the same customer about the same issue, if any."""
        self.ensure_one()
        if not self.is_complaint or not self.partner_id or self.duplicate_id:
            return self.browse()
        start = self.create_date or fields.Datetime.now()
        window = timedelta(days=self.company_id.complaint_duplicate_days)
        candidates = self.search(
            [
                ("is_complaint", "=", True),
                ("id", "!=", self._origin.id),
                (
                    "commercial_partner_id",
                    "=",
                    self.partner_id.commercial_partner_id.id,
                ),
                ("company_id", "=", self.company_id.id),
                ("create_date", ">=", start - window),
                ("create_date", "<=", start + window),
            ],
            order="create_date, id",
        )
        name = (self.name or "").strip().lower()
        for candidate in candidates:
            if candidate.create_date > start or (
                candidate.create_date == start and candidate.id > self._origin.id
            ):
                continue
            same_category = (
                self.category_id and candidate.category_id == self.category_id
            )
            similar = (
                SequenceMatcher(None, name, candidate.name.strip().lower()).ratio()
                >= SIMILAR_NAME_RATIO
            )
            if same_category or similar:
                return candidate.duplicate_id or candidate
        return self.browse()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        complaints = tickets.filtered("is_complaint")
        complaints._complaint_route_handler()
        complaints._complaint_notify_promise()
        complaints.filtered(
            lambda t: t.complaint_severity == "major"
        )._complaint_notify_manager()
        closed = complaints.filtered("stage_id.closed")
        if closed:
            closed._complaint_check_closable()
            closed._complaint_on_close()
        (tickets - complaints).filtered("stage_id.closed")._revisit_on_close()
        return tickets

    def write(self, vals):
        closing = self.browse()
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.closed:
                closing = self.filtered(lambda t: not t.stage_id.closed)
        closing_tickets = closing
        closing = closing.filtered(lambda t: vals.get("is_complaint", t.is_complaint))
        if closing and self.env.context.get("cron_id"):
            # Another module's scheduled action closes tickets in bulk: a complaint
            # that cannot close yet is left open and logged, the others close.
            blocked = closing._complaint_closing_problems(vals)
            if blocked:
                for ticket, missing in blocked.items():
                    _logger.warning(
                        "Scheduled action %s: complaint %s left open, it cannot be "
                        "closed yet (%s)",
                        self.env.context["cron_id"],
                        ticket.display_name,
                        missing,
                    )
                others = self - self.browse([t.id for t in blocked])
                return others.write(vals) if others else True
        closing._complaint_check_closable(vals)
        if "complaint_severity" in vals or "is_complaint" in vals:
            old = {t.id: (t.is_complaint, t.complaint_severity) for t in self}
        notify = self.browse()
        if vals.get("promised_date") or vals.get("is_complaint"):
            notify = self.filtered(
                lambda t: (
                    vals.get("is_complaint", t.is_complaint)
                    and (
                        not t.is_complaint
                        or (
                            "promised_date" in vals
                            and str(t.promised_date) != str(vals["promised_date"])
                        )
                    )
                )
            )
        res = super().write(vals)
        if "complaint_severity" in vals or "is_complaint" in vals:
            rerouted = self.filtered(
                lambda t: (
                    t.is_complaint
                    and (t.is_complaint, t.complaint_severity) != old[t.id]
                )
            )
            rerouted._complaint_route_handler()
            rerouted.filtered(
                lambda t: t.complaint_severity == "major"
            )._complaint_notify_manager()
        notify._complaint_notify_promise()
        closing._complaint_on_close()
        (closing_tickets - closing)._revisit_on_close()
        return res

    def _workflow_raise(self, names):
        """Escalation, first reply, satisfaction and reopenings are facts the
        complaint's actions record (as superuser), never typed in."""
        raise UserError(
            self.env._(
                "%(fields)s of a complaint change only through its actions.",
                fields=self._workflow_label(names),
            )
        )

    def _read_format(self, fnames, load="_classic_read"):
        """The customer's e-mail copied onto the ticket is blanked as the
        customer's own contact data: confidential and top-secret customers'
        for users outside their file (helpdesk agents included)."""
        result = super()._read_format(fnames, load=load)
        return hide_partner_contact(self, result, {"partner_id": list(PARTNER_COPIES)})

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports blank the copied e-mail as reading does."""
        columns = [
            i for i, path in enumerate(fields) if path and path[0] in PARTNER_COPIES
        ]
        hidden = (
            columns
            and self.env.uid != SUPERUSER_ID
            and self.sudo().partner_id.sudo(False)._revisit_contact_hidden_ids()
        )
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        for record in self:
            rows = super(HelpdeskTicket, record)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if rows and record.sudo().partner_id.id in hidden:
                for i in columns:
                    rows[0][i] = ""
            lines += rows
        return lines

    @api.model
    def _search(self, domain, *args, **kwargs):
        """Searching by the copied e-mail finds the tickets of the customers
        whose contact data the user reads only."""
        domain = Domain(domain)
        if not self.env.su and any(
            c.field_expr.split(".")[0] in PARTNER_COPIES
            for c in domain.iter_conditions()
        ):
            readers = Domain("partner_id", "=", False) | Domain(
                "partner_id",
                "any",
                self.env["res.partner"]._revisit_contact_readers_domain(),
            )
            domain = domain.map_conditions(
                lambda c: (
                    c & readers if c.field_expr.split(".")[0] in PARTNER_COPIES else c
                )
            )
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        """Grouping tickets by the copied e-mail leaves out the confidential
        customers' tickets the user may not read the contact data of."""
        specs = [*groupby, *(a for a in aggregates if a != "__count")]
        if not self.env.su and any(
            spec.split(":")[0].split(".")[0] in PARTNER_COPIES for spec in specs
        ):
            domain = Domain(domain) & (
                Domain("partner_id", "=", False)
                | Domain(
                    "partner_id",
                    "any",
                    self.env["res.partner"]._revisit_contact_readers_domain(),
                )
            )
        return super()._read_group(domain, groupby, aggregates, *args, **kwargs)

    def _revisit_env(self):
        """The environment of the texts written into the ticket (messages,
        activities, attachments): the language of the company's users, not
        the acting user's."""
        company = self.company_id[:1] or self.env.company
        return self.with_context(lang=company._revisit_lang()).env

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if (
            message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and not self.env.user.share
            and not self.env.context.get("revisit_complaint_acknowledgement")
        ):
            self.filtered(
                lambda t: t.is_complaint and not t.first_reply_date
            ).sudo().first_reply_date = fields.Datetime.now()
        return message

    # ------------------------------------------------------------------
    # Routing
    # ------------------------------------------------------------------

    def _complaint_route_handler(self):
        """Give the complaint to the user its severity calls for."""
        for ticket in self:
            route = ticket.team_id._complaint_route_user(ticket.complaint_severity)
            if route and route in ticket.team_id.user_ids and ticket.user_id != route:
                ticket.user_id = route

    def _complaint_notify_manager(self):
        """Major complaints reach the company manager at once."""
        for ticket in self:
            manager = ticket.team_id.complaint_manager_user_id
            if not manager:
                ticket.message_post(
                    body=ticket._revisit_env()._(
                        "Major complaint: no company manager is set on the team to "
                        "notify."
                    )
                )
                continue
            ticket.message_subscribe(partner_ids=manager.partner_id.ids)
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=ticket._revisit_env()._("Major complaint: %s", ticket.name),
                note=ticket._revisit_env()._(
                    "A major complaint was received; the company manager handles "
                    "and revisits it."
                ),
            )

    def _complaint_visitor(self):
        """Who makes the follow-up visit: the user the severity calls for."""
        self.ensure_one()
        return (
            self.team_id._complaint_route_user(self.complaint_severity)
            or self.responsible_user_id
            or self.user_id
        )

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------

    def _complaint_check_closable(self, vals=None):
        """Refuse to close complaints that are not judged and answered.

        `vals` are the values about to be written: the check runs before the
        write, so a refused closing leaves nothing behind.
        """
        problems = [
            self.env._(
                "%(ticket)s: %(missing)s",
                ticket=ticket.display_name,
                missing=missing,
            )
            for ticket, missing in self._complaint_closing_problems(vals).items()
        ]
        if problems:
            raise UserError(
                self.env._(
                    "These complaints cannot be closed yet:\n%s", "\n".join(problems)
                )
            )

    def _complaint_closing_problems(self, vals=None):
        """What each complaint still lacks to close: {ticket: text}."""
        vals = vals or {}
        problems = {}
        for ticket in self:

            def value(name, ticket=ticket):
                return vals[name] if name in vals else ticket[name]

            missing = []
            validity = value("complaint_validity")
            if validity == "pending":
                missing.append(self.env._("judge the complaint valid or invalid"))
            elif validity == "invalid":
                if not value("invalid_reason"):
                    missing.append(self.env._("give the reason it is invalid"))
            else:
                missing += [
                    self.env._(
                        "fill in the %s",
                        self._fields[name]._description_string(self.env),
                    )
                    for name in (
                        "responsible_department_id",
                        "responsible_user_id",
                        "cause_analysis",
                        "corrective_action",
                    )
                    if not value(name)
                ]
                if value("is_anonymous") or value("reply_only"):
                    # the reply letter is the answer, recorded when it closes
                    if not html2plaintext(value("complaint_reply") or "").strip():
                        missing.append(self.env._("write the reply letter"))
                elif not (
                    value("first_reply_date") or ticket.duplicate_id.first_reply_date
                ):
                    missing.append(
                        self.env._(
                            "reply to the customer (send them a message from the "
                            "ticket or publish the complaint letter)"
                        )
                    )
                if (
                    ticket.company_id.complaint_actions_required
                    and not ticket.complaint_action_ids
                ):
                    missing.append(
                        self.env._("plan the corrective and preventive actions")
                    )
                if ticket.complaint_action_ids.filtered(lambda a: a.state == "todo"):
                    missing.append(
                        self.env._("carry out the corrective and preventive actions")
                    )
            if missing:
                problems[ticket] = ", ".join(missing)
        return problems

    def _complaint_on_close(self):
        """Answer the complaint, plan its follow-up visit, close its duplicates."""
        template = self.env.ref("revisit_complaints.mail_template_complaint_invalid")
        invalid = self.filtered(lambda t: t.complaint_validity == "invalid")
        for ticket in invalid:
            ticket.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        valid = self - invalid
        valid.filtered(
            lambda t: t.is_anonymous or t.reply_only
        )._complaint_attach_reply()
        valid.filtered(
            lambda t: (
                t.partner_id
                and not (
                    t.is_anonymous
                    or t.reply_only
                    or t.duplicate_id
                    or t.complaint_escalated
                )
            )
        )._complaint_create_followup()
        self._complaint_close_duplicates()

    def _revisit_on_close(self):
        """A closed ordinary ticket: the team's revisit event (its rules sample
        which customers are asked about their satisfaction).

        Sudo: helpdesk agents close tickets without any revisit right.
        """
        self.env["revisit.event"].sudo()._create_once(
            self.filtered(lambda t: t.partner_id and t.team_id.revisit_ticket_trigger),
            lambda ticket: {
                "partner_id": ticket.partner_id.commercial_partner_id.id,
                "trigger": ticket.team_id.revisit_ticket_trigger,
                "reference": ticket.number,
            },
        )

    def _complaint_attach_reply(self):
        """Anonymous and reply-only complaints keep their reply letter as a file."""
        for ticket in self:
            attachment = self.env["ir.attachment"].create(
                {
                    "name": ticket._revisit_env()._("Reply %s.html", ticket.number),
                    "raw": (ticket.complaint_reply or "").encode(),
                    "mimetype": "text/html",
                    "res_model": ticket._name,
                    "res_id": ticket.id,
                }
            )
            ticket.message_post(
                body=ticket._revisit_env()._(
                    "Reply letter attached; no follow-up visit."
                ),
                attachment_ids=attachment.ids,
            )
            if not ticket.first_reply_date:
                ticket.sudo().first_reply_date = fields.Datetime.now()

    def _complaint_create_followup(self):
        """A closed valid complaint is revisited as the complaint rule says.

        The revisit event samples the complaint (the rule's rate, key customers
        always). Major complaints and complaints reopened by a dissatisfied customer
        are always revisited: when sampling gave no visit, one is created from the
        rule's first step. The visits go to the user the severity calls for.
        """
        for ticket in self:
            today = ticket.company_id._revisit_today()
            event = (
                self.env["revisit.event"]
                .sudo()
                .create(
                    {
                        "partner_id": ticket.partner_id.id,
                        "trigger": "complaint",
                        "date": today,
                        "reference": ticket.number,
                        "company_id": ticket.company_id.id,
                    }
                )
            )
            visits = event.visit_ids
            if not visits and (
                ticket.complaint_severity == "major" or ticket.reopen_count
            ):
                visits = ticket._complaint_force_visit(event)
            visitor = ticket._complaint_visitor()
            if visitor:
                visits.filtered(lambda v, u=visitor: v.user_id != u).user_id = visitor
            # sudo: the complaint's own follow-up visits, planned just above
            values = {"ticket_id": ticket.id, "followup_ticket_id": ticket.id}
            if ticket.complaint_severity == "major" and ticket.reopen_count:
                # R074: from the second visit on only complaints that are not
                # major (第三类) may be revisited by phone
                values["method"] = "onsite"
            visits.sudo().write(values)
            if visits:
                ticket.message_post(
                    body=ticket._revisit_env()._(
                        "Follow-up visit planned: %(visits)s, by %(user)s.",
                        visits=", ".join(visits.mapped("name")),
                        user=visits[:1].user_id.name or "-",
                    )
                )
            else:
                ticket.message_post(
                    body=ticket._revisit_env()._("Not sampled for a follow-up visit.")
                )

    def _complaint_force_visit(self, event):
        """Plan the follow-up visit the complaint rule's first step describes."""
        self.ensure_one()
        rule = (
            self.env["revisit.rule"]
            .sudo()
            .search(
                [
                    ("trigger", "=", "complaint"),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        step = rule.step_ids[:1]
        scheduled = event.date + timedelta(days=step.offset_days if step else 0)
        deadline = step._deadline(event.date) if step else scheduled + timedelta(days=3)
        values = rule._visit_values(
            self.partner_id,
            scheduled,
            deadline,
            step=step,
            event_id=event.id,
            company=self.company_id,
            user_id=self._complaint_visitor().id,
        )
        if not rule:
            values["purpose"] = self.name
        return self.env["revisit.planner"]._create_visits([[values]])

    def _complaint_close_duplicates(self):
        """Duplicates share the outcome of their original and close with it."""
        for ticket in self:
            # only the duplicates the proposal linked: a ticket somebody
            # pointed at this one does not receive its analysis
            duplicates = ticket.duplicate_ids.filtered(
                lambda t, ticket=ticket: (
                    not t.stage_id.closed and t.duplicate_marked_id == ticket
                )
            )
            for duplicate in duplicates:
                stages = duplicate.team_id._get_applicable_stages()
                stage = (
                    ticket.stage_id
                    if ticket.stage_id in stages
                    else stages.filtered("closed")[:1]
                )
                values = {
                    name: ticket._fields[name].convert_to_write(ticket[name], ticket)
                    for name in SHARED_OUTCOME_FIELDS
                }
                duplicate.write(dict(values, is_complaint=True, stage_id=stage.id))
                duplicate.message_post(
                    body=duplicate._revisit_env()._(
                        "Closed together with the original complaint %s.",
                        ticket.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Follow-up loop
    # ------------------------------------------------------------------

    def _complaint_apply_visit_outcome(self, visit):
        """A done follow-up visit either satisfies the customer or reopens it."""
        self.ensure_one()
        threshold = self.company_id.revisit_low_satisfaction
        dissatisfied = visit.followup_needed or (
            visit.satisfaction and visit.satisfaction <= threshold
        )
        if not dissatisfied:
            self.sudo().customer_satisfied = True
            return
        stages = self.team_id._get_applicable_stages().filtered(lambda s: not s.closed)
        stage = stages.filtered(lambda s: not s.unattended)[:1] or stages[:1]
        self.sudo().write(
            {
                "stage_id": stage.id,
                "customer_satisfied": False,
                "reopen_count": self.reopen_count + 1,
            }
        )
        self.message_post(
            body=self._revisit_env()._(
                "The follow-up visit %s found the customer dissatisfied: the "
                "complaint is reopened.",
                visit.name,
            )
        )
        handler = self.responsible_user_id or self.user_id
        if handler:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=handler.id,
                summary=self._revisit_env()._("Customer still dissatisfied"),
                note=Markup("<p>%s</p>") % (visit.feedback or visit.problem or ""),
            )

    def action_complaint_close(self):
        """Close the complaint in its team's first closed stage."""
        for ticket in self:
            stage = ticket.team_id._get_applicable_stages().filtered("closed")[:1]
            ticket.stage_id = stage
        return True

    def action_complaint_close_escalated(self):
        """The manager closes a complaint the visits could not settle."""
        if not (
            self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")
            or self.env.user.has_group("revisit_management.group_revisit_manager")
        ):
            raise UserError(
                self.env._("Only a manager can close a complaint as escalated.")
            )
        self.check_access("write")
        for ticket in self:
            stage = ticket.team_id._get_applicable_stages().filtered("closed")[:1]
            ticket.sudo().write({"complaint_escalated": True, "stage_id": stage.id})
        return True

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------

    def action_link_possible_duplicate(self):
        for ticket in self:
            original = ticket.possible_duplicate_id
            if not original:
                raise UserError(
                    self.env._("No earlier complaint of this customer looks alike.")
                )
            ticket.duplicate_of_id = original
            # sudo: the link the workflow made, after the user linked it above
            ticket.sudo().duplicate_marked_id = original
        return True

    # ------------------------------------------------------------------
    # Screens
    # ------------------------------------------------------------------

    def action_view_revisit_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "revisit_complaints.revisit_visit_action_complaint"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Intake: the customer is told when the answer will come
    # ------------------------------------------------------------------

    def _complaint_notify_promise(self):
        """Tell the customer the promised reply date, in their language, by
        e-mail, else by SMS; say on the ticket when neither is possible."""
        template = self.env.ref("revisit_complaints.mail_template_complaint_promise")
        for ticket in self.filtered(
            lambda t: t.is_complaint and t.promised_date and not t.is_anonymous
        ):
            partner = ticket.partner_id
            if partner.email or (not partner and ticket.partner_email):
                ticket.with_context(
                    revisit_complaint_acknowledgement=True
                ).message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            elif partner.phone:
                lang = partner.lang or ticket.company_id._revisit_lang()
                env = ticket.with_context(lang=lang).env
                # a gateway sending approved templates only (revisit_sms_china)
                # sends the acknowledgement's template with these values
                ticket.with_context(
                    sms_template_kind="acknowledgement",
                    sms_template_params={
                        "company": ticket.company_id.name,
                        "customer": partner.name,
                        "number": ticket.number,
                        "date": format_date(env, ticket.promised_date),
                    },
                )._message_sms(
                    env._(
                        "%(company)s: we received your complaint %(number)s and will "
                        "answer you by %(date)s.",
                        company=ticket.company_id.name,
                        number=ticket.number,
                        date=format_date(env, ticket.promised_date),
                    ),
                    partner_ids=partner.ids,
                    put_in_queue=True,
                )
            else:
                ticket.message_post(
                    body=ticket._revisit_env()._(
                        "The customer has no e-mail or phone: tell them by another "
                        "way that they will have an answer by %s.",
                        format_date(ticket._revisit_env(), ticket.promised_date),
                    )
                )

    # ------------------------------------------------------------------
    # Scheduled action: same-day investigation
    # ------------------------------------------------------------------

    @api.model
    def _complaint_investigation_domain(self):
        """Complaints still not judged after their investigation day, each
        company on its own calendar day."""
        return Domain.OR(
            Domain(
                [
                    ("company_id", "=", company.id),
                    ("is_complaint", "=", True),
                    ("stage_id.closed", "=", False),
                    ("complaint_validity", "=", "pending"),
                    ("investigation_escalated", "=", False),
                    ("investigation_deadline", "<", company._revisit_today()),
                ]
            )
            for company in self.env["res.company"].sudo().search([])
        )

    @api.model
    def _cron_complaint_investigation(self, batch_size=None):
        """Escalate complaints not investigated on the day they came in."""

        def escalate(tickets):
            for ticket in tickets:
                ticket._complaint_investigation_escalate()
            tickets.write({"investigation_escalated": True})

        self.env["revisit.cron"]._batches(
            self, self._complaint_investigation_domain(), escalate, batch_size
        )

    def _complaint_investigation_escalate(self):
        def received(env):
            return format_date(env, self.investigation_deadline)

        self._complaint_escalate(
            lambda env: env._(
                "The complaint was not investigated and judged on the day it was "
                "received (%s): escalated.",
                received(env),
            ),
            lambda env: env._("Complaint not investigated the same day"),
            lambda env: env._(
                "Received on %s and still not judged valid or invalid.", received(env)
            ),
        )

    def _complaint_escalate(self, message, summary, note):
        """Log ``message(env)`` on the complaint and give its supervisor (the
        team's complaint head, else its leader, else the company manager) a
        warning ``summary(env)``, ``note(env)``: in the company's language."""
        self.ensure_one()
        team = self.team_id
        supervisor = (
            team.complaint_head_user_id
            or team.user_id
            or team.complaint_manager_user_id
        )
        env = self._revisit_env()
        self.message_post(body=Markup("<p>%s</p>") % message(env))
        if supervisor:
            self.activity_schedule(
                "mail.mail_activity_data_warning",
                user_id=supervisor.id,
                summary=summary(env),
                note=note(env),
            )

    # ------------------------------------------------------------------
    # Scheduled action: promised reply dates (revisit.promise.mixin)
    # ------------------------------------------------------------------

    @api.model
    def _cron_complaint_promises(self, batch_size=None):
        """Remind handlers before the promised reply date, escalate after it."""
        self._cron_promises(batch_size)

    @api.model
    def _promise_pending_domain(self):
        return [("is_complaint", "=", True), ("stage_id.closed", "=", False)]

    @api.model
    def _promise_reminder_days(self, company):
        return company.complaint_reminder_days

    def _promise_remind(self):
        for ticket in self:
            handler = ticket.user_id or ticket.responsible_user_id
            if not handler:
                continue
            env = ticket._revisit_env()
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=ticket.promised_date,
                user_id=handler.id,
                summary=env._("Reply promised to the customer"),
                note=env._(
                    "The customer was promised an answer by %s.", ticket.promised_date
                ),
            )

    def _promise_escalate(self, today):
        for ticket in self:
            ticket._complaint_escalate(
                lambda env, t=ticket: env._(
                    "The reply promised for %s is overdue: escalated.", t.promised_date
                ),
                lambda env: env._("Overdue complaint reply"),
                lambda env, t=ticket: env._(
                    "The customer was promised an answer by %s and has none yet.",
                    t.promised_date,
                ),
            )
