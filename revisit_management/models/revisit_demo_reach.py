"""Demo: reaching the customers, so that the reach funnel, the dashboard's
reach figures and the visits' attempt logs have something to show on the demo
database.

Two phone campaigns on a scale of their own (a recommendation survey on NPS
0-10 for the clinic's patients, an effort survey on CES 1-7 for the property
owners whose complaints were handled). Every outcome goes through the
visits' own actions, as the staff record it: an appointment agreed (reached),
a call not answered, a wrong number, a refusal, a phone switched off
(unreachable, then the retry), a visit done with its answer and, for a low
answer, the customer's reason (then the follow-up). The attempts are then
dated on the day the demo's story puts them, at a working hour of the
company's time zone; the days count back from the company's today.
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import Command

# (customer, outcome): each outcome is a list of steps on the contact's
# visits, the first visit then each retry or follow-up it makes; a step is
# (days before today, action, values)
NPS_CAMPAIGN = [
    (
        "res_partner_xu_ting_demo",
        [
            (16, "appoint", {}),
            (
                15,
                "done",
                {
                    "scale_answer": "10",
                    "feedback": "术后护理讲解很细致，已推荐给同事。",
                },
            ),
        ],
    ),
    (
        "res_partner_song_jia_demo",
        [(14, "done", {"scale_answer": "9", "feedback": "效果满意，会介绍朋友来。"})],
    ),
    (
        "res_partner_zhao_li_demo",
        [(13, "done", {"scale_answer": "8", "feedback": "整体不错，复诊预约稍难。"})],
    ),
    (
        # switched off, reached the next day: a detractor whose follow-up
        # ended satisfied (the closed loop)
        "res_partner_sun_hao_demo",
        [
            (13, "unreachable", {"unreachable_reason": "switched_off"}),
            (
                12,
                "done",
                {
                    "scale_answer": "3",
                    "feedback": "复诊候诊一个多小时，不太愿意推荐。",
                    "low_reason": "revisit_low_reason_wait",
                },
            ),
            (
                5,
                "done",
                {
                    "scale_answer": "9",
                    "feedback": "已为我改为预约制复诊，这次没有等待。",
                },
            ),
        ],
    ),
    (
        "res_partner_liu_yang_demo",
        [(12, "unreachable", {"unreachable_reason": "wrong_number"})],
    ),
    (
        "res_partner_guo_qiang_demo",
        [
            (
                11,
                "unreachable",
                {
                    "unreachable_reason": "refused",
                    "note": "顾客表示近期不方便接受回访。",
                },
            )
        ],
    ),
]
CES_CAMPAIGN = [
    (
        "res_partner_qian_li_demo",
        [(9, "done", {"scale_answer": "7", "feedback": "一个电话就解决了，很方便。"})],
    ),
    (
        "res_partner_feng_xiao_demo",
        # answered, but closed without a word of feedback: not a valid record
        [(8, "done", {"scale_answer": "6"})],
    ),
    (
        "res_partner_wu_gang_demo",
        [
            (
                7,
                "done",
                {
                    "scale_answer": "2",
                    "feedback": "打了三次电话才有人上门，说明也不清楚。",
                    "low_reason": "revisit_low_reason_communication",
                },
            )
        ],
    ),
    (
        "res_partner_jiang_bo_demo",
        [(6, "unreachable", {"unreachable_reason": "no_answer"})],
    ),
    # 周敏: due in a few days, not called yet
    ("res_partner_zhou_min_demo", []),
]


def _ref(env, name):
    return env.ref(f"revisit_management.{name}")


def _at(company, day, hour):
    """The UTC datetime of ``hour`` o'clock of ``day`` in the company's zone."""
    local = company._revisit_tzinfo().localize(datetime.combine(day, time(hour)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def _step(visit, user, day, action, values, hour):
    """One outcome recorded on ``visit`` by ``user`` on ``day``: the visit
    the action made next (retry or follow-up), if any."""
    company = visit.company_id
    env = visit.env
    Attempt = env["revisit.visit.attempt"].sudo()
    last_attempt = Attempt.search([], order="id desc", limit=1).id
    known = env["revisit.visit"].sudo().search([("parent_visit_id", "=", visit.id)])
    values = dict(values)
    note = values.pop("note", False)
    low_reason = values.pop("low_reason", False)
    if low_reason:
        values["low_reason_id"] = _ref(env, low_reason).id
    # the visit's day in the story: what the staff planned and when it closed
    # (a retry or follow-up made today gets the story's day and a week's window)
    deadline = min(visit.deadline or day, day + timedelta(days=7))
    dates = {
        "scheduled_date": day,
        "deadline": max(deadline, day),
        "schedule_note": False,
    }
    if action == "done":
        dates["done_date"] = day
    staff = visit.with_user(user)
    staff.sudo().write(dates)
    if values:
        staff.write(values)
    if action == "appoint":
        staff.appointment_datetime = _at(company, day + timedelta(days=1), 10)
        staff.action_appoint()
    elif action == "done":
        staff.action_done()
        # the appointment's meeting took place: its activity is done
        staff.activity_ids.filtered("calendar_event_id").action_feedback(
            feedback="已按约定时间回访。"
        )
    else:
        staff.action_unreachable()
    attempts = Attempt.search([("id", ">", last_attempt), ("visit_id", "=", visit.id)])
    attempts.write({"date": _at(company, day, hour)})
    if note:
        attempts.write({"note": note})
    return (
        env["revisit.visit"].sudo().search([("parent_visit_id", "=", visit.id)]) - known
    )


def _campaign(env, xmlid, today, values, survey_values, approver, outcomes):
    """A phone campaign on its survey's scale, approved, then its outcomes."""
    survey = env["survey.survey"].create(survey_values)
    author = env["res.users"].browse(values["user_id"])
    lines = []
    for partner, steps in outcomes:
        day = today - timedelta(days=steps[0][0]) if steps else today + timedelta(3)
        lines.append(
            Command.create(
                {
                    "partner_id": _ref(env, partner).id,
                    "user_id": author.id,
                    "scheduled_date": day,
                }
            )
        )
    plan = env["revisit.plan"].create(
        dict(values, survey_id=survey.id, notify_customers=False, line_ids=lines)
    )
    # the plan is the tests' way in (its survey has no xmlid: a translatable
    # title of the module's own would be a term to translate)
    env["ir.model.data"]._update_xmlids(
        [{"xml_id": f"revisit_management.{xmlid}", "record": plan, "noupdate": True}]
    )
    # drafted for the staff member, submitted by the demo (staff draft
    # plans, supervisors submit them), approved by the department's head
    plan.action_submit()
    plan.with_user(approver).action_approve()
    for index, (partner, steps) in enumerate(outcomes):
        visit = plan.visit_ids.filtered(
            lambda v, p=partner: v.partner_id == _ref(env, p)
        )
        for days, action, step_values in steps:
            following = _step(
                visit,
                author,
                today - timedelta(days=days),
                action,
                step_values,
                hour=9 + index % 8,
            )
            visit = following[:1] or visit
    return plan


