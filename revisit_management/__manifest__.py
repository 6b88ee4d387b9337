{
    "name": "Customer Revisits",
    "summary": "Revisit rules, plans and visit records on customers, with reminders "
    "and statistics",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": ["mail", "contacts", "hr", "survey", "calendar"],
    "data": [
        "security/revisit_security.xml",
        "security/ir.model.access.csv",
        "data/revisit_tier_data.xml",
        "views/revisit_tier_views.xml",
        "views/revisit_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "revisit_management/static/tests/tours/**/*",
        ],
    },
}
