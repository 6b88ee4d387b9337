"""The channels the trust tests act through, declared once: the users who act
as the roles of trust_roles.py (a known password for JSON-RPC sessions, an API
key for ``/json/2``), and one call as a user over JSON-RPC
(``/web/dataset/call_kw``) or ``/json/2`` that tells a refusal (one of Odoo's
user errors) from an answer.

Used by test_security_attacks.py, test_trust_policy.py, test_trust_methods.py
and test_trust_confidentiality.py.
"""

import json
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tests.common import JsonRpcException

# the errors a refused attempt raises: anything else is a crash
REFUSED = (AccessError, MissingError, UserError, ValidationError)
REFUSED_NAMES = frozenset(error.__name__ for error in REFUSED)


def password(login):
    return f"{login}-Pw-2026"


def make_user(env, login, groups, company=None, **values):
    """A user of ``company`` only (the environment's by default), with the
    password ``password(login)``."""
    company = company or env.company
    return new_test_user(
        env,
        login,
        groups=groups,
        password=password(login),
        company_id=company.id,
        company_ids=[(6, 0, company.ids)],
        **values,
    )


def make_employee(user, department):
    """The user's employee in ``department`` (and the department's company)."""
    return user.env["hr.employee"].create(
        {
            "name": user.login,
            "user_id": user.id,
            "department_id": department.id,
            "company_id": department.company_id.id or user.company_id.id,
        }
    )


def two_companies(cls, name):
    """On the test class ``cls``: two departments of the main company
    (``dept1``, ``dept2``), a second company ``company_b`` with a department
    ``dept_b``, all named after ``name``, and the empty registers of
    ``add_user``."""
    env = cls.env
    cls.company_b = env["res.company"].create({"name": f"{name} Other Clinic"})
    Department = env["hr.department"]
    cls.dept1 = Department.create({"name": f"{name} desk 1"})
    cls.dept2 = Department.create({"name": f"{name} desk 2"})
    cls.dept_b = Department.create(
        {"name": f"{name} other desk", "company_id": cls.company_b.id}
    )
    cls.users = {}
    cls.employees = {}


def add_user(cls, login, groups, dept=None, company=None):
    """A user of ``make_user`` registered in ``cls.users`` by login, with an
    employee in ``dept`` (registered in ``cls.employees``) if given."""
    record = cls.users[login] = make_user(cls.env, login, groups, company)
    if dept:
        cls.employees[login] = make_employee(record, dept)
    return record


def api_keys(env, users, name="trust tests"):
    """{key: API key} of each user of ``users`` ({key: user}), for a day."""
    expires = datetime.now() + timedelta(days=1)
    return {
        key: env["res.users.apikeys"]
        .with_user(user)
        .sudo()
        ._generate("rpc", name, expires)
        for key, user in users.items()
    }


def login_as(case, login):
    """Open a JSON-RPC session as ``login`` (None: the public)."""
    case.authenticate(login, login and password(login))


def error_name(name):
    """The class name of an error as the HTTP answer names it."""
    return name.rsplit(".", 1)[-1]


def call_jsonrpc(case, model, method, ids=None, kwargs=None):
    """Call ``model.method`` through ``/web/dataset/call_kw`` as the session's
    user: (the error's class name or None, the result)."""
    kwargs = json.loads(json.dumps(kwargs or {}, default=str))
    try:
        result = case.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": [list(ids)] if ids is not None else [],
                "kwargs": kwargs,
            },
        )
    except JsonRpcException as error:
        # the message ends with the exception's class name
        return error_name(str(error)), None
    return None, result


def call_json2(case, key, model, method, ids=None, kwargs=None):
    """Call ``model.method`` through ``/json/2`` with the API key ``key``:
    (the error's class name or None, the result or the error page)."""
    body = dict(kwargs or {}, **({"ids": list(ids)} if ids is not None else {}))
    response = case.url_open(
        f"/json/2/{model}/{method}",
        data=json.dumps(body, default=str),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {key}",
        },
    )
    if response.status_code == 200:
        return None, response.json()
    try:
        name = response.json().get("name", "")
    except ValueError:
        name = f"HTTP {response.status_code}"
    return error_name(name), response.text


def call_rpc(case, channel, key, model, method, ids=None, kwargs=None):
    """Call over ``channel`` ("jsonrpc": the session's user; "json2": the API
    key ``key``): (the error's class name or None, the result)."""
    if channel == "jsonrpc":
        return call_jsonrpc(case, model, method, ids, kwargs)
    return call_json2(case, key, model, method, ids, kwargs)
