import { registry } from "@web/core/registry";
import { openRevisitMenu } from "@revisit_management/../tests/tours/revisit_tour_utils";

registry.category("web_tour.tours").add("revisit_tier_tour", {
    url: "/odoo",
    steps: () => [
        ...openRevisitMenu(
            "revisit_management.revisit_menu_config",
            "revisit_management.revisit_tier_menu"
        ),
        {
            trigger: '.o_list_view .o_data_row td[name="interval_months"]:contains("3")',
        },
    ],
});
