{
    "name": "Revisit Appraisal - Payroll",
    "summary": "Confirmed revisit appraisal bonuses and penalties are paid in "
    "the payslip's net",
    "version": "19.0.1.1.0",
    "category": "Payroll",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_appraisal", "payroll"],
    "auto_install": True,
    "data": [
        "data/hr_salary_rule_data.xml",
        "data/payroll_chinese.xml",
        "views/hr_payslip_views.xml",
        "views/revisit_appraisal_reward_line_views.xml",
    ],
    "demo": ["demo/hr_employee_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "revisit_appraisal_payroll/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
}
