from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..models.revisit_preset_mixin import PRESET_GROUP, PRESETS


class RevisitPresetWizard(models.TransientModel):
    """Choose the regulation the company follows: preview what it changes,
    then apply it (settings changed by hand are kept unless overridden)."""

    _name = "revisit.preset.wizard"
    _description = "Apply a Regulation Preset"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    preset = fields.Selection(
        PRESETS,
        string="Regulation",
        required=True,
        default=lambda self: self.env.company.revisit_preset or "none",
    )
    current_preset = fields.Selection(
        related="company_id.revisit_preset", string="Applied Regulation"
    )
    line_ids = fields.One2many(
        "revisit.preset.wizard.line",
        "wizard_id",
        string="Changes",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    module_names = fields.Char(
        string="Addons to Install", compute="_compute_line_ids", store=True
    )

    def _check_manager(self):
        if not self.env.user.has_group(PRESET_GROUP):
            raise AccessError(
                self.env._("Only administrators choose the company's regulation.")
            )

    @api.depends("company_id", "preset")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [fields.Command.clear()]
            wizard.module_names = False
            if not (wizard.company_id and wizard.preset):
                continue
            if wizard.company_id not in self.env.user.company_ids:
                continue
            company = wizard.company_id.sudo()
            wizard.line_ids = [
                fields.Command.create(line)
                for line in company._revisit_preset_preview(wizard.preset)
            ]
            wizard.module_names = ", ".join(
                company._revisit_preset_modules(wizard.preset).mapped("shortdesc")
            )

    def action_apply(self):
        self.ensure_one()
        self._check_manager()
        override = self.line_ids.filtered("override").mapped("key")
        kept = self.company_id._revisit_apply_preset(self.preset, override)
        modules = self.company_id._revisit_preset_modules(self.preset)
        if modules:
            # the addon's install reloads the registry and the web client
            return modules.button_immediate_install()
        message = self.env._("The regulation is applied.")
        if kept:
            message = self.env._(
                "The regulation is applied; %(count)s settings changed by hand "
                "were kept.",
                count=len(kept),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
