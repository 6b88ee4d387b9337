{
    "name": "Revisit Appraisal",
    "summary": "Monthly appraisal of revisit work: scores, grades A-E, bonus and "
    "penalty lines",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Appraisals",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "hr", "mail"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/revisit_appraisal_security.xml",
        "security/ir.model.access.csv",
        "data/revisit_appraisal_criterion_data.xml",
        "views/revisit_appraisal_views.xml",
        "views/revisit_appraisal_spot_check_views.xml",
        "views/revisit_appraisal_criterion_views.xml",
        "views/revisit_appraisal_reward_line_views.xml",
        "views/res_config_settings_views.xml",
        "views/hr_employee_views.xml",
        "wizards/revisit_appraisal_run_wizard_views.xml",
        "report/revisit_appraisal_reports.xml",
        "views/revisit_appraisal_menus.xml",
    ],
    "demo": ["demo/revisit_appraisal_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "revisit_appraisal/static/tests/tours/**/*",
        ],
    },
}
