"""Generated attack suite of the workflow: every public method of every model
of our addons, called as every role of the trust model on a record the role
must not act on, with hostile arguments.

The methods come from the registry: every public name (no leading
underscore, not an ORM method of ``BaseModel``, not ``@api.private``) that a
class of one of our addons defines on a concrete model. A method added
later is covered the day it is added, without editing this file.

The target of a (model, role) pair is a record the role may not write (a
record of the other company first, then the others' records): for a wizard
(transient model), the role's own wizard pointing at such records. Each
method is called on it with no argument and with hostile arguments (None, a
huge id, the id of the other company's record) for the parameters it
declares.

An outcome is *refused* when it raises one of Odoo's user errors (access,
missing, user, validation) and leaves the data as it was; *returned* when
the method answered without changing any data (an action to open, a
notification); *leaked* when it changed data (the target record's columns,
or any row of a table of a non-transient model) the role may not change;
any other exception is a *crash*. The suite logs attempts, refused,
returned, leaked and crashes per channel and role; leaked and crashes must
be 0. Over HTTP (JSON-RPC ``/web/dataset/call_kw`` and ``/json/2``) a sample
covers every model and every role."""

import inspect
import json
import logging
from collections import Counter
from datetime import date, datetime

from odoo import models
from odoo.tests import HttpCase, tagged

from .trust_channels import (
    REFUSED,
    REFUSED_NAMES,
    api_keys,
    call_rpc,
    login_as,
    make_employee,
    make_user,
)
from .trust_roles import ROLE_GROUPS

_logger = logging.getLogger(__name__)

OUR_PREFIX = "odoo.addons.revisit_"
HUGE = 2**31 - 1
ORM_METHODS = set(dir(models.BaseModel))
# tables written by following a record one may read, by sessions and the bus:
# not business data
NOISE_TABLES = {
    "bus_bus",
    "bus_presence",
    "mail_presence",
    "res_users_log",
    "res_device",
    "res_device_log",
    "res_users_apikeys",
    "mail_followers",
    "mail_followers_mail_message_subtype_rel",
}
# the login acting as each role of tests/trust_roles.py
LOGINS = {
    "staff": "tm_staff",
    "supervisor member": "tm_member",
    "department head": "tm_head",
    "manager": "tm_manager",
    "HR appraisal": "tm_hr",
    "HR officer": "tm_hr_officer",
    "archive custodian": "tm_custodian",
    "executive director": "tm_exec",
    "helpdesk agent": "tm_agent",
    "salesperson": "tm_sales",
    "portal": "tm_portal",
    "second company": "tm_other",
}
ROLES = {LOGINS[role]: role for role in ROLE_GROUPS}
# (model, role): why the role has no record of the model it may not act on
NO_TARGET = {}


def public_methods(env):
    """{model: {method name: function}} of the public methods our addons
    define on concrete models."""
    found = {}
    # Odoo's generic model API (the ORM's and what web adds to every model,
    # e.g. formatted_read_group) is probed by the policy and confidentiality
    # suites; an override of ours keeps Odoo's answer to hostile arguments
    generic = ORM_METHODS | set(dir(type(env["base"])))
    for name in sorted(env.registry):
        Model = env[name]
        if Model._abstract:
            continue
        methods = {}
        for cls in type(Model).__mro__:
            if not (getattr(cls, "__module__", "") or "").startswith(OUR_PREFIX):
                continue
            for attr, value in vars(cls).items():
                if (
                    attr.startswith("_")
                    or attr in generic
                    or attr in methods
                    or not callable(value)
                ):
                    continue
                function = getattr(type(Model), attr)
                if getattr(function, "_api_private", False):
                    continue
                methods[attr] = function
        if methods:
            found[name] = methods
    return found


