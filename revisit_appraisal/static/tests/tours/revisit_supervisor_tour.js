import { registry } from "@web/core/registry";
import { openRevisitMenu } from "@revisit_management/../tests/tours/revisit_tour_utils";

/** A supervisor's day: the dashboard, a plan their staff drew up to approve,
 * a done visit to review, and a spot check of that visit. */
registry.category("web_tour.tours").add("revisit_supervisor_tour", {
    url: "/odoo",
    steps: () => [
        ...openRevisitMenu(
            "revisit_management.revisit_menu_reporting",
            "revisit_management.revisit_dashboard_menu"
        ),
        {
            content: "The dashboard counts the team's visits of this month",
            trigger: '.o_revisit_dashboard [data-kpi="coverage"] .o_revisit_kpi_value',
        },
        {
            trigger: '.o_menu_sections button[data-menu-xmlid="revisit_management.revisit_menu_visits"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="revisit_management.revisit_plan_menu"]',
            run: "click",
        },
        {
            content: "The plan the staff member drew up waits for approval",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Journey Plan")',
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
            content: "Each customer's line got its visit",
            trigger: '.o_field_widget[name="line_ids"] .o_data_row td[name="visit_date"]:not(:empty)',
        },
        {
            trigger: '.o_menu_sections button[data-menu-xmlid="revisit_management.revisit_menu_visits"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="revisit_management.revisit_visit_menu"]',
            run: "click",
        },
        {
            content: "Done visits too: drop the open visits' filter",
            trigger: ".o_searchview_facet .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the done visit",
            trigger: '.o_list_view .o_data_row:contains("RVJ-DONE") td[name="partner_id"]',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_notebook a.nav-link[name="review"]',
            run: "click",
        },
        {
            content: "Write the review",
            trigger: '.o_form_view .o_field_widget[name="review_comment"] textarea',
            run: "edit Good call, the aftercare advice was complete",
        },
        {
            trigger: '.o_form_view button[name="action_review"]',
            run: "click",
        },
        {
            content: "The review is signed",
            trigger: '.o_form_view .o_field_widget[name="reviewer_id"]:contains("Journey Head")',
        },
        {
            trigger: '.o_menu_sections button[data-menu-xmlid="revisit_appraisal.revisit_appraisal_menu"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="revisit_appraisal.revisit_appraisal_spot_check_menu"]',
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Check the visit just reviewed",
            trigger: '.o_form_view .o_field_widget[name="visit_id"] input',
            run: "edit RVJ-DONE",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("RVJ-DONE")',
            run: "click",
        },
        {
            content: "Its staff member is the visit's",
            trigger: '.o_form_view .o_field_widget[name="employee_id"] input:value("Journey Staff")',
        },
        {
            trigger: '.o_form_view .o_field_widget[name="criterion_id"] input',
            run: "edit Journey Script",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Journey Script")',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_field_widget[name="score"] input',
            run: "edit 90",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The spot check is saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
