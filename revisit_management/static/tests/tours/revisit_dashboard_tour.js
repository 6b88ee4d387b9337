import { registry } from "@web/core/registry";
import { openRevisitMenu } from "@revisit_management/../tests/tours/revisit_tour_utils";

/** A manager opens the revisit dashboard and changes its period. */
registry.category("web_tour.tours").add("revisit_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        ...openRevisitMenu(
            "revisit_management.revisit_menu_reporting",
            "revisit_management.revisit_dashboard_menu"
        ),
        {
            content: "The coverage rate of this month",
            trigger: '.o_revisit_dashboard [data-kpi="coverage"] .o_revisit_kpi_value:contains("%")',
        },
        {
            content: "The reach funnel: attempted of the due, with its coverage rate",
            trigger: '.o_revisit_dashboard_funnel [data-funnel="attempted"]:contains("%")',
        },
        {
            content: "Unreachable visits have their own tile: the tiles add up",
            trigger: ".o_revisit_dashboard .o_revisit_dashboard_unreachable",
        },
        {
            content: "Look at the whole year",
            trigger: ".o_revisit_dashboard_periods button:last-child",
            run: "click",
        },
        {
            trigger: ".o_revisit_dashboard_periods button.active:last-child",
        },
        {
            content: "The staff member of the tour has a visit this year",
            trigger: '.o_revisit_dashboard tr:contains("Tour Dashboard Staff")',
        },
    ],
});
