import datetime
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class RevisitVisitXlsx(models.AbstractModel):
    """XLSX export of any set of visits (回访记录导出), and the one way the
    revisit addons write an XLSX file (the appraisals' payroll sheet too)."""

    _name = "revisit.visit.xlsx"
    _description = "Revisit XLSX Export"

    @api.model
    def _columns(self):
        """(header, value getter) of each column; values are never formulas."""
        visit = self.env["revisit.visit"]

        def selection(field_name):
            labels = dict(visit._fields[field_name]._description_selection(self.env))
            return lambda v: labels.get(v[field_name], "")

        return [
            (self.env._("Reference"), lambda v: v.name),
            (self.env._("Customer"), lambda v: v.partner_id.display_name),
            (self.env._("Method"), selection("method")),
            (self.env._("Scheduled Date"), lambda v: v.scheduled_date),
            (self.env._("Deadline"), lambda v: v.deadline),
            (self.env._("Assigned To"), lambda v: v.user_id.name),
            (self.env._("Department"), lambda v: v.department_id.name),
            (self.env._("Rule"), lambda v: v.rule_id.name),
            (self.env._("Plan"), lambda v: v.plan_id.name),
            (self.env._("Status"), selection("state")),
            (self.env._("Done On"), lambda v: v.done_date),
            (self.env._("Satisfaction"), lambda v: v.satisfaction or None),
            (self.env._("Feedback"), lambda v: v.feedback),
            (self.env._("Problem Raised"), lambda v: v.problem),
            (self.env._("Follow-up Needed"), lambda v: v.followup_needed),
            (self.env._("Cost"), lambda v: v.cost),
            (self.env._("Review"), lambda v: v.review_comment),
        ]

    @api.model
    def _generate(self, visits):
        """Return the XLSX file of the visits, as bytes."""
        return self._workbook(self.env._("Revisits"), self._columns(), visits)

    @api.model
    def _workbook(self, sheet_name, columns, records, number_format=None):
        """Return an XLSX file (bytes) of one sheet: the headers, then a row
        per record of its ``columns`` ((header, value getter) pairs). Values
        keep their type; text is written as text, never as a formula.
        ``number_format`` (a column index to format) formats numbers."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(sheet_name)
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        formats = {
            col: workbook.add_format({"num_format": num_format})
            for col, num_format in (number_format or {}).items()
        }
        for col, (header, _getter) in enumerate(columns):
            sheet.write_string(0, col, header, bold)
        for row, record in enumerate(records, start=1):
            for col, (_header, getter) in enumerate(columns):
                value = getter(record)
                if isinstance(value, bool):
                    sheet.write_boolean(row, col, value)
                elif isinstance(value, int | float):
                    sheet.write_number(row, col, value, formats.get(col))
                elif isinstance(value, datetime.date):
                    sheet.write_datetime(row, col, value, date_format)
                elif value:
                    # customer text is written as a string, never as a formula
                    sheet.write_string(row, col, str(value))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(records), 1), len(columns) - 1)
        workbook.close()
        return output.getvalue()

    @api.model
    def _download(self, filename, data):
        """The action downloading an XLSX file."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": data,
                "mimetype": "application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @api.model
    def action_export(self, visits):
        """Build the XLSX file of the visits and download it."""
        if not self.env.su and not self.env.user.has_group(
            "revisit_management.group_revisit_user"
        ):
            raise AccessError(self.env._("Only revisit users export visits."))
        if not isinstance(visits, models.BaseModel) or visits._name != "revisit.visit":
            raise UserError(self.env._("Select the visits to export."))
        visits.check_access("read")
        return self._download(
            self.env._("revisits-%s.xlsx", fields.Date.context_today(self)),
            self._generate(visits),
        )
