"""The reach funnel of the visits, defined once here and used by the visit
model, the funnel's reporting view, the dashboard and the tests.

A contact is a visit that is not a retry (its retries and its SMS fallback
belong to it: ``reach_root_id``); its stages, each within the previous:

- due: the contact, not cancelled, active;
- attempted (覆盖率, coverage): an attempt was made on it (a call, an SMS or
  e-mail sent, an on-site visit): any attempt recorded;
- reached (接通率): an attempt reached the customer (reached or answered);
- answered (问卷完成率): the customer answered: scored the visit, by phone,
  on site or in the questionnaire;
- valid record (有效记录率): answered, and the done visit is a complete record:
  a score, feedback or a report (a questionnaire answer is one), the
  customer's signature on site, no questionnaire contradicting the score.

Closed loop: a low score (``revisit_scales.is_low``) whose follow-up visit
ended done and not low.
"""

from odoo.tools import SQL

ATTEMPT_CHANNELS = [
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("email", "E-mail"),
    ("onsite", "On-site"),
    ("questionnaire", "Questionnaire"),
]
UNREACHABLE_REASONS = [
    ("no_answer", "No Answer"),
    ("wrong_number", "Wrong Number"),
    ("refused", "Refused"),
    ("switched_off", "Switched Off"),
]
ATTEMPT_RESULTS = [
    ("reached", "Reached"),
    *UNREACHABLE_REASONS,
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("answered", "Answered"),
]
REACHED_RESULTS = ("reached", "answered")
ANSWERED_RESULTS = ("answered",)
# the channel of an attempt made by a visit's method
METHOD_CHANNELS = {
    "phone": "phone",
    "video": "phone",
    "sms": "sms",
    "email": "email",
    "survey": "email",
    "onsite": "onsite",
}


# ---------------------------------------------------------------------------
# Python: on a contact (a visit that is its own reach root)
# ---------------------------------------------------------------------------


def is_due(contact):
    return contact.active and contact.state != "cancelled"


def is_attempted(contact, attempts):
    return is_due(contact) and bool(attempts)


def is_reached(contact, attempts):
    return is_due(contact) and any(a.result in REACHED_RESULTS for a in attempts)


def is_answered(contact, attempts):
    return is_due(contact) and any(a.result in ANSWERED_RESULTS for a in attempts)


def is_valid_record(contact, attempts, done):
    """``done``: the chain's done visit (empty when none)."""
    return (
        is_answered(contact, attempts)
        and bool(done)
        and done.state == "done"
        and bool(done.satisfaction or done.scale_answer)
        and not done.survey_conflict
        and bool(
            (done.feedback or "").strip()
            or done._revisit_report_written()
            or done.survey_user_input_id.state == "done"
        )
        and (done.method != "onsite" or bool(done.signature))
    )


# ---------------------------------------------------------------------------
# SQL: ``alias`` is the contact's revisit_visit row, ``done`` the chain's done
# visit (LEFT JOIN, NULL when none)
# ---------------------------------------------------------------------------


def due_sql(alias):
    return SQL(
        "(%(v)s.active AND %(v)s.state != 'cancelled' "
        "AND %(v)s.reach_root_id = %(v)s.id)",
        v=SQL.identifier(alias),
    )


def _attempt_exists(alias, results=None):
    return SQL(
        "EXISTS (SELECT 1 FROM revisit_visit_attempt a "
        "WHERE a.root_visit_id = %s.id%s)",
        SQL.identifier(alias),
        SQL(" AND a.result IN %s", tuple(results)) if results else SQL(""),
    )


def attempted_sql(alias):
    return SQL("(%s AND %s)", due_sql(alias), _attempt_exists(alias))


def reached_sql(alias):
    return SQL("(%s AND %s)", due_sql(alias), _attempt_exists(alias, REACHED_RESULTS))


def answered_sql(alias):
    return SQL("(%s AND %s)", due_sql(alias), _attempt_exists(alias, ANSWERED_RESULTS))


def valid_record_sql(alias, done):
    return SQL(
        """(%(answered)s AND %(d)s.state = 'done'
            AND (COALESCE(%(d)s.satisfaction, 0) > 0 OR %(d)s.scale_answer IS NOT NULL)
            AND NOT COALESCE(%(d)s.survey_conflict, FALSE)
            AND (btrim(COALESCE(%(d)s.feedback, '')) != ''
                 OR btrim(regexp_replace(COALESCE(%(d)s.report, ''),
                                         '<[^>]*>|&nbsp;', '', 'g')) != ''
                 OR EXISTS (SELECT 1 FROM survey_user_input ui
                            WHERE ui.id = %(d)s.survey_user_input_id
                              AND ui.state = 'done'))
            AND (%(d)s.method != 'onsite' OR EXISTS (
                 SELECT 1 FROM ir_attachment att
                  WHERE att.res_model = 'revisit.visit'
                    AND att.res_field = 'signature'
                    AND att.res_id = %(d)s.id)))""",
        answered=answered_sql(alias),
        d=SQL.identifier(done),
    )


def done_visit_sql(alias):
    """The chain's done visit: a LATERAL subquery's body."""
    return SQL(
        "SELECT * FROM revisit_visit d0 WHERE d0.reach_root_id = %s.id "
        "AND d0.state = 'done' ORDER BY d0.id DESC LIMIT 1",
        SQL.identifier(alias),
    )


def closed_loop_sql(done):
    """The low-scored done visit ``done`` has a follow-up (not a retry) whose
    chain ended done and not low."""
    return SQL(
        """EXISTS (
            SELECT 1 FROM revisit_visit f
            JOIN revisit_visit fd ON fd.reach_root_id = f.id AND fd.state = 'done'
            WHERE f.parent_visit_id = %(d)s.id AND f.retry_count = 0
              AND NOT fd.satisfaction_low)""",
        d=SQL.identifier(done),
    )


def is_closed_loop(done):
    """``closed_loop_sql`` on a record."""
    followups = done.followup_visit_ids.filtered(lambda f: f.retry_count == 0)
    return any(
        d.state == "done" and not d.satisfaction_low for d in followups.reach_chain_ids
    )
