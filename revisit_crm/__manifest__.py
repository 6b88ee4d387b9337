{
    "name": "Revisits to CRM",
    "summary": "A sales opportunity noted on a revisit becomes a lead for the "
    "customer's salesperson",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "crm"],
    "data": [
        "views/crm_lead_views.xml",
        "views/revisit_visit_views.xml",
        "wizards/revisit_visit_done_views.xml",
    ],
    "auto_install": True,
}
