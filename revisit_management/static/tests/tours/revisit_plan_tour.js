import { registry } from "@web/core/registry";
import { openRevisitMenu } from "@revisit_management/../tests/tours/revisit_tour_utils";

/** A supervisor approves a revisit plan and sees its visits on the calendar. */
registry.category("web_tour.tours").add("revisit_plan_tour", {
    url: "/odoo",
    steps: () => [
        ...openRevisitMenu(
            "revisit_management.revisit_menu_visits",
            "revisit_management.revisit_plan_menu"
        ),
        {
            content: "Open the plan waiting for approval",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Tour Plan Q1")',
            run: "click",
        },
        {
            content: "Approve it",
            trigger: '.o_form_view button[name="action_approve"]',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="approved"]',
        },
        {
            content: "Each customer's line shows the day its visit got",
            trigger: '.o_field_widget[name="line_ids"] .o_data_row td[name="visit_date"]:not(:empty)',
        },
        {
            content: "Open the plan's visits",
            trigger: 'button.oe_stat_button:has([name="visit_count"])',
            run: "click",
        },
        {
            content: "The calendar shows the planned visits by customer",
            trigger: '.o_calendar_view .o_event .o_event_title:contains("Tour Plan Customer B")',
            run: "click",
        },
        {
            content: "A visit of the plan, with its customer",
            trigger: '.o_cw_popover:contains("Tour Plan Customer")',
        },
    ],
});
