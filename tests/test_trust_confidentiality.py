"""Confidential customers probed through every read channel of the trust model.

A confidential (机密) customer and a top-secret (绝密) contact person of a
normal company are read by every role, through the ORM, JSON-RPC
(/web/dataset/call_kw) and /json/2: every field of res.partner (enumerated from
its fields, so a new field is covered the day it is added), searches and counts
on the protected fields, groupings by them, name_search, display names under
each context key, exports, every field of our models' records that point to the
customer (related and computed copies, the SQL reporting views), the chatter
(messages, tracking values), followers, activities and calendar attendees.

A leak is any occurrence of the secret phone, e-mail or street in an answer (or
the customer's id found by a search on its secret value, or a row of a
reporting view). The suite logs attempts, refused and leaked per channel and
role; leaked must be 0, and the file's people (owner, the file's department
head, managers) must still read it.
"""

import json
import logging
from collections import Counter
from datetime import date, datetime, timedelta

from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .trust_roles import ROLE_GROUPS

_logger = logging.getLogger(__name__)

REFUSED = (AccessError, MissingError, UserError, ValidationError)
REFUSED_NAMES = {e.__name__ for e in REFUSED}
PARTNER = "res.partner"
CONF = {
    "phone": "+86 139 7777 0001",
    "email": "conf.secret@hidden-file.example",
    "street": "88 Hidden Garden Road",
}
TOP = {
    "phone": "+86 139 7777 0002",
    "email": "top.contact@hidden-file.example",
    "street": "3 Silent Alley",
}
OLD_PHONE = "+86 139 7777 0009"
# how a secret shows when sanitized or normalized
SECRETS = {
    "conf": [
        *CONF.values(),
        "13977770001",
        "conf.secret@",
        OLD_PHONE,
        "13977770009",
    ],
    "top": [*TOP.values(), "13977770002", "top.contact@"],
}
CONTEXT_KEYS = (
    "show_email",
    "show_address",
    "show_address_only",
    "address_inline",
    "show_vat",
    "partner_show_db_id",
)
ROLES = {
    "cf_owner": "owner",
    "cf_staff": "staff",
    "cf_member": "supervisor member",
    "cf_head1": "file's dept head",
    "cf_head2": "department head",
    "cf_manager": "manager",
    "cf_hr": "HR appraisal",
    "cf_hrofficer": "HR officer",
    "cf_custodian": "archive custodian",
    "cf_exec": "executive director",
    "cf_agent": "helpdesk agent",
    "cf_sales": "salesperson",
    "cf_portal": "portal",
    "cf_other": "second company",
}
# who may read which file (the file's people)
ALLOWED = {
    "conf": {"cf_owner", "cf_head1", "cf_manager"},
    "top": {"cf_owner", "cf_manager"},
}
TRANSPORTS = ("orm", "jsonrpc", "json2")
# reporting views: a row of the customer is cooperation data
REPORTS = (
    "revisit.visit.report",
    "revisit.problem.report",
    "revisit.complaint.report",
)


