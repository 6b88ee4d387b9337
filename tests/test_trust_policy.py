"""The write policy, tested by enumeration (TRUST_MODEL: policy as data).

Every model of the registry that inherits ``revisit.workflow.mixin`` is
found, its declaration read (workflow fields, birth states, frozen fields per
state, kept states), and every role tries, in every state of a sample record,
to write every field, to create in every state and with every workflow field,
to delete, copy and archive. The outcome is compared with the declaration:

- a workflow field, a field frozen in the record's state, a creation outside
  the birth states, the deletion of a kept record must be refused with
  nothing written: otherwise it "leaked";
- an editable field in an editable state must not be refused by the policy
  (record rules and access rights may refuse a role: that counts as refused).

A sample of the same attempts runs over JSON-RPC (``/web/dataset/call_kw``)
and ``/json/2``. A summary of attempts, refused and leaked per channel and
role is logged; leaked must be 0. A model or field added later is covered
without editing this file: a new model needs a sample record only (demo data,
or the generic seed below).
"""

import logging
import time
import warnings
from collections import Counter
from datetime import date, datetime, timedelta

from psycopg2 import Error as PgError

from odoo import fields
from odoo.addons.revisit_management.models.revisit_workflow_mixin import _user_field
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import SQL

from .trust_channels import (
    REFUSED,
    api_keys,
    call_rpc,
    login_as,
    make_employee,
    make_user,
)
from .trust_channels import REFUSED_NAMES as USER_ERRORS
from .trust_roles import ROLE_GROUPS

_logger = logging.getLogger(__name__)

MIXIN = "revisit.workflow.mixin"
# a constraint of the database refuses too
REFUSED_NAMES = USER_ERRORS | {"IntegrityError"}
POLICY_FRAMES = {
    "_workflow_raise",
    "_workflow_raise_frozen",
    "_workflow_raise_kept",
}
VALUE_TYPES = {
    "char",
    "text",
    "html",
    "boolean",
    "integer",
    "float",
    "monetary",
    "date",
    "datetime",
    "selection",
    "many2one",
    "many2many",
}
# role: (login, groups, employee in the department)
IN_DEPARTMENT = ("staff", "supervisor member", "department head")
ROLES = {
    role: (f"pol_{role.lower().replace(' ', '_')}", groups, role in IN_DEPARTMENT)
    for role, groups in ROLE_GROUPS.items()
}
# sampled over HTTP for each model and role: attempts of each kind
HTTP_PER_KIND = 1


def refused_by_policy(error):
    """The refusal came from the write policy itself (not an access rule)."""
    tb = error.__traceback__
    while tb:
        if tb.tb_frame.f_code.co_name in POLICY_FRAMES:
            return True
        tb = tb.tb_next
    return False


