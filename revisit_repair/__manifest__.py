{
    "name": "Revisits from Repairs",
    "summary": "A repair order done creates a repair revisit event",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "repair"],
    "demo": ["demo/revisit_repair_demo.xml"],
    "auto_install": True,
}
