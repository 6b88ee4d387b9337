from datetime import date

from odoo.addons.revisit_management.tests.common import RevisitCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date


@tagged("post_install", "-at_install")
class TestWarranty(RevisitCase):
    """Construction warranty rules of seed 001 (工程保修管理及回访制度)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Warranty = cls.env["revisit.warranty"]

    def type(self, name):
        return self.env.ref(f"revisit_warranty.warranty_type_{name}")

    def certificate(self, types, acceptance=date(2030, 6, 30), user=None):
        return self.Warranty.create(
            {
                "partner_id": self.customer.id,
                "project_name": "Building 3",
                "acceptance_date": acceptance,
                "user_id": (user or self.staff).id,
                "scope": "Work done by the company",
                "line_ids": [(0, 0, {"type_id": self.type(t).id}) for t in types],
            }
        )

    def test_M1_roof_waterproofing_five_years_from_day_after_acceptance(self):
        warranty = self.certificate(["roof"])
        line = warranty.line_ids
        self.assertEqual(line.start_date, date(2030, 7, 1))
        self.assertEqual(line.end_date, date(2035, 6, 30))

    def test_M1_two_years_for_electrical_water_equipment_decoration(self):
        warranty = self.certificate(
            ["electrical", "water", "equipment", "decoration"],
            acceptance=date(2030, 12, 31),
        )
        self.assertEqual(
            set(warranty.line_ids.mapped("start_date")), {date(2031, 1, 1)}
        )
        self.assertEqual(
            set(warranty.line_ids.mapped("end_date")), {date(2032, 12, 31)}
        )

    def test_M1_heating_and_cooling_two_seasons(self):
        # accepted in June: the heating seasons ending March 2031 and March 2032,
        # the cooling seasons ending September 2030 and September 2031
        warranty = self.certificate(["heating", "cooling"])
        heating, cooling = warranty.line_ids
        self.assertEqual(heating.end_date, date(2032, 3, 15))
        self.assertEqual(cooling.end_date, date(2031, 9, 30))
        # accepted on the last day of a heating season: that season is not one
        warranty = self.certificate(["heating"], acceptance=date(2031, 3, 15))
        self.assertEqual(warranty.line_ids.end_date, date(2033, 3, 15))

    def test_M1_warranty_revisit_planned_before_each_end(self):
        warranty = self.certificate(["roof", "electrical"])
        warranty.with_user(self.manager).action_issue()
        self.assertEqual(warranty.state, "issued")
        roof, electrical = warranty.line_ids
        self.assertEqual(roof.visit_id.scheduled_date, date(2035, 5, 31))
        self.assertEqual(roof.visit_id.deadline, date(2035, 6, 30))
        self.assertEqual(electrical.visit_id.scheduled_date, date(2032, 5, 31))
        self.assertEqual(roof.visit_id.user_id, self.staff)
        self.assertEqual(roof.visit_id.method, "onsite")
        self.assertEqual(warranty.visit_ids, roof.visit_id | electrical.visit_id)
        # issuing twice plans nothing twice
        with self.assertRaises(UserError):
            warranty.action_issue()
        # issued by its button only
        with self.assertRaises(UserError):
            warranty.with_user(self.manager).state = "draft"
        # the owner's acceptance date is what the periods were counted from
        with self.assertRaises(UserError):
            warranty.with_user(self.manager).acceptance_date = date(2031, 1, 1)
        warranty.with_user(self.manager).action_cancel()
        self.assertEqual(set(warranty.visit_ids.mapped("state")), {"cancelled"})

    def test_M1_periods_configurable(self):
        self.type("roof").period = 8
        warranty = self.certificate(["roof"])
        self.assertEqual(warranty.line_ids.end_date, date(2038, 6, 30))

    def test_M2_warranty_certificate_contents_and_repair_log(self):
        self.customer.lang = "en_US"
        warranty = self.certificate(["roof", "water"])
        warranty.write(
            {
                "project_outline": "Six-storey office building",
                "use_requirements": "Do not drill the roof membrane",
                "instructions": "Report defects to the after-sales department",
                "contact_department": "After-sales",
            }
        )
        warranty.with_user(self.manager).action_issue()
        roof = warranty.line_ids[0]
        repair = (
            self.env["revisit.warranty.repair"]
            .with_user(self.staff)
            .create(
                {
                    "warranty_id": warranty.id,
                    "line_id": roof.id,
                    "report_date": date(2033, 4, 2),
                    "description": "Leak above the stairwell",
                }
            )
        )
        self.assertTrue(repair.in_warranty)
        with self.assertRaises(UserError):
            repair.action_done()
        repair.repair = "Membrane patched"
        repair.action_done()
        self.assertEqual(repair.state, "done")
        self.assertEqual(warranty.repair_count, 1)
        late = self.env["revisit.warranty.repair"].create(
            {
                "warranty_id": warranty.id,
                "line_id": roof.id,
                "report_date": date(2035, 7, 1),
                "description": "Leak after the warranty",
            }
        )
        self.assertFalse(late.in_warranty)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "revisit_warranty.report_revisit_warranty_certificate", warranty.ids
            )[0]
            .decode()
        )
        for text in (
            "Six-storey office building",
            "Do not drill the roof membrane",
            "Work done by the company",
            "Report defects to the after-sales department",
            "Leak above the stairwell",
            "Membrane patched",
            format_date(self.env, date(2030, 7, 1), lang_code="en_US"),
            format_date(self.env, date(2035, 6, 30), lang_code="en_US"),
        ):
            self.assertIn(text, html)
        content, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "revisit_warranty.revisit_warranty_report_certificate", warranty.ids
        )
        self.assertIn(report_type, ("pdf", "html"))
        self.assertTrue(content)

    def test_M2_certificates_follow_their_responsible(self):
        warranty = self.certificate(["roof"])
        other = new_test_user(
            self.env,
            "rv_warranty_other",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        self.assertEqual(
            self.Warranty.with_user(self.staff).search([]).ids, warranty.ids
        )
        self.assertFalse(self.Warranty.with_user(other).search([]))
        with self.assertRaises(AccessError):
            warranty.with_user(other).read(["scope"])
        with self.assertRaises(AccessError):
            self.env["revisit.warranty.repair"].with_user(other).create(
                {"warranty_id": warranty.id, "description": "x"}
            )
        with self.assertRaises(AccessError):
            warranty.with_user(self.staff).unlink()

    def test_M2_repair_state_changes_only_through_its_button(self):
        """保修情况记录: an entry of the repair log is closed with its button,
        which dates the repair; once repaired it is the record of the repair."""
        warranty = self.certificate(["roof"])
        warranty.with_user(self.manager).action_issue()
        Repair = self.env["revisit.warranty.repair"].with_user(self.staff)
        with self.assertRaises(UserError):
            Repair.create(
                {
                    "warranty_id": warranty.id,
                    "description": "Born repaired",
                    "state": "done",
                }
            )
        repair = Repair.create(
            {
                "warranty_id": warranty.id,
                "line_id": warranty.line_ids.id,
                "report_date": date(2031, 3, 1),
                "description": "Leak in the attic",
                "repair": "Flashing resealed",
            }
        )
        for vals in (
            {"state": "done"},
            {"repair_date": date(2031, 3, 2)},
        ):
            with self.assertRaises(UserError):
                repair.write(vals)
        self.assertEqual(repair.state, "reported")
        repair.action_done()
        self.assertEqual(
            (repair.state, repair.repair_date),
            ("done", self.company._revisit_today()),
        )
        with self.assertRaises(UserError):
            repair.action_done()
        for vals in (
            {"state": "reported"},
            {"cost": 800.0},
            {"repair": "Rewritten"},
        ):
            with self.assertRaises(UserError):
                repair.write(vals)
        # the owner confirms the repair afterwards
        repair.owner_confirmed = True
        with self.assertRaises(UserError):
            repair.with_user(self.manager).unlink()
