import { stepUtils } from "@web_tour/tour_utils";

/** The steps that open the Revisits app, then the entry `item` of its top menu
 * `section` (both menu xmlids). */
export function openRevisitMenu(section, item) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="revisit_management.revisit_menu_root"]',
            run: "click",
        },
        {
            trigger: `.o_menu_sections button[data-menu-xmlid="${section}"]`,
            run: "click",
        },
        {
            trigger: `.dropdown-item[data-menu-xmlid="${item}"]`,
            run: "click",
        },
    ];
}
