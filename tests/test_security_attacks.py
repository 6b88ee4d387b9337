"""Attack suite: every role (revisit staff, supervisors, managers, HR, a helpdesk
agent and a salesperson without revisit groups, a portal user, a second
company's user) tries, through the ORM, JSON-RPC (/web/dataset/call_kw) and
/json/2, to read and write what it must not: other people's and confidential
customers' visits, plan lines, events, complaints and contact data, outcomes
outside their workflow, appraisal scores and money, and bad input. Customer
text with HTML/script payloads is checked in the rendered HTML (reports,
e-mails, chatter, activity notes, portal and questionnaire pages).

The suite logs a summary: attempts, refused and leaked, by channel and role.
Leaked must be 0: an attempt is refused when it raises one of Odoo's user
errors (access, missing, user, validation) and leaves the data as it was, or
returns nothing of the secret."""

import json
import logging
from collections import Counter
from datetime import date, datetime, timedelta

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

from .trust_channels import (
    REFUSED,
    REFUSED_NAMES,
    add_user,
    api_keys,
    call_rpc,
    login_as,
    make_user,
    two_companies,
)

_logger = logging.getLogger(__name__)

REMOTE = "https://evil.example/p.png"
PAYLOAD = (
    '<script>alert("revisit-xss")</script><img src=x onerror=alert(1)>'
    f'<img src="{REMOTE}">'
)
EVENT = "revisit.event"
LINE = "revisit.plan.line"
PARTNER = "res.partner"
WIZARD = "revisit.visit.done"
SPOT = "revisit.appraisal.spot.check"
APP_LINE = "revisit.appraisal.line"
ROLES = {
    "atk_user1": "staff",
    "atk_user2": "staff",
    "atk_member": "supervisor",
    "atk_head1": "supervisor",
    "atk_head2": "supervisor",
    "atk_manager": "manager",
    "atk_hr": "hr",
    "atk_agent": "helpdesk agent",
    "atk_sales": "salesperson",
    "atk_portal": "portal",
    "atk_other": "other company",
}
VISIT = "revisit.visit"
PLAN = "revisit.plan"
APPRAISAL = "revisit.appraisal"
REWARD = "revisit.appraisal.reward.line"
TICKET = "helpdesk.ticket"
MATERIAL = "revisit.visit.material"
ACTION = "revisit.complaint.action"
FESTIVAL = "revisit.festival"
AREA = "revisit.area"
REQUEST = "revisit.archive.request"
DESTRUCTION = "revisit.archive.destruction"


