{
    "name": "Revisits from Projects",
    "summary": "A customer's project started or completed creates a revisit event",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "project"],
    "demo": ["demo/revisit_project_demo.xml"],
    "auto_install": True,
}
