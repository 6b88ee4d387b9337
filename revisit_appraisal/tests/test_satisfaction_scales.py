from odoo.tests import tagged

from .common import RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestSatisfactionScales(RevisitAppraisalCommon):
    """The satisfaction criterion reads each visit's own scale, normalised to
    0-100: stars, NPS and CES count alike."""

    def test_nps_and_ces_answers_score_on_their_scale(self):
        self._apply_preset("clinic")
        nps = self.env.ref("revisit_management.revisit_rule_discharge")
        nps.satisfaction_scale = "nps"
        ces = self.env.ref("revisit_management.revisit_rule_surgery")
        ces.satisfaction_scale = "ces"
        # NPS 9 and 0: 90 and 0; CES 7: 100 -> (90 + 0 + 100) / 3
        self._visit(self.employee_user, 2, rule_id=nps.id, scale_answer="9")
        self._visit(self.employee_user, 3, rule_id=nps.id, scale_answer="0")
        self._visit(self.employee_user, 4, rule_id=ces.id, scale_answer="7")
        # three stars: 60, as five stars are 100
        self._visit(self.employee2_user, 2, satisfaction=3)
        mixed, stars = self._compute(self.employee), self._compute(self.employee2)
        self.assertAlmostEqual(self._line(mixed, "satisfaction").score, 63.33)
        self.assertEqual(self._line(stars, "satisfaction").score, 60.0)
