from datetime import timedelta

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProject(TransactionCase):
    """A real customer project, run by a project user without revisit rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.project_manager = new_test_user(
            cls.env,
            "rv_project_manager",
            groups="project.group_project_manager,project.group_project_stages",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Sun Estate Ltd."})
        Stage = cls.env["project.project.stage"]
        cls.stage_running = Stage.create({"name": "Running", "sequence": 1})
        cls.stage_closed = Stage.create({"name": "Closed", "sequence": 9, "fold": True})

    def _events(self, project, trigger):
        return self.env["revisit.event"].search(
            [
                ("res_model", "=", "project.project"),
                ("res_id", "=", project.id),
                ("trigger", "=", trigger),
            ]
        )

    def test_project_start_and_completion_are_revisited_once_each(self):
        Project = self.env["project.project"].with_user(self.project_manager)
        project = Project.create(
            {"name": "Lobby renovation", "partner_id": self.customer.id}
        )
        self.assertFalse(self._events(project, "project_start"))
        start = self.company._revisit_today()
        project.write(
            {
                "date_start": start,
                "date": start + timedelta(days=60),
                "stage_id": self.stage_running.id,
            }
        )
        started = self._events(project, "project_start")
        self.assertEqual(len(started), 1)
        self.assertEqual(started.date, start)
        self.assertEqual(started.partner_id, self.customer)
        self.assertEqual(started.source_ref, project.sudo())
        self.assertEqual(
            started.visit_ids.rule_id,
            self.env.ref("revisit_management.revisit_rule_project_start"),
        )
        project.write({"stage_id": self.stage_closed.id})
        done = self._events(project, "project_done")
        self.assertEqual(len(done), 1)
        self.assertEqual(done.date, self.company._revisit_today())
        self.assertEqual(len(done.visit_ids), 1)
        # moving again creates nothing twice
        project.write({"stage_id": self.stage_running.id})
        project.write(
            {
                "stage_id": self.stage_closed.id,
                "date_start": start,
                "date": start + timedelta(days=90),
            }
        )
        self.assertEqual(len(self._events(project, "project_done")), 1)
        self.assertEqual(len(self._events(project, "project_start")), 1)

    def test_first_task_starts_the_project(self):
        project = self.env["project.project"].create(
            {"name": "Garden works", "partner_id": self.customer.id}
        )
        self.env["project.task"].with_user(self.project_manager).create(
            [
                {"name": "Survey the garden", "project_id": project.id},
                {"name": "Plant trees", "project_id": project.id},
            ]
        )
        started = self._events(project, "project_start")
        self.assertEqual(len(started), 1)
        self.assertEqual(started.date, self.company._revisit_today())

    def test_internal_project_creates_no_event(self):
        project = self.env["project.project"].create({"name": "Internal tooling"})
        self.env["project.task"].create({"name": "Scripts", "project_id": project.id})
        project.stage_id = self.stage_closed
        self.assertFalse(
            self.env["revisit.event"].search(
                [("res_model", "=", "project.project"), ("res_id", "=", project.id)]
            )
        )
