from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.revisit_management.models.res_partner import (
    CONTACT_FIELDS,
    OWNER_FIELDS,
)
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

CUSTODIAN_GROUP = "revisit_archive.group_revisit_archive_custodian"
# the fields whose changes the archive register records
LOGGED_FIELDS = (
    "name",
    *CONTACT_FIELDS,
    *OWNER_FIELDS,
    "revisit_tier_id",
    "revisit_key_customer",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    revisit_verified_date = fields.Date(
        string="File Verified On",
        copy=False,
        readonly=True,
        help="Last day the customer's file was checked and found up to date.",
    )
    revisit_verify_due = fields.Date(
        string="File Verification Due",
        compute="_compute_revisit_verify_due",
        store=True,
        index="btree_not_null",
        help="Customer files are verified again at least monthly (Settings).",
    )
    revisit_verify_reminded = fields.Boolean(copy=False, readonly=True)
    revisit_access_granted = fields.Boolean(
        string="File Access Granted",
        compute="_compute_revisit_access_granted",
        search="_search_revisit_access_granted",
        help="You hold an approved request to read this customer's file today.",
    )

    @api.depends(
        "revisit_verified_date",
        "revisit_user_id",
        "revisit_tier_id",
        "parent_id",
        "company_id.revisit_verify_months",
    )
    def _compute_revisit_verify_due(self):
        for partner in self:
            if partner.parent_id or not (
                partner.revisit_user_id or partner.revisit_tier_id
            ):
                partner.revisit_verify_due = False
                continue
            company = partner.company_id or self.env.company
            start = partner.revisit_verified_date or (
                company._revisit_date_of(partner.create_date)
                if partner.create_date
                else company._revisit_today()
            )
            partner.revisit_verify_due = start + relativedelta(
                months=max(company.revisit_verify_months, 1)
            )

    def _compute_revisit_access_granted(self):
        granted = self._revisit_granted_ids()
        for partner in self:
            partner.revisit_access_granted = partner.id in granted

    def _search_revisit_access_granted(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        positive = (True in value) == (operator == "in")
        return [
            ("id", "in" if positive else "not in", list(self._revisit_granted_ids()))
        ]

    @api.model
    def _revisit_granted_ids(self):
        """The customers (and their contacts) whose file the current user may
        read today by an approved request. A contact person with a stricter
        level of its own than its company's is a file of its own: the
        company's request does not open it."""
        partner_ids = self.env["revisit.archive.request"]._granted_partner_ids()
        if not partner_ids:
            return set()
        partners = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", partner_ids)])
        )
        return set(
            partners.filtered(
                lambda p: (
                    p.revisit_effective_confidentiality
                    == p.commercial_partner_id.revisit_effective_confidentiality
                )
            ).ids
        )

    @api.model
    def _revisit_contact_readers_domain(self):
        granted = self._revisit_granted_ids()
        domain = super()._revisit_contact_readers_domain()
        return domain | Domain("id", "in", list(granted)) if granted else domain

    def write(self, vals):
        logged = [name for name in LOGGED_FIELDS if name in vals]
        if not logged or self.env.context.get("install_mode"):
            return super().write(vals)
        files = self._revisit_archive_files()
        result = super().write(vals)
        # a customer whose file begins or ends with this change too
        files |= self._revisit_archive_files()
        if files:
            company = files[:1].company_id or self.env.company
            env = self.with_context(lang=company._revisit_lang()).env
            labels = ", ".join(
                self._fields[name]._description_string(env) for name in logged
            )
            self.env["revisit.archive.log"]._log(
                files, "change", env._("Changed: %(fields)s", fields=labels)
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_revisit_file(self):
        """R117 (在…分别核准后,方可销毁): a customer with visits or an archive
        register is not deleted by hand: its file goes through an approved
        archive destruction, which erases and archives it."""
        if self.env.su and self.env.context.get("revisit_destruction_approved"):
            return
        kept = self.env["revisit.visit"].sudo().with_context(
            active_test=False
        ).search_count([("partner_id", "in", self.ids)], limit=1) or self.env[
            "revisit.archive.log"
        ].sudo().search_count([("partner_id", "in", self.ids)], limit=1)
        if kept:
            raise UserError(
                self.env._(
                    "A customer with revisit records is destroyed through an "
                    "approved archive destruction, not deleted."
                )
            )

    def _revisit_archive_files(self):
        """The partners in self that belong to a customer file: a revisit owner,
        a value tier or a confidentiality level."""
        return self.sudo().filtered(
            lambda p: (
                p.commercial_partner_id.revisit_user_id
                or p.commercial_partner_id.revisit_tier_id
                or p.commercial_partner_id.revisit_confidentiality != "normal"
            )
        )

    def _revisit_may_update_file(self):
        """Whether the current user may update this customer's file (checked
        as the user, before the superuser writes it): never the partner of a
        user (internal or portal: their e-mail resets their password), only a
        customer of the user's companies whose contact data the user reads,
        and one of the user's own files: the custodian's, the revisit owner's,
        the file's department head's, a revisit manager's, or the customer of
        a visit somebody else gave the user."""
        self.ensure_one()
        user = self.env.user
        customer = self.commercial_partner_id
        if not user.has_group("revisit_management.group_revisit_user"):
            return False
        people = (self | customer).sudo().with_context(active_test=False)
        if people.user_ids or people.employee_ids:
            return False
        company = self.sudo().company_id
        if company and company not in user.company_ids:
            return False
        if not self.has_access("read") or self._revisit_contact_hidden_ids():
            return False
        file = customer.sudo()
        return bool(
            user.has_group(CUSTODIAN_GROUP)
            or user.has_group("revisit_management.group_revisit_manager")
            or file.revisit_user_id == user
            or file.revisit_department_id.manager_id.user_id == user
            or self.env["revisit.visit"].search_count(
                [
                    ("partner_id", "=", customer.id),
                    ("user_id", "=", user.id),
                    ("create_uid", "!=", user.id),
                ],
                limit=1,
            )
        )

    def action_revisit_verify(self):
        """The customer's file was checked: verified today."""
        for partner in self:
            if not partner._revisit_may_update_file():
                raise AccessError(
                    self.env._("You may not verify this customer's file.")
                )
        for partner in self:
            company = partner.company_id or self.env.company
            super(ResPartner, partner.sudo()).write(
                {
                    "revisit_verified_date": company._revisit_today(),
                    "revisit_verify_reminded": False,
                }
            )
            partner.sudo().activity_feedback(
                ["revisit_archive.mail_activity_type_file_verify"]
            )
            lang = company._revisit_lang()
            self.env["revisit.archive.log"]._log(
                partner, "verify", self.with_context(lang=lang).env._("File verified")
            )
        return True

    def action_revisit_update_contact(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "revisit.partner.update",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    @api.model
    def _cron_verify_files(self):
        """Remind the revisit owner (else the custodian) of each customer file
        due for its monthly verification, the company's calendar day."""
        for company in self.env["res.company"].search([]):
            today = company._revisit_today()
            custodian = company._revisit_archive_custodian()
            company_domain = [("company_id", "=", company.id)]
            if company == self.env.company:
                company_domain = ["|", ("company_id", "=", False), *company_domain]
            domain = [
                *company_domain,
                ("revisit_verify_due", "<=", today),
                ("revisit_verify_reminded", "=", False),
            ]

            def remind(partners, today=today, custodian=custodian):
                for partner in partners:
                    user = partner.revisit_user_id or custodian
                    if user:
                        partner.activity_schedule(
                            "revisit_archive.mail_activity_type_file_verify",
                            date_deadline=today,
                            user_id=user.id,
                        )
                super().write({"revisit_verify_reminded": True})

            if not self.env["revisit.cron"]._batches(self, domain, remind):
                return
