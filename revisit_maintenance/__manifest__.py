{
    "name": "Revisits from Maintenance",
    "summary": "A maintenance request done on a customer's equipment creates a "
    "repair revisit event",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "maintenance"],
    "data": [
        "security/ir.model.access.csv",
        "security/maintenance_request_opinion_security.xml",
        "data/revisit_tier_data.xml",
        "views/maintenance_equipment_views.xml",
        "views/maintenance_request_views.xml",
        "views/maintenance_request_procedure_views.xml",
    ],
    "auto_install": True,
}
