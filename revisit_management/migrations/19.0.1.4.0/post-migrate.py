from odoo import SUPERUSER_ID, api

# R014: the festivals shipped before as dates of 2027 and 2028 (noupdate
# data, copied into companies with their rule) are festivals of their
# calendar, found again each year
SHIPPED_DATES = {
    "2027-02-06": ("lunar", 1, 1),  # 春节
    "2028-01-26": ("lunar", 1, 1),
    "2027-09-15": ("lunar", 8, 15),  # 中秋
    "2028-10-03": ("lunar", 8, 15),
}


def convert_fixed_festivals(env):
    """Make the shipped fixed-date festivals recurring, through the ORM (their
    next date is found on write). A rule keeps one festival per calendar day:
    a second year's record is removed, its prepared plan kept on the first.
    Idempotent: a festival with a month is left alone."""
    Festival = env["revisit.festival"].sudo().with_context(active_test=False)
    fixed = Festival.search(
        [("month", "in", [0, False]), ("date", "in", list(SHIPPED_DATES))],
        order="date, id",
    )
    for festival in fixed:
        calendar, month, day = SHIPPED_DATES[str(festival.date)]
        same = Festival.search(
            [
                ("rule_id", "=", festival.rule_id.id),
                ("calendar", "=", calendar),
                ("month", "=", month),
                ("day", "=", day),
                ("id", "!=", festival.id),
            ],
            limit=1,
        )
        if same:
            if festival.plan_id and same.date == festival.date and not same.plan_id:
                same.plan_id = festival.plan_id
            festival.unlink()
            continue
        old_date = festival.date
        festival.write({"calendar": calendar, "month": month, "day": day})
        if festival.date != old_date:
            # a plan of the past year's festival is not the next one's
            festival.plan_id = False


def migrate(cr, version):
    convert_fixed_festivals(api.Environment(cr, SUPERUSER_ID, {}))