@tagged("post_install", "-at_install")
class TestSecurityAttacks(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = env.company
        two_companies(cls, "Attack")
        user_g = "revisit_management.group_revisit_user"
        sup_g = "revisit_management.group_revisit_supervisor"
        man_g = "revisit_management.group_revisit_manager"
        hr_g = "revisit_appraisal.group_revisit_appraisal_hr"
        add_user(cls, "atk_user1", user_g, cls.dept1)
        add_user(cls, "atk_user2", user_g, cls.dept1)
        add_user(cls, "atk_member", sup_g, cls.dept1)  # supervisor, not the head
        add_user(cls, "atk_head1", sup_g, cls.dept1)
        add_user(cls, "atk_head2", sup_g, cls.dept2)
        add_user(cls, "atk_manager", man_g)
        add_user(cls, "atk_hr", hr_g)
        add_user(cls, "atk_other", man_g, cls.dept_b, company=cls.company_b)
        add_user(cls, "atk_agent", "helpdesk_mgmt.group_helpdesk_user")
        add_user(cls, "atk_sales", "base.group_user,base.group_partner_manager")
        cls.dept1.manager_id = cls.employees["atk_head1"]
        cls.dept2.manager_id = cls.employees["atk_head2"]

        Partner = env["res.partner"]
        u = cls.users

        def customer(name, owner, level="normal", company=False):
            return Partner.create(
                {
                    "name": name,
                    "email": f"{name.split()[0].lower()}@example.com",
                    "revisit_user_id": owner.id,
                    "revisit_confidentiality": level,
                    "revisit_min_interval_days": 0,
                    "company_id": company and company.id,
                }
            )

        cls.p_portal = customer("Portalcustomer", u["atk_user1"])
        cls.p_other = customer("Othercustomer", u["atk_user2"])
        cls.p_secret = customer("Secretcustomer", u["atk_user2"], "secret")
        cls.p_conf = customer("Confcustomer", u["atk_user2"], "confidential")
        cls.p_top = customer("Topcustomer", u["atk_user2"], "top_secret")
        cls.p_d2 = customer("Deptcustomer", u["atk_head2"])
        cls.p_b = customer("Bcustomer", u["atk_other"], company=cls.company_b)
        cls.p_top.write({"phone": "+86 138 0000 7777", "street": "7 Quiet Lane"})
        cls.p_conf.write(
            {"phone": "+86 138 0000 6666", "revisit_department_id": cls.dept1.id}
        )
        cls.p_gone = customer("Gonecustomer", u["atk_user1"])
        cls.p_gone.active = False
        cls.portal = make_user(
            env, "atk_portal", "base.group_portal", partner_id=cls.p_portal.id
        )
        cls.users["atk_portal"] = cls.portal

        Visit = env[VISIT]
        today = cls.today = date.today()

        def visit(partner, assignee, dept, company=company, **vals):
            return Visit.with_company(company).create(
                dict(
                    {
                        "partner_id": partner.id,
                        "user_id": assignee.id,
                        "department_id": dept.id,
                        "scheduled_date": today,
                        "company_id": company.id,
                    },
                    **vals,
                )
            )

        cls.v_own = visit(cls.p_portal, u["atk_user1"], cls.dept1, feedback=PAYLOAD)
        cls.v_other = visit(cls.p_other, u["atk_user2"], cls.dept1, feedback="kept")
        # a colleague's visit of a secret customer (its assignee reads it: R119)
        cls.v_secret = visit(cls.p_secret, u["atk_user2"], cls.dept1, feedback="kept")
        cls.v_conf = visit(cls.p_conf, u["atk_user2"], cls.dept1, feedback="kept")
        cls.v_top = visit(cls.p_top, u["atk_user2"], cls.dept1, feedback="kept")
        cls.v_d2 = visit(cls.p_d2, u["atk_head2"], cls.dept2, feedback="kept")
        cls.v_b = visit(
            cls.p_b, u["atk_other"], cls.dept_b, company=cls.company_b, feedback="kept"
        )
        # one visit of the top-secret customer given to staff who may not see it
        cls.v_top1 = visit(cls.p_top, u["atk_user1"], cls.dept1, feedback="kept")
        cls.v_done = visit(cls.p_portal, u["atk_user1"], cls.dept1, satisfaction=2)
        cls.v_done.action_done()
        cls.rule = env.ref("revisit_management.revisit_rule_surgery")
        cls.v_ruled = visit(cls.p_other, u["atk_user2"], cls.dept1, rule_id=cls.rule.id)
        cls.gone_user = make_user(env, "atk_gone", user_g)
        cls.gone_user.active = False
        Event = env[EVENT]
        cls.ev_top = Event.create(
            {"partner_id": cls.p_top.id, "trigger": "surgery", "reference": "SURG-TOP"}
        )
        cls.ev_own = Event.create({"partner_id": cls.p_portal.id, "trigger": "surgery"})
        # an appointment: the calendar event must not tell who and where
        cls.p_portal.write({"revisit_dnd_from": 0.0, "revisit_dnd_to": 0.0})
        cls.v_own.write(
            {
                "appointment_datetime": datetime.combine(today, datetime.min.time())
                + timedelta(hours=3),
                "appointment_place": "Portalstreet 9",
            }
        )
        cls.v_own.action_appoint()
        cls.calendar_event = cls.v_own.calendar_event_id
        Plan = env[PLAN]
        cls.plan_d2 = Plan.create(
            {
                "name": "Desk 2 plan",
                "user_id": u["atk_head2"].id,
                "department_id": cls.dept2.id,
                "date_from": today,
                "date_to": today,
            }
        )
        cls.plan_b = Plan.with_company(cls.company_b).create(
            {
                "name": "Other company plan",
                "user_id": u["atk_other"].id,
                "department_id": cls.dept_b.id,
                "date_from": today,
                "date_to": today,
                "company_id": cls.company_b.id,
            }
        )
        cls.plan_d1 = Plan.create(
            {
                "name": "Desk 1 plan",
                "user_id": u["atk_member"].id,
                "department_id": cls.dept1.id,
                "date_from": today,
                "date_to": today,
                "line_ids": [(0, 0, {"partner_id": cls.p_other.id})],
            }
        )
        cls.plan_d1.action_submit()
        cls.line_top = env[LINE].create(
            {
                "plan_id": cls.plan_d2.id,
                "partner_id": cls.p_top.id,
                "purpose": "kept",
            }
        )
        cls.plan_nodept = Plan.create(
            {
                "name": "No department",
                "date_from": today,
                "date_to": today,
                "line_ids": [(0, 0, {"partner_id": cls.p_other.id})],
            }
        )
        cls.plan_nodept.action_submit()
        cls.plan_nodept.action_approve()
        Appraisal = env[APPRAISAL]
        first = today.replace(day=1)
        cls.app_user1 = Appraisal.create(
            {"employee_id": cls.employees["atk_user1"].id, "date_from": first}
        )
        cls.app_user2 = Appraisal.create(
            {"employee_id": cls.employees["atk_user2"].id, "date_from": first}
        )
        cls.app_b = Appraisal.with_company(cls.company_b).create(
            {
                "employee_id": cls.employees["atk_other"].id,
                "date_from": first,
                "company_id": cls.company_b.id,
            }
        )
        cls.app_head1 = Appraisal.create(
            {"employee_id": cls.employees["atk_head1"].id, "date_from": first}
        )
        env[SPOT].create(
            {
                "employee_id": cls.employees["atk_head1"].id,
                "criterion_id": env["revisit.appraisal.criterion"]
                .search([("source", "=", "spot_check")], limit=1)
                .id,
                "score": 50.0,
                "date": today,
            }
        )
        (cls.app_user1 | cls.app_head1).action_compute()
        cls.reward_user2 = env[REWARD].create(
            {
                "appraisal_id": cls.app_user2.id,
                "employee_id": cls.employees["atk_user2"].id,
                "kind": "bonus",
                "amount": 500.0,
                "date": today,
            }
        )
        Ticket = env[TICKET]
        cls.ticket_other = Ticket.create(
            {
                "name": "Noise at night",
                "description": "<p>kept</p>",
                "partner_id": cls.p_other.id,
                "is_complaint": True,
            }
        )
        cls.ticket_b = Ticket.with_company(cls.company_b).create(
            {
                "name": "Other company complaint",
                "description": "<p>kept</p>",
                "partner_id": cls.p_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.ticket_top = Ticket.create(
            {
                "name": "Top secret complaint",
                "description": "<p>kept</p>",
                "partner_id": cls.p_top.id,
                "is_complaint": True,
                "responsible_department_id": cls.dept1.id,
            }
        )
        # records around the visit and the complaint: materials handed out,
        # corrective actions, festivals and areas
        Material = env[MATERIAL]
        cls.mat_top = Material.create(
            {"visit_id": cls.v_top.id, "name": "Top secret brochure"}
        )
        cls.mat_other = Material.create({"visit_id": cls.v_other.id, "name": "Leaflet"})
        cls.action_top = env[ACTION].create(
            {
                "ticket_id": cls.ticket_top.id,
                "name": "Top secret corrective action",
                "user_id": env.user.id,
                "deadline": today,
            }
        )
        cls.festival = env[FESTIVAL].create(
            {
                "name": "Spring Festival",
                "date": today + timedelta(days=60),
                "rule_id": env["revisit.rule"]
                .create({"name": "Festivals", "trigger": "festival"})
                .id,
            }
        )
        cls.area = env[AREA].create({"name": "North district"})
        # a draft request to read a customer's file (approved, it opens the file)
        cls.request_own = (
            env[REQUEST]
            .with_user(u["atk_user1"])
            .create(
                {
                    "partner_id": cls.p_other.id,
                    "purpose": "Follow-up of a complaint",
                    "date_from": today,
                    "date_to": today,
                }
            )
        )
        cls.keys = api_keys(env, cls.users, "attack suite")
        cls.stats = Counter()

    # ------------------------------------------------------------------ attacks
    def attacks(self):
        """(login, model, operation, record, argument) tuples the login must be
        refused. Operations: read, search, write, create, unlink, call (a public
        method, argument (name, kwargs, (record, fields) to compare)) and secret
        (read that must not return any of the given strings)."""
        u = self.users
        write = {"feedback": "tampered"}
        secrets_top = (
            ["email", "phone", "street"],
            ["topcustomer@", "7777", "Quiet Lane"],
        )
        day = str(self.today)
        approved_request = {
            "partner_id": self.p_top.id,
            "purpose": "curious",
            "date_from": day,
            "date_to": day,
            "state": "approved",
        }
        return [
            # --- kept from the first suite: visits, plans, appraisals, money
            ("atk_user1", VISIT, "read", self.v_other, ["feedback"]),
            ("atk_user1", VISIT, "write", self.v_other, write),
            ("atk_user1", VISIT, "search", self.v_other, ["feedback"]),
            ("atk_user1", VISIT, "read", self.v_secret, ["feedback"]),
            ("atk_user1", VISIT, "write", self.v_secret, write),
            ("atk_user1", VISIT, "read", self.v_top, ["feedback"]),
            ("atk_user1", VISIT, "read", self.v_top1, ["feedback"]),
            ("atk_user1", VISIT, "write", self.v_own, {"review_comment": "self"}),
            ("atk_user1", VISIT, "read", self.v_b, ["feedback"]),
            ("atk_user1", PLAN, "read", self.plan_d2, ["name"]),
            ("atk_user1", PLAN, "write", self.plan_d2, {"name": "tampered"}),
            ("atk_user1", APPRAISAL, "read", self.app_user2, ["score"]),
            ("atk_user1", APPRAISAL, "read", self.app_user1, ["bonus_amount"]),
            ("atk_user1", APPRAISAL, "write", self.app_user1, {"note": "self"}),
            ("atk_user1", REWARD, "read", self.reward_user2, ["amount"]),
            ("atk_user2", REWARD, "read", self.reward_user2, ["amount"]),
            ("atk_user2", REWARD, "write", self.reward_user2, {"amount": 9999.0}),
            ("atk_user1", TICKET, "read", self.ticket_other, ["description"]),
            ("atk_member", VISIT, "read", self.v_conf, ["feedback"]),
            ("atk_member", VISIT, "read", self.v_top, ["feedback"]),
            ("atk_member", VISIT, "write", self.v_conf, write),
            ("atk_head1", VISIT, "read", self.v_top, ["feedback"]),
            ("atk_head1", VISIT, "write", self.v_top, write),
            ("atk_head1", VISIT, "read", self.v_d2, ["feedback"]),
            ("atk_head1", VISIT, "write", self.v_d2, write),
            ("atk_head1", VISIT, "search", self.v_d2, ["feedback"]),
            ("atk_head1", PLAN, "read", self.plan_d2, ["name"]),
            ("atk_head1", PLAN, "write", self.plan_d2, {"name": "tampered"}),
            ("atk_head1", APPRAISAL, "read", self.app_user2, ["bonus_amount"]),
            ("atk_head1", REWARD, "read", self.reward_user2, ["amount"]),
            ("atk_head1", REWARD, "write", self.reward_user2, {"amount": 9999.0}),
            ("atk_manager", APPRAISAL, "read", self.app_user2, ["bonus_amount"]),
            ("atk_manager", REWARD, "read", self.reward_user2, ["amount"]),
            ("atk_manager", REWARD, "write", self.reward_user2, {"amount": 1.0}),
            ("atk_manager", VISIT, "read", self.v_b, ["feedback"]),
            ("atk_manager", VISIT, "write", self.v_b, write),
            ("atk_manager", VISIT, "search", self.v_b, ["feedback"]),
            ("atk_manager", PLAN, "read", self.plan_b, ["name"]),
            ("atk_manager", APPRAISAL, "read", self.app_b, ["score"]),
            ("atk_manager", TICKET, "read", self.ticket_b, ["description"]),
            ("atk_hr", APPRAISAL, "read", self.app_b, ["score"]),
            ("atk_hr", APPRAISAL, "write", self.app_b, {"note": "tampered"}),
            ("atk_hr", VISIT, "write", self.v_other, write),
            ("atk_hr", VISIT, "read", self.v_top, ["feedback"]),
            ("atk_hr", VISIT, "read", self.v_b, ["feedback"]),
            ("atk_portal", VISIT, "read", self.v_own, ["feedback"]),
            ("atk_portal", VISIT, "write", self.v_own, write),
            ("atk_portal", VISIT, "search", self.v_other, ["feedback"]),
            ("atk_portal", PLAN, "read", self.plan_d2, ["name"]),
            ("atk_portal", APPRAISAL, "read", self.app_user2, ["score"]),
            ("atk_portal", REWARD, "read", self.reward_user2, ["amount"]),
            ("atk_portal", TICKET, "read", self.ticket_other, ["description"]),
            ("atk_portal", TICKET, "write", self.ticket_other, {"name": "tampered"}),
            ("atk_other", VISIT, "read", self.v_other, ["feedback"]),
            ("atk_other", VISIT, "write", self.v_other, write),
            ("atk_other", VISIT, "search", self.v_other, ["feedback"]),
            ("atk_other", PLAN, "read", self.plan_d2, ["name"]),
            ("atk_other", PLAN, "write", self.plan_d2, {"name": "tampered"}),
            ("atk_other", APPRAISAL, "read", self.app_user2, ["score"]),
            ("atk_other", TICKET, "read", self.ticket_other, ["description"]),
            ("atk_agent", VISIT, "read", self.v_own, ["feedback"]),
            ("atk_sales", VISIT, "search", self.v_own, ["feedback"]),
            # --- plan lines: the plans' limits and the customer's level
            ("atk_user1", LINE, "read", self.line_top, ["partner_id", "purpose"]),
            ("atk_user1", LINE, "search", self.line_top, ["purpose"]),
            ("atk_member", LINE, "read", self.line_top, ["purpose"]),
            ("atk_head2", LINE, "read", self.line_top, ["purpose"]),
            ("atk_head2", LINE, "write", self.line_top, {"purpose": "tampered"}),
            ("atk_head1", LINE, "write", self.line_top, {"purpose": "tampered"}),
            ("atk_hr", LINE, "write", self.line_top, {"purpose": "tampered"}),
            ("atk_hr", LINE, "unlink", self.line_top, None),
            (
                "atk_hr",
                LINE,
                "create",
                None,
                {"plan_id": self.plan_d2.id, "partner_id": self.p_other.id},
            ),
            ("atk_sales", LINE, "read", self.line_top, ["purpose"]),
            ("atk_portal", LINE, "read", self.line_top, ["purpose"]),
            ("atk_other", LINE, "read", self.line_top, ["purpose"]),
            # --- events: confidentiality, and no regeneration by a write
            (
                "atk_user1",
                EVENT,
                "search",
                self.ev_top,
                ["reference"],
            ),
            ("atk_user1", EVENT, "read", self.ev_top, ["reference"]),
            ("atk_member", EVENT, "read", self.ev_top, ["reference"]),
            ("atk_head1", EVENT, "read", self.ev_top, ["reference"]),
            ("atk_head1", EVENT, "write", self.ev_top, {"date": day}),
            ("atk_user1", EVENT, "write", self.ev_own, {"date": "2030-01-01"}),
            ("atk_user1", EVENT, "write", self.ev_own, {"partner_id": self.p_top.id}),
            ("atk_user1", EVENT, "write", self.ev_own, {"trigger": "discharge"}),
            ("atk_sales", EVENT, "read", self.ev_top, ["reference"]),
            ("atk_other", EVENT, "read", self.ev_own, ["reference"]),
            # --- complaints of a top-secret customer
            ("atk_user1", TICKET, "read", self.ticket_top, ["description"]),
            ("atk_user1", TICKET, "write", self.ticket_top, {"name": "tampered"}),
            ("atk_member", TICKET, "read", self.ticket_top, ["description"]),
            ("atk_member", TICKET, "write", self.ticket_top, {"name": "tampered"}),
            ("atk_head1", TICKET, "read", self.ticket_top, ["description"]),
            ("atk_user1", TICKET, "search", self.ticket_top, ["name"]),
            # --- materials handed out at a visit: the visit's confidentiality
            ("atk_user1", MATERIAL, "read", self.mat_top, ["name"]),
            ("atk_user1", MATERIAL, "read", self.mat_other, ["name"]),
            ("atk_user1", MATERIAL, "write", self.mat_other, {"name": "tampered"}),
            ("atk_user1", MATERIAL, "unlink", self.mat_other, None),
            (
                "atk_user1",
                MATERIAL,
                "create",
                None,
                {"visit_id": self.v_top.id, "name": "planted"},
            ),
            ("atk_member", MATERIAL, "read", self.mat_top, ["name"]),
            ("atk_head1", MATERIAL, "read", self.mat_top, ["name"]),
            ("atk_agent", MATERIAL, "read", self.mat_other, ["name"]),
            ("atk_sales", MATERIAL, "read", self.mat_other, ["name"]),
            ("atk_portal", MATERIAL, "read", self.mat_other, ["name"]),
            ("atk_other", MATERIAL, "read", self.mat_other, ["name"]),
            # --- a top-secret complaint's corrective action
            ("atk_user1", ACTION, "read", self.action_top, ["name"]),
            ("atk_member", ACTION, "read", self.action_top, ["name"]),
            ("atk_head1", ACTION, "read", self.action_top, ["name"]),
            ("atk_head1", ACTION, "write", self.action_top, {"name": "tampered"}),
            ("atk_sales", ACTION, "read", self.action_top, ["name"]),
            ("atk_portal", ACTION, "read", self.action_top, ["name"]),
            ("atk_other", ACTION, "read", self.action_top, ["name"]),
            (
                "atk_member",
                ACTION,
                "create",
                None,
                {
                    "ticket_id": self.ticket_top.id,
                    "name": "planted",
                    "user_id": u["atk_member"].id,
                    "deadline": day,
                },
            ),
            # --- festivals and areas: the managers' settings
            ("atk_user1", FESTIVAL, "write", self.festival, {"date": day}),
            ("atk_head1", FESTIVAL, "unlink", self.festival, None),
            ("atk_sales", FESTIVAL, "read", self.festival, ["name"]),
            ("atk_user1", AREA, "write", self.area, {"name": "tampered"}),
            ("atk_head1", AREA, "create", None, {"name": "planted"}),
            ("atk_portal", AREA, "read", self.area, ["name"]),
            # --- a customer's file opens only through an approved request
            ("atk_user1", REQUEST, "create", None, approved_request),
            (
                "atk_sales",
                REQUEST,
                "create",
                None,
                {**approved_request, "approved_by_id": u["atk_manager"].id},
            ),
            ("atk_user1", REQUEST, "write", self.request_own, {"state": "approved"}),
            (
                "atk_user1",
                REQUEST,
                "write",
                self.request_own,
                {"partner_id": self.p_top.id, "state": "to_approve"},
            ),
            ("atk_user2", REQUEST, "read", self.request_own, ["purpose"]),
            ("atk_sales", REQUEST, "read", self.request_own, ["purpose"]),
            ("atk_other", REQUEST, "read", self.request_own, ["purpose"]),
            ("atk_portal", REQUEST, "read", self.request_own, ["purpose"]),
            (
                "atk_manager",
                DESTRUCTION,
                "create",
                None,
                {
                    "partner_id": self.p_other.id,
                    "date_before": day,
                    "reason": "outdated",
                    "state": "approved",
                },
            ),
            # --- the visit-done wizard names any visit
            ("atk_user1", WIZARD, "create", None, {"visit_id": self.v_top.id}),
            ("atk_member", WIZARD, "create", None, {"visit_id": self.v_conf.id}),
            ("atk_other", WIZARD, "create", None, {"visit_id": self.v_other.id}),
            ("atk_manager", WIZARD, "create", None, {"visit_id": self.v_b.id}),
            ("atk_sales", WIZARD, "create", None, {"visit_id": self.v_own.id}),
            ("atk_portal", WIZARD, "create", None, {"visit_id": self.v_own.id}),
            # --- the appointment's calendar event: private, neutral title
            (
                "atk_sales",
                "calendar.event",
                "secret",
                self.calendar_event,
                (
                    ["name", "location", "description"],
                    ["Portalcustomer", "Portalstreet"],
                ),
            ),
            (
                "atk_user2",
                "calendar.event",
                "secret",
                self.calendar_event,
                (["name", "location"], ["Portalcustomer", "Portalstreet"]),
            ),
            # --- a plan without a department: revisit managers only
            ("atk_member", PLAN, "write", self.plan_nodept, {"name": "tampered"}),
            ("atk_head1", PLAN, "write", self.plan_nodept, {"name": "tampered"}),
            (
                "atk_head1",
                PLAN,
                "call",
                self.plan_nodept,
                ("action_cancel", {}, (self.plan_nodept, ["state"])),
            ),
            (
                "atk_member",
                PLAN,
                "create",
                None,
                {"name": "Mine", "date_from": day, "date_to": day},
            ),
            # --- contact data of confidential customers
            ("atk_sales", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_agent", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_user1", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_member", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_head1", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_hr", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_portal", PARTNER, "secret", self.p_top, secrets_top),
            ("atk_other", PARTNER, "secret", self.p_top, secrets_top),
            (
                "atk_sales",
                PARTNER,
                "secret",
                self.p_conf,
                (["email", "phone"], ["confcustomer@", "6666"]),
            ),
            (
                "atk_member",
                PARTNER,
                "secret",
                self.p_conf,
                (["email", "phone"], ["confcustomer@", "6666"]),
            ),
            (
                "atk_sales",
                PARTNER,
                "write",
                self.p_conf,
                {"revisit_user_id": u["atk_sales"].id},
            ),
            (
                "atk_user1",
                PARTNER,
                "write",
                self.p_top,
                {"revisit_confidentiality": "normal"},
            ),
            (
                "atk_agent",
                PARTNER,
                "write",
                self.p_conf,
                {"revisit_department_id": self.dept2.id},
            ),
            (
                "atk_sales",
                PARTNER,
                "create",
                None,
                {"name": "Owned", "revisit_user_id": u["atk_sales"].id},
            ),
            # --- outcomes only through their workflow
            ("atk_user1", VISIT, "write", self.v_own, {"state": "done"}),
            ("atk_user1", VISIT, "write", self.v_own, {"done_date": day}),
            ("atk_user1", VISIT, "write", self.v_own, {"retry_count": 4}),
            ("atk_user1", VISIT, "write", self.v_done, {"satisfaction": 5}),
            ("atk_user1", VISIT, "write", self.v_done, {"done_by_phone": False}),
            (
                "atk_member",
                VISIT,
                "write",
                self.v_other,
                {"reviewer_id": u["atk_member"].id},
            ),
            (
                "atk_manager",
                VISIT,
                "write",
                self.v_other,
                {"report_date": f"{day} 08:00:00"},
            ),
            (
                "atk_user1",
                VISIT,
                "create",
                None,
                {
                    "partner_id": self.p_portal.id,
                    "user_id": u["atk_user1"].id,
                    "scheduled_date": day,
                    "state": "done",
                    "satisfaction": 5,
                },
            ),
            ("atk_head1", APPRAISAL, "write", self.app_user1, {"score": 99.0}),
            ("atk_hr", APPRAISAL, "write", self.app_user1, {"score": 99.0}),
            ("atk_hr", APPRAISAL, "write", self.app_user1, {"state": "reviewed"}),
            (
                "atk_hr",
                APP_LINE,
                "write",
                self.app_user1.line_ids[:1],
                {"score": 100.0},
            ),
            (
                "atk_head1",
                APPRAISAL,
                "call",
                self.app_head1,
                ("action_review", {}, (self.app_head1, ["state"])),
            ),
            (
                "atk_head1",
                SPOT,
                "create",
                None,
                {
                    "employee_id": self.employees["atk_head1"].id,
                    "criterion_id": self.spot_criterion().id,
                    "score": 100.0,
                },
            ),
            (
                "atk_head1",
                SPOT,
                "create",
                None,
                {
                    "employee_id": self.employees["atk_head2"].id,
                    "criterion_id": self.spot_criterion().id,
                    "score": 0.0,
                },
            ),
            ("atk_member", PLAN, "write", self.plan_d1, {"state": "approved"}),
            (
                "atk_member",
                PLAN,
                "write",
                self.plan_d1,
                {"approver_id": u["atk_member"].id},
            ),
            (
                "atk_member",
                PLAN,
                "call",
                self.plan_d1,
                ("action_approve", {}, (self.plan_d1, ["state"])),
            ),
            (
                "atk_manager",
                TICKET,
                "write",
                self.ticket_other,
                {"complaint_escalated": True},
            ),
            (
                "atk_agent",
                TICKET,
                "write",
                self.ticket_other,
                {"first_reply_date": f"{day} 08:00:00"},
            ),
            ("atk_manager", TICKET, "write", self.ticket_other, {"reopen_count": 7}),
            # --- bad input: a clear error, nothing written
            ("atk_user1", VISIT, "write", self.v_own, {"satisfaction": "abc"}),
            ("atk_user1", VISIT, "write", self.v_own, {"satisfaction": 3.7}),
            ("atk_user1", VISIT, "write", self.v_own, {"scheduled_date": "2026-02-30"}),
            ("atk_user1", VISIT, "write", self.v_own, {"scheduled_date": "9999-12-31"}),
            ("atk_user1", VISIT, "write", self.v_own, {"deadline": "0001-01-01"}),
            ("atk_user1", VISIT, "write", self.v_own, {"method": "pigeon"}),
            ("atk_user1", VISIT, "write", self.v_own, {"partner_id": "abc"}),
            ("atk_user1", VISIT, "write", self.v_own, {"duration": -2.0}),
            ("atk_manager", VISIT, "write", self.v_own, {"user_id": self.gone_user.id}),
            (
                "atk_manager",
                PARTNER,
                "write",
                self.p_portal,
                {"revisit_dnd_until": "9999-12-31"},
            ),
            (
                "atk_manager",
                EVENT,
                "create",
                None,
                {
                    "partner_id": self.p_portal.id,
                    "trigger": "surgery",
                    "date": "9999-12-30",
                },
            ),
            (
                "atk_manager",
                EVENT,
                "create",
                None,
                {"partner_id": self.p_gone.id, "trigger": "surgery", "date": day},
            ),
            (
                "atk_manager",
                "revisit.rule.step",
                "write",
                self.rule.step_ids[:1],
                {"offset_days": 2**31},
            ),
            (
                "atk_manager",
                "revisit.rule",
                "create",
                None,
                {"name": "No steps", "trigger": "repair"},
            ),
            ("atk_manager", "revisit.rule", "unlink", self.rule, None),
            (
                "atk_head1",
                "revisit.visit.report",
                "call",
                None,
                ("get_dashboard_data", {"date_from": "abc"}, None),
            ),
            (
                "atk_portal",
                "revisit.visit.xlsx",
                "call",
                None,
                ("action_export", {"visits": [self.v_own.id]}, None),
            ),
            (
                "atk_sales",
                "revisit.visit.xlsx",
                "call",
                None,
                ("action_export", {"visits": [self.v_own.id]}, None),
            ),
        ]

    @classmethod
    def spot_criterion(cls):
        return cls.env["revisit.appraisal.criterion"].search(
            [("source", "=", "spot_check")], limit=1
        )

    # ------------------------------------------------------------ channels
    def snapshot(self, record, names):
        record.invalidate_recordset()
        record = record.sudo().with_context(active_test=False)
        return record.exists() and record.read(list(names))[0]

    def count(self, model):
        return self.env[model].sudo().with_context(active_test=False).search_count([])

    def revealed(self, values, secrets):
        text = json.dumps(values, default=str)
        return any(secret in text for secret in secrets)

    def orm_attempt(self, login, model, operation, record, arg):
        """Try as `login`; return None when refused, else what came back."""
        env = self.env(user=self.users[login])
        Model = env[model]
        target = Model.browse(record.ids if record else [])
        try:
            with self.env.cr.savepoint():
                if operation in ("read", "secret"):
                    return target.read(arg[0] if operation == "secret" else arg)
                if operation == "search":
                    return Model.search_read([("id", "=", record.id)], arg)
                if operation == "write":
                    target.write(arg)
                    target.flush_recordset()
                    return True
                if operation == "create":
                    return Model.create(arg).ids
                if operation == "unlink":
                    return target.unlink()
                method, kwargs, _check = arg
                result = getattr(target if record else Model, method)(**kwargs)
                env.flush_all()
                return result if result is not None else True
        except REFUSED:
            return None

    def rpc_call(self, channel, login, model, method, ids, kwargs):
        """Call through /web/dataset/call_kw or /json/2; (refused, result)."""
        error, result = call_rpc(
            self, channel, self.keys[login], model, method, ids, kwargs
        )
        if error:
            return error in REFUSED_NAMES, f"error {error}"
        return False, result

    def http_attempt(self, channel, login, model, operation, record, arg):
        """Try as `login` over HTTP; None when refused, else the result."""
        ids = record.ids if record else None
        if operation in ("read", "secret"):
            names = arg[0] if operation == "secret" else arg
            call = ("read", ids, {"fields": names})
        elif operation == "search":
            call = (
                "search_read",
                None,
                {"domain": [("id", "=", record.id)], "fields": arg},
            )
        elif operation == "write":
            call = ("write", ids, {"vals": arg})
        elif operation == "create":
            call = ("create", None, {"vals_list": [arg]})
        elif operation == "unlink":
            call = ("unlink", ids, {})
        else:
            call = (arg[0], ids, arg[1])
        refused, result = self.rpc_call(channel, login, model, *call)
        return None if refused else (result if result is not None else True)

    def run_attacks(self, channel):
        tried = Counter()
        breaches = []
        last_login = None
        for login, model, operation, record, arg in self.attacks():
            role = ROLES[login]
            check = None
            if operation == "write":
                check = (record, list(arg))
            elif operation == "unlink":
                check = (record, ["id"])
            elif operation == "call":
                check = arg[2]
            before = self.snapshot(*check) if check else None
            count = self.count(model) if operation == "create" else None
            if channel == "orm":
                result = self.orm_attempt(login, model, operation, record, arg)
            else:
                if channel == "jsonrpc" and login != last_login:
                    login_as(self, login)
                    last_login = login
                result = self.http_attempt(
                    channel, login, model, operation, record, arg
                )
            if operation == "search" and result is not None and not result:
                result = None  # nothing found: refused
            if operation == "secret" and result is not None:
                result = result if self.revealed(result, arg[1]) else None
            leaked = result is not None
            if check and self.snapshot(*check) != before:
                leaked = True
            if count is not None and self.count(model) != count:
                leaked = True
            tried[channel, role] += 1
            if leaked:
                self.stats["leaked", channel, role] += 1
                breaches.append(
                    f"{channel} {login} {operation} {model} {record} {arg}: "
                    f"{str(result)[:120]}"
                )
            else:
                self.stats["refused", channel, role] += 1
            self.stats["attempts", channel, role] += 1
        total = sum(tried.values())
        _logger.info(
            "security attacks via %s: %d attempts, %d refused, %d leaked",
            channel,
            total,
            total - len(breaches),
            len(breaches),
        )
        self.assertGreaterEqual(total, 150)
        self.assertEqual(
            len({role for _channel, role in tried}), len(set(ROLES.values()))
        )
        self.assertEqual(breaches, [], f"{len(breaches)} attempts were not refused")

    def test_orm_attacks_refused(self):
        self.run_attacks("orm")

    def test_jsonrpc_attacks_refused(self):
        self.run_attacks("jsonrpc")

    def test_json2_attacks_refused(self):
        self.run_attacks("json2")

    def check_allowed(self, channel):
        """The suite is not vacuous: the same users do read and work on what is
        theirs, through the same channels."""
        allowed = [
            ("atk_user1", VISIT, self.v_own, ["feedback"], None),
            ("atk_user2", VISIT, self.v_top, ["feedback"], None),  # the owner
            ("atk_head1", VISIT, self.v_conf, ["feedback"], None),  # the head
            ("atk_manager", VISIT, self.v_top, ["feedback"], None),
            ("atk_head2", PLAN, self.plan_d2, ["name"], None),
            ("atk_member", PLAN, self.plan_nodept, ["name"], None),
            ("atk_user2", LINE, self.line_top, ["purpose"], "kept"),
            ("atk_user2", EVENT, self.ev_top, ["reference"], "SURG-TOP"),
            ("atk_user1", EVENT, self.ev_own, ["trigger"], "surgery"),
            ("atk_other", VISIT, self.v_b, ["feedback"], None),
            ("atk_hr", REWARD, self.reward_user2, ["amount"], None),
            ("atk_user2", PARTNER, self.p_top, ["email"], "topcustomer@example.com"),
            ("atk_manager", PARTNER, self.p_top, ["phone"], "+86 138 0000 7777"),
            (
                "atk_sales",
                PARTNER,
                self.p_other,
                ["email"],
                "othercustomer@example.com",
            ),
            ("atk_agent", TICKET, self.ticket_other, ["name"], "Noise at night"),
            ("atk_agent", TICKET, self.ticket_top, ["name"], "Top secret complaint"),
            (
                "atk_user1",
                "calendar.event",
                self.calendar_event,
                ["res_id"],
                self.v_own.id,
            ),
        ]
        last_login = None
        for login, model, record, names, expected in sorted(
            allowed, key=lambda row: row[0]
        ):
            with self.subTest(channel=channel, login=login, model=model):
                if channel == "orm":
                    result = self.orm_attempt(login, model, "read", record, names)
                else:
                    if channel == "jsonrpc" and login != last_login:
                        login_as(self, login)
                        last_login = login
                    result = self.http_attempt(
                        channel, login, model, "read", record, names
                    )
                self.assertIsInstance(result, list, f"{login}: {result}")
                if expected is not None:
                    self.assertEqual(result[0][names[0]], expected)

    def test_allowed_orm(self):
        self.check_allowed("orm")
        # the helpdesk agent without revisit groups works an ordinary ticket
        ticket = (
            self.env[TICKET]
            .with_user(self.users["atk_agent"])
            .create({"name": "Printer jam", "description": "<p>jam</p>"})
        )
        ticket.write({"name": "Printer jam (fixed)"})
        # staff close their own visit with the wizard, which shows its customer
        wizard = (
            self.env[WIZARD]
            .with_user(self.users["atk_user1"])
            .create({"visit_id": self.v_own.id, "satisfaction": "4"})
        )
        self.assertEqual(wizard.partner_id, self.p_portal)
        wizard.action_done()
        self.assertEqual(self.v_own.state, "done")

    def test_allowed_jsonrpc(self):
        self.check_allowed("jsonrpc")
        self.check_dashboard("jsonrpc")

    def test_allowed_json2(self):
        self.check_allowed("json2")
        self.check_dashboard("json2")

    def check_dashboard(self, channel):
        """The dashboard answers a supervisor over HTTP."""
        day = str(self.today)
        login_as(self, "atk_head1")
        refused, data = self.rpc_call(
            channel,
            "atk_head1",
            "revisit.visit.report",
            "get_dashboard_data",
            None,
            {"date_from": day, "date_to": day},
        )
        self.assertFalse(refused, data)
        self.assertIn("per_user", data)

    # ----------------------------------------------------------------- payloads
    def assert_safe(self, where, text, counts):
        """Parse the rendered HTML: no script, event handler or remote image
        coming from the customer's text; count the renderings that show the
        payload as text."""
        text = text.decode() if isinstance(text, bytes) else str(text or "")
        counts["checked"] += 1
        if not text.strip():
            return
        if text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
            root = lxml_html.document_fromstring(text)
        else:
            root = lxml_html.fragment_fromstring(text, create_parent="div")
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag == "script":
                self.assertNotIn("revisit-xss", element.text or "", where)
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    self.assertNotIn("alert(1)", value, f"{name} in {where}")
            if element.tag == "img":
                self.assertNotIn(element.get("src"), ("x", REMOTE), where)
        if 'alert("revisit-xss")' in root.text_content():
            counts["escaped"] += 1

    def test_payloads_escaped(self):
        counts = {"checked": 0, "escaped": 0}
        evil = self.env["res.partner"].create(
            {"name": f"Evil {PAYLOAD}", "email": "evil@example.com"}
        )
        visit = self.env[VISIT].create(
            {
                "partner_id": evil.id,
                "user_id": self.users["atk_user1"].id,
                "department_id": self.dept1.id,
                "scheduled_date": date.today() - timedelta(days=10),
                "method": "survey",
                "feedback": PAYLOAD,
                "problem": PAYLOAD,
                "purpose": PAYLOAD,
            }
        )
        # survey answers typed by the customer, saved before the renderings below
        visit.action_send_survey()
        answer = visit.sudo().survey_user_input_id
        question = answer.survey_id.question_ids.filtered(
            lambda q: q.question_type in ("text_box", "char_box")
        )[:1]
        self.assertTrue(question, "the questionnaire has no free-text question")
        answer._save_lines(question, PAYLOAD)
        # reports (QWeb HTML of every report on visits)
        Report = self.env["ir.actions.report"]
        for report in Report.search([("model", "=", VISIT)]):
            html, _kind = Report._render_qweb_html(report.report_name, visit.ids)
            self.assert_safe(f"report {report.report_name}", html, counts)
        # e-mails: every template on visits and tickets, subject and body; the
        # ticket's description is rich text: its payload has no remote image
        script_only = PAYLOAD.split("<img", 1)[0]
        ticket = self.env[TICKET].create(
            {
                "name": f"Leak {PAYLOAD}",
                "description": script_only,
                "partner_id": self.p_portal.id,
                "is_complaint": True,
                "cause_analysis": PAYLOAD,
                "corrective_action": PAYLOAD,
            }
        )
        for model, record in ((VISIT, visit), (TICKET, ticket)):
            for template in self.env["mail.template"].search(
                [("model_id.model", "=", model)]
            ):
                for field in ("subject", "body_html"):
                    rendered = template._render_field(field, record.ids)[record.id]
                    self.assert_safe(f"mail {template.name} {field}", rendered, counts)
        # the chatter message the visit's customer text ends up in
        visit.message_post(body=visit.feedback)
        self.assert_safe("chatter", visit.message_ids[:1].body, counts)
        # the escalation's activity note names the customer
        self.env["revisit.reminder.manager"]._escalate(visit)
        for activity in visit.activity_ids:
            self.assert_safe("activity note", activity.note, counts)
        # portal page of the customer's complaint
        login_as(self, "atk_portal")
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Leak", response.text)
        self.assert_safe("portal ticket page", response.text, counts)
        # the answer's print page (public, by its token)
        login_as(self, None)
        response = self.url_open(
            f"/survey/print/{answer.survey_id.access_token}"
            f"?answer_token={answer.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assert_safe("survey answer page", response.text, counts)
        _logger.info(
            "payloads: %d renderings parsed, %d showed the payload as text, "
            "0 executable",
            counts["checked"],
            counts["escaped"],
        )
        self.assertGreaterEqual(counts["escaped"], 4)

    # --------------------------------------------------------- questionnaires
    def test_questionnaire_answers_per_visit(self):
        survey_visits = self.env[VISIT].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": self.users["atk_user1"].id,
                    "scheduled_date": date.today(),
                    "method": "survey",
                }
                for partner in (self.p_portal, self.p_other)
            ]
        )
        first, second = survey_visits
        survey_visits.action_send_survey()
        answers = survey_visits.sudo().survey_user_input_id
        self.assertEqual(len(answers), 2, "one answer per visit")
        self.assertNotEqual(answers[0].access_token, answers[1].access_token)
        self.assertTrue(all(answers.mapped("deadline")), "the links expire")
        # the link opens that visit's answer only; a guessed token opens none
        login_as(self, None)
        survey = answers[0].survey_id
        own, other = answers[0].access_token, answers[1].access_token
        for token, expected in ((own, own), ("0" * 36, None)):
            page = self.url_open(
                f"/survey/start/{survey.access_token}?answer_token={token}"
            ).text
            if expected:
                self.assertIn(expected, page)
            else:
                self.assertNotIn(own, page, f"token {token} opened an answer")
            self.assertNotIn(other, page, f"token {token} opened another answer")
        # an expired link no longer opens the questionnaire
        answers[1].deadline = datetime.now() - timedelta(days=1)
        page = self.url_open(
            f"/survey/start/{survey.access_token}?answer_token={other}"
        ).text
        self.assertNotIn(other, page, "an expired link opened the answer")
        # answering the first visit's questionnaire scores that visit only
        first_answer = first.sudo().survey_user_input_id
        first_answer._mark_done()
        self.assertEqual(first.state, "done")
        self.assertEqual(second.state, "todo")
        self.assertFalse(second.satisfaction)
        # a public answer to the same questionnaire, without a visit's link,
        # touches no visit
        stray = survey.sudo()._create_answer(partner=self.p_other, check_attempts=False)
        stray._mark_done()
        self.assertEqual(second.state, "todo")

    @classmethod
    def tearDownClass(cls):
        rows = sorted({(channel, role) for _kind, channel, role in cls.stats})
        for channel, role in rows:
            _logger.info(
                "security summary %-8s %-15s attempts %3d refused %3d leaked %d",
                channel,
                role,
                cls.stats["attempts", channel, role],
                cls.stats["refused", channel, role],
                cls.stats["leaked", channel, role],
            )
        totals = Counter()
        for (kind, _channel, _role), value in cls.stats.items():
            totals[kind] += value
        _logger.info(
            "security summary total: %d attempts, %d refused, %d leaked",
            totals["attempts"],
            totals["refused"],
            totals["leaked"],
        )
        super().tearDownClass()