@tagged("post_install", "-at_install")
class TestTrustConfidentiality(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = env.company
        cls.company_b = env["res.company"].create({"name": "Confid Other Clinic"})
        Department = env["hr.department"]
        cls.dept1 = Department.create({"name": "Confid desk 1"})
        cls.dept2 = Department.create({"name": "Confid desk 2"})
        cls.dept_b = Department.create(
            {"name": "Confid other desk", "company_id": cls.company_b.id}
        )
        cls.users = {}
        cls.employees = {}

        def user(login, groups, dept=None, company=company):
            # every internal role may export: the export itself is probed
            record = new_test_user(
                env,
                login,
                groups=f"{groups},base.group_allow_export",
                password=f"{login}-Pw-2026",
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
            cls.users[login] = record
            if dept:
                cls.employees[login] = env["hr.employee"].create(
                    {
                        "name": login,
                        "user_id": record.id,
                        "department_id": dept.id,
                        "company_id": company.id,
                    }
                )
            return record

        role = ROLE_GROUPS
        user("cf_owner", role["staff"], cls.dept1)
        user("cf_staff", role["staff"], cls.dept1)
        user("cf_member", role["supervisor member"], cls.dept1)
        user("cf_head1", role["department head"], cls.dept1)
        user("cf_head2", role["department head"], cls.dept2)
        user("cf_manager", role["manager"])
        user("cf_hr", role["HR appraisal"])
        user("cf_hrofficer", role["HR officer"])
        user("cf_custodian", role["archive custodian"], cls.dept1)
        user("cf_exec", role["executive director"])
        user("cf_agent", role["helpdesk agent"])
        user("cf_sales", role["salesperson"])
        user("cf_other", role["second company"], cls.dept_b, company=cls.company_b)
        cls.dept1.manager_id = cls.employees["cf_head1"]
        cls.dept2.manager_id = cls.employees["cf_head2"]
        u = cls.users

        Partner = env[PARTNER]
        cls.conf = Partner.create(
            dict(
                CONF,
                name="Confidential Clinic Customer",
                phone=OLD_PHONE,
                city="Hangzhou",
                revisit_user_id=u["cf_owner"].id,
                revisit_department_id=cls.dept1.id,
                revisit_confidentiality="confidential",
                revisit_min_interval_days=0,
            )
        )
        cls.acme = Partner.create(
            {
                "name": "Normal Parent Company",
                "is_company": True,
                "email": "front.desk@normal-company.example",
                "revisit_user_id": u["cf_owner"].id,
                "revisit_department_id": cls.dept1.id,
            }
        )
        cls.top = Partner.create(
            dict(
                TOP,
                name="Top Secret Contact Person",
                parent_id=cls.acme.id,
                type="contact",
                revisit_confidentiality="top_secret",
            )
        )
        # a changed phone, tracked in the chatter (not in the creating transaction)
        env.flush_all()
        env.cr.precommit.run()
        cls.conf.with_context(tracking_disable=False).write({"phone": CONF["phone"]})
        env.flush_all()
        env.cr.precommit.run()
        cls.portal_partner = Partner.create({"name": "Portal Confid"})
        cls.portal = new_test_user(
            env,
            "cf_portal",
            groups="base.group_portal",
            password="cf_portal-Pw-2026",
            partner_id=cls.portal_partner.id,
        )
        cls.users["cf_portal"] = cls.portal

        Visit = env["revisit.visit"]
        today = cls.today = date.today()

        def visit(partner, assignee, dept, **vals):
            return Visit.create(
                dict(
                    {
                        "partner_id": partner.id,
                        "user_id": assignee.id,
                        "department_id": dept.id,
                        "scheduled_date": today,
                    },
                    **vals,
                )
            )

        cls.v_conf = visit(cls.conf, u["cf_staff"], cls.dept1)
        cls.v_conf_done = visit(cls.conf, u["cf_owner"], cls.dept1, satisfaction=4)
        cls.v_conf_done.action_done()
        # the head of another department put a visit of the file in his department
        cls.v_conf_d2 = visit(cls.conf, u["cf_head2"], cls.dept2)
        cls.v_top = visit(cls.top, u["cf_staff"], cls.dept1)
        cls.v_acme = visit(cls.acme, u["cf_custodian"], cls.dept1)
        # an appointment: its calendar event has the customer as attendee
        cls.conf.write({"revisit_dnd_from": 0.0, "revisit_dnd_to": 0.0})
        cls.v_conf.write(
            {
                "appointment_datetime": datetime.combine(today, datetime.min.time())
                + timedelta(hours=3),
                "appointment_place": "Clinic",
            }
        )
        cls.v_conf.action_appoint()
        cls.calendar_event = cls.v_conf.calendar_event_id
        # a complaint raised from the visit copies the customer's e-mail
        Ticket = env["helpdesk.ticket"]
        cls.ticket = Ticket.create(
            cls.v_conf_done._prepare_complaint_values()
            | {"responsible_department_id": cls.dept1.id}
        )
        cls.ticket_top = Ticket.create(
            {
                "name": "Top secret contact's complaint",
                "description": "<p>kept</p>",
                "partner_id": cls.top.id,
                "partner_email": TOP["email"],
                "is_complaint": True,
                "responsible_department_id": cls.dept1.id,
            }
        )
        # the customer wrote in: an e-mail received on the complaint
        cls.ticket.message_post(
            body="Any news?",
            author_id=cls.conf.id,
            email_from=f'"Confidential Clinic Customer" <{CONF["email"]}>',
            message_type="email",
        )
        # the customers follow a record everybody reads; an activity on each
        cls.portal_partner.message_subscribe(partner_ids=(cls.conf | cls.top).ids)
        for partner in (cls.conf, cls.top):
            partner.activity_schedule(
                "mail.mail_activity_data_todo",
                summary="Call back",
                user_id=u["cf_owner"].id,
            )
        # the custodian holds an approved request to read the parent company's file
        request = (
            env["revisit.archive.request"]
            .with_user(u["cf_custodian"])
            .create(
                {
                    "partner_id": cls.acme.id,
                    "purpose": "Yearly file check",
                    "date_from": today - timedelta(days=1),
                    "date_to": today + timedelta(days=1),
                }
            )
        )
        request.action_submit()
        request.with_user(u["cf_head1"]).action_sign()
        request.with_user(u["cf_manager"]).action_approve()
        assert request.state == "approved", request.state
        cls.keys = {
            login: env["res.users.apikeys"]
            .with_user(record)
            .sudo()
            ._generate(
                "rpc", "confidentiality probe", datetime.now() + timedelta(days=1)
            )
            for login, record in cls.users.items()
        }
        cls.stats = Counter()

    # ------------------------------------------------------------ transport
    def call(self, transport, login, model, method, args=(), kwargs=None, ctx=None):
        """Call as `login`; (refused, result)."""
        kwargs = dict(kwargs or {})
        if transport == "orm":
            env = self.env(user=self.users[login], context=dict(ctx or {}))
            Model = env[model]
            try:
                with self.env.cr.savepoint():
                    if args:
                        return False, getattr(Model.browse(args[0]), method)(**kwargs)
                    return False, getattr(Model, method)(**kwargs)
            except REFUSED:
                return True, None
        if ctx:
            kwargs["context"] = dict(ctx)
        if transport == "jsonrpc":
            try:
                result = self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {
                        "model": model,
                        "method": method,
                        "args": [list(args[0])] if args else [],
                        "kwargs": kwargs,
                    },
                )
            except JsonRpcException as error:
                name = str(error).rsplit(".", 1)[-1]
                self.assertIn(name, REFUSED_NAMES, f"{model}.{method}: {error}")
                return True, None
            return False, result
        body = dict(kwargs, **({"ids": list(args[0])} if args else {}))
        if "context" in body:
            body["context"] = dict(body["context"])
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.keys[login]}",
            },
        )
        if response.status_code != 200:
            name = response.json().get("name", "").rsplit(".", 1)[-1]
            self.assertIn(name, REFUSED_NAMES, f"{model}.{method}: {response.text}")
            return True, None
        return False, response.json()

    # ------------------------------------------------------------- probes
    def readable_fields(self, login, model):
        """The fields `login` may read on `model` (fields_get as the user)."""
        env = self.env(user=self.users[login])
        try:
            described = env[model].fields_get(attributes=["type"])
        except AccessError:
            return []
        return [
            name
            for name, desc in described.items()
            if desc["type"] not in ("binary",) and name in env[model]._fields
        ]

    def protected_fields(self):
        Partner = self.env[PARTNER]
        return sorted(Partner._revisit_contact_fnames())

    def partner_links(self):
        """(model, field) of our models' many2one fields to res.partner."""
        links = []
        for name in sorted(self.env.registry):
            model = self.env[name]
            if (
                not (name.startswith("revisit.") or name == "helpdesk.ticket")
                or model._transient
                or model._abstract
            ):
                continue
            links += [
                (name, fname)
                for fname, field in model._fields.items()
                if field.type == "many2one"
                and field.comodel_name == PARTNER
                and field.store
            ]
        return links

    def probes(self, login, key, target):
        """Yield (channel, model, method, args, kwargs, context, kind) probes of
        the target partner; kind says how an answer leaks: "text" (a secret in
        it), "id" (the target found) or "rows" (any row)."""
        secret = CONF if key == "conf" else TOP
        ids = [target.id]
        fnames = self.readable_fields(login, PARTNER)
        yield "read", PARTNER, "read", (ids,), {"fields": fnames}, None, "text"
        yield (
            "read",
            PARTNER,
            "web_read",
            (ids,),
            {"specification": {f: {} for f in fnames}},
            None,
            "text",
        )
        protected = [f for f in self.protected_fields() if f in fnames]
        values = target.sudo().read(protected)[0]
        searchable = [
            f
            for f in protected
            if self.env[PARTNER]._fields[f].store
            and isinstance(values[f], str)
            and values[f]
        ]
        for fname in searchable:
            domain = [("id", "=", target.id), (fname, "=", values[fname])]
            yield "search", PARTNER, "search", (), {"domain": domain}, None, "id"
            yield "search", PARTNER, "search_count", (), {"domain": domain}, None, "id"
            yield (
                "read_group",
                PARTNER,
                "formatted_read_group",
                (),
                {"domain": [("id", "=", target.id)], "groupby": [fname]},
                None,
                "text",
            )
            yield (
                "read_group",
                PARTNER,
                "web_read_group",
                (),
                {
                    "domain": [("id", "=", target.id)],
                    "groupby": [fname],
                    "aggregates": ["__count"],
                },
                None,
                "text",
            )
        yield (
            "name_search",
            PARTNER,
            "name_search",
            (),
            {"name": secret["email"].split("@")[0], "limit": 100},
            None,
            "id",
        )
        for ctx_key in CONTEXT_KEYS:
            yield (
                "display_name",
                PARTNER,
                "read",
                (ids,),
                {"fields": ["display_name"]},
                {ctx_key: True},
                "text",
            )
        yield (
            "export",
            PARTNER,
            "export_data",
            (ids,),
            {"fields_to_export": [f for f in protected if f in fnames]},
            None,
            "text",
        )
        for model, fname in self.partner_links():
            kind = "rows" if model in REPORTS else "text"
            channel = "reporting" if model in REPORTS else "related"
            if model not in REPORTS:
                texts = [
                    f
                    for f in self.readable_fields(login, model)
                    if self.env[model]._fields[f].type in ("char", "text", "html")
                ]
                yield (
                    "export",
                    model,
                    "export_data",
                    (self.linked_ids(model, fname, target),),
                    {"fields_to_export": texts},
                    None,
                    "text",
                )
            yield (
                channel,
                model,
                "search_read",
                (),
                {
                    "domain": [(fname, "=", target.id)],
                    "fields": self.readable_fields(login, model),
                },
                None,
                kind,
            )
        yield (
            "mail",
            "mail.message",
            "search_read",
            (),
            {
                "domain": [("model", "=", PARTNER), ("res_id", "=", target.id)],
                "fields": self.readable_fields(login, "mail.message"),
            },
            None,
            "text",
        )
        yield (
            "mail",
            "mail.message",
            "search_read",
            (),
            {
                "domain": [("author_id", "=", target.id)],
                "fields": self.readable_fields(login, "mail.message"),
            },
            None,
            "text",
        )
        yield (
            "mail",
            "mail.tracking.value",
            "search_read",
            (),
            {
                "domain": [("mail_message_id.res_id", "=", target.id)],
                "fields": ["old_value_char", "new_value_char"],
            },
            None,
            "text",
        )
        yield (
            "followers",
            "mail.followers",
            "search_read",
            (),
            {
                "domain": [("partner_id", "=", target.id)],
                "fields": self.readable_fields(login, "mail.followers"),
            },
            None,
            "text",
        )
        yield (
            "activity",
            "mail.activity",
            "search_read",
            (),
            {
                "domain": [("res_model", "=", PARTNER), ("res_id", "=", target.id)],
                "fields": self.readable_fields(login, "mail.activity"),
            },
            None,
            "text",
        )
        for model, fname in (
            ("calendar.event", "partner_ids"),
            ("calendar.attendee", "partner_id"),
        ):
            yield (
                "calendar",
                model,
                "search_read",
                (),
                {
                    "domain": [(fname, "in", ids)],
                    "fields": self.readable_fields(login, model),
                },
                {"show_email": True},
                "text",
            )

    def linked_ids(self, model, fname, target):
        """The records of `model` pointing to the target (as the system: the
        export is tried on them whether the user may read them or not)."""
        return (
            self.env[model]
            .with_context(active_test=False)
            .search([(fname, "=", target.id)])
            .ids
        )

    def leaked(self, key, target, kind, result):
        if result is None:
            return False
        if kind == "rows":
            return bool(result)
        if kind == "id":
            if hasattr(result, "ids"):
                found = result.ids
            elif isinstance(result, bool):
                found = []
            elif isinstance(result, int):
                return result > 0
            else:
                found = [r[0] if isinstance(r, (list, tuple)) else r for r in result]
            return target.id in found
        text = json.dumps(result, default=str)
        return any(secret in text for secret in SECRETS[key])

    def excerpt(self, key, result):
        """Where the secret shows in an answer."""
        text = json.dumps(result, default=str)
        for secret in SECRETS[key]:
            if secret in text:
                at = text.index(secret)
                return text[max(at - 150, 0) : at + 40]
        return text[:200]

    def chatter(self, login, target):
        """The chatter as the user's screen gets it (messages and tracking)."""
        env = self.env(user=self.users[login])
        messages = env["mail.message"].search(
            [("model", "=", PARTNER), ("res_id", "=", target.id)]
        )
        # the followers' list of a record the user reads (partners read as sudo)
        followers = env["mail.followers"].search(
            [("res_model", "=", PARTNER), ("res_id", "=", self.portal_partner.id)]
        )
        return Store().add(messages).add(followers).get_result()

    def run_probes(self, transport):
        breaches = []
        tried = Counter()
        targets = {"conf": self.conf, "top": self.top}
        for login, role in ROLES.items():
            if transport == "jsonrpc":
                self.authenticate(login, f"{login}-Pw-2026")
            for key, target in targets.items():
                allowed = login in ALLOWED[key]
                if allowed:
                    continue
                for probe in self.probes(login, key, target):
                    channel, model, method, args, kwargs, ctx, kind = probe
                    refused, result = self.call(
                        transport, login, model, method, args, kwargs, ctx
                    )
                    leak = not refused and self.leaked(key, target, kind, result)
                    self.count(channel, transport, role, leak)
                    tried[channel] += 1
                    if leak:
                        breaches.append(
                            f"{transport} {login} {key} {channel} {model}.{method} "
                            f"{ctx or ''}: {self.excerpt(key, result)}"
                        )
                if transport == "orm" and login != "cf_portal":
                    store = self.chatter(login, target)
                    leak = self.leaked(key, target, "text", store)
                    self.count("mail", transport, role, leak)
                    if leak:
                        breaches.append(
                            f"{login} {key} chatter: {self.excerpt(key, store)}"
                        )
        total = sum(tried.values())
        _logger.info(
            "confidentiality probes via %s: %d attempts, %d leaked",
            transport,
            total,
            len(breaches),
        )
        self.assertGreaterEqual(total, 500)
        self.assertEqual(breaches, [], "\n".join(breaches))

    def count(self, channel, transport, role, leak):
        self.stats["attempts", channel, transport, role] += 1
        self.stats["leaked" if leak else "refused", channel, transport, role] += 1

    def test_probe_orm(self):
        self.run_probes("orm")

    def test_probe_jsonrpc(self):
        self.run_probes("jsonrpc")

    def test_probe_json2(self):
        self.run_probes("json2")

    # ------------------------------------------------------ the file's people
    def test_files_people_read_the_contact_data(self):
        """Positive side: the owner, the file's department head and managers
        read the contact data, over the ORM and /json/2 (the suite fails both
        ways)."""
        for key, target in (("conf", self.conf), ("top", self.top)):
            secret = CONF if key == "conf" else TOP
            for login in ALLOWED[key]:
                with self.subTest(login=login, key=key):
                    values = target.with_user(self.users[login]).read(
                        ["email", "phone", "street", "contact_address_inline"]
                    )[0]
                    self.assertEqual(values["email"], secret["email"])
                    self.assertEqual(values["phone"], secret["phone"])
                    self.assertIn(secret["street"], values["contact_address_inline"])
                    refused, result = self.call(
                        "json2",
                        login,
                        PARTNER,
                        "formatted_read_group",
                        (),
                        {"domain": [("id", "=", target.id)], "groupby": ["email"]},
                    )
                    self.assertFalse(refused)
                    self.assertEqual(result[0]["email"], secret["email"])
        # the manager reads the complaint analysis and the visits of the file
        manager = self.env(user=self.users["cf_manager"])
        self.assertTrue(
            manager["revisit.complaint.report"].search_count(
                [("partner_id", "=", self.conf.id)]
            )
        )
        head = self.env(user=self.users["cf_head1"])
        self.assertEqual(
            head["revisit.visit"].search([("partner_id", "=", self.conf.id)]),
            self.v_conf | self.v_conf_done | self.v_conf_d2,
        )
        # the parent company's file is read by the approved request
        custodian = self.acme.with_user(self.users["cf_custodian"])
        self.assertEqual(custodian.email, "front.desk@normal-company.example")

    # ------------------------------------------------------ named regressions
    def as_user(self, login, record):
        return record.with_user(self.users[login])

    def test_group_keys_do_not_reveal_contact_data(self):
        for method in ("formatted_read_group", "web_read_group"):
            for field in ("email", "phone", "street"):
                result = getattr(self.as_user("cf_sales", self.env[PARTNER]), method)(
                    [("id", "in", (self.conf | self.top).ids)], [field], ["__count"]
                )
                text = json.dumps(result, default=str)
                for secret in (*CONF.values(), *TOP.values()):
                    self.assertNotIn(secret, text, (method, field))
        groups = self.as_user("cf_sales", self.env[PARTNER])._read_group(
            [("id", "=", self.conf.id)], ["email"]
        )
        self.assertEqual(groups, [])

    def test_display_name_contexts_show_no_contact_data(self):
        for ctx_key in CONTEXT_KEYS:
            name = (
                self.as_user("cf_member", self.conf)
                .with_context(**{ctx_key: True})
                .display_name
            )
            self.assertNotIn(CONF["email"], name, ctx_key)
            self.assertNotIn(CONF["street"], name, ctx_key)
            self.assertNotIn(str(self.conf.id), name, ctx_key)
        owner = self.as_user("cf_owner", self.conf).with_context(show_email=True)
        self.assertIn(CONF["email"], owner.display_name)

    def test_computed_contact_fields_hidden(self):
        values = self.as_user("cf_staff", self.top).read(
            ["contact_address_inline", "contact_address", "email_formatted"]
        )[0]
        self.assertFalse(any(values[f] for f in values if f != "id"), values)

    def test_search_on_secret_value_finds_nobody(self):
        Partner = self.as_user("cf_agent", self.env[PARTNER])
        self.assertFalse(Partner.search([("email", "=", CONF["email"])]))
        self.assertFalse(Partner.search([("phone", "ilike", "7777 0002")]))
        self.assertFalse(Partner.name_search("conf.secret"))
        # the name still finds the customer
        self.assertIn(
            self.conf.id,
            [pid for pid, _name in Partner.name_search("Confidential Clinic")],
        )

    def test_calendar_attendee_shows_no_email(self):
        attendees = self.as_user("cf_sales", self.calendar_event.attendee_ids)
        rows = attendees.read(["email", "phone", "common_name", "partner_id"])
        text = json.dumps(rows, default=str)
        self.assertNotIn(CONF["email"], text)
        self.assertTrue(any(r["partner_id"][0] == self.conf.id for r in rows))

    def test_followers_show_no_email(self):
        followers = self.as_user("cf_hrofficer", self.env["mail.followers"]).search(
            [("partner_id", "in", (self.conf | self.top).ids)]
        )
        self.assertEqual(len(followers), 2)
        self.assertEqual(followers.read(["email"])[0]["email"], False)
        self.assertEqual(followers.read(["email"])[1]["email"], False)

    def test_tracking_of_a_changed_phone_hidden(self):
        store = json.dumps(self.chatter("cf_sales", self.conf), default=str)
        self.assertNotIn(OLD_PHONE, store)
        self.assertNotIn(CONF["phone"], store)
        owner_store = json.dumps(self.chatter("cf_owner", self.conf), default=str)
        self.assertIn(CONF["phone"], owner_store)

    def test_complaint_copy_of_the_email_hidden(self):
        self.assertEqual(self.ticket.partner_email, CONF["email"])
        ticket = self.as_user("cf_agent", self.ticket)
        self.assertFalse(ticket.read(["partner_email"])[0]["partner_email"])
        exported = ticket.export_data(["name", "partner_email", "partner_id/email"])
        self.assertNotIn(CONF["email"], json.dumps(exported))
        Ticket = self.as_user("cf_agent", self.env["helpdesk.ticket"])
        self.assertFalse(Ticket.search([("partner_email", "=", CONF["email"])]))
        self.assertEqual(
            self.as_user("cf_owner", self.ticket).read(["partner_email"])[0][
                "partner_email"
            ],
            CONF["email"],
        )

    def test_complaint_analysis_rows_within_confidentiality(self):
        Report = self.env["revisit.complaint.report"]
        # the top-secret contact's row is under its (normal) company
        domain = [("ticket_id", "in", (self.ticket | self.ticket_top).ids)]
        self.assertEqual(Report.search_count(domain), 2)
        for login in ("cf_member", "cf_head2"):
            self.assertEqual(self.as_user(login, Report).search_count(domain), 0, login)
        self.assertEqual(self.as_user("cf_head1", Report).search_count(domain), 1)

    def test_last_visit_of_a_colleague_not_read_through_own_visit(self):
        secret = self.env[PARTNER].create(
            {"name": "Secret customer", "revisit_confidentiality": "secret"}
        )
        colleague = self.env["revisit.visit"].create(
            {
                "partner_id": secret.id,
                "user_id": self.users["cf_owner"].id,
                "department_id": self.dept1.id,
                "scheduled_date": self.today,
                "feedback": "colleague's private feedback",
                "satisfaction": 2,
            }
        )
        colleague.action_done()
        own = self.as_user("cf_staff", self.env["revisit.visit"]).create(
            {
                "partner_id": secret.id,
                "user_id": self.users["cf_staff"].id,
                "department_id": self.dept1.id,
                "scheduled_date": self.today,
            }
        )
        own.invalidate_recordset()
        self.assertFalse(own.last_visit_feedback)
        self.assertFalse(own.last_visit_date)

    def test_department_head_visit_opens_no_file(self):
        """The head of another department who got a visit of the file in his
        department reads neither the visit nor the customer's contact data."""
        head2 = self.users["cf_head2"]
        Visit = self.env["revisit.visit"].with_user(head2)
        self.assertFalse(Visit.search([("partner_id", "=", self.conf.id)]))
        self.assertFalse(self.conf.with_user(head2).read(["email"])[0]["email"])
        with self.assertRaises(AccessError):
            Visit.create(
                {
                    "partner_id": self.conf.id,
                    "user_id": head2.id,
                    "department_id": self.dept2.id,
                    "scheduled_date": self.today,
                }
            )

    def test_company_request_opens_no_top_secret_contact(self):
        custodian = self.users["cf_custodian"]
        self.assertEqual(
            self.top.with_user(custodian).read(["email", "phone"])[0],
            {"id": self.top.id, "email": False, "phone": False},
        )
        self.assertFalse(
            self.env["revisit.visit"]
            .with_user(custodian)
            .search([("partner_id", "=", self.top.id)])
        )

    def test_contact_of_a_confidential_company_is_confidential(self):
        person = self.env[PARTNER].create(
            {
                "name": "Clerk",
                "parent_id": self.conf.id,
                "email": "clerk@hidden.example",
            }
        )
        self.assertEqual(person.revisit_effective_confidentiality, "confidential")
        self.assertFalse(
            person.with_user(self.users["cf_member"]).read(["email"])[0]["email"]
        )
        self.conf.revisit_confidentiality = "normal"
        self.assertEqual(person.revisit_effective_confidentiality, "normal")
        self.assertEqual(
            person.with_user(self.users["cf_member"]).read(["email"])[0]["email"],
            "clerk@hidden.example",
        )

    @classmethod
    def tearDownClass(cls):
        rows = sorted({key[1:] for key in cls.stats})
        for channel, transport, role in rows:
            _logger.info(
                "confidentiality summary %-12s %-7s %-18s attempts %4d refused %4d "
                "leaked %d",
                channel,
                transport,
                role,
                cls.stats["attempts", channel, transport, role],
                cls.stats["refused", channel, transport, role],
                cls.stats["leaked", channel, transport, role],
            )
        totals = Counter()
        for (kind, *_rest), value in cls.stats.items():
            totals[kind] += value
        _logger.info(
            "confidentiality summary total: %d attempts, %d refused, %d leaked",
            totals["attempts"],
            totals["refused"],
            totals["leaked"],
        )
        super().tearDownClass()
