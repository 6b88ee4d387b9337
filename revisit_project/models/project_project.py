from odoo import api, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    @api.model_create_multi
    def create(self, vals_list):
        projects = super().create(vals_list)
        projects.filtered("date_start")._revisit_create_events("project_start")
        return projects

    def write(self, vals):
        res = super().write(vals)
        if "date_start" in vals or "date" in vals:
            # project keeps a start date only with an end date: read it back
            self.filtered("date_start")._revisit_create_events("project_start")
        if vals.get("stage_id"):
            self.filtered("stage_id.fold")._revisit_create_events("project_done")
        return res

    def _revisit_create_events(self, trigger):
        """One `project_start` / `project_done` event per customer project.

        A project is started when its start date is set or its first task is
        created, and completed when it reaches a folded (closed) stage.
        Sudo: project users have no revisit right; the events only plan what
        the rules ask for.
        """
        self.env["revisit.event"].sudo()._create_once(
            self.filtered("partner_id"),
            lambda project: {
                "partner_id": project.partner_id.commercial_partner_id.id,
                "trigger": trigger,
                # a start: its start date, else the day (of its first task)
                "date": trigger == "project_start" and project.date_start,
                "reference": project.display_name,
            },
            trigger=trigger,
        )
