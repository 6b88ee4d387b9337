from datetime import timedelta

from odoo import api, fields, models


class RevisitPromiseMixin(models.AbstractModel):
    """A reply promised to the customer by a date (a visit's open question, a
    complaint): who owes it is reminded the company's days before the date, a
    manager is told once the date passed without an answer, each once; a new
    date is reminded and escalated again.

    A model using it says which of its records still owe their reply
    (``_promise_pending_domain``), how many days ahead it reminds
    (``_promise_reminder_days``) and how it reminds and escalates a batch
    (``_promise_remind``, ``_promise_escalate``)."""

    _name = "revisit.promise.mixin"
    _description = "Promised Reply"

    promised_date = fields.Date(
        string="Promised Reply Date",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Date by which the customer was promised the answer: the assignee "
        "is reminded before it, the department manager told after it.",
    )
    promise_reminded = fields.Boolean(copy=False, readonly=True)
    promise_escalated = fields.Boolean(copy=False, readonly=True)

    def write(self, vals):
        res = super().write(vals)
        if "promised_date" in vals:
            # a new promise is reminded and escalated again
            self.sudo().write({"promise_reminded": False, "promise_escalated": False})
        return res

    @api.model
    def _promise_pending_domain(self):
        """The records whose promised reply is still owed (beside having a
        promised date)."""
        return []

    @api.model
    def _promise_reminder_days(self, company):
        raise NotImplementedError

    def _promise_remind(self):
        """Remind who owes the reply of these records, before its date."""
        raise NotImplementedError

    def _promise_escalate(self, today):
        """Tell a manager that the reply of these records is overdue."""
        raise NotImplementedError

    @api.model
    def _cron_promises(self, batch_size=None):
        """Remind before the promised reply date, escalate after it, each
        company on its own calendar day."""
        Cron = self.env["revisit.cron"]
        for company in Cron._companies():
            today = company._revisit_today()
            horizon = today + timedelta(days=self._promise_reminder_days(company))
            base = [
                ("company_id", "=", company.id),
                ("promised_date", "!=", False),
                *self._promise_pending_domain(),
            ]
            for flag, dates in (
                ("promise_reminded", [(">=", today), ("<=", horizon)]),
                ("promise_escalated", [("<", today)]),
            ):
                domain = [
                    *base,
                    (flag, "=", False),
                    *(("promised_date", op, day) for op, day in dates),
                ]
                if not Cron._batches(
                    self,
                    domain,
                    lambda records, f=flag, t=today: records._promise_follow_up(f, t),
                    batch_size,
                ):
                    return

    def _promise_follow_up(self, flag, today):
        """Remind or escalate these records, then mark them so: they drop out
        of the scheduled action's domain."""
        if flag == "promise_reminded":
            self._promise_remind()
        else:
            self._promise_escalate(today)
        self.sudo().write({flag: True})