def load(env):
    """Load the reach demo into the demo company (called once, at install)."""
    company = env.ref("base.main_company")
    # the staff's texts (meeting names, notes) in the company's language
    env = env(
        context=dict(
            env.context, allowed_company_ids=company.ids, lang=company._revisit_lang()
        )
    )
    today = company._revisit_today()
    staff = _ref(env, "res_users_revisit_staff_demo")
    supervisor = _ref(env, "res_users_revisit_supervisor_demo")
    property_staff = _ref(env, "res_users_revisit_property_demo")
    nps_question = {
        "title": "您有多大可能把我们推荐给亲友？（0-10 分）",
        "question_type": "scale",
        "scale_min": 0,
        "scale_max": 10,
        "scale_min_label": "不可能",
        "scale_max_label": "非常可能",
    }
    _campaign(
        env,
        "revisit_plan_nps_demo",
        today,
        {
            "name": "术后顾客推荐意愿回访（净推荐值）",
            "date_from": today - timedelta(days=16),
            "date_to": today - timedelta(days=9),
            "user_id": staff.id,
            "department_id": _ref(env, "hr_department_clinic_demo").id,
            "method": "phone",
            "purpose": "请顾客按 0-10 分评价推荐意愿，低分登记原因并安排跟进。",
        },
        {
            "title": "推荐意愿调查（净推荐值）",
            "revisit_scale": "nps",
            "question_and_page_ids": [Command.create(nps_question)],
        },
        supervisor,
        NPS_CAMPAIGN,
    )
    ces_question = dict(
        nps_question,
        title="这次报修处理，您办起来有多省心？（1 很费劲 - 7 很省心）",
        scale_min=1,
        scale_max=7,
        scale_min_label="很费劲",
        scale_max_label="很省心",
    )
    _campaign(
        env,
        "revisit_plan_ces_demo",
        today,
        {
            "name": "投诉处理便捷度回访（费力度）",
            "date_from": today - timedelta(days=9),
            "date_to": today + timedelta(days=5),
            "user_id": property_staff.id,
            "department_id": _ref(env, "hr_department_property_demo").id,
            "method": "phone",
            "purpose": "了解业主报修、投诉处理是否省心（1-7 分）。",
        },
        {
            "title": "办事便捷度调查（客户费力度）",
            "revisit_scale": "ces",
            "question_and_page_ids": [Command.create(ces_question)],
        },
        env.ref("base.user_admin"),
        CES_CAMPAIGN,
    )
