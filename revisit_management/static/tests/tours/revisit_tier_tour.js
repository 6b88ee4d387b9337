import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("revisit_tier_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="revisit_management.revisit_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections button[data-menu-xmlid="revisit_management.revisit_menu_config"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="revisit_management.revisit_tier_menu"]',
            run: "click",
        },
        {
            trigger: '.o_list_view .o_data_row td[name="interval_months"]:contains("3")',
        },
    ],
});