@tagged("post_install", "-at_install")
class TestTrustMethods(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.company_a = env.company
        company_b = cls.company_b = env["res.company"].create({"name": "TM Clinic B"})
        Department = env["hr.department"]
        dept = cls.dept = Department.create({"name": "TM desk"})
        dept_b = Department.create({"name": "TM desk B", "company_id": company_b.id})
        cls.users = {}
        cls.employees = {}
        groups = {
            login: ROLE_GROUPS[role]
            for login, role in ROLES.items()
            if login != "tm_portal"
        }
        for login, group in groups.items():
            home = company_b if login == "tm_other" else company
            user = make_user(env, login, f"base.group_user,{group}", home)
            cls.users[login] = user
            if login in ("tm_staff", "tm_member", "tm_head", "tm_other"):
                cls.employees[login] = make_employee(
                    user, dept_b if login == "tm_other" else dept
                )
        dept.manager_id = cls.employees["tm_head"]
        Partner = env["res.partner"]
        customer = Partner.create(
            {
                "name": "TM Portal Customer",
                "email": "tm-portal@example.com",
                "revisit_user_id": cls.users["tm_staff"].id,
            }
        )
        cls.users["tm_portal"] = make_user(
            env, "tm_portal", "base.group_portal", partner_id=customer.id
        )
        top = Partner.create(
            {
                "name": "TM Top Customer",
                "email": "tm-top@example.com",
                "phone": "+86 138 0000 4242",
                "revisit_user_id": cls.users["tm_manager"].id,
                "revisit_confidentiality": "top_secret",
            }
        )
        partner_b = Partner.create(
            {
                "name": "TM B Customer",
                "email": "tm-b@example.com",
                "company_id": company_b.id,
                "revisit_user_id": cls.users["tm_other"].id,
            }
        )
        today = date.today()
        Visit = env["revisit.visit"]
        visit_top = Visit.create(
            {
                "partner_id": top.id,
                "user_id": cls.users["tm_manager"].id,
                "scheduled_date": today,
                "review_comment": "kept",
            }
        )
        visit_b = Visit.with_company(company_b).create(
            {
                "partner_id": partner_b.id,
                "user_id": cls.users["tm_other"].id,
                "department_id": dept_b.id,
                "scheduled_date": today,
                "company_id": company_b.id,
                "review_comment": "kept",
            }
        )
        Material = env["revisit.visit.material"]
        Material.create(
            [{"visit_id": v.id, "name": "TM kit"} for v in (visit_top, visit_b)]
        )
        Ticket = env["helpdesk.ticket"]
        ticket_top = Ticket.create(
            {
                "name": "TM top complaint",
                "description": "<p>kept</p>",
                "partner_id": top.id,
                "is_complaint": True,
                "cause_analysis": "kept",
            }
        )
        ticket_b = Ticket.with_company(company_b).create(
            {
                "name": "TM B complaint",
                "description": "<p>kept</p>",
                "partner_id": partner_b.id,
                "is_complaint": True,
                "company_id": company_b.id,
            }
        )
        # records around the complaint and the archive, in both companies
        for ticket, owner, home, desk in (
            (ticket_b, "tm_other", company_b, dept_b),
            (ticket_top, "tm_manager", company, dept),
        ):
            env["revisit.complaint.action"].create(
                {
                    "ticket_id": ticket.id,
                    "name": f"TM corrective action of {owner}",
                    "user_id": cls.users[owner].id,
                    "deadline": today,
                }
            )
            env["revisit.customer.report"].with_company(home).create(
                {
                    "name": f"TM report of {home.name}",
                    "company_id": home.id,
                    "department_id": desk.id,
                    "date": today,
                    "changes": "<p>kept</p>",
                }
            )
        first = today.replace(day=1)
        Appraisal = env["revisit.appraisal"]
        Appraisal.with_company(company_b).create(
            {
                "employee_id": cls.employees["tm_other"].id,
                "date_from": first,
                "company_id": company_b.id,
            }
        )
        Appraisal.create(
            {"employee_id": cls.employees["tm_staff"].id, "date_from": first}
        )
        quarter = date(today.year, 1, 1)
        for period in ("revisit.appraisal.quarter", "revisit.appraisal.year"):
            env[period].with_company(company_b).create(
                {
                    "employee_id": cls.employees["tm_other"].id,
                    "date_from": quarter,
                    "company_id": company_b.id,
                }
            )
            env[period].create(
                {"employee_id": cls.employees["tm_staff"].id, "date_from": quarter}
            )
        env["revisit.plan"].with_company(company_b).create(
            {
                "name": "TM B plan",
                "user_id": cls.users["tm_other"].id,
                "department_id": dept_b.id,
                "date_from": today,
                "date_to": today,
                "company_id": company_b.id,
            }
        )
        env["revisit.archive.request"].with_user(cls.users["tm_staff"]).create(
            {
                "partner_id": top.id,
                "purpose": "TM",
                "date_from": today,
                "date_to": today,
            }
        )
        cls._seed_archive_and_payroll(top, partner_b, today)
        cls._seed_tracked_records(top, partner_b, today)
        # the records tried first: the other company's, then the identities
        # and the top-secret customer's, then any other record
        cls.priority = [
            company_b,
            partner_b,
            visit_b,
            env.ref("base.user_admin").partner_id,
            top,
            visit_top,
        ]
        cls.keys = api_keys(env, cls.users, "trust methods")
        cls.methods = public_methods(env)
        cls.stats = Counter()
        cls.targets = {}

    @classmethod
    def _seed_tracked_records(cls, top, partner_b, today):
        """Tracked problems, warranty certificates with their repairs and a
        maintenance request, in both companies."""
        env = cls.env
        for partner, owner, home in (
            (top, "tm_manager", cls.company_a),
            (partner_b, "tm_other", cls.company_b),
        ):
            user = cls.users[owner]
            env["revisit.action.item"].with_company(home).create(
                {
                    "name": f"TM item of {owner}",
                    "kind": "rectification",
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "deadline": today,
                    "company_id": home.id,
                }
            )
            warranty = (
                env["revisit.warranty"]
                .with_company(home)
                .create(
                    {
                        "partner_id": partner.id,
                        "project_name": f"TM project of {owner}",
                        "acceptance_date": today,
                        "user_id": user.id,
                        "company_id": home.id,
                    }
                )
            )
            env["revisit.warranty.repair"].with_company(home).create(
                {"warranty_id": warranty.id, "description": "TM defect"}
            )
        team = env["maintenance.team"].create(
            {"name": "TM B team", "company_id": cls.company_b.id}
        )
        env["maintenance.request"].with_company(cls.company_b).create(
            {
                "name": "TM B request",
                "company_id": cls.company_b.id,
                "maintenance_team_id": team.id,
            }
        )

    @classmethod
    def _seed_archive_and_payroll(cls, top, partner_b, today):
        """The archive's requests, destructions and register entries and the
        payslips, in both companies: records every role may not act on."""
        env = cls.env
        other = cls.users["tm_other"]
        env["revisit.archive.request"].with_user(other).with_company(
            cls.company_b
        ).create(
            {
                "partner_id": partner_b.id,
                "purpose": "TM B",
                "date_from": today,
                "date_to": today,
            }
        )
        for partner, company in ((top, cls.company_a), (partner_b, cls.company_b)):
            env["revisit.archive.destruction"].with_company(company).create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "date_before": today,
                    "reason": "TM",
                }
            )
            env["revisit.archive.log"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "description": "TM change",
                    "user_id": cls.users["tm_manager"].id,
                }
            )
        if "hr.payslip" in env:
            for login, company in (
                ("tm_other", cls.company_b),
                ("tm_staff", cls.company_a),
            ):
                env["hr.payslip"].with_company(company).create(
                    {
                        "employee_id": cls.employees[login].id,
                        "company_id": company.id,
                        "date_from": today.replace(day=1),
                        "date_to": today,
                    }
                )

    # ------------------------------------------------------------ targets
    def target(self, model, login):
        """A record of ``model`` that ``login`` may not write, or None."""
        key = (model, login)
        if key not in self.targets:
            self.targets[key] = self._find_target(model, login)
        return self.targets[key]

    def _find_target(self, model, login):
        user = self.users[login]
        Model = self.env[model].sudo().with_context(active_test=False)
        if Model._transient:
            return self._wizard(model, login)
        candidates = [r.with_env(self.env) for r in self.priority if r._name == model]
        candidates += list(Model.search([], order="id desc", limit=40))
        # the other company's records first
        if model == "res.company":
            candidates.sort(key=lambda r: r in user.company_ids)
        elif "company_id" in Model._fields:
            candidates.sort(key=lambda r: r.sudo().company_id in user.company_ids)
        user_env = self.env(user=user)
        for record in candidates:
            if not record.with_env(user_env).has_access("write"):
                return record.sudo()
        return None

    def _wizard(self, model, login):
        """The role's own wizard, pointing at records it may not write."""
        user = self.users[login]
        vals = self._wizard_values(model, login)
        # opened from a record (active_model/active_ids): the records of our
        # models the role may not act on, one model after the other
        contexts = [{}]
        for active_model in sorted(self.methods):
            if active_model != model and not self.env[active_model]._transient:
                victim = self.target(active_model, login)
                if victim:
                    contexts.append(
                        {
                            "active_model": active_model,
                            "active_id": victim.id,
                            "active_ids": victim.ids,
                        }
                    )
        for env in (self.env(user=user), self.env):
            for context in contexts:
                try:
                    with self.env.cr.savepoint():
                        wizard = env[model].with_context(**context).create(dict(vals))
                        wizard.flush_recordset()
                    return wizard.sudo().with_context(**context)
                except Exception:
                    _logger.debug("wizard %s not created as %s", model, env.user.login)
        return None

    def _wizard_values(self, model, login):
        """A wizard's values: the records the role may not write, hostile
        text, a valid value for its other required fields."""
        Model = self.env[model]
        vals = {}
        for name, field in Model._fields.items():
            if name in models.MAGIC_COLUMNS or field.compute or field.related:
                continue
            if field.type == "many2one" and not self.env[field.comodel_name]._transient:
                if field.comodel_name in ("res.users", "res.currency"):
                    continue
                victim = self.target(field.comodel_name, login)
                if victim:
                    vals[name] = victim.id
            elif (
                field.type == "many2many"
                and not self.env[field.comodel_name]._transient
                and field.comodel_name not in ("res.users", "res.currency")
            ):
                victim = self.target(field.comodel_name, login)
                if victim:
                    vals[name] = [(6, 0, victim.ids)]
            elif field.type in ("char", "text", "html") and not field.readonly:
                vals[name] = "tm-hostile@evil.example"
            elif field.required and not field.default:
                value = self._required_value(field)
                if value is not None:
                    vals[name] = value
        return vals

    def _required_value(self, field):
        """A valid value of a required wizard field (a date, a number...)."""
        if field.type == "datetime":
            return datetime.now().replace(microsecond=0)
        if field.type == "date":
            return date.today()
        if field.type in ("integer", "float", "monetary"):
            return 1
        if field.type == "selection":
            values = field.get_values(self.env)
            return values[0] if values else None
        return None

    # ------------------------------------------------------------ outcomes
    def changed_tables(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del "
            "FROM pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return dict(self.env.cr.fetchall())

    def business_changes(self, before, after):
        transient = {
            self.env[name]._table
            for name in self.env.registry
            if self.env[name]._transient
        }
        return sorted(
            table
            for table, count in after.items()
            if count != before.get(table, 0)
            and table not in NOISE_TABLES
            and table not in transient
        )

    def snapshot(self, record):
        if record is None or record._transient:
            return None
        record.invalidate_recordset()
        names = [
            name
            for name, field in record._fields.items()
            if field.store and field.type not in ("binary", "one2many", "many2many")
        ]
        record = record.sudo().with_context(active_test=False)
        values = record.exists() and record.read(names)[0]
        # the ORM cache is shared by all users: what the superuser read here
        # must not be served to the role without its access check
        self.env.invalidate_all()
        return values

    def variants(self, model, function, target, login):
        """(label, kwargs) to try: no argument, then hostile values for the
        parameters the method declares."""
        params = [
            p
            for p in list(inspect.signature(function).parameters.values())[1:]
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        ]
        required = [p for p in params if p.default is p.empty]
        result = [] if required else [("none", {})]
        if not params:
            return result
        other = self.company_a if login == "tm_other" else self.company_b
        foreign = target.id if target is not None and target.id else other.id

        def value(param, kind):
            plural = param.name.endswith("_ids") or param.name.endswith("s")
            if kind == "None":
                return None
            if param.name.endswith("company_id"):
                scalar = other.id if kind == "foreign" else HUGE
            elif param.name in ("year",):
                scalar = date.today().year if kind == "foreign" else HUGE
            elif param.name in ("month", "quarter"):
                scalar = 1 if kind == "foreign" else HUGE
            else:
                scalar = foreign if kind == "foreign" else HUGE
            return [scalar] if plural else scalar

        for kind in ("None", "huge", "foreign"):
            result.append((kind, {p.name: value(p, kind) for p in params}))
        return result

    def attempts(self):
        for model, methods in sorted(self.methods.items()):
            for login in ROLES:
                for method, function in sorted(methods.items()):
                    api_model = getattr(function, "_api_model", False)
                    target = self.target(model, login)
                    if target is None and not api_model:
                        self.stats["no target", model, login] += 1
                        continue
                    for label, kwargs in self.variants(model, function, target, login):
                        yield model, login, method, api_model, target, label, kwargs

    # ------------------------------------------------------------ channels
    def call_orm(self, model, login, method, api_model, target, kwargs):
        env = self.env(user=self.users[login])
        # with_user keeps the context a wizard was opened with
        records = env[model] if api_model else target.with_user(env.user)
        try:
            with self.env.cr.savepoint():
                getattr(records, method)(**kwargs)
                env.flush_all()
        except REFUSED:
            return "refused", None
        except Exception as error:
            return "crash", f"{type(error).__name__}: {error}"[:300]
        return "returned", None

    def call_http(self, channel, model, login, method, api_model, target, kwargs):
        ids = None if api_model else target.ids
        kwargs = json.loads(json.dumps(kwargs))
        opened_from = {
            key: target.env.context[key]
            for key in ("active_model", "active_id", "active_ids")
            if target is not None and key in target.env.context
        }
        if opened_from:
            kwargs["context"] = opened_from
        error, result = call_rpc(
            self, channel, self.keys[login], model, method, ids, kwargs
        )
        if not error:
            return "returned", None
        if error in REFUSED_NAMES:
            return "refused", None
        return "crash", f"{error} {str(result)[:200]}"

    def run_channel(self, channel):
        leaks, crashes = [], []
        sampled = set()
        last_login = None
        for attempt in self.attempts():
            model, login, method, api_model, target, label, kwargs = attempt
            if channel != "orm":
                # a sample: one call per model, role and method name, hostile
                # arguments included, until every model and role is covered
                key = (model, login)
                if key in sampled and label != "none":
                    continue
                sampled.add(key)
                if channel == "jsonrpc" and login != last_login:
                    login_as(self, login)
                    last_login = login
            role = ROLES[login]
            before = self.snapshot(target)
            tables = self.changed_tables()
            if channel == "orm":
                outcome, detail = self.call_orm(
                    model, login, method, api_model, target, kwargs
                )
            else:
                outcome, detail = self.call_http(
                    channel, model, login, method, api_model, target, kwargs
                )
            changed = self.business_changes(tables, self.changed_tables())
            if outcome == "returned" and changed:
                outcome, detail = "leaked", f"wrote {changed}"
            elif self.snapshot(target) != before:
                outcome, detail = "leaked", "changed the target"
            where = f"{channel} {role} {model}.{method}({label}) on {target}"
            self.stats["attempts", channel, role] += 1
            self.stats[outcome, channel, role] += 1
            if outcome == "leaked":
                leaks.append(f"{where}: {detail}")
            elif outcome == "crash":
                crashes.append(f"{where}: {detail}")
        total = sum(
            value
            for (kind, ch, _role), value in self.stats.items()
            if kind == "attempts" and ch == channel
        )
        _logger.info(
            "trust methods via %s: %d attempts, %d leaked, %d crashes",
            channel,
            total,
            len(leaks),
            len(crashes),
        )
        roles = {role for (kind, ch, role) in self.stats if ch == channel}
        self.assertEqual(roles, set(ROLES.values()), "every role was tried")
        self.assertEqual(leaks, [], f"{len(leaks)} calls changed what they must not")
        self.assertEqual(crashes, [], f"{len(crashes)} calls crashed")

    def test_methods_found(self):
        """The enumeration finds the workflow of every addon, wizards included."""
        for model, method in (
            ("revisit.visit", "action_review"),
            ("revisit.partner.update", "action_save"),
            ("revisit.visit.material", "action_approve_keep"),
            ("revisit.appraisal", "action_confirm"),
            ("revisit.appraisal.quarter", "generate_for_quarter"),
            ("revisit.archive.request", "action_approve"),
            ("helpdesk.ticket", "action_link_possible_duplicate"),
        ):
            self.assertIn(method, self.methods.get(model, {}), model)
        self.assertNotIn("write", self.methods["revisit.visit"])

    def test_every_model_has_a_target(self):
        """Every model with public methods on records has, for every role, a
        record the role may not act on (for a wizard: one the role opened on
        such records). A model added later without one fails here until a
        sample is added to setUpClass (or the role's reason to act on every
        record is declared in NO_TARGET)."""
        missing = []
        for model, methods in sorted(self.methods.items()):
            if all(getattr(f, "_api_model", False) for f in methods.values()):
                continue  # called on the model, no record needed
            for login, role in ROLES.items():
                if (model, role) in NO_TARGET:
                    continue
                if self.target(model, login) is None:
                    missing.append(f"{model} as {role}")
        self.assertEqual(missing, [], "no record to call the methods on")

    def test_orm_methods(self):
        self.run_channel("orm")

    def test_jsonrpc_methods(self):
        self.run_channel("jsonrpc")

    def test_json2_methods(self):
        self.run_channel("json2")

    @classmethod
    def tearDownClass(cls):
        kinds = ("attempts", "refused", "returned", "leaked", "crash")
        rows = sorted(
            {(channel, role) for kind, channel, role in cls.stats if kind in kinds}
        )
        for channel, role in rows:
            _logger.info(
                "trust methods %-8s %-18s %s",
                channel,
                role,
                " ".join(f"{kind} {cls.stats[kind, channel, role]}" for kind in kinds),
            )
        skipped = sorted(
            (model, login) for kind, model, login in cls.stats if kind == "no target"
        )
        if skipped:
            _logger.info("trust methods: no record to attack for %s", skipped)
        super().tearDownClass()
