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

import base64
import json
import logging
import re
import shutil
import subprocess
import threading
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from urllib.parse import quote

from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL

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
from .trust_roles import ROLE_GROUPS

_logger = logging.getLogger(__name__)

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
@tagged("post_install", "-at_install")
class TestTrustConfidentiality(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        two_companies(cls, "Confid")

        def user(login, groups, dept=None, company=None):
            # every internal role may export: the export itself is probed
            groups = f"{groups},base.group_allow_export"
            return add_user(cls, login, groups, dept, company)

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
        cls.portal = make_user(
            env, "cf_portal", "base.group_portal", partner_id=cls.portal_partner.id
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
        # a visit of the company with its top-secret contact person
        cls.v_acme = visit(
            cls.acme, u["cf_custodian"], cls.dept1, contact_id=cls.top.id
        )
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
        # documents holding the secret: on the customer (its file) and on a
        # visit of the file
        cls.documents = {}
        for key, secret, records in (
            ("conf", CONF, (cls.conf, cls.v_conf_d2)),
            ("top", TOP, (cls.top, cls.v_top)),
        ):
            cls.documents[key] = env["ir.attachment"].create(
                [
                    {
                        "name": f"Call notes {secret['phone']}.txt",
                        "description": f"Write to {secret['email']}",
                        "raw": f"{secret['street']}\n{secret['email']}".encode(),
                        "mimetype": "text/plain",
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                    for record in records
                ]
            )
        # the visit notices: an SMS (its number kept on the notification and
        # the SMS) and an e-mail (its address on the outgoing mail)
        env["revisit.reminder.manager"]._send_notice_sms(cls.v_conf)
        env["revisit.reminder.manager"]._send_notice_sms(cls.v_top)
        env.ref("revisit_management.mail_template_revisit_plan_notice").send_mail_batch(
            cls.v_conf_done.ids
        )
        # a monthly customer information report naming the customer
        cls.customer_report = env["revisit.customer.report"].create(
            {
                "name": "Confid customer report",
                "department_id": cls.dept1.id,
                "user_id": u["cf_head1"].id,
                "date": today,
                "partner_ids": [(6, 0, (cls.conf | cls.top).ids)],
            }
        )
        env.flush_all()
        cls.keys = api_keys(env, cls.users, "confidentiality probe")
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
        error, result = call_rpc(
            self,
            transport,
            self.keys[login],
            model,
            method,
            list(args[0]) if args else None,
            kwargs,
        )
        if error:
            self.assertIn(error, REFUSED_NAMES, f"{model}.{method}: {result}")
            return True, None
        return False, result

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
            # an analysis (a read-only SQL view) leaks by showing the row
            report = not self.env[model]._auto
            kind = "rows" if report else "text"
            channel = "reporting" if report else "related"
            if not report:
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
        yield from self.document_probes(login, key, target)
        yield from self.notice_probes(login, key, target)
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

    def hidden_visits(self, login, target):
        """The target's visits `login` may not read."""
        visits = (
            self.env["revisit.visit"]
            .with_context(active_test=False)
            .search([("partner_id", "=", target.id)])
        )
        readable = visits.with_user(self.users[login])._filtered_access("read")
        return (visits - readable).ids

    def document_probes(self, login, key, target):
        """ir.attachment: the documents of the customer's file and of its
        visits the user may not read (name, description, content, index)."""
        secret = CONF if key == "conf" else TOP
        fields = [*self.readable_fields(login, "ir.attachment"), "datas"]
        hidden = {
            PARTNER: [target.id],
            "revisit.visit": self.hidden_visits(login, target),
        }
        searched = {
            "index_content": secret["street"],
            "name": secret["phone"],
            "description": secret["email"],
        }
        for model, ids in hidden.items():
            domain = [("res_model", "=", model), ("res_id", "in", ids)]
            yield (
                "attachment",
                "ir.attachment",
                "search_read",
                (),
                {"domain": domain, "fields": fields},
                None,
                "text",
            )
            for fname, value in searched.items():
                yield (
                    "attachment",
                    "ir.attachment",
                    "search_count",
                    (),
                    {"domain": [*domain, (fname, "ilike", value)]},
                    None,
                    "rows",
                )
        documents = self.documents[key].filtered(
            lambda d: d.res_id in hidden.get(d.res_model, ())
        )
        yield (
            "attachment",
            "ir.attachment",
            "read",
            (documents.ids,),
            {"fields": fields},
            None,
            "text",
        )

    def notice_probes(self, login, key, target):
        """The visit notices kept by the chatter: SMS, outgoing e-mails, their
        notifications (the number an SMS went to) and the messages."""
        secret = CONF if key == "conf" else TOP
        visits = (
            self.env["revisit.visit"]
            .with_context(active_test=False)
            .search([("partner_id", "=", target.id)])
            .ids
        )
        on_visits = [("model", "=", "revisit.visit"), ("res_id", "in", visits)]
        for model, domain in (
            ("sms.sms", [("partner_id", "=", target.id)]),
            ("mail.mail", [("recipient_ids", "in", [target.id])]),
            ("mail.mail", on_visits),
            ("mail.notification", [("res_partner_id", "=", target.id)]),
            ("mail.message", on_visits),
        ):
            yield (
                "sms/mail",
                model,
                "search_read",
                (),
                {"domain": domain, "fields": self.readable_fields(login, model)},
                None,
                "text",
            )
        # a search by the number finds no notification of the customer
        yield (
            "sms/mail",
            "mail.notification",
            "search_count",
            (),
            {
                "domain": [
                    ("res_partner_id", "=", target.id),
                    ("sms_number", "ilike", secret["phone"][-4:]),
                ]
            },
            None,
            "rows",
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
        text = self.answer_text(result)
        return any(secret in text for secret in SECRETS[key])

    @staticmethod
    def answer_text(result):
        """An answer as text, a document's content (base64) decoded."""
        text = json.dumps(result, default=str)
        rows = result if isinstance(result, list) else []
        for row in rows:
            if isinstance(row, dict) and isinstance(row.get("datas"), (str, bytes)):
                text += base64.b64decode(row["datas"]).decode(errors="replace")
        return text

    def excerpt(self, key, result):
        """Where the secret shows in an answer."""
        text = self.answer_text(result)
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
                login_as(self, login)
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
                    self.count(channel, transport, role, leak, refused)
                    tried[channel] += 1
                    if leak:
                        breaches.append(
                            f"{transport} {login} {key} {channel} {model}.{method} "
                            f"{ctx or ''}: {self.excerpt(key, result)}"
                        )
                if transport == "orm" and login != "cf_portal":
                    store = self.chatter(login, target)
                    leak = self.leaked(key, target, "text", store)
                    self.count("mail", transport, role, leak, False)
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

    def count(self, channel, transport, role, leak, refused):
        """Count an attempt: refused (an access error or an error page),
        leaked, or answered without the secret."""
        self.stats["attempts", channel, transport, role] += 1
        self.stats["refused", channel, transport, role] += bool(refused)
        self.stats["leaked", channel, transport, role] += bool(leak)

    def test_probe_orm(self):
        self.run_probes("orm")

    def test_probe_jsonrpc(self):
        self.run_probes("jsonrpc")

    def test_probe_json2(self):
        self.run_probes("json2")

    # ---------------------------------------- documents rendered for a user
    def our_reports(self):
        """Every QWeb report of our addons, with the records of each target it
        prints (the records of its model pointing to the customer)."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.report"), ("module", "=like", "revisit%")]
        )
        reports = self.env["ir.actions.report"].browse(data.mapped("res_id"))
        result = []
        for report in reports.sorted("report_name"):
            Model = self.env[report.model].with_context(active_test=False)
            links = [
                name
                for name, field in Model._fields.items()
                if field.type in ("many2one", "many2many")
                and field.comodel_name == PARTNER
                and field.store
            ]
            for key, target in (("conf", self.conf), ("top", self.top)):
                records = Model.browse()
                for name in links:
                    records |= Model.search([(name, "in", target.ids)])
                result.append((report, key, records))
        return result

    def check_document(self, channel, transport, login, key, refused, text, breaches):
        """Count a rendered document: a leak when the secret shows in it for a
        user outside the file."""
        leak = not refused and any(secret in text for secret in SECRETS[key])
        self.count(channel, transport, ROLES[login], leak, refused)
        if leak:
            breaches.append(
                f"{transport} {login} {key} {channel}: {self.excerpt(key, text)}"
            )
        return leak

    def test_probe_reports(self):
        """Every report of our addons printed as every role, in the ORM and
        over /report/html, on the records of the customer: refused to who may
        not read them, without the contact data for who reads the record but
        not the file; the file's people read the contact data in it."""
        breaches = []
        reports = self.our_reports()
        self.assertTrue(any(records for _report, _key, records in reports))
        for login in ROLES:
            login_as(self, login)
            env = self.env(user=self.users[login])
            for report, key, records in reports:
                # each record alone (one refused record refuses a batch)
                for record in records:
                    try:
                        with self.env.cr.savepoint():
                            html, _kind = env["ir.actions.report"]._render_qweb_html(
                                report.report_name, record.ids
                            )
                        refused, text = False, html.decode()
                    except REFUSED:
                        refused, text = True, ""
                    response = self.url_open(
                        f"/report/html/{report.report_name}/{record.id}"
                    )
                    if login in ALLOWED[key]:
                        if report.report_name.endswith("visit_record"):
                            # the positive side: the file's people print it whole
                            phone = (CONF if key == "conf" else TOP)["phone"]
                            self.assertIn(phone, text, (login, record))
                            self.assertIn(phone, response.text, (login, record))
                        continue
                    self.check_document(
                        "report", "orm", login, key, refused, text, breaches
                    )
                    self.check_document(
                        "report",
                        "http",
                        login,
                        key,
                        response.status_code != 200,
                        response.text,
                        breaches,
                    )
        _logger.info("report probes: %s", sorted({r.report_name for r, *_ in reports}))
        self.assertEqual(breaches, [], "\n".join(breaches))

    def pdf_text(self, pdf):
        """The text pdftotext reads in a PDF, and again without spaces (a
        number may be printed in pieces)."""
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        text = unicodedata.normalize("NFKC", text)
        return text + "\n" + re.sub(r"\s+", "", text)

    def get_pdf(self, report, record_ids):
        """/report/pdf as the session's user: (refused, text)."""
        context = quote(json.dumps({"force_report_rendering": True}))
        ids = ",".join(map(str, record_ids))
        response = self.url_open(
            f"/report/pdf/{report.report_name}/{ids}?context={context}"
        )
        if response.status_code != 200:
            return True, response.text
        self.assertTrue(response.content.startswith(b"%PDF"), report.report_name)
        return False, self.pdf_text(response.content)

    def test_probe_pdf_reports(self):
        """Every PDF report of our addons fetched over /report/pdf as every
        role on the records of the customer, its text read by pdftotext:
        refused to who may not read them, without the contact data for who
        reads the record but not the file; the file's people read it."""
        self.assertTrue(shutil.which("pdftotext"), "install poppler-utils")
        # no stylesheet fetched: its web fonts draw Latin text and digits as
        # outlines pdftotext cannot read (see test_pdf_reports.py)
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        reports = [
            (report, key, records)
            for report, key, records in self.our_reports()
            if report.report_type == "qweb-pdf" and records
        ]
        self.assertTrue(reports)
        breaches = []
        printed = Counter()
        for login in ROLES:
            login_as(self, login)
            for report, key, records in reports:
                for record in records:
                    refused, text = self.get_pdf(report, record.ids)
                    if login in ALLOWED[key]:
                        if report.report_name.endswith("visit_record"):
                            phone = (CONF if key == "conf" else TOP)["phone"]
                            self.assertIn(phone.replace(" ", ""), text, login)
                            printed[key] += 1
                        continue
                    self.check_document(
                        "report", "pdf", login, key, refused, text, breaches
                    )
        # the positive side ran: the file's people printed the record whole
        self.assertTrue(printed["conf"] and printed["top"], printed)
        self.assertEqual(breaches, [], "\n".join(breaches))

    def test_reports_refused_to_portal(self):
        """Every report of our addons (the appraisal sheet and ranking
        included), printed by a portal user (the customer) in the ORM, over
        /report/html and /report/pdf, on a record of its model: refused."""
        self.env["revisit.appraisal"].create(
            {
                "employee_id": self.employees["cf_staff"].id,
                "date_from": self.today.replace(day=1),
            }
        )
        self.env["revisit.warranty"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "CF owner"}).id,
                "project_name": "CF project",
                "acceptance_date": self.today,
            }
        )
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.report"), ("module", "=like", "revisit%")]
        )
        reports = self.env["ir.actions.report"].browse(data.mapped("res_id"))
        self.assertIn(
            "revisit_appraisal.report_revisit_appraisal_sheet",
            reports.mapped("report_name"),
        )
        env = self.env(user=self.users["cf_portal"])
        login_as(self, "cf_portal")
        printed = []
        for report in reports.sorted("report_name"):
            records = (
                self.env[report.model]
                .with_context(active_test=False)
                .search([], limit=2)
            )
            self.assertTrue(records, f"{report.report_name}: no record to print")
            try:
                with self.env.cr.savepoint():
                    env["ir.actions.report"]._render_qweb_html(
                        report.report_name, records.ids
                    )
                printed.append(f"orm {report.report_name}")
            except REFUSED:
                pass
            for converter in ("html", "pdf"):
                if converter == "pdf":
                    refused, _text = self.get_pdf(report, records.ids)
                else:
                    response = self.url_open(
                        f"/report/html/{report.report_name}/"
                        + ",".join(map(str, records.ids))
                    )
                    refused = response.status_code != 200
                self.count("report", converter, "portal", not refused, refused)
                if not refused:
                    printed.append(f"{converter} {report.report_name}")
        self.assertEqual(printed, [], "a portal user printed an internal report")

    def test_digest_counts_do_not_single_out_the_customer(self):
        """Invariant 1 on the digest's figures: each role's figures are
        counted with its own access rights, so they do not move with the
        records of the customer it may not read. The records the role cannot
        read (visits, complaints) are moved to a third company (rolled back):
        the role's figures stay the same. The figures of who reads them do
        move: the probe would see a count made as superuser."""
        Digest = self.env["digest.digest"]
        kpis = sorted(
            name
            for name, field in Digest._fields.items()
            if name.startswith("kpi_")
            and name.endswith("_value")
            and (field._module or "").startswith("revisit")
        )
        self.assertGreaterEqual(len(kpis), 12, kpis)
        digest = Digest.create(
            {name[: -len("_value")]: True for name in kpis}
            | {"name": "Confid counts", "periodicity": "daily"}
        )
        # the share of all customers revisited divides by the company's number
        # of customers (the regulation's population, counted whole on purpose:
        # revisit.visit.report._revisit_coverage): how many customers the
        # company has names none of them, so it singles nobody out (TRUST_MODEL
        # invariant 1 is about a record's value, key or existence)
        population = {"kpi_revisit_coverage_value"}
        compared = [name for name in kpis if name not in population]
        elsewhere = self.env["res.company"].create({"name": "Confid elsewhere"})
        now = datetime.now()
        frame = {
            "start_datetime": now - timedelta(days=2),
            "end_datetime": now + timedelta(days=2),
        }

        def figures(user):
            values = {}
            for name in kpis:
                self.env.invalidate_all()
                try:
                    with self.env.cr.savepoint():
                        values[name] = digest.with_user(user).with_context(**frame)[
                            name
                        ]
                except AccessError:
                    values[name] = "refused"
            return values

        def records_of(target):
            Visit = self.env["revisit.visit"].with_context(active_test=False)
            return [
                Visit.search([("partner_id", "=", target.id)]),
                self.env["helpdesk.ticket"].search([("partner_id", "=", target.id)]),
            ]

        def move_out(records):
            for recs in records:
                if recs:
                    self.env.cr.execute(
                        SQL(
                            "UPDATE %s SET company_id = %s WHERE id IN %s",
                            SQL.identifier(recs._table),
                            elsewhere.id,
                            tuple(recs.ids),
                        )
                    )
            self.env.invalidate_all()

        breaches = []
        moved_any = Counter()
        for key, target in (("conf", self.conf), ("top", self.top)):
            records = records_of(target)
            # the teeth: the manager's figures count the customer's records
            before = figures(self.users["cf_manager"])
            with self.env.cr.savepoint() as block:
                move_out(records)
                self.assertNotEqual(figures(self.users["cf_manager"]), before, key)
                block.rollback()
            for login, role in ROLES.items():
                if login in ALLOWED[key]:
                    continue
                user = self.users[login]
                hidden = [
                    recs.filtered(
                        lambda r, u=user: not r.with_user(u).has_access("read")
                    )
                    for recs in records
                ]
                before = figures(user)
                with self.env.cr.savepoint() as block:
                    move_out(hidden)
                    after = figures(user)
                    block.rollback()
                moved_any[key] += sum(len(recs) for recs in hidden)
                changed = {
                    n: (before[n], after[n]) for n in compared if before[n] != after[n]
                }
                leak = bool(changed)
                self.count("digest count", "orm", role, leak, False)
                if leak:
                    breaches.append(f"{login} {key}: {changed}")
        self.assertTrue(moved_any["conf"] and moved_any["top"], moved_any)
        self.assertEqual(breaches, [], "\n".join(breaches))

    def thread_routes(self, key, target):
        """The chatter's HTTP routes on the customer and on its visits."""
        visits = (
            self.env["revisit.visit"]
            .with_context(active_test=False)
            .search([("partner_id", "=", target.id)])
        )
        threads = [(PARTNER, target.id)] + [("revisit.visit", v) for v in visits.ids]
        request_list = [
            "activities",
            "attachments",
            "contact_fields",
            "display_name",
            "followers",
            "scheduledMessages",
            "suggestedRecipients",
        ]
        for model, res_id in threads:
            thread = {"thread_model": model, "thread_id": res_id}
            yield (
                "/mail/data",
                model,
                {
                    "fetch_params": [
                        ["mail.thread", dict(thread, request_list=request_list)]
                    ]
                },
            )
            yield (
                "/mail/thread/messages",
                model,
                dict(thread, fetch_params={"limit": 100}),
            )
            yield (
                "/mail/thread/recipients/get_suggested_recipients",
                model,
                dict(thread, partner_ids=[]),
            )

    def test_probe_chatter_routes(self):
        """The chatter over HTTP (thread data, messages, suggested recipients)
        on the customer and its visits, as every internal role."""
        breaches = []
        attempts = 0
        for login in ROLES:
            if login == "cf_portal":
                continue
            login_as(self, login)
            for key, target in (("conf", self.conf), ("top", self.top)):
                for route, model, params in self.thread_routes(key, target):
                    try:
                        answer = self.make_jsonrpc_request(route, params)
                        refused = False
                    except JsonRpcException as error:
                        name = str(error).rsplit(".", 1)[-1]
                        if name == "ValueError":
                            # a route on a thread the user may not read gets
                            # an empty thread (not a singleton): refused too
                            thread = self.env[model].browse(params["thread_id"])
                            self.assertFalse(
                                thread.with_user(self.users[login]).has_access("read"),
                                (login, route, model),
                            )
                        else:
                            self.assertIn(name, REFUSED_NAMES, route)
                        refused, answer = True, None
                    attempts += 1
                    if login in ALLOWED[key]:
                        if (key, route, model) == (
                            "conf",
                            "/mail/thread/messages",
                            PARTNER,
                        ):
                            # positive: the file's people read the tracked phone
                            self.assertIn(
                                CONF["phone"], json.dumps(answer, default=str), login
                            )
                        continue
                    self.check_document(
                        "chatter",
                        "http",
                        login,
                        key,
                        refused,
                        json.dumps(answer, default=str),
                        breaches,
                    )
        _logger.info("chatter route probes: %d attempts", attempts)
        self.assertEqual(breaches, [], "\n".join(breaches))

    def test_probe_digest(self):
        """The periodic digest with every KPI of our addons, rendered for every
        role: the e-mail shows no contact data of the customer."""
        Digest = self.env["digest.digest"]
        ours = [
            name
            for name, field in Digest._fields.items()
            if name.startswith("kpi_")
            and field.type == "boolean"
            and (field._module or "").startswith("revisit")
        ]
        self.assertGreaterEqual(len(ours), 12, ours)
        digest = Digest.create(
            dict.fromkeys(ours, True)
            | {"name": "Confid digest", "periodicity": "daily"}
        )
        breaches = []
        bodies = {}
        for login, user in self.users.items():
            mails = self.env["mail.mail"].sudo().search([])
            digest._action_send_to_user(user, consume_tips=False)
            mail = self.env["mail.mail"].sudo().search([]) - mails
            self.assertEqual(len(mail), 1, login)
            bodies[login] = str(mail.body_html)
            for key in ("conf", "top"):
                if login not in ALLOWED[key]:
                    self.check_document(
                        "digest", "orm", login, key, False, bodies[login], breaches
                    )
        # positive: revisit staff get the revisit figures, the others do not
        label = Digest._fields["kpi_revisit_visit_done"].string
        self.assertIn(label, bodies["cf_manager"])
        self.assertNotIn(label, bodies["cf_sales"])
        self.assertEqual(breaches, [], "\n".join(breaches))

    def portal_urls(self):
        """The /my pages of our addons and of the helpdesk portal: the pages
        without argument, and those of one record id with each complaint."""
        tickets = (self.ticket | self.ticket_top).ids
        urls = set()
        # the routing map is read as a request would (for the test's database)
        thread = threading.current_thread()
        thread.dbname = self.env.cr.dbname
        try:
            rules = list(self.env["ir.http"].routing_map().iter_rules())
        finally:
            del thread.dbname
        for rule in rules:
            module = rule.endpoint.original_endpoint.__module__
            if not rule.rule.startswith("/my") or not (
                "helpdesk" in module or ".revisit" in module
            ):
                continue
            args = list(rule.arguments)
            if not args:
                urls.add(rule.rule)
            elif args in (["ticket_id"], ["id"]) and "<int:" in rule.rule:
                for ticket_id in tickets:
                    urls.add(rule.rule.split("<")[0] + str(ticket_id))
        return sorted(urls)

    def test_probe_portal(self):
        """The portal pages as a portal user who is not the customer: the
        complaint pages of the customer are refused and no page shows its
        contact data; the customer's own portal user reads its complaint."""
        urls = self.portal_urls()
        self.assertTrue(any("/my/ticket/" in url for url in urls), urls)
        breaches = []
        login_as(self, "cf_portal")
        for url in urls:
            response = self.url_open(url, allow_redirects=False)
            for key in ("conf", "top"):
                self.check_document(
                    "portal",
                    "http",
                    "cf_portal",
                    key,
                    response.status_code != 200,
                    response.text,
                    breaches,
                )
        _logger.info("portal probes: %s", urls)
        self.assertEqual(breaches, [], "\n".join(breaches))
        # positive: the customer as a portal user reads its own complaint
        make_user(self.env, "cf_customer", "base.group_portal", partner_id=self.conf.id)
        login_as(self, "cf_customer")
        response = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket.name, response.text)

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

    def test_visit_record_report_prints_no_hidden_phone(self):
        """The assignee of a visit of a company prints the visit without the
        phone of its top-secret contact person; the file's owner prints it."""
        Report = self.env["ir.actions.report"]
        name = "revisit_management.report_revisit_visit_record"
        html, _kind = Report.with_user(self.users["cf_custodian"])._render_qweb_html(
            name, self.v_acme.ids
        )
        self.assertIn(self.v_acme.name, html.decode())
        self.assertNotIn(TOP["phone"], html.decode())
        html, _kind = Report.with_user(self.users["cf_owner"])._render_qweb_html(
            name, self.v_acme.ids
        )
        self.assertIn(TOP["phone"], html.decode())

    def test_visit_shows_no_number_of_a_hidden_contact(self):
        """A visit of a company read by its department does not show the
        number of its top-secret contact person (phone to call, calendar
        title); the file's owner sees it."""
        fields = ["contact_phone", "calendar_title"]
        values = self.as_user("cf_member", self.v_acme).read(fields)[0]
        self.assertNotIn(TOP["phone"], json.dumps(values))
        owner = self.as_user("cf_owner", self.v_acme).read(fields)[0]
        self.assertEqual(owner["contact_phone"], TOP["phone"])

    def test_chatter_of_a_received_email_shows_no_address(self):
        """The chatter of a complaint shows the e-mail the confidential
        customer sent without its address to the helpdesk agent; with it to
        a manager of the file."""
        domain = [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.ticket.id)]
        for login, shown in (("cf_agent", False), ("cf_manager", True)):
            messages = self.as_user(login, self.env["mail.message"]).search(domain)
            self.assertTrue(messages, login)
            store = json.dumps(Store().add(messages).get_result(), default=str)
            self.assertEqual(CONF["email"] in store, shown, login)

    def test_appointment_event_has_no_hidden_number(self):
        """The calendar event of an appointment with a confidential customer
        says where (the agreed place), not the customer's number: its
        attendee, the assignee, may be outside the file."""
        event = self.as_user("cf_staff", self.calendar_event)
        self.assertEqual(event.read(["location"])[0]["location"], "Clinic")

    def test_sms_number_of_a_notification_hidden(self):
        """The notification of a visit notice SMS does not show (nor find by)
        the number it went to outside the file."""
        domain = [("res_partner_id", "=", self.conf.id), ("sms_number", "!=", False)]
        self.assertTrue(self.env["mail.notification"].search_count(domain))
        Notification = self.as_user("cf_sales", self.env["mail.notification"])
        rows = Notification.search_read(
            [("res_partner_id", "=", self.conf.id)], ["sms_number"]
        )
        self.assertTrue(rows)
        self.assertFalse(any(row["sms_number"] for row in rows), rows)
        self.assertFalse(Notification.search([("sms_number", "like", "7777 0001")]))
        owner = self.as_user("cf_owner", self.env["mail.notification"])
        self.assertTrue(owner.search_read(domain, ["sms_number"])[0]["sms_number"])

    def test_documents_of_a_confidential_file_refused(self):
        """A document filed on a confidential customer is read by the file's
        people only: not found, not read by the others."""
        document = self.documents["conf"].filtered(lambda d: d.res_model == PARTNER)
        Attachment = self.as_user("cf_sales", self.env["ir.attachment"])
        self.assertFalse(
            Attachment.search(
                [("res_model", "=", PARTNER), ("res_id", "=", self.conf.id)]
            )
        )
        self.assertFalse(Attachment.search([("id", "=", document.id)]))
        with self.assertRaises(AccessError):
            Attachment.browse(document.id).read(["name"])
        owner = self.as_user("cf_owner", document)
        self.assertIn(CONF["street"], owner.raw.decode())

    def test_suggested_recipients_show_no_hidden_email(self):
        """The chatter of a confidential customer suggests it as a recipient
        without its e-mail to users outside the file; with it to its owner."""
        sales = self.as_user("cf_sales", self.conf)
        suggested = {
            r["partner_id"]: r
            for r in sales._message_get_suggested_recipients(reply_discussion=True)
        }
        self.assertIn(self.conf.id, suggested)
        self.assertFalse(suggested[self.conf.id]["email"])
        owner = self.as_user("cf_owner", self.conf)
        self.assertIn(
            CONF["email"],
            json.dumps(owner._message_get_suggested_recipients(reply_discussion=True)),
        )

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
