from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the parameters each kind of message offers to its template, in their
# default order (Tencent's templates number them {1}, {2}…; Aliyun's name them)
KIND_PARAMS = {
    "notice": ("company", "customer", "date"),
    "acknowledgement": ("company", "customer", "number", "date"),
    "questionnaire": ("company", "customer", "code", "link"),
    "reminder": ("company", "customer", "code", "link"),
}
KIND_SELECTION = [
    ("notice", "Visit Notice"),
    ("acknowledgement", "Complaint Acknowledgement"),
    ("questionnaire", "Questionnaire"),
    ("reminder", "Questionnaire Reminder"),
]
KIND_DEFAULT_PARAMS = {
    "notice": "customer,date",
    "acknowledgement": "number,date",
    "questionnaire": "customer,code",
    "reminder": "customer,code",
}


class SmsChinaTemplate(models.Model):
    _name = "sms.china.template"
    _description = "Approved SMS Template (China Gateways)"
    _order = "company_id, kind"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        KIND_SELECTION,
        string="Message",
        required=True,
    )
    template_code = fields.Char(
        help="The code of the template approved by the gateway: SMS_123456789 "
        "on Aliyun, the numeric template ID on Tencent Cloud.",
    )
    param_names = fields.Char(
        "Template Parameters",
        compute="_compute_param_names",
        store=True,
        readonly=False,
        help="The template's variables, comma separated, in the template's order "
        "(Tencent's {1}, {2}…), named as in the template (Aliyun's ${name}). "
        "Available: company, customer, date (notice, acknowledgement), number "
        "(complaint number), code (the short link's code) and link (the whole "
        "short link).",
    )
    available_params = fields.Char(
        "Available Parameters", compute="_compute_available_params"
    )

    _company_kind_unique = models.Constraint(
        "unique(company_id, kind)",
        "A company has one template per kind of message.",
    )

    @api.depends("kind")
    def _compute_param_names(self):
        for template in self:
            if not template.param_names:
                template.param_names = KIND_DEFAULT_PARAMS.get(template.kind, "")

    @api.depends("kind")
    def _compute_available_params(self):
        for template in self:
            template.available_params = ", ".join(KIND_PARAMS.get(template.kind, ()))

    @api.constrains("kind", "param_names")
    def _check_param_names(self):
        for template in self:
            unknown = set(template._param_names()) - set(KIND_PARAMS[template.kind])
            if unknown:
                raise ValidationError(
                    self.env._(
                        "%(params)s: not a parameter of this message. It offers "
                        "%(available)s.",
                        params=", ".join(sorted(unknown)),
                        available=", ".join(KIND_PARAMS[template.kind]),
                    )
                )

    def _param_names(self):
        self.ensure_one()
        return [
            name.strip() for name in (self.param_names or "").split(",") if name.strip()
        ]
