{
    "name": "Revisit Expenses",
    "summary": "A completed visit's cost becomes an expense with its receipts, "
    "approved by the supervisor within the company's limit",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "hr_expense"],
    "data": [
        "data/product_data.xml",
        "views/revisit_visit_views.xml",
        "views/hr_expense_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "auto_install": True,
}
