{
    "name": "Revisit SMS for China",
    "summary": "Visit notices, complaint acknowledgements and questionnaires by "
    "Aliyun or Tencent Cloud SMS: approved templates, delivery reports, short "
    "questionnaire links on the company's registered domain",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "sms_twilio"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/sms_china_security.xml",
        "views/sms_china_template_views.xml",
        "views/res_config_settings_views.xml",
        "views/short_link_templates.xml",
    ],
    "demo": ["demo/sms_china_demo.xml"],
    "post_init_hook": "post_init_hook",
}
