from odoo import api, models


class ProjectTask(models.Model):
    _inherit = "project.task"

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        # the first task of a customer project starts it (once per project)
        tasks.project_id._revisit_create_events("project_start")
        return tasks
