{
    "name": "Construction Warranty Revisits",
    "summary": "Warranty certificates by type of work, counted from the day after "
    "acceptance, with their repair log and warranty revisits",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management"],
    "data": [
        "security/ir.model.access.csv",
        "security/revisit_warranty_security.xml",
        "data/ir_sequence_data.xml",
        "data/revisit_warranty_type_data.xml",
        "report/revisit_warranty_reports.xml",
        "report/revisit_warranty_templates.xml",
        "views/revisit_warranty_type_views.xml",
        "views/revisit_warranty_views.xml",
        "views/revisit_warranty_menus.xml",
    ],
}
