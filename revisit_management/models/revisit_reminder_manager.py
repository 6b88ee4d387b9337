from datetime import timedelta

from odoo import api, models, tools
from odoo.fields import Domain
from odoo.tools import plaintext2html

from .revisit_visit import ACTIVITY_XMLID
from .revisit_visit_states import OPEN_STATES, overdue_domain

# visit reports of visits done longer ago are history: not chased any more
REPORT_LOOKBACK_DAYS = 30


class RevisitReminderManager(models.AbstractModel):
    """Reminders and escalations of the visits: the scheduled actions that
    remind the assignees and the customers, and tell the department managers
    of what is late (overdue visits, missing reports, promised replies)."""

    _name = "revisit.reminder.manager"
    _description = "Revisit Reminder Manager"

    # ------------------------------------------------------------------
    # Due visits: the assignees' reminders and the customers' notices
    # ------------------------------------------------------------------

    @api.model
    def _cron_remind(self):
        """Each day, per company: bring the activities of the visits entering
        the reminder horizon, e-mail the assignees of the visits due today and
        tomorrow, and tell the customers of approved plans of their visit."""
        Cron = self.env["revisit.cron"]
        Visit = self.env["revisit.visit"]
        template = self.env.ref("revisit_management.mail_template_revisit_reminder")
        notice = self.env.ref("revisit_management.mail_template_revisit_plan_notice")
        activity_type = self.env.ref(ACTIVITY_XMLID)
        for company in Cron._companies():
            today = company._revisit_today()
            horizon = today + timedelta(days=company.revisit_reminder_days)
            due = Domain(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN_STATES),
                    ("user_id.active", "=", True),
                    ("scheduled_date", "<=", today + timedelta(days=1)),
                    ("scheduled_date", ">=", today),
                    "|",
                    ("reminder_date", "=", False),
                    ("reminder_date", "<", today),
                ]
            )
            # assignee by assignee: one e-mail each, whatever their number of
            # visits; an assignee drops out once their visits are reminded
            assignees = [
                user.id for [user] in Visit.sudo()._read_group(due, ["user_id"])
            ]
            if not Cron._batches(
                self.env["res.users"].sudo(),
                [("id", "in", assignees)],
                lambda users, d=due, t=today: self._remind_users(users, d, template, t),
                lock=False,
            ):
                return
            # visits entering the horizon get their assignee's activity
            if not Cron._batches(
                Visit,
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN_STATES),
                    ("user_id.active", "=", True),
                    ("scheduled_date", "<=", horizon),
                    (
                        "activity_ids",
                        "not any",
                        [("activity_type_id", "=", activity_type.id)],
                    ),
                ],
                lambda visits: visits.activity_update(),
            ):
                return
            if not Cron._batches(
                Visit,
                self._notice_domain(company, today),
                lambda visits, t=today: self._notify_customers(visits, notice, t),
            ):
                return

    @api.model
    def _remind_users(self, users, domain, template, today):
        """Remind a batch of assignees of their due visits: one search, one
        rendering of the e-mail for the whole batch."""
        visits = (
            self.env["revisit.visit"]
            .sudo()
            .search(Domain.AND([domain, [("user_id", "in", users.ids)]]))
        )
        # locked assignee by assignee: a row another worker changed meanwhile
        # drops that assignee's visits only, not the whole batch's
        locked = self.env["revisit.visit"]
        for user_visits in visits.grouped("user_id").values():
            locked |= self.env["revisit.cron"]._try_lock(user_visits)
        self._remind_assignees(locked, template, today)

    @api.model
    def _remind_assignees(self, visits, template, today):
        """Bring the assignees' activities and send each assignee one e-mail
        listing their visits among these."""
        if not visits:
            return
        visits.activity_update()
        # the e-mails list these visits: read at once, not assignee by assignee
        visits.fetch(["name", "scheduled_date", "purpose", "partner_id"])
        visits.partner_id.fetch(["revisit_contact_hours"])
        visits.partner_id.mapped("display_name")
        by_user = {
            user.id: user_visits.ids
            for user, user_visits in visits.grouped("user_id").items()
        }
        template.with_context(revisit_reminder_visits=by_user).send_mail_batch(
            list(by_user), email_layout_xmlid="mail.mail_notification_light"
        )
        visits.sudo().reminder_date = today

    @api.model
    def _notice_domain(self, company, today):
        """Open visits of plans and rules that notify, within the company's
        notice days, whose customer was not told yet and can be reached."""
        return [
            ("company_id", "=", company.id),
            ("state", "in", OPEN_STATES),
            "|",
            ("plan_id.notify_customers", "=", True),
            ("rule_id.notify_customers", "=", True),
            ("customer_notified_date", "=", False),
            ("scheduled_date", ">=", today),
            (
                "scheduled_date",
                "<=",
                today + timedelta(days=company.revisit_notify_days_before),
            ),
            "|",
            ("partner_id.email", "!=", False),
            ("partner_id.phone", "!=", False),
        ]

    @api.model
    def _notify_customers(self, visits, template, today):
        """Tell the customers of their visit, the company's notice days ahead,
        by their channel: e-mail or SMS, in their language."""
        by_mail = visits.filtered(
            lambda v: v.partner_id._revisit_notice_channel() == "email"
        )
        if by_mail:
            template.send_mail_batch(by_mail.ids)
        for visit in visits - by_mail:
            self._send_notice_sms(visit)
        visits.sudo().customer_notified_date = today

    @api.model
    def _send_notice_sms(self, visit):
        """Text the customer the day of their visit (queued for Odoo's SMS
        scheduled action), in the customer's language."""
        visit.ensure_one()
        lang = visit.partner_id.lang or visit.company_id._revisit_lang()
        env = visit.with_context(lang=lang).env
        day = tools.format_date(env, visit.scheduled_date, lang_code=lang)
        visit._message_sms(
            env._(
                "%(company)s will contact you on %(date)s about your visit. "
                "If this day does not suit you, please reply.",
                company=visit.company_id.name,
                date=day,
            ),
            partner_ids=visit.partner_id.ids,
            put_in_queue=True,
        )

    # ------------------------------------------------------------------
    # Overdue visits
    # ------------------------------------------------------------------

    @api.model
    def _cron_escalate(self):
        """Escalate each overdue visit once to its department's manager."""
        Cron = self.env["revisit.cron"]
        for company in Cron._companies():
            today = company._revisit_today()
            domain = Domain.AND(
                [
                    [("company_id", "=", company.id)],
                    overdue_domain(today),
                    [("escalation_date", "=", False)],
                ]
            )
            if not Cron._batches(
                self.env["revisit.visit"],
                domain,
                lambda visits, t=today: self._escalate(visits, t),
            ):
                return

    @api.model
    def _escalate(self, visits, today=None):
        """An activity to the department manager of each overdue visit, when the
        manager may read the visit; otherwise a note on the visit. ``today`` is
        the company's calendar day (each visit's own company's when not given)."""
        self._escalate_to_manager(
            visits,
            lambda env: env._("Overdue revisit"),
            lambda env, v: env._(
                "%(visit)s for %(customer)s was due on %(date)s.",
                visit=v.name,
                customer=v.partner_id.display_name,
                date=v.due_date,
            ),
            deadline=today,
            activity_xmlid="revisit_management.mail_activity_type_revisit_overdue",
            orphan_note=lambda env, v: env._(
                "Overdue, and no department manager who may read it to escalate to."
            ),
        )
        if today:
            visits.sudo().escalation_date = today
        else:
            for visit in visits.sudo():
                visit.escalation_date = visit.company_id._revisit_today()

    # ------------------------------------------------------------------
    # Next-day visit reports and promised replies
    # ------------------------------------------------------------------

    @api.model
    def _cron_report_reminders(self):
        """The visit report is due the company's report days after the visit:
        the assignee is reminded on that day, the department manager told the
        day after if it is still missing. Visits done before the look-back are
        history and not chased."""
        Cron = self.env["revisit.cron"]
        Visit = self.env["revisit.visit"]
        for company in Cron._companies():
            today = company._revisit_today()
            due = today - timedelta(days=company.revisit_report_due_days)
            base = [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("report_date", "=", False),
                ("done_date", ">=", today - timedelta(days=REPORT_LOOKBACK_DAYS)),
            ]
            if not Cron._batches(
                Visit,
                [*base, ("done_date", "<=", due), ("report_reminder_date", "=", False)],
                lambda visits, t=today: self._remind_report(visits, t),
            ):
                return
            if not Cron._batches(
                Visit,
                [
                    *base,
                    ("done_date", "<", due),
                    ("report_escalation_date", "=", False),
                ],
                lambda visits, t=today: self._escalate_report(visits, t),
            ):
                return

    @api.model
    def _remind_report(self, visits, today):
        def due(visit):
            return visit.done_date + timedelta(
                days=visit.company_id.revisit_report_due_days
            )

        self._todo_to_assignees(
            visits,
            due,
            lambda env: env._("Write the visit report"),
            lambda env, v: env._(
                "The report of %(visit)s (%(customer)s) is due on %(date)s.",
                visit=v.name,
                customer=v.partner_id.display_name,
                date=due(v),
            ),
        )
        visits.sudo().report_reminder_date = today

    @api.model
    def _escalate_report(self, visits, today):
        self._escalate_to_manager(
            visits,
            lambda env: env._("Missing visit report"),
            lambda env, v: env._(
                "%(user)s has not reported on %(visit)s (%(customer)s), done on "
                "%(date)s.",
                user=v.user_id.name or "-",
                visit=v.name,
                customer=v.partner_id.display_name,
                date=v.done_date,
            ),
            deadline=today,
        )
        visits.sudo().report_escalation_date = today

    @api.model
    def _cron_promises(self):
        """Replies promised to customers (``revisit.promise.mixin``): the
        assignee is reminded the company's days before the promised date, the
        department manager told once it passed without an answer."""
        self.env["revisit.visit"]._cron_promises()

    @api.model
    def _remind_promise(self, visits):
        self._todo_to_assignees(
            visits,
            lambda visit: visit.promised_date,
            lambda env: env._("Reply promised to the customer"),
            lambda env, v: env._(
                "%(customer)s was promised an answer by %(date)s: %(question)s",
                customer=v.partner_id.display_name,
                date=v.promised_date,
                question=v.pending_question or "",
            ),
        )

    @api.model
    def _escalate_promise(self, visits, today):
        self._escalate_to_manager(
            visits,
            lambda env: env._("Overdue reply to a customer"),
            lambda env, v: env._(
                "%(customer)s was promised an answer by %(date)s and has none yet "
                "(%(visit)s).",
                customer=v.partner_id.display_name,
                date=v.promised_date,
                visit=v.name,
            ),
            deadline=today,
        )

    # ------------------------------------------------------------------
    # Activities and the manager escalation
    # ------------------------------------------------------------------

    @api.model
    def _activity_update(self, visits):
        """Keep the assignee's one activity of each visit in step with it.

        An open, assigned visit gets its activity once its date comes within
        the company's reminder horizon; the activity follows the visit's date
        and assignee, and goes when the visit closes (``action_done`` marks it
        done first, so that it stays in the history)."""
        activity_type = self.env.ref(ACTIVITY_XMLID, raise_if_not_found=False)
        if not activity_type or not visits:
            return
        # sudo below: only the assignee's activity of visits the caller reads,
        # brought in step with the visits themselves
        visits.check_access("read")
        Activity = self.env["mail.activity"].sudo()
        existing = {}
        for activity in Activity.search(
            [
                ("res_model", "=", visits._name),
                ("res_id", "in", visits.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        ):
            existing.setdefault(activity.res_id, Activity)
            existing[activity.res_id] |= activity
        horizons = {}
        to_create, to_unlink = [], Activity
        model_id = self.env["ir.model"]._get_id(visits._name)
        for visit in visits:
            company = visit.company_id
            if company not in horizons:
                horizons[company] = company._revisit_today() + timedelta(
                    days=company.revisit_reminder_days
                )
            activities = existing.get(visit.id, Activity)
            if not (
                visit.active
                and visit.state in OPEN_STATES
                and visit.user_id.active
                and visit.scheduled_date <= horizons[company]
            ):
                to_unlink |= activities
                continue
            if not activities:
                to_create.append(
                    {
                        "res_model_id": model_id,
                        "res_id": visit.id,
                        "activity_type_id": activity_type.id,
                        "user_id": visit.user_id.id,
                        "date_deadline": visit.scheduled_date,
                        "summary": visit._revisit_text(
                            lambda env: env._("Revisit the customer")
                        ),
                        "automated": True,
                    }
                )
                continue
            to_unlink |= activities[1:]
            activity = activities[0]
            changes = {}
            if activity.user_id != visit.user_id:
                changes["user_id"] = visit.user_id.id
            if activity.date_deadline != visit.scheduled_date:
                changes["date_deadline"] = visit.scheduled_date
            if changes:
                activity.write(changes)
        if to_unlink:
            to_unlink.unlink()
        if to_create:
            self._follow_assignees(
                visits.browse([vals["res_id"] for vals in to_create])
            )
            Activity.with_context(
                mail_activity_quick_update=True, revisit_followers_done=True
            ).create(to_create)

    @api.model
    def _follow_assignees(self, visits):
        """Make the assignees followers of their visits (default subtypes), in
        a few queries for the whole recordset; followers are kept as they are."""
        visits = visits.sudo().filtered("user_id.partner_id")
        if not visits:
            return
        Followers = self.env["mail.followers"].sudo()
        followed = {
            (follower.res_id, follower.partner_id.id)
            for follower in Followers.search(
                [("res_model", "=", visits._name), ("res_id", "in", visits.ids)]
            )
        }
        subtypes = self.env["mail.message.subtype"].default_subtypes(visits._name)[0]
        Followers.create(
            [
                {
                    "res_model": visits._name,
                    "res_id": visit.id,
                    "partner_id": visit.user_id.partner_id.id,
                    "subtype_ids": [(6, 0, subtypes.ids)],
                }
                for visit in visits
                if (visit.id, visit.user_id.partner_id.id) not in followed
            ]
        )

    @api.model
    def _schedule_todo(
        self,
        record,
        user,
        deadline,
        summary,
        note,
        xmlid="mail.mail_activity_data_todo",
    ):
        record.ensure_one()
        record.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
            xmlid,
            date_deadline=deadline,
            summary=summary,
            note=plaintext2html(note),
            user_id=user.id,
        )

    @api.model
    def _todo_to_assignees(self, visits, deadline, summary, note):
        """A to-do to the assignee of each visit (active assignees only), due
        on ``deadline(visit)``; ``summary(env)`` and ``note(env, visit)`` write
        the texts in the company's language."""
        for visit in visits.filtered("user_id.active"):
            self._schedule_todo(
                visit,
                visit.user_id,
                deadline(visit),
                visit._revisit_text(summary),
                visit._revisit_text(lambda env, v=visit: note(env, v)),
            )

    @api.model
    def _escalate_to_manager(
        self,
        visits,
        summary,
        note,
        deadline=None,
        activity_xmlid="mail.mail_activity_data_warning",
        orphan_note=None,
    ):
        """An activity to the department manager of each visit when the manager
        may read it, otherwise a note on the visit (``orphan_note``, else the
        activity's). ``summary(env)``, ``note(env, visit)`` and
        ``orphan_note(env, visit)`` write the texts in the company's language;
        the activities are due on ``deadline``, else the visit's company's day.
        """
        activity_type = self.env.ref(activity_xmlid)
        model_id = self.env["ir.model"]._get_id("revisit.visit")
        activities, orphans = [], {}
        for visit in visits:
            department = visit.department_id or visit.partner_id.revisit_department_id
            manager = department.manager_id.user_id
            text = visit._revisit_text(lambda env, v=visit: note(env, v))
            if not manager.active or not visit.with_user(manager).has_access("read"):
                if orphan_note:
                    text = visit._revisit_text(lambda env, v=visit: orphan_note(env, v))
                orphans[visit.id] = plaintext2html(text)
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "activity_type_id": activity_type.id,
                    "user_id": manager.id,
                    "date_deadline": deadline or visit.company_id._revisit_today(),
                    "automated": True,
                    "summary": visit._revisit_text(summary),
                    "note": plaintext2html(text),
                }
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activities)
        if orphans:
            visits.browse(list(orphans))._message_log_batch(bodies=orphans)
