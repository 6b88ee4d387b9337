from odoo import fields, models
from odoo.addons.revisit_management.models.revisit_visit_states import OPEN_STATES
from odoo.exceptions import AccessError, UserError

# set by the workflow's buttons only
WORKFLOW_FIELDS = (
    "state",
    "centre_user_id",
    "centre_date",
    "admin_user_id",
    "admin_date",
    "general_user_id",
    "general_date",
    "destroyed_by_id",
    "destroyed_date",
    "destroyed_summary",
    "visit_count",
)

CUSTODIAN_GROUP = "revisit_archive.group_revisit_archive_custodian"
# the customer file's contact data, erased when the file is destroyed (R117)
CUSTOMER_FILE_FIELDS = (
    "phone",
    "mobile",
    "email",
    "website",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "comment",
    "function",
    "revisit_contact_hours",
)
# 002 2.8.9: the centre head, the administration manager and the general
# manager approve, in that order
APPROVAL_STEPS = {
    "to_centre": ("revisit_management.group_revisit_manager", "centre", "to_admin"),
    "to_admin": ("revisit_archive.group_revisit_archive_admin", "admin", "to_general"),
    "to_general": (
        "revisit_archive.group_revisit_archive_general",
        "general",
        "approved",
    ),
}


class RevisitArchiveDestruction(models.Model):
    """The destruction of a customer's outdated visit records: approved by
    the revisit centre head, the administration manager and the general
    manager in turn, each a different person; the record of what was
    destroyed is kept."""

    _name = "revisit.archive.destruction"
    _description = "Archive Destruction"
    _inherit = ["revisit.archive.record.mixin"]
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_birth_states = ("draft",)
    # changed only while a draft
    _workflow_frozen_fields = dict.fromkeys(
        ("to_centre", "to_admin", "to_general", "approved", "destroyed", "refused"),
        ("__all__",),
    )
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        domain=[("parent_id", "=", False)],
        tracking=True,
    )
    date_before = fields.Date(
        string="Records Closed Before",
        required=True,
        help="The customer's closed visits due before this date are destroyed.",
    )
    reason = fields.Text(required=True, help="Why the records have no value left.")
    destroy_customer = fields.Boolean(
        string="Destroy the Customer File",
        help="The customer's file goes with its last visits: its contact data "
        "(and its contacts') is erased and the customer archived. Only when no "
        "visit of the customer is left.",
    )
    visit_ids = fields.Many2many(
        "revisit.visit",
        string="Visits",
        readonly=True,
        context={"active_test": False},
    )
    visit_count = fields.Integer(readonly=True)
    destroyed_summary = fields.Text(
        string="Destroyed Records",
        readonly=True,
        help="The references and dates of the destroyed visits, kept as evidence.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_centre", "Centre Head"),
            ("to_admin", "Administration Manager"),
            ("to_general", "General Manager"),
            ("approved", "Approved"),
            ("destroyed", "Destroyed"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    centre_user_id = fields.Many2one("res.users", string="Centre Head", readonly=True)
    centre_date = fields.Datetime(readonly=True)
    admin_user_id = fields.Many2one(
        "res.users", string="Administration Manager", readonly=True
    )
    admin_date = fields.Datetime(readonly=True)
    general_user_id = fields.Many2one(
        "res.users", string="General Manager", readonly=True
    )
    general_date = fields.Datetime(readonly=True)
    destroyed_by_id = fields.Many2one("res.users", readonly=True)
    destroyed_date = fields.Datetime(readonly=True)

    def _draft_only_message(self):
        return self.env._("A destruction can be changed only while it is a draft.")

    def _file_partners(self):
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.partner_id.id)])
        )

    def _check_last_visits(self, visits):
        """The customer's file goes only with its last visits."""
        self.ensure_one()
        left = (
            self.env["revisit.visit"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("partner_id", "in", self._file_partners().ids),
                    ("id", "not in", visits.ids),
                ],
                limit=1,
            )
        )
        if left:
            raise UserError(
                self.env._(
                    "%(customer)s still has visits after the destruction's date: "
                    "the customer's file goes with its last visits.",
                    customer=self.partner_id.display_name,
                )
            )

    def _check_file_people(self):
        """A file holding a user's or an employee's contact is not only a
        customer's: erasing it would take their login e-mail and archive them
        (the contact-update wizard refuses them alike)."""
        self.ensure_one()
        people = self._file_partners()
        if people.user_ids or people.employee_ids:
            raise UserError(
                self.env._(
                    "%(customer)s's file holds the contact of a user or an "
                    "employee: it is not destroyed with the customer's.",
                    customer=self.partner_id.display_name,
                )
            )

    def _destroy_customer_file(self):
        """R117 (customer data too): erase the contact data of the customer
        and its contacts and archive them. The name stays, for the register
        and the destruction's record."""
        self.ensure_one()
        partners = self._file_partners()
        values = dict.fromkeys(
            name for name in CUSTOMER_FILE_FIELDS if name in partners._fields
        )
        partners.with_context(revisit_destruction_approved=True).write(
            {**values, "active": False}
        )

    def _outdated_visits(self):
        self.ensure_one()
        return (
            self.env["revisit.visit"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.id),
                    ("state", "not in", OPEN_STATES),
                    ("due_date", "<", self.date_before),
                ]
            )
        )

    def action_submit(self):
        # who may write the draft submits it
        self.check_access("write")
        for destruction in self:
            if destruction.state != "draft":
                raise UserError(self.env._("Only a draft is submitted."))
            visits = destruction._outdated_visits()
            if not visits:
                raise UserError(
                    self.env._("The customer has no closed visit before this date.")
                )
            destruction.sudo().write(
                {
                    "state": "to_centre",
                    "visit_ids": [fields.Command.set(visits.ids)],
                    "visit_count": len(visits),
                }
            )
        return True

    def action_approve(self):
        user = self.env.user
        for destruction in self:
            if destruction.state not in APPROVAL_STEPS:
                raise UserError(self.env._("This destruction awaits no approval."))
            group, role, next_state = APPROVAL_STEPS[destruction.state]
            if not user.has_group(group):
                raise AccessError(
                    self.env._("You may not approve this step of the destruction.")
                )
            if user in (
                destruction.centre_user_id
                | destruction.admin_user_id
                | destruction.general_user_id
            ):
                raise UserError(
                    self.env._(
                        "Each approval of a destruction is given by a different person."
                    )
                )
            destruction.sudo().write(
                {
                    "state": next_state,
                    f"{role}_user_id": user.id,
                    f"{role}_date": fields.Datetime.now(),
                }
            )
        return True

    def action_refuse(self):
        user = self.env.user
        for destruction in self:
            if destruction.state not in APPROVAL_STEPS or not user.has_group(
                APPROVAL_STEPS[destruction.state][0]
            ):
                raise AccessError(self.env._("You may not refuse this destruction."))
        self.sudo().state = "refused"
        return True

    def action_destroy(self):
        """Delete the approved visits; the summary of what was destroyed stays."""
        if not self.env.user.has_group(CUSTODIAN_GROUP):
            raise AccessError(self.env._("The archive custodian destroys the records."))
        for destruction in self:
            if destruction.state != "approved":
                raise UserError(
                    self.env._("The three approvals are needed before destruction.")
                )
            visits = destruction.sudo().visit_ids.exists()
            if destruction.destroy_customer:
                destruction._check_last_visits(visits)
                destruction._check_file_people()
            summary = "\n".join(
                f"{visit.name} {visit.due_date or ''} {visit.user_id.name or ''}"
                for visit in visits
            )
            lang = destruction.company_id._revisit_lang()
            destruction.sudo().write(
                {
                    "state": "destroyed",
                    "destroyed_summary": summary,
                    "destroyed_by_id": self.env.uid,
                    "destroyed_date": fields.Datetime.now(),
                }
            )
            visits.with_context(revisit_destruction_approved=True).unlink()
            if destruction.destroy_customer:
                destruction._destroy_customer_file()
            self.env["revisit.archive.log"]._log(
                destruction.partner_id,
                "destroy",
                self.with_context(lang=lang).env._(
                    "%(ref)s: %(count)s visit records destroyed",
                    ref=destruction.name,
                    count=len(visits),
                ),
            )
        return True
