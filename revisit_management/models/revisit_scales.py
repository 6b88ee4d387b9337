"""The satisfaction scales a rule or a questionnaire chooses, defined once here
and used by the visit, the reach funnel's view, the dashboard and the
appraisal:

- stars 1-5: CSAT is the share of answers of 4 or 5 (Odoo's ``rating``
  counts the top two boxes the same way); low: at or below the company's low
  satisfaction threshold;
- NPS 0-10: promoters answer 9-10, passives 7-8, detractors 0-6; the NPS is
  the share of promoters minus the share of detractors (-100 to 100); low: a
  detractor;
- CES 1-7 (customer effort, 7 the easiest): the average answer; low: 1-3.

Every answer is also normalised to 0-100 (answer over the scale's maximum:
five stars are 100, as the appraisal always counted them).
"""

from odoo.tools import SQL

SCALES = [
    ("stars", "Stars (1-5, CSAT)"),
    ("nps", "NPS (0-10)"),
    ("ces", "Customer Effort (CES, 1-7)"),
]
# lowest and highest answer of each scale
SCALE_RANGES = {"stars": (1, 5), "nps": (0, 10), "ces": (1, 7)}
CSAT_SATISFIED = 4  # stars: 4 and 5 are satisfied
NPS_PROMOTER = 9  # 9-10
NPS_DETRACTOR = 6  # 0-6
CES_LOW = 3  # 1-3: hard for the customer


def normalise(scale, answer):
    """The answer on 0-100, None when there is none."""
    if answer is None or answer is False:
        return None
    return 100.0 * answer / SCALE_RANGES[scale or "stars"][1]


def is_low(scale, answer, stars_low):
    """Whether an answer is low: it asks for a reason and a follow-up."""
    if answer is None or answer is False:
        return False
    if scale == "nps":
        return answer <= NPS_DETRACTOR
    if scale == "ces":
        return answer <= CES_LOW
    return answer <= stars_low


def nps_category(answer):
    if answer is None or answer is False:
        return False
    if answer >= NPS_PROMOTER:
        return "promoter"
    if answer <= NPS_DETRACTOR:
        return "detractor"
    return "passive"


def figures(scale, answers):
    """CSAT (%), NPS (-100..100) or CES (average) of a list of answers on one
    scale; None when there is no answer."""
    answers = [a for a in answers if a is not None and a is not False]
    if not answers:
        return None
    if scale == "nps":
        promoters = sum(1 for a in answers if a >= NPS_PROMOTER)
        detractors = sum(1 for a in answers if a <= NPS_DETRACTOR)
        return round(100.0 * (promoters - detractors) / len(answers), 1)
    if scale == "ces":
        return round(sum(answers) / len(answers), 2)
    return round(
        100.0 * sum(1 for a in answers if a >= CSAT_SATISFIED) / len(answers), 1
    )


def csat_sql(scale, answer):
    """100 or 0 for a stars answer (NULL otherwise): its average is the CSAT."""
    return SQL(
        "CASE WHEN %s = 'stars' AND %s IS NOT NULL THEN "
        "CASE WHEN %s >= %s THEN 100.0 ELSE 0.0 END END",
        scale,
        answer,
        answer,
        CSAT_SATISFIED,
    )


def nps_sql(scale, answer):
    """100 for a promoter, -100 for a detractor, 0 for a passive (NULL when not
    an NPS answer): its average is the NPS."""
    return SQL(
        "CASE WHEN %s = 'nps' AND %s IS NOT NULL THEN CASE WHEN %s >= %s THEN 100.0 "
        "WHEN %s <= %s THEN -100.0 ELSE 0.0 END END",
        scale,
        answer,
        answer,
        NPS_PROMOTER,
        answer,
        NPS_DETRACTOR,
    )


def ces_sql(scale, answer):
    return SQL("CASE WHEN %s = 'ces' THEN %s END", scale, answer)


def answer_sql(alias):
    """The visit's answer on its scale (NULL when unscored): the stars are its
    satisfaction, an NPS or CES answer is kept apart (0 is an NPS answer)."""
    return SQL(
        "(CASE WHEN %(v)s.satisfaction_scale IN ('nps', 'ces') "
        "THEN %(v)s.scale_answer::integer ELSE NULLIF(%(v)s.satisfaction, 0) END)",
        v=SQL.identifier(alias),
    )


def visit_answer(visit):
    """``answer_sql`` on a record: the answer on its scale, None when unscored."""
    if visit.satisfaction_scale in ("nps", "ces"):
        return int(visit.scale_answer) if visit.scale_answer else None
    return visit.satisfaction or None
