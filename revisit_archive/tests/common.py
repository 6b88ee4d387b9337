from odoo.addons.revisit_management.tests.common import RevisitCase, internal_user


class ArchiveCase(RevisitCase):
    """The revisit staff of revisit_management's tests, a custodian, the
    approvers of 002 and an Asia/Shanghai company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_tz = "Asia/Shanghai"
        cls.custodian = internal_user(
            cls.env, "rv_custodian", "revisit_archive.group_revisit_archive_custodian"
        )
        cls.admin_manager = internal_user(
            cls.env, "rv_admin_manager", "revisit_archive.group_revisit_archive_admin"
        )
        cls.general = internal_user(
            cls.env, "rv_general", "revisit_archive.group_revisit_archive_general"
        )
        cls.executive = internal_user(
            cls.env, "rv_executive", "revisit_archive.group_revisit_archive_executive"
        )
        # archive tasks of this company go to this test's custodian
        group = cls.env.ref("revisit_archive.group_revisit_archive_custodian")
        group.user_ids = cls.custodian
        cls.Log = cls.env["revisit.archive.log"]
        cls.Request = cls.env["revisit.archive.request"]
