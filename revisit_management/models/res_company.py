from datetime import datetime, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import ValidationError

from . import revisit_demo_reach
from .revisit_rule import METHODS

# the demo's property manager (物业), beside the clinic
PROPERTY_DEMO = "revisit_management.res_company_property_demo"


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "revisit.preset.mixin"]

    revisit_tz = fields.Selection(
        _tz_get,
        string="Revisit Time Zone",
        compute="_compute_revisit_tz",
        store=True,
        readonly=False,
        help="Decides the company's calendar day for revisits: what is due today, "
        "overdue, this week or this month, in scheduled actions and statistics.",
    )

    revisit_reminder_days = fields.Integer(
        string="Reminder Horizon (Days)",
        default=2,
        help="The assignee's activity of a visit appears this many days before "
        "the visit's date.",
    )
    revisit_retry_count = fields.Integer(
        string="Retries When Unreachable",
        default=2,
        help="How many retry visits are scheduled for an unreachable customer "
        "before giving up.",
    )
    revisit_min_interval_days = fields.Integer(
        string="Minimum Days Between Visits",
        default=7,
        help="Default minimum interval between two visits of the same customer.",
    )
    revisit_low_satisfaction = fields.Integer(
        string="Low Satisfaction Threshold",
        default=2,
        help="A visit scored at or below this satisfaction needs a follow-up visit.",
    )
    revisit_followup_days = fields.Integer(
        string="Follow-up After (Days)",
        default=3,
        help="Days between a visit needing a follow-up and the follow-up visit.",
    )
    revisit_notify_days_before = fields.Integer(
        string="Notify Customers (Days Before)",
        default=7,
        help="Customers of plans and rules that notify are told of their visit "
        "this many days ahead.",
    )
    revisit_report_due_days = fields.Integer(
        string="Visit Report Due (Days After)",
        default=1,
        help="The visit report is due this many days after the visit is done: "
        "the assignee is reminded on that day, the department manager is told "
        "the day after if it is still missing.",
    )
    revisit_rectification_days = fields.Integer(
        string="Rectification Deadline (Days)",
        default=7,
        help="A problem tracked for rectification (every problem of a "
        "campaign's visits, or one tracked by hand) is due this many days "
        "after it is raised.",
    )
    revisit_promise_reminder_days = fields.Integer(
        string="Promised Reply Reminder (Days Before)",
        default=1,
        help="The assignee is reminded this many days before the reply date "
        "promised to a customer whose question could not be answered at once.",
    )
    revisit_followup_method = fields.Selection(
        METHODS,
        string="Follow-up Method",
        default="phone",
        help="How follow-up visits (the second one on) are made, unless the "
        "visit chose otherwise. Empty: as the visit they follow.",
    )
    revisit_max_duration = fields.Float(
        string="Maximum Visit Duration (Hours)",
        default=1.0,
        help="A visit recorded as longer gets a warning and is flagged: revisits "
        "should be short and to the point. 0 for no limit.",
    )
    revisit_survey_valid_days = fields.Integer(
        string="Questionnaire Link Validity (Days)",
        default=30,
        help="Days during which the customer can answer a questionnaire sent for "
        "a visit; the link expires afterwards.",
    )
    revisit_new_customer_event = fields.Boolean(
        string="Revisit New Customers",
        help="A customer who gets a value tier for the first time gets a New "
        "Customer event: its rule plans the first revisit right after joining.",
    )
    revisit_quarter_plans = fields.Boolean(
        string="Prompt Quarterly Plans",
        default=True,
        help="At the start of each quarter, each department headed by a revisit "
        "supervisor gets a draft plan for the quarter and its head an activity to "
        "draw it up.",
    )
    revisit_survey_return_target = fields.Float(
        string="Questionnaire Return Target (%)",
        default=70.0,
        help="Share of the questionnaires sent that customers should answer; the "
        "statistics and the digest show the return rate against it.",
    )
    revisit_monthly_budget = fields.Monetary(
        string="Monthly Revisit Budget",
        currency_field="currency_id",
        help="Cost budget of revisits per month, used to appraise cost control.",
    )

    @api.constrains("revisit_survey_valid_days")
    def _check_revisit_survey_valid_days(self):
        if any(not 1 <= c.revisit_survey_valid_days <= 3650 for c in self):
            raise ValidationError(
                self.env._("A questionnaire link is valid from 1 to 3650 days.")
            )

    @api.constrains("revisit_survey_return_target")
    def _check_revisit_survey_return_target(self):
        if any(not 0 <= c.revisit_survey_return_target <= 100 for c in self):
            raise ValidationError(
                self.env._("The questionnaire return target lies between 0 and 100%.")
            )

    @api.constrains(
        "revisit_retry_count",
        "revisit_min_interval_days",
        "revisit_followup_days",
        "revisit_notify_days_before",
        "revisit_low_satisfaction",
        "revisit_report_due_days",
        "revisit_promise_reminder_days",
        "revisit_max_duration",
        "revisit_rectification_days",
    )
    def _check_revisit_numbers(self):
        for company in self:
            if not (
                0 <= company.revisit_retry_count <= 20
                and 0 <= company.revisit_min_interval_days <= 3650
                and 0 <= company.revisit_followup_days <= 3650
                and 0 <= company.revisit_notify_days_before <= 3650
                and 0 <= company.revisit_low_satisfaction <= 5
                and 0 <= company.revisit_report_due_days <= 3650
                and 0 <= company.revisit_promise_reminder_days <= 3650
                and 0 <= company.revisit_max_duration <= 24
                and 0 <= company.revisit_rectification_days <= 3650
            ):
                raise ValidationError(
                    self.env._(
                        "Revisit settings: retries lie between 0 and 20, the low "
                        "satisfaction between 0 and 5, the days between 0 and 3650, "
                        "the maximum duration between 0 and 24 hours."
                    )
                )

    @api.depends("country_id")
    def _compute_revisit_tz(self):
        for company in self:
            if company.revisit_tz:
                continue
            zones = pytz.country_timezones.get(company.country_id.code or "", [])
            company.revisit_tz = zones[0] if zones else self.env.user.tz or "UTC"

    def _revisit_lang(self):
        """Language of the texts written into revisit records: the company's."""
        self.ensure_one()
        return self.partner_id.lang or self.env.lang or "en_US"

    def _revisit_tzinfo(self):
        self.ensure_one()
        return pytz.timezone(self.revisit_tz or "UTC")

    def _revisit_today(self):
        """The company's calendar day now: "today" for every revisit figure."""
        self.ensure_one()
        return datetime.now(pytz.utc).astimezone(self._revisit_tzinfo()).date()

    def _revisit_date_of(self, value):
        """The company's calendar day of a UTC datetime (e.g. a create_date)."""
        self.ensure_one()
        if not value:
            return False
        return pytz.utc.localize(value).astimezone(self._revisit_tzinfo()).date()

    @api.model
    def _revisit_demo_chinese_name(self, name, user_ids=()):
        """Demo data loaded with Chinese installed: the demo company takes a
        Chinese name, it and the demo users speak Chinese, and the module's
        Chinese terms are loaded before the demo's events make their visits
        (Odoo loads a module's terms after its demo data), so the texts the
        engine writes into the demo visits (purposes from the rule steps'
        names, activity summaries, notes) are Chinese."""
        if not self.env["res.lang"]._lang_get("zh_CN"):
            return
        company = self.env.ref("base.main_company")
        company.name = name
        company._revisit_demo_make_chinese()
        self._revisit_demo_chinese_users(
            self.env["res.users"]
            .search([("share", "=", False), ("company_ids", "in", company.ids)])
            .ids
            + list(user_ids)
        )
        self._revisit_load_terms("revisit_management")

    def _revisit_demo_make_chinese(self):
        """The demo company is in Shanghai: its address, time zone, language
        and currency, the yuan.

        Accounting's demo, loaded before ours, books its demo entries in the
        dollars of its generic chart (whatever the company's country), and
        accounting refuses a currency change once entries exist. In a demo
        database these are demo books: the company is moved to the yuan all
        the same (its entries' amounts then read in yuan)."""
        self.ensure_one()
        china = self.env.ref("base.cn")
        values = {
            "street": "张江路 88 号",
            "street2": "浦东新区",
            "city": "上海市",
            "zip": "201203",
            "country_id": china.id,
            "state_id": self.env["res.country.state"]
            .search([("country_id", "=", china.id), ("code", "=", "SH")], limit=1)
            .id,
            "phone": "+86 21 5080 0000",
            "revisit_tz": "Asia/Shanghai",
        }
        yuan = self.env.ref("base.CNY")
        yuan.active = True
        if not hasattr(self, "_existing_accounting") or not (
            self.root_id._existing_accounting()
        ):
            values["currency_id"] = yuan.id
        elif self.currency_id != yuan and self._revisit_demo_database():
            # past accounting's check on its entries (see above): demo only
            models.Model.write(self, {"currency_id": yuan.id})
        self.write(values)
        self.partner_id.tz = "Asia/Shanghai"
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.partner_id.lang = "zh_CN"

    @api.model
    def _revisit_demo_property_company(self):
        """Demo: a property manager (物业) in Shanghai beside the clinic, with
        its service desk, a supervisor and a staff member, residents by area,
        the shipped rules and the property regulation, applied as
        ``scripts/preset`` does. Made once: an update finds it."""
        Data = self.env["ir.model.data"]
        if self.env.ref(PROPERTY_DEMO, raise_if_not_found=False):
            return
        company = self.create({"name": "安居物业服务有限公司"})
        # Odoo gives a new company to the superuser too: the technical user
        # stays in the clinic alone (figures "of all my companies" unchanged);
        # the administrator works in both
        self.env["res.users"].browse(SUPERUSER_ID).company_ids -= company
        Data._update_xmlids(
            [{"xml_id": PROPERTY_DEMO, "record": company, "noupdate": True}]
        )
        company._revisit_demo_make_chinese()
        company.write({"street": "南京西路 1266 号", "street2": "静安区"})
        # the rules as shipped, born in the company as a new one's would be
        shipped = Data.search(
            [("module", "=", "revisit_management"), ("model", "=", "revisit.rule")]
        )
        main = self.env.ref("base.main_company")
        for rule in (
            self.env["revisit.rule"]
            .with_context(active_test=False)
            .browse(shipped.mapped("res_id"))
            .exists()
            .filtered(lambda r: r.company_id == main)
            .sorted("sequence")
        ):
            rule.copy({"company_id": company.id})
        users = self.env["res.users"].with_context(no_reset_password=True)
        user_group = self.env.ref("base.group_user")
        people = {}
        for key, name, login, group in (
            ("supervisor", "孙伟", "revisit_property_supervisor", "supervisor"),
            ("staff", "周芳", "revisit_property_staff", "user"),
        ):
            landing = (
                self.env.ref("revisit_management.revisit_visit_action_my_day")
                if group == "user"
                else self.env["ir.actions.act_window"]
            )
            people[key] = users.create(
                {
                    "action_id": landing.id,
                    "name": name,
                    "login": login,
                    "password": login,
                    "email": f"{login}@example.com",
                    "company_id": company.id,
                    "company_ids": [fields.Command.set(company.ids)],
                    "group_ids": [
                        fields.Command.set(
                            [
                                user_group.id,
                                self.env.ref(
                                    f"revisit_management.group_revisit_{group}"
                                ).id,
                            ]
                        )
                    ],
                }
            )
        self._revisit_demo_chinese_users([u.id for u in people.values()])
        self.env.ref("base.user_admin").company_ids |= company
        # 客服部: the service desk the property regulation names (R007)
        desk = self.env["hr.department"].create(
            {"name": "客服部", "company_id": company.id}
        )
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": people[key].name,
                    "user_id": people[key].id,
                    "company_id": company.id,
                    "department_id": desk.id,
                    "job_title": title,
                }
                for key, title in (("supervisor", "客服主管"), ("staff", "回访专员"))
            ]
        )
        desk.manager_id = employees[0]
        area = self.env["revisit.area"].create(
            {
                "name": "静安花园一期",
                "company_id": company.id,
                "user_ids": [fields.Command.set(people["staff"].ids)],
            }
        )
        tiers = {
            tier: self.env.ref(f"revisit_management.revisit_tier_{tier}")
            for tier in ("high", "medium", "low")
        }
        residents = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "phone": phone,
                    "city": "上海市",
                    "street": street,
                    "company_id": company.id,
                    "lang": company.partner_id.lang,
                    "tz": "Asia/Shanghai",
                    "revisit_tier_id": tiers[tier].id,
                    "revisit_area_id": area.id,
                    "revisit_department_id": desk.id,
                }
                for name, phone, street, tier in (
                    ("钱丽华", "+86 139 0000 2001", "静安花园 1 栋 301", "high"),
                    ("冯建国", "+86 139 0000 2002", "静安花园 3 栋 502", "medium"),
                    ("韩雪", "+86 139 0000 2003", "静安花园 5 栋 101", "low"),
                    ("蒋浩", "+86 139 0000 2004", "静安花园 6 栋 1203", "low"),
                )
            ]
        )
        # the property regulation (物业 2023年制度), as scripts/preset applies it
        company._revisit_preset_preview("property")
        company._revisit_apply_preset("property")
        company._revisit_demo_property_visits(residents)

    def _revisit_demo_property_visits(self, residents):
        """Demo: the staff member's day in the property manager (its company's
        day, Asia/Shanghai): move-ins and an incident make visits of today and
        overdue ones through the rules, as a desk would record them."""
        today = self._revisit_today()
        self.env["revisit.event"].create(
            [
                {
                    "partner_id": partner.id,
                    "trigger": trigger,
                    "date": today - timedelta(days=days),
                    "company_id": self.id,
                }
                for partner, trigger, days in (
                    (residents[0], "move_in", 1),
                    (residents[1], "move_in", 40),
                    (residents[2], "incident", 30),
                    (residents[3], "move_in", 5),
                )
            ]
        )

    @api.model
    def _revisit_demo_reach(self):
        """Demo: the attempts, scales and low scores the reach funnel counts
        (``revisit_demo_reach``)."""
        revisit_demo_reach.load(self.env)

    @api.model
    def _revisit_demo_database(self):
        """Whether the database was created with demo data (base's)."""
        return bool(
            self.env["ir.module.module"]
            .sudo()
            .search_count([("name", "=", "base"), ("demo", "=", True)])
        )

    @api.model
    def _revisit_demo_chinese_users(self, user_ids):
        """Demo users of the Chinese demo company live in Shanghai and speak
        Chinese (where it is installed)."""
        values = {"tz": "Asia/Shanghai"}
        if self.env["res.lang"]._lang_get("zh_CN"):
            values["lang"] = "zh_CN"
        self.env["res.users"].browse(user_ids).write(values)

    @api.model
    def _revisit_load_terms(self, module):
        """Load a module's terms in the installed languages before its data or
        demo writes texts into records: Odoo loads them only afterwards, so
        the records made before (the shipped rules' creation messages, the
        demo's visits) would read the model's and the steps' names untranslated."""
        langs = [
            code
            for code, _name in self.env["res.lang"].get_installed()
            if code != "en_US"
        ]
        if langs:
            self.env["ir.module.module"].search(
                [("name", "=", module)]
            )._update_translations(langs)