@tagged("post_install", "-at_install")
class TestTrustPolicy(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.company = env.company
        cls.company_b = env["res.company"].create({"name": "Policy Other Clinic"})
        cls.dept = env["hr.department"].create({"name": "Policy desk"})
        cls.users = {}
        cls.employees = {}
        for role, (login, groups, in_dept) in ROLES.items():
            company = cls.company_b if role == "second company" else cls.company
            user = cls.users[role] = make_user(env, login, groups, company)
            if in_dept:
                cls.employees[role] = make_employee(user, cls.dept)
        cls.dept.manager_id = cls.employees["department head"]
        cls.keys = api_keys(env, cls.users, "policy suite")
        cls.models = sorted(
            name
            for name, model in env.registry.items()
            if issubclass(model, env.registry[MIXIN])
            and not model._abstract
            and not model._transient
        )
        cls._seed()
        cls.stats = Counter()

    # ------------------------------------------------------------ samples
    @classmethod
    def _seed(cls):
        """One record of each policy model, in its birth state, owned by the
        staff member: the fixtures the policy is tried on."""
        env = cls.env
        staff = cls.users["staff"]
        today = cls.company._revisit_today()
        month = today.replace(day=1)
        partner = env["res.partner"].create(
            {"name": "Policy customer", "revisit_user_id": staff.id}
        )
        cls.partner = partner
        visit = env["revisit.visit"].create(
            {
                "partner_id": partner.id,
                "user_id": staff.id,
                "department_id": cls.dept.id,
                "scheduled_date": today,
            }
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Policy complaint",
                "description": "<p>noise</p>",
                "partner_id": partner.id,
                "is_complaint": True,
            }
        )
        appraisal = env["revisit.appraisal"].create(
            {"employee_id": cls.employees["staff"].id, "date_from": month}
        )
        criterion = env["revisit.appraisal.criterion"].search(
            [("source", "=", "spot_check")], limit=1
        )
        quarter_start = month.replace(month=(month.month - 1) // 3 * 3 + 1)
        cls.samples = {
            "revisit.visit": visit,
            "helpdesk.ticket": ticket,
            "revisit.appraisal": appraisal,
            "revisit.visit.material": env["revisit.visit.material"].create(
                {"visit_id": visit.id, "name": "Leaflet"}
            ),
            "revisit.event": env["revisit.event"].create(
                {"partner_id": partner.id, "trigger": "surgery", "user_id": staff.id}
            ),
            "revisit.plan": env["revisit.plan"].create(
                {
                    "name": "Policy plan",
                    "user_id": cls.users["supervisor member"].id,
                    "department_id": cls.dept.id,
                    "date_from": today,
                    "date_to": today,
                }
            ),
            "revisit.complaint.action": env["revisit.complaint.action"].create(
                {
                    "ticket_id": ticket.id,
                    "name": "Policy action",
                    "user_id": staff.id,
                    "deadline": today,
                }
            ),
            "revisit.appraisal.spot.check": env["revisit.appraisal.spot.check"].create(
                {
                    "employee_id": cls.employees["staff"].id,
                    "criterion_id": criterion.id,
                    "score": 50.0,
                    "date": today,
                    "checker_id": cls.users["department head"].id,
                }
            ),
            "revisit.appraisal.reward.line": env[
                "revisit.appraisal.reward.line"
            ].create(
                {
                    "appraisal_id": appraisal.id,
                    "kind": "improvement_order",
                    "date": today,
                }
            ),
            "revisit.appraisal.quarter": env["revisit.appraisal.quarter"].create(
                {"employee_id": cls.employees["staff"].id, "date_from": quarter_start}
            ),
            "revisit.appraisal.year": env["revisit.appraisal.year"].create(
                {
                    "employee_id": cls.employees["staff"].id,
                    "date_from": month.replace(month=1),
                }
            ),
            "revisit.archive.request": env["revisit.archive.request"]
            .with_user(staff)
            .create(
                {
                    "partner_id": partner.id,
                    "purpose": "Policy",
                    "date_from": today,
                    "date_to": today,
                }
            )
            .sudo(),
            "revisit.archive.destruction": env["revisit.archive.destruction"].create(
                {
                    "partner_id": partner.id,
                    "date_before": today - timedelta(days=3650),
                    "reason": "Policy",
                }
            ),
            "revisit.customer.report": env["revisit.customer.report"].create(
                {
                    "name": "Policy report",
                    "department_id": cls.dept.id,
                    "date": today,
                }
            ),
            "revisit.warranty.repair": env["revisit.warranty.repair"].create(
                {
                    "warranty_id": env["revisit.warranty"]
                    .create(
                        {
                            "partner_id": partner.id,
                            "project_name": "Policy project",
                            "acceptance_date": today,
                            "user_id": staff.id,
                        }
                    )
                    .id,
                    "description": "Policy defect",
                }
            ),
        }
        cls._seed_settled(staff, partner, appraisal, today)
        for name in cls.models:
            if name not in cls.samples:
                cls.samples[name] = cls._generic_sample(name)

    @classmethod
    def _seed_settled(cls, staff, partner, appraisal, today):
        """Second samples of models whose frozen place is not a state of their
        own (a line of an approved plan) or whose state needs a link (a reward
        line paid by a payslip): each sample is tried in every state."""
        env = cls.env
        plan = env["revisit.plan"].create(
            {
                "name": "Policy draft plan",
                "user_id": cls.users["supervisor member"].id,
                "department_id": cls.dept.id,
                "date_from": today,
                "date_to": today,
                "line_ids": [fields.Command.create({"partner_id": partner.id})],
            }
        )
        approved = plan.copy({"name": "Policy approved plan"})
        approved.action_submit()
        approved.with_user(cls.users["manager"]).action_approve()
        cls.samples["revisit.plan.line"] = plan.line_ids | approved.line_ids
        if "payslip_id" in env["revisit.appraisal.reward.line"]._fields:
            payslip = env["hr.payslip"].create(
                {
                    "employee_id": cls.employees["staff"].id,
                    "date_from": today.replace(day=1),
                    "date_to": today,
                }
            )
            paid = env["revisit.appraisal.reward.line"].create(
                {
                    "appraisal_id": appraisal.id,
                    "kind": "bonus",
                    "amount": 100.0,
                    "date": today,
                }
            )
            paid.write({"state": "paid", "payslip_id": payslip.id})
            cls.samples["revisit.appraisal.reward.line"] |= paid

    @classmethod
    def _generic_sample(cls, name):
        """A record of a model added later: an existing one, else one made
        from its required fields."""
        Model = cls.env[name].with_context(active_test=False)
        record = Model.search([], limit=1)
        if record:
            return record
        vals = {}
        for fname, field in Model._fields.items():
            if field.required and not field.default and field.store:
                vals[fname] = cls._plausible(Model, field, create=True)
        try:
            with cls.env.cr.savepoint():
                return Model.create(vals)
        except Exception:
            return Model

    # ------------------------------------------------------------ values
    @classmethod
    def _plausible(cls, record, field, create=False):
        """A valid value of ``field`` different from the record's (None:
        nothing plausible to write)."""
        current = record[field.name] if record and not create else False
        kind = field.type
        if kind in ("char", "text"):
            value = "Policy text" if current != "Policy text" else "Policy text 2"
            return value[: field.size] if getattr(field, "size", None) else value
        if kind == "html":
            return "<p>Policy</p>"
        if kind == "boolean":
            return not current
        if kind == "integer":
            return (current or 0) + 1
        if kind in ("float", "monetary"):
            return float(current or 0.0) + 1.0
        if kind == "date":
            return fields.Date.to_string((current or date.today()) + timedelta(days=1))
        if kind == "datetime":
            return fields.Datetime.to_string(
                (current or datetime.now()).replace(microsecond=0) + timedelta(hours=1)
            )
        if kind == "selection":
            values = [v for v in field.get_values(cls.env) if v != current]
            return values[0] if values else None
        if kind in ("many2one", "many2many"):
            Comodel = cls.env[field.comodel_name].sudo()
            domain = [("id", "not in", current.ids if current else [])]
            if "company_id" in Comodel._fields and Comodel._fields["company_id"].store:
                domain.append(("company_id", "in", [False, cls.company.id]))
            target = Comodel.search(domain, limit=1)
            if not target:
                return None
            return target.id if kind == "many2one" else [(6, 0, target.ids)]
        return None

    @classmethod
    def _writable_fields(cls, Model):
        names = []
        for name, field in Model._fields.items():
            if (
                field.type not in VALUE_TYPES
                or not field.store
                or not _user_field(name)
                or (field.compute and field.readonly)
                or (field.related and field.readonly)
                or name == "id"
            ):
                continue
            names.append(name)
        return sorted(names)

    def _states(self, Model):
        state_field = Model._workflow_state_field
        if not state_field:
            return [None]
        return [
            value
            for value, _label in Model._fields[state_field]._description_selection(
                self.env
            )
        ]

    def _sample_in_state(self, name, state, role, index=0):
        """The sample in ``state``, given to the role where it has an owner."""
        record = self.samples[name][index].sudo()
        Model = record.with_context(active_test=False)
        if state is not None:
            # put there directly: a state's own checks (even the superuser's)
            # guard the workflow's way there, which is not what is tried here
            Model.flush_recordset()
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(
                        SQL(
                            "UPDATE %s SET %s = %s WHERE id = %s",
                            SQL.identifier(Model._table),
                            SQL.identifier(Model._workflow_state_field),
                            state,
                            Model.id,
                        )
                    )
                Model.invalidate_recordset()
            except PgError:
                # a state the sample cannot reach alone (paid without payslip)
                Model.invalidate_recordset()
                self.stats["no sample", record._name, state] += 1
                return None
        user = self.users[role]
        for fname, value in (
            ("user_id", user.id),
            ("employee_id", self.employees.get(role, self.env["hr.employee"]).id),
        ):
            field = Model._fields.get(fname)
            if (
                value
                and field
                and field.store
                and not (field.compute and field.readonly)
                and not field.related
            ):
                try:
                    with self.env.cr.savepoint():
                        Model.write({fname: value})
                        Model.flush_recordset()
                except Exception:
                    Model.invalidate_recordset()
        Model.invalidate_recordset()
        return Model

    def _sample_states(self, name):
        """(state, sample index) of every sample of the model in every state."""
        return [
            (state, index)
            for index in range(len(self.samples[name]))
            for state in self._states(self.env[name])
        ]

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        record = record.sudo().with_context(active_test=False).exists()
        return record and record.read(list(names))[0]

    def _count(self, name):
        return self.env[name].sudo().with_context(active_test=False).search_count([])

    # ------------------------------------------------------------ attempts
    def _attempts(self, name, record, state, role):
        """(operation, field or state, value, refused by declaration)."""
        policy = record._workflow_policy()
        workflow = policy["workflow"]
        births = (
            policy["birth_states"]
            or {record._fields[policy["state_field"]].default(record.browse())}
            if policy["state_field"]
            else set()
        )
        attempts = []
        for fname in self._writable_fields(record):
            value = self._plausible(record, record._fields[fname])
            if value is None:
                continue
            expected = (
                fname in workflow
                or record._workflow_is_frozen(fname)
                or self._moves_into_frozen(record, fname, value)
            )
            attempts.append(("write", fname, value, expected))
        for fname in sorted(workflow):
            field = record._fields[fname]
            value = self._plausible(record, field, create=True)
            if value is None or (fname == policy["state_field"] and value in births):
                continue
            attempts.append(("create", fname, value, True))
        if policy["state_field"] and state is not None:
            attempts.append(
                ("create", policy["state_field"], state, state not in births)
            )
            attempts.append(
                ("create_default", policy["state_field"], state, state not in births)
            )
        attempts.append(("unlink", None, None, record._workflow_kept()))
        attempts.append(("copy", None, None, None))
        if "active" in record._fields and record._fields["active"].store:
            attempts.append(
                ("archive", "active", None, record._workflow_is_frozen("active"))
            )
        return attempts

    def _moves_into_frozen(self, record, fname, value):
        """The value puts the record where it is frozen (a plan line into an
        approved plan, a spot check into a confirmed month): the policy
        refuses it as it refuses a frozen field. Asked of the models whose
        records are frozen by another record."""
        own = type(record)._workflow_frozen
        if own is self.env.registry[MIXIN]._workflow_frozen or (
            "__all__" in record._workflow_frozen()
        ):
            return False
        with self.env.cr.savepoint() as block:
            try:
                record.sudo().write({fname: value})
                record.flush_recordset()
                frozen = "__all__" in record._workflow_frozen()
            except Exception:
                frozen = False
            block.rollback()
        self.env.invalidate_all()
        return frozen

    def _create_vals(self, record, fname, value):
        data = record.copy_data()[0]
        policy = record._workflow_policy()
        for wname in policy["workflow"]:
            data.pop(wname, None)
        for key in list(data):
            if key in record._fields and not _user_field(key):
                data.pop(key)
        if fname:
            data[fname] = value
        return data

    def _orm(self, role, name, record, operation, fname, value, names):
        """Try as the role, then undo. Returns (refused, refused by the
        policy, copy born outside the birth states, state after, count after)."""
        env = self.env(user=self.users[role])
        target = env[name].with_context(active_test=False).browse(record.ids)
        refused = by_policy = bad_copy = False
        with self.env.cr.savepoint() as attempt:
            try:
                with self.env.cr.savepoint():
                    if operation == "write":
                        target.write({fname: value})
                    elif operation == "create":
                        env[name].create(self._create_vals(record, fname, value))
                    elif operation == "create_default":
                        vals = self._create_vals(record, None, None)
                        env[name].with_context(**{f"default_{fname}": value}).create(
                            vals
                        )
                    elif operation == "unlink":
                        target.unlink()
                    elif operation == "copy":
                        copy = target.copy().sudo()
                        births = copy._workflow_policy()["birth_states"]
                        bad_copy = bool(
                            copy._workflow_state_field
                            and births
                            and copy._workflow_state() not in births
                        )
                    elif target.active:
                        target.action_archive()
                    else:
                        target.action_unarchive()
                    env.flush_all()
            except REFUSED as error:
                refused, by_policy = True, refused_by_policy(error)
            except PgError:
                refused = True
            after = self._snapshot(record, names)
            count = self._count(name)
            attempt.rollback()
        return refused, by_policy, bad_copy, after, count

    def _http(self, channel, role, name, record, operation, fname, value):
        ids = record.ids
        if operation == "write":
            method, args, kwargs = "write", [ids], {"vals": {fname: value}}
        elif operation == "create":
            vals = self._create_vals(record, fname, value)
            method, args, kwargs = "create", [], {"vals_list": [vals]}
        elif operation == "create_default":
            vals = self._create_vals(record, None, None)
            method, args, kwargs = (
                "create",
                [],
                {
                    "vals_list": [vals],
                    "context": {f"default_{fname}": value},
                },
            )
        elif operation == "unlink":
            method, args, kwargs = "unlink", [ids], {}
        elif operation == "copy":
            method, args, kwargs = "copy", [ids], {}
        else:
            active = record.with_context(active_test=False).active
            method = "action_archive" if active else "action_unarchive"
            args, kwargs = [ids], {}
        error, _result = call_rpc(
            self,
            channel,
            self.keys[role],
            name,
            method,
            args[0] if args else None,
            kwargs,
        )
        return error in REFUSED_NAMES

    def _leaked(self, operation, expected, refused, before, after, count, count_after):
        """An attempt the declaration refuses leaked when it was not refused,
        or changed something."""
        if not expected:
            return False
        if not refused:
            return True
        return before != after or count != count_after

    def _record(self, channel, role, leaked, refused):
        self.stats["attempts", channel, role] += 1
        self.stats[
            "leaked" if leaked else "refused" if refused else "allowed", channel, role
        ] += 1

    # ------------------------------------------------------------ tests
    def test_every_policy_model_has_a_sample(self):
        self.assertIn("revisit.visit", self.models)
        self.assertIn("helpdesk.ticket", self.models)
        for name in self.models:
            self.assertTrue(
                self.samples[name], f"{name}: no sample to try the policy on"
            )
            # every state is tried on a sample that can be in it (a paid
            # reward line needs its payslip)
            for state in self._states(self.env[name]):
                reached = []
                for index in range(len(self.samples[name])):
                    with self.env.cr.savepoint() as block:
                        reached.append(
                            self._sample_in_state(name, state, "staff", index)
                            is not None
                        )
                        block.rollback()
                self.assertTrue(any(reached), f"{name}: no sample in state {state}")
        self.assertIn("revisit.plan.line", self.models)
        settled = self.samples["revisit.plan.line"].filtered("visit_id")
        self.assertTrue(settled._workflow_is_frozen("partner_id"))

    def test_policy_by_enumeration_orm(self):
        leaks, false_refusals = [], []
        for name in self.models:
            started = time.monotonic()
            for state, index in self._sample_states(name):
                for role in ROLES:
                    with self.env.cr.savepoint() as block:
                        record = self._sample_in_state(name, state, role, index)
                        attempts = (
                            self._attempts(name, record, state, role)
                            if record is not None
                            else ()
                        )
                        for attempt in attempts:
                            leak, false_refusal = self._try_orm(
                                name, record, state, role, *attempt
                            )
                            if leak:
                                leaks.append(leak)
                            if false_refusal:
                                false_refusals.append(false_refusal)
                        block.rollback()
            _logger.info("policy %s tried in %.0fs", name, time.monotonic() - started)
        self._summary("orm")
        for role in ROLES:
            self.assertGreater(self.stats["attempts", "orm", role], 100, role)
        self.assertEqual(leaks, [], f"{len(leaks)} attempts leaked")
        self.assertEqual(
            false_refusals, [], "editable fields refused by the write policy"
        )

    def _try_orm(self, name, record, state, role, operation, fname, value, expected):
        names = [fname] if operation in ("write", "archive") else ["id"]
        before = self._snapshot(record, names)
        count = self._count(name)
        refused, by_policy, bad_copy, after, count_after = self._orm(
            role, name, record, operation, fname, value, names
        )
        where = f"{role} {operation} {name}[{state}].{fname}={value!r}"
        if operation == "copy":
            # a copy is born as a new record is: in a birth state
            leaked = bad_copy
            refused = refused or bad_copy
        else:
            leaked = self._leaked(
                operation, expected, refused, before, after, count, count_after
            )
        self._record("orm", role, leaked, refused)
        if not refused:
            _logger.debug("policy allowed: %s", where)
        false_refusal = by_policy and expected is False
        return (where if leaked else None), (where if false_refusal else None)

    def _http_sample(self, name, record, state, role):
        """A few attempts of each kind the declaration refuses, and one it
        allows."""
        picked, kinds = [], Counter()
        for attempt in self._attempts(name, record, state, role):
            operation, _fname, _value, expected = attempt
            if operation == "copy" or expected is None:
                continue
            if not expected and operation != "write":
                continue  # the sample stays for the next attempts
            key = (operation, bool(expected))
            if kinds[key] < HTTP_PER_KIND:
                kinds[key] += 1
                picked.append(attempt)
        return picked

    def check_http(self, channel):
        leaks = []
        for role in ROLES:
            if channel == "jsonrpc":
                login_as(self, ROLES[role][0])
            for name in self.models:
                for state, index in self._sample_states(name):
                    record = self._sample_in_state(name, state, role, index)
                    if record is None or not record.exists():
                        continue
                    for operation, fname, value, expected in self._http_sample(
                        name, record, state, role
                    ):
                        names = [fname] if operation in ("write", "archive") else ["id"]
                        before = self._snapshot(record, names)
                        count = self._count(name)
                        refused = self._http(
                            channel, role, name, record, operation, fname, value
                        )
                        leaked = self._leaked(
                            operation,
                            expected,
                            refused,
                            before,
                            self._snapshot(record, names),
                            count,
                            self._count(name),
                        )
                        self._record(channel, role, leaked, refused)
                        if leaked:
                            leaks.append(f"{role} {operation} {name}[{state}].{fname}")
        self._summary(channel)
        covered = {role for (_k, ch, role) in self.stats if ch == channel}
        self.assertEqual(covered, set(ROLES))
        self.assertEqual(leaks, [], f"{len(leaks)} attempts leaked over {channel}")

    def test_policy_by_enumeration_jsonrpc(self):
        self.check_http("jsonrpc")

    def test_policy_by_enumeration_json2(self):
        self.check_http("json2")

    def _summary(self, channel):
        for role in ROLES:
            _logger.info(
                "policy summary %-8s %-15s attempts %5d refused %5d allowed %5d "
                "leaked %d",
                channel,
                role,
                self.stats["attempts", channel, role],
                self.stats["refused", channel, role],
                self.stats["allowed", channel, role],
                self.stats["leaked", channel, role],
            )
        _logger.info(
            "policy summary %-8s total: %d attempts, %d refused, %d leaked (%d models)",
            channel,
            sum(
                v
                for (k, ch, _r), v in self.stats.items()
                if k == "attempts" and ch == channel
            ),
            sum(
                v
                for (k, ch, _r), v in self.stats.items()
                if k == "refused" and ch == channel
            ),
            sum(
                v
                for (k, ch, _r), v in self.stats.items()
                if k == "leaked" and ch == channel
            ),
            len(self.models),
        )


@tagged("post_install", "-at_install")
class TestTrustPolicyRegressions(TransactionCase):
    """The defects the write policy closes, one by one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_b = env["res.company"].create({"name": "Policy Clinic B"})
        cls.dept = env["hr.department"].create({"name": "Policy regression desk"})
        user_g = "revisit_management.group_revisit_user"
        sup_g = "revisit_management.group_revisit_supervisor"
        cls.staff = make_user(
            env, "polr_staff", f"{user_g},helpdesk_mgmt.group_helpdesk_user_own"
        )
        cls.staff2 = make_user(env, "polr_staff2", user_g)
        cls.member = make_user(env, "polr_member", sup_g)
        cls.head = make_user(env, "polr_head", sup_g)
        cls.manager = make_user(
            env, "polr_manager", "revisit_management.group_revisit_manager"
        )
        cls.emp = {
            user: make_employee(user, cls.dept)
            for user in (cls.staff, cls.member, cls.head)
        }
        cls.dept.manager_id = cls.emp[cls.head]
        Partner = env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Policy own customer", "revisit_user_id": cls.staff.id}
        )
        cls.top = Partner.create(
            {
                "name": "Policy top customer",
                "revisit_user_id": cls.staff2.id,
                "revisit_confidentiality": "top_secret",
            }
        )
        cls.today = env.company._revisit_today()
        cls.visit = cls._visit(cls.customer, cls.staff)
        cls.closed = cls._visit(cls.customer, cls.staff, satisfaction=4)
        cls.closed.action_done()
        cls.plan = env["revisit.plan"].create(
            {
                "name": "Policy regression plan",
                "department_id": cls.dept.id,
                "date_from": cls.today,
                "date_to": cls.today,
            }
        )
        cls.category = env["revisit.problem.category"].search([], limit=1)
        cls.event_top = env["revisit.event"].create(
            {"partner_id": cls.top.id, "trigger": "surgery", "reference": "SURG-TOP"}
        )
        Ticket = env["helpdesk.ticket"]
        cls.ticket_top = Ticket.create(
            {
                "name": "Policy top complaint",
                "description": "<p>secret</p>",
                "partner_id": cls.top.id,
                "is_complaint": True,
            }
        )
        cls.ticket_own = Ticket.create(
            {
                "name": "Policy own complaint",
                "description": "<p>own</p>",
                "partner_id": cls.customer.id,
                "is_complaint": True,
                "user_id": cls.staff.id,
            }
        )

    @classmethod
    def _visit(cls, partner, user, **vals):
        return cls.env["revisit.visit"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "department_id": cls.dept.id,
                "scheduled_date": cls.today,
                **vals,
            }
        )

    def assertRefused(self, records, names, call, error=UserError):
        records = records.sudo().with_context(active_test=False)
        before = records.read(names)
        with self.assertRaises(error):
            with self.env.cr.savepoint():
                call()
                self.env.flush_all()
        records.invalidate_recordset()
        self.assertEqual(records.read(names), before)

    # ------------------------------------------------------- closed visit
    def test_closed_visit_inputs_frozen(self):
        closed = self.closed.with_user(self.staff)
        other_user = self.staff2
        for role in (self.staff, self.manager):
            visit = self.closed.with_user(role)
            for vals in (
                {"deadline": self.today + timedelta(days=30)},
                {"scheduled_date": self.today + timedelta(days=30)},
                {"plan_id": self.plan.id},
                {"active": False},
                {"problem": "made up afterwards"},
                {"problem_category_ids": [(6, 0, self.category.ids)]},
                {"user_id": other_user.id},
                {"cost": 999.0},
            ):
                with self.subTest(user=role.login, vals=vals):
                    self.assertRefused(
                        self.closed, list(vals), lambda v=visit, x=vals: v.write(x)
                    )
        self.assertRefused(self.closed, ["active"], closed.action_archive)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # still public
            self.assertRefused(self.closed, ["active"], closed.toggle_active)
        self.assertRefused(self.closed, ["id"], closed.unlink)
        # the open visit's inputs are still the staff's to plan
        self.visit.with_user(self.staff).write(
            {"deadline": self.today + timedelta(days=3), "problem": "noise"}
        )
        self.assertEqual(self.visit.problem, "noise")

    def test_closed_visit_archived_stays_archived(self):
        self.closed.sudo().active = False
        self.assertRefused(
            self.closed,
            ["active"],
            self.closed.with_user(self.manager).action_unarchive,
        )

    # ----------------------------------------------------------- pointers
    def test_visit_pointer_to_unreadable_event_or_ticket(self):
        visit = self.visit.with_user(self.staff)
        with self.assertRaises(AccessError):
            self.event_top.with_user(self.staff).check_access("read")
        for name, target in (
            ("event_id", self.event_top),
            ("ticket_id", self.ticket_top),
        ):
            with self.subTest(field=name):
                self.assertRefused(
                    self.visit, [name], lambda n=name, t=target: visit.write({n: t.id})
                )
        # nor through a new visit
        with self.assertRaises(AccessError):
            self.env["revisit.visit"].with_user(self.staff).create(
                {
                    "partner_id": self.customer.id,
                    "user_id": self.staff.id,
                    "department_id": self.dept.id,
                    "scheduled_date": self.today,
                    "event_id": self.event_top.id,
                }
            )

    def test_ticket_duplicate_of_unreadable_complaint(self):
        ticket = self.ticket_own.with_user(self.staff)
        ticket.write({"name": "Policy own complaint (noise)"})
        self.assertRefused(
            self.ticket_own,
            ["duplicate_id"],
            lambda: ticket.write({"duplicate_of_id": self.ticket_top.id}),
        )
        self.assertRefused(
            self.ticket_own,
            ["origin_visit_id"],
            lambda: ticket.write(
                {"origin_visit_id": self._visit(self.top, self.staff2).id}
            ),
        )

    # --------------------------------------------------------- appraisal
    def _check_values(self, score):
        """A spot check by the head on the member today, scoring ``score``."""
        criterion = self.env["revisit.appraisal.criterion"].search(
            [("source", "=", "spot_check")], limit=1
        )
        return {
            "employee_id": self.emp[self.member].id,
            "criterion_id": criterion.id,
            "score": score,
            "date": self.today,
            "checker_id": self.head.id,
        }

    def test_confirmed_month_spot_checks_frozen(self):
        month = self.today.replace(day=1)
        check = self.env["revisit.appraisal.spot.check"].create(
            self._check_values(60.0)
        )
        appraisal = self.env["revisit.appraisal"].create(
            {"employee_id": self.emp[self.member].id, "date_from": month}
        )
        appraisal._write_workflow({"state": "confirmed"})
        mine = check.with_user(self.head)
        self.assertRefused(check, ["score"], lambda: mine.write({"score": 100.0}))
        self.assertRefused(
            check,
            ["date"],
            lambda: mine.write(
                {"date": self.today.replace(day=1) - timedelta(days=40)}
            ),
        )
        self.assertRefused(check, ["id"], mine.unlink)
        Check = self.env["revisit.appraisal.spot.check"].with_user(self.head)
        with self.assertRaises(UserError):
            Check.create(self._check_values(100.0))
        # reopened by HR, the month's checks change again
        appraisal._write_workflow({"state": "computed"})
        mine.write({"score": 70.0})
        self.assertEqual(check.score, 70.0)

    def test_member_does_not_change_the_check_on_him(self):
        """The checked member rewrote or deleted his head's spot check on
        him (an appraisal input of his own work)."""
        check = self.env["revisit.appraisal.spot.check"].create(
            self._check_values(40.0)
        )
        mine = check.with_user(self.member)
        self.assertRefused(check, ["score"], lambda: mine.write({"score": 100.0}))
        self.assertRefused(check, ["id"], mine.unlink)
        # his head, the checker, still corrects it while the month is open
        check.with_user(self.head).write({"score": 45.0})
        self.assertEqual(check.score, 45.0)

    def test_hr_does_not_create_a_confirmed_bonus(self):
        """HR created a confirmed bonus on an appraisal nobody reviewed, and
        payroll paid it: a reward line is born a draft, confirmed only by its
        appraisal's confirmation."""
        hr = make_user(
            self.env, "polr_hr", "revisit_appraisal.group_revisit_appraisal_hr"
        )
        appraisal = self.env["revisit.appraisal"].create(
            {
                "employee_id": self.emp[self.staff].id,
                "date_from": self.today.replace(day=1),
            }
        )
        Line = self.env["revisit.appraisal.reward.line"]
        count = Line.search_count([])
        vals = {
            "appraisal_id": appraisal.id,
            "kind": "bonus",
            "amount": 5000.0,
            "date": self.today,
        }
        for call in (
            lambda: Line.with_user(hr).create(dict(vals, state="confirmed")),
            lambda: (
                Line.with_user(hr)
                .with_context(default_state="confirmed")
                .create(dict(vals))
            ),
        ):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                call()
        self.assertEqual(Line.search_count([]), count)
        draft = Line.with_user(hr).create(dict(vals))
        self.assertRefused(
            draft, ["state"], lambda: draft.with_user(hr).write({"state": "confirmed"})
        )

    def test_head_cannot_move_a_computed_appraisal_onto_himself(self):
        month = self.today.replace(day=1)
        appraisal = self.env["revisit.appraisal"].create(
            {"employee_id": self.emp[self.member].id, "date_from": month}
        )
        appraisal.sudo().write({"state": "computed", "score": 95.0})
        head = appraisal.with_user(self.head)
        for vals in (
            {"employee_id": self.emp[self.head].id},
            {"date_from": str(month.replace(year=month.year - 1))},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(appraisal, list(vals), lambda v=vals: head.write(v))

    # --------------------------------------------------------- bad input
    def test_bad_input_refused(self):
        visit = self.visit.with_user(self.staff)
        Event = self.env["revisit.event"].with_user(self.manager)
        cases = [
            ("feedback", "nul\x00byte"),
            ("duration", float("nan")),
            ("duration", float("inf")),
            ("duration", float("-inf")),
            ("deadline", "2026-02-30"),
            ("appointment_datetime", "2026-02-30 10:00:00"),
            ("method", "carrier_pigeon"),
            ("company_id", self.company_b.id),
        ]
        for name, value in cases:
            with self.subTest(field=name, value=value):
                self.assertRefused(
                    self.visit,
                    [name],
                    lambda n=name, v=value: visit.write({n: v}),
                )
        count = Event.sudo().search_count([])
        for vals in (
            {"res_model": "x" * 300},
            {"reference": "y" * 3000},
            {"reference": "nul\x00"},
        ):
            with self.subTest(vals=list(vals)):
                with self.assertRaises(ValidationError):
                    Event.create(
                        dict(vals, partner_id=self.customer.id, trigger="surgery")
                    )
        self.assertEqual(Event.sudo().search_count([]), count)
        with self.assertRaises(ValidationError):
            self.env["revisit.complaint.action"].with_user(self.manager).create(
                {
                    "ticket_id": self.ticket_own.id,
                    "name": "bad\x00",
                    "user_id": self.staff.id,
                    "deadline": self.today,
                }
            )
