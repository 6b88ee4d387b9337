{
    "name": "Revisits from Sales and Deliveries",
    "summary": "Delivered orders, warranty ends and new customers' first sales "
    "create revisit events",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_management", "sale_stock"],
    "data": [
        "views/product_template_views.xml",
        "views/revisit_visit_views.xml",
    ],
    "demo": ["demo/revisit_sale_stock_demo.xml"],
    "auto_install": True,
}
