from odoo import fields, models


class RevisitPresetWizardLine(models.TransientModel):
    """One setting a regulation preset changes."""

    _name = "revisit.preset.wizard.line"
    _description = "Regulation Preset Change"

    wizard_id = fields.Many2one(
        "revisit.preset.wizard", required=True, ondelete="cascade"
    )
    key = fields.Char(required=True)
    name = fields.Char(string="Setting", readonly=True)
    current_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    changed_by_hand = fields.Boolean(
        readonly=True,
        help="Changed by hand since the company last applied a regulation: kept "
        "unless Override is ticked.",
    )
    override = fields.Boolean(
        help="Replace the value changed by hand with the regulation's."
    )
