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
    "depends": ["revisit_management", "hr"],
    "data": [
        "security/revisit_appraisal_security.xml",
        "security/ir.model.access.csv",
        "data/revisit_appraisal_criterion_data.xml",
    ],
}
