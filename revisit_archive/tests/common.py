from odoo.addons.revisit_management.tests.common import RevisitCase
from odoo.tests import new_test_user


class ArchiveCase(RevisitCase):
    """The revisit staff of revisit_management's tests, a custodian, the
    approvers of 002 and an Asia/Shanghai company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_tz = "Asia/Shanghai"
        cls.custodian = new_test_user(
            cls.env,
            "rv_custodian",
            groups="base.group_user,revisit_archive.group_revisit_archive_custodian",
        )
        cls.admin_manager = new_test_user(
            cls.env,
            "rv_admin_manager",
            groups="base.group_user,revisit_archive.group_revisit_archive_admin",
        )
        cls.general = new_test_user(
            cls.env,
            "rv_general",
            groups="base.group_user,revisit_archive.group_revisit_archive_general",
        )
        cls.executive = new_test_user(
            cls.env,
            "rv_executive",
            groups="base.group_user,revisit_archive.group_revisit_archive_executive",
        )
        # archive tasks of this company go to this test's custodian
        group = cls.env.ref("revisit_archive.group_revisit_archive_custodian")
        group.user_ids = cls.custodian
        cls.Log = cls.env["revisit.archive.log"]
        cls.Request = cls.env["revisit.archive.request"]
