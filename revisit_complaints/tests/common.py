from odoo.addons.base.tests.common import BaseCommon
from odoo.tests import new_test_user


class ComplaintCommon(BaseCommon):
    """A property complaint desk with its routing, a customer and the complaint rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = (
            "helpdesk_mgmt.group_helpdesk_user,revisit_management.group_revisit_user"
        )
        cls.assistant = new_test_user(cls.env, login="cpl_assistant", groups=groups)
        cls.head = new_test_user(cls.env, login="cpl_head", groups=groups)
        cls.manager = new_test_user(
            cls.env,
            login="cpl_manager",
            groups="helpdesk_mgmt.group_helpdesk_manager,"
            "revisit_management.group_revisit_manager",
        )
        cls.department = cls.env["hr.department"].create({"name": "Engineering"})
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Complaint Desk",
                "user_ids": [(6, 0, (cls.assistant | cls.head | cls.manager).ids)],
                "complaint_assistant_user_id": cls.assistant.id,
                "complaint_head_user_id": cls.head.id,
                "complaint_manager_user_id": cls.manager.id,
            }
        )
        cls.category_noise = cls.env["helpdesk.ticket.category"].create(
            {"name": "Noise"}
        )
        cls.category_leak = cls.env["helpdesk.ticket.category"].create(
            {"name": "Water leak"}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Owner 3-1201", "email": "owner31201@example.com"}
        )
        cls.rule = cls.env.ref("revisit_management.revisit_rule_complaint")
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.today = cls.env.company._revisit_today()

    @classmethod
    def _create_complaint(cls, **values):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Pump room noise at night",
                "description": "<p>The pump hums all night.</p>",
                "team_id": cls.team.id,
                "partner_id": cls.customer.id,
                "category_id": cls.category_noise.id,
                "is_complaint": True,
                **values,
            }
        )

    def _judge_valid(self, ticket):
        ticket.write(
            {
                "complaint_validity": "valid",
                "responsible_department_id": self.department.id,
                "cause_analysis": "The pump mount is worn.",
                "corrective_action": "The mount was replaced.",
                "preventive_action": "Mounts are checked every quarter.",
            }
        )

    def _reply(self, ticket, body="<p>The pump mount is being replaced.</p>"):
        """The handler answers the customer from the ticket."""
        return ticket.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=ticket.partner_id.ids,
        )

    def _close_valid(self, ticket):
        self._judge_valid(ticket)
        if not (ticket.is_anonymous or ticket.reply_only):
            self._reply(ticket)
        ticket.stage_id = self.stage_done

    def _complete_visit(self, visit, satisfaction, problem=False):
        visit.write({"satisfaction": satisfaction, "problem": problem})
        visit.action_done()
