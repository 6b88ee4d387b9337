from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

from .input_check import check_values
from .revisit_visit_states import OPEN_STATES

CONFIDENTIALITY = [
    ("normal", "Normal"),
    ("secret", "Secret"),
    ("confidential", "Confidential"),
    ("top_secret", "Top Secret"),
]
# contact data (联系人资料) hidden from users outside the customer's revisit file
CONTACT_FIELDS = (
    "phone",
    "phone_sanitized",
    "email",
    "email_formatted",
    "email_normalized",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "contact_address",
)
PROTECTED_LEVELS = ("confidential", "top_secret")
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(CONFIDENTIALITY)}
# display_name context keys that add contact data (or the id) to a partner's name
DISPLAY_CONTEXT_KEYS = (
    "show_email",
    "show_address",
    "show_address_only",
    "address_inline",
    "show_vat",
    "partner_show_db_id",
    "show_phone",
)
# who the customer's file belongs to: changed by revisit supervisors only
OWNER_FIELDS = (
    "revisit_user_id",
    "revisit_department_id",
    "revisit_area_id",
    "revisit_confidentiality",
)
SUPERVISOR_GROUP = "revisit_management.group_revisit_supervisor"


class ResPartner(models.Model):
    _inherit = "res.partner"

    revisit_tier_id = fields.Many2one("revisit.tier", string="Value Tier", index=True)
    revisit_user_id = fields.Many2one(
        "res.users", string="Revisit Owner", index="btree_not_null"
    )
    revisit_department_id = fields.Many2one("hr.department", index="btree_not_null")
    revisit_area_id = fields.Many2one(
        "revisit.area",
        index="btree_not_null",
        help="The area's assistants visit the customer when it has no revisit owner.",
    )
    revisit_key_customer = fields.Boolean(
        string="Key Customer", help="Key customers are always visited, never sampled."
    )
    revisit_notify_channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS")],
        string="Visit Notice By",
        default="email",
        help="How the customer is told of a coming visit; the other channel is "
        "used when this one has no address or number.",
    )
    revisit_contact_hours = fields.Char(
        string="Preferred Contact Hours", help="e.g. weekdays 9:00-11:00"
    )
    revisit_dnd_weekdays = fields.Char(
        string="Rest Days",
        help="Days of the week on which the customer is never visited, as ISO "
        "numbers separated by commas: 1 is Monday, 7 is Sunday (e.g. 6,7).",
    )
    revisit_dnd_from = fields.Float(
        string="Do Not Disturb From",
        help="Start of the daily do-not-disturb window (hour, 0-24).",
    )
    revisit_dnd_to = fields.Float(
        string="Do Not Disturb To",
        help="End of the daily do-not-disturb window (hour, 0-24).",
    )
    revisit_dnd_until = fields.Date(
        string="Do Not Disturb Until",
        help="No visit before this date, e.g. while the customer recovers.",
    )
    revisit_min_interval_days = fields.Integer(
        string="Minimum Days Between Visits",
        default=lambda self: self.env.company.revisit_min_interval_days,
        help="No visit is scheduled closer than this to another visit of the "
        "customer (visits of the same event excepted).",
    )
    revisit_confidentiality = fields.Selection(
        CONFIDENTIALITY,
        string="Confidentiality",
        default="normal",
        required=True,
        help="Secret: supervisors, managers and the revisit owner read the "
        "customer's visits. Confidential: managers, the head of the visit's "
        "department and the revisit owner. Top secret: managers and the revisit "
        "owner only.",
    )
    revisit_effective_confidentiality = fields.Selection(
        CONFIDENTIALITY,
        string="Effective Confidentiality",
        compute="_compute_revisit_effective_confidentiality",
        store=True,
        index=True,
        help="The stricter of the contact's own level and its company's: what "
        "the record rules and the contact data protection read.",
    )
    revisit_file_person = fields.Boolean(
        string="One of the File's People",
        compute="_compute_revisit_file_person",
        search="_search_revisit_file_person",
        help="You own this customer's file, head its department (confidential "
        "files) or manage revisits in its company.",
    )
    revisit_visit_ids = fields.One2many(
        "revisit.visit", "partner_id", string="Revisits"
    )
    revisit_periodic_due = fields.Date(
        string="Next Periodic Visit Due",
        compute="_compute_revisit_periodic_due",
        store=True,
        index="btree_not_null",
        help="When the value tier asks for the next visit: the tier's interval "
        "after the last visit done (or the last periodic attempt). Empty while a "
        "visit is open or without a tier.",
    )
    revisit_last_date = fields.Date(
        string="Last Visit", compute="_compute_revisit_stats"
    )
    revisit_next_date = fields.Date(
        string="Next Visit", compute="_compute_revisit_stats"
    )
    revisit_visit_count = fields.Integer(
        string="Visit Count", compute="_compute_revisit_stats"
    )
    revisit_satisfaction_avg = fields.Float(
        string="Average Satisfaction", compute="_compute_revisit_stats"
    )
    revisit_open_problem_count = fields.Integer(
        string="Open Problems", compute="_compute_revisit_stats"
    )

    @api.model
    def _revisit_customer_domain(self, companies):
        """The companies' customers, for coverage and campaigns: the active
        partners with a value tier or a revisit, shared or of the companies."""
        return (
            Domain("active", "=", True)
            & Domain("company_id", "in", [*companies.ids, False])
            & (
                Domain("revisit_tier_id", "!=", False)
                | Domain(
                    "revisit_visit_ids", "any", [("company_id", "in", companies.ids)]
                )
            )
        )

    @api.depends("revisit_visit_ids.state", "revisit_visit_ids.satisfaction")
    def _compute_revisit_stats(self):
        Visit = self.env["revisit.visit"]
        partner_ids = self._origin.ids
        done = {
            partner.id: (last, count, avg)
            for partner, last, count, avg in Visit._read_group(
                [("partner_id", "in", partner_ids), ("state", "=", "done")],
                ["partner_id"],
                ["done_date:max", "__count", "satisfaction:avg"],
            )
        }
        upcoming = {
            partner.id: first
            for partner, first in Visit._read_group(
                [
                    ("partner_id", "in", partner_ids),
                    ("state", "in", ("todo", "appointed")),
                ],
                ["partner_id"],
                ["scheduled_date:min"],
            )
        }
        problems = dict(
            (partner.id, count)
            for partner, count in Visit._read_group(
                [("partner_id", "in", partner_ids), ("followup_needed", "=", True)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            key = partner._origin.id
            last, count, avg = done.get(key, (False, 0, 0.0))
            partner.revisit_last_date = last
            partner.revisit_visit_count = count
            partner.revisit_satisfaction_avg = avg or 0.0
            partner.revisit_next_date = upcoming.get(key, False)
            partner.revisit_open_problem_count = problems.get(key, 0)

    @api.depends(
        "revisit_tier_id.interval_months",
        "revisit_visit_ids.state",
        "revisit_visit_ids.active",
        "revisit_visit_ids.done_date",
        "revisit_visit_ids.period_start",
    )
    def _compute_revisit_periodic_due(self):
        tiered = self.filtered("revisit_tier_id")
        (self - tiered).revisit_periodic_due = False
        if not tiered:
            return
        Visit = self.env["revisit.visit"].sudo()
        ids = tiered._origin.ids
        busy = {
            partner.id
            for (partner,) in Visit._read_group(
                [("partner_id", "in", ids), ("state", "in", OPEN_STATES)],
                ["partner_id"],
            )
        }
        last = dict(
            Visit._read_group(
                [("partner_id", "in", ids), ("state", "=", "done")],
                ["partner_id"],
                ["done_date:max"],
            )
        )
        attempts = dict(
            Visit._read_group(
                [
                    ("partner_id", "in", ids),
                    ("period_start", "!=", False),
                    ("state", "in", ("unreachable", "cancelled")),
                ],
                ["partner_id"],
                ["period_start:max"],
            )
        )
        for partner in tiered:
            key = partner._origin
            if key.id in busy:
                partner.revisit_periodic_due = False
                continue
            base = max(
                (day for day in (last.get(key), attempts.get(key)) if day),
                default=False,
            )
            if base:
                partner.revisit_periodic_due = base + relativedelta(
                    months=partner.revisit_tier_id.interval_months
                )
            else:
                # never visited: due since the customer was created
                company = partner.company_id or self.env.company
                partner.revisit_periodic_due = (
                    company._revisit_date_of(partner.create_date)
                    if partner.create_date
                    else company._revisit_today()
                )

    # ------------------------------------------------------------------
    # Confidential customers: contact data and who owns the file
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._revisit_check_owner_vals(vals, create=True)
        partners = super().create(vals_list)
        partners.filtered("revisit_tier_id")._revisit_welcome()
        return partners

    def write(self, vals):
        self._revisit_check_owner_vals(vals)
        untiered = (
            self.filtered(lambda p: not p.revisit_tier_id)
            if vals.get("revisit_tier_id")
            else self.browse()
        )
        res = super().write(vals)
        untiered._revisit_welcome()
        return res

    def _revisit_welcome(self):
        """A customer who gets a value tier joins the revisit programme: one
        New Customer event (once per customer), where the company asks for it."""
        partners = self.filtered(
            lambda p: (
                p.active
                and (p.company_id or self.env.company).revisit_new_customer_event
            )
        )
        if not partners:
            return
        Event = self.env["revisit.event"].sudo()
        welcomed = {
            partner.id
            for (partner,) in Event._read_group(
                [("partner_id", "in", partners.ids), ("trigger", "=", "new_customer")],
                ["partner_id"],
            )
        }
        vals_list = []
        for partner in partners:
            if partner.id in welcomed:
                continue
            company = partner.company_id or self.env.company
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "trigger": "new_customer",
                    "date": company._revisit_today(),
                    "company_id": company.id,
                }
            )
        if vals_list:
            Event.create(vals_list)

    def _revisit_check_owner_vals(self, vals, create=False):
        check_values(
            self, [{k: v for k, v in vals.items() if k.startswith("revisit_")}]
        )
        if self.env.su or self.env.user.has_group(SUPERVISOR_GROUP):
            return
        changed = [
            name
            for name in OWNER_FIELDS
            if name in vals
            and not (create and vals[name] in (False, None, "normal"))
            and not (
                not create
                and all(
                    self._fields[name].convert_to_write(p[name], p) == vals[name]
                    for p in self
                )
            )
        ]
        if changed:
            raise AccessError(
                self.env._(
                    "Only revisit supervisors change a customer's revisit owner, "
                    "department and confidentiality."
                )
            )

    @api.depends(
        "revisit_confidentiality", "commercial_partner_id.revisit_confidentiality"
    )
    def _compute_revisit_effective_confidentiality(self):
        for partner in self:
            levels = (
                partner.revisit_confidentiality or "normal",
                partner.commercial_partner_id.revisit_confidentiality or "normal",
            )
            partner.revisit_effective_confidentiality = max(levels, key=LEVEL_RANK.get)

    @api.model
    def _revisit_file_people_domain(self):
        """The one place that says who the file's people are, as a domain on
        the partners whose file the current user belongs to: the revisit owner
        (of the contact or of its company), the head of the file's department
        for files at most confidential, and revisit managers for their
        companies' customers. Record rules read it through
        ``revisit_file_person``; contact data is blanked for the others."""
        user = self.env.user
        domain = (
            Domain("revisit_user_id", "=", user.id)
            | Domain("commercial_partner_id.revisit_user_id", "=", user.id)
            | (
                Domain("revisit_effective_confidentiality", "!=", "top_secret")
                & Domain(
                    "commercial_partner_id.revisit_department_id.manager_id.user_id",
                    "=",
                    user.id,
                )
            )
        )
        if user.has_group("revisit_management.group_revisit_manager"):
            # a shared customer is the managers' of the companies it is visited
            # in, or of every company while it has no visit yet
            companies = self.env.companies.ids
            Visit = self.env["revisit.visit"].sudo().with_context(active_test=False)
            shared = Domain("commercial_partner_id.company_id", "=", False) & (
                Domain(
                    "commercial_partner_id.revisit_visit_ids",
                    "any",
                    Visit._search([("company_id", "in", companies)]),
                )
                | Domain(
                    "commercial_partner_id.revisit_visit_ids",
                    "not any",
                    Visit._search([]),
                )
            )
            domain |= (
                Domain("commercial_partner_id.company_id", "in", companies) | shared
            )
        return domain

    def _compute_revisit_file_person(self):
        ids = set(
            self.sudo()
            .with_context(active_test=False)
            ._search(
                Domain("id", "in", self._origin.ids)
                & self._revisit_file_people_domain()
            )
        )
        for partner in self:
            partner.revisit_file_person = partner._origin.id in ids

    def _search_revisit_file_person(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = self._revisit_file_people_domain()
        return domain if (True in value) == (operator == "in") else ~domain

    @api.model
    def _revisit_contact_readers_domain(self):
        """Partners whose contact data the current user reads: those below
        confidential, the file's people's and the user's own company."""
        return (
            Domain("revisit_effective_confidentiality", "not in", PROTECTED_LEVELS)
            | self._revisit_file_people_domain()
            | Domain(
                "commercial_partner_id",
                "=",
                self.env.user.partner_id.commercial_partner_id.id,
            )
        )

    @api.model
    @tools.ormcache()
    def _revisit_contact_fnames(self):
        """The contact data (联系人资料) and every field of the partner computed
        as a text from or related to it (contact_address_inline,
        email_normalized…), so
        that a field another addon adds is covered the day it is installed."""
        names = set(CONTACT_FIELDS) | ({"mobile"} & set(self._fields))
        changed = True
        while changed:
            changed = False
            for name, field in self._fields.items():
                # texts can carry the value; links and flags derived from the
                # address (pricelist, duplicate VAT…) do not
                if (
                    name in names
                    or name == "display_name"
                    or field.type not in ("char", "text", "html")
                ):
                    continue
                depends = self.pool.field_depends.get(field, ())
                if any(dep.split(".")[0] in names for dep in depends):
                    names.add(name)
                    changed = True
        return frozenset(names)

    def _read_format(self, fnames, load="_classic_read"):
        """Blank the contact data of confidential and top-secret customers for
        users outside their revisit file (see readme/CONFIGURE.md). Reading only:
        server code (mails, documents of other apps) still sees the values."""
        result = super()._read_format(fnames, load=load)
        hidden_fields = [n for n in fnames if n in self._revisit_contact_fnames()]
        # what is read is sent to a user: blanked as that user even when read
        # with sudo (the chatter reads followers' partners so)
        if hidden_fields and self.env.uid != SUPERUSER_ID:
            hidden = self.sudo(False)._revisit_contact_hidden_ids()
            for vals in result:
                if vals["id"] in hidden:
                    vals.update(dict.fromkeys(hidden_fields, False))
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports blank the same contact data as reading (客户信息…不得泄露给
        第三方): record by record when some of them are hidden."""
        protected = self._revisit_contact_fnames()
        columns = [i for i, path in enumerate(fields) if path and path[0] in protected]
        hidden = columns and not self.env.su and self._revisit_contact_hidden_ids()
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        for record in self:
            rows = super(ResPartner, record)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if rows and record.id in hidden:
                for i in columns:
                    rows[0][i] = ""
            lines += rows
        return lines

    @api.depends_context("uid", *DISPLAY_CONTEXT_KEYS)
    def _compute_display_name(self):
        """A name shown with its e-mail, address or id (context keys of other
        apps) shows none of them for a partner whose contact data is hidden."""
        keys = [key for key in DISPLAY_CONTEXT_KEYS if self.env.context.get(key)]
        # as the user even under sudo: a many2one shows its display name so
        hidden = (
            self.browse(self.sudo(False)._revisit_contact_hidden_ids())
            if keys and self.env.uid != SUPERUSER_ID
            else self.browse()
        )
        result = super(ResPartner, self - hidden)._compute_display_name()
        if hidden:
            # computed in a plain context (the field is being computed: read
            # from the cache the compute fills, not through the field)
            plain = hidden.with_context(**dict.fromkeys(keys, False))
            super(ResPartner, plain)._compute_display_name()
            for partner, plain_partner in zip(hidden, plain, strict=True):
                partner.display_name = plain_partner.display_name
        return result

    @api.model
    def _search(self, domain, *args, **kwargs):
        """A condition on the contact data only matches the partners whose
        contact data the user reads: searching by a secret e-mail or phone
        finds nobody (name_search included, which searches the e-mail)."""
        if self.env.su:
            return super()._search(domain, *args, **kwargs)
        protected = self._revisit_contact_fnames()
        # display_name and other searchable fields resolved to their conditions
        domain = Domain(domain).optimize_full(self)
        if any(
            condition.field_expr.split(".")[0] in protected
            for condition in domain.iter_conditions()
        ):
            readers = self._revisit_contact_readers_domain()
            domain = domain.map_conditions(
                lambda condition: (
                    condition & readers
                    if condition.field_expr.split(".")[0] in protected
                    else condition
                )
            )
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        """Grouping by contact data (or aggregating it) leaves out the partners
        whose contact data the user may not read: a group key is a value."""
        protected = self._revisit_contact_fnames()
        specs = [*groupby, *(a for a in aggregates if a != "__count")]
        if not self.env.su and any(
            spec.split(":")[0].split(".")[0] in protected for spec in specs
        ):
            domain = Domain(domain) & self._revisit_contact_readers_domain()
        return super()._read_group(domain, groupby, aggregates, *args, **kwargs)

    def _revisit_contact_hidden_ids(self):
        """Ids of the partners in self whose contact data the current user may
        not read: confidential or top-secret ones (by their own or their
        company's level) outside the user's files."""
        if self.env.su:
            return set()
        ids = [pid for pid in self._origin.ids if isinstance(pid, int)]
        if not ids:
            return set()
        return set(
            self.sudo()
            .with_context(active_test=False)
            ._search(Domain("id", "in", ids) & ~self._revisit_contact_readers_domain())
        )

    @api.constrains("revisit_dnd_weekdays", "revisit_dnd_from", "revisit_dnd_to")
    def _check_revisit_dnd(self):
        for partner in self:
            partner._revisit_rest_days()
            if not (
                0 <= partner.revisit_dnd_from <= 24
                and 0 <= partner.revisit_dnd_to <= 24
            ):
                raise ValidationError(
                    self.env._("The do-not-disturb hours lie between 0 and 24.")
                )

    @api.constrains("revisit_min_interval_days")
    def _check_revisit_min_interval(self):
        if any(not 0 <= p.revisit_min_interval_days <= 3650 for p in self):
            raise ValidationError(
                self.env._(
                    "The minimum interval between visits lies between 0 and 3650 days."
                )
            )

    def _revisit_rest_days(self):
        """ISO weekdays (1-7) on which the customer must not be visited."""
        self.ensure_one()
        days = set()
        for part in (self.revisit_dnd_weekdays or "").replace(" ", "").split(","):
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 7:
                raise ValidationError(
                    self.env._(
                        "Rest days are week day numbers from 1 (Monday) to 7 "
                        "(Sunday) separated by commas, e.g. 6,7."
                    )
                )
            days.add(int(part))
        if len(days) == 7:
            raise ValidationError(
                self.env._("A customer cannot rest every day of the week.")
            )
        return days

    def _revisit_in_dnd_hours(self, hour):
        """Whether an hour of the day falls in the daily do-not-disturb window."""
        self.ensure_one()
        start, end = self.revisit_dnd_from, self.revisit_dnd_to
        if start == end:
            return False
        if start < end:
            return start <= hour < end
        return hour >= start or hour < end  # window across midnight

    def _revisit_visit_priority(self):
        """Priority of the customer's visits: key (important) customers are
        urgent, the others take their value tier's (big customers high)."""
        self.ensure_one()
        if self.revisit_key_customer:
            return "2"
        return self.revisit_tier_id.visit_priority or "0"

    def _revisit_notice_channel(self):
        """The channel of the customer's visit notice: their choice when they
        have its address, else the other one, else none."""
        self.ensure_one()
        channels = {"email": bool(self.email), "sms": bool(self.phone)}
        preferred = self.revisit_notify_channel or "email"
        other = "sms" if preferred == "email" else "email"
        return next((c for c in (preferred, other) if channels[c]), False)


def hide_partner_contact(records, result, copies):
    """Blank, in ``result`` (what ``_read_format`` of ``records`` returns), the
    copies of a partner's contact data that other models keep or relate
    (``copies``: {many2one to res.partner: [copied field names]}), for the
    partners whose contact data the current user may not read."""
    if records.env.uid == SUPERUSER_ID:
        return result
    names = {n for fnames in copies.values() for n in fnames}
    if not result or not names & set(result[0]):
        return result
    sudo = records.sudo().with_context(active_test=False)
    partners = records.env["res.partner"].browse(
        {
            pid
            for link in copies
            for pid in sudo.browse([vals["id"] for vals in result])[link].ids
        }
    )
    hidden = partners.sudo(False)._revisit_contact_hidden_ids()
    if not hidden:
        return result
    for vals in result:
        record = sudo.browse(vals["id"])
        for link, fnames in copies.items():
            if record[link].id in hidden:
                vals.update({n: False for n in fnames if n in vals})
    return result
