import { registry } from "@web/core/registry";
import { openRevisitMenu } from "@revisit_management/../tests/tours/revisit_tour_utils";

registry.category("web_tour.tours").add("revisit_appraisal_tour", {
    url: "/odoo",
    steps: () => [
        // Last month was run: open the appraisals
        ...openRevisitMenu(
            "revisit_appraisal.revisit_appraisal_menu",
            "revisit_appraisal.revisit_appraisal_menu_appraisals"
        ),
        {
            trigger: '.o_list_view .o_data_row td[name="employee_id"]:contains("Tour Agent")',
            run: "click",
        },
        {
            trigger: '.o_form_view button[name="action_review"]',
            run: "click",
        },
        {
            trigger: '.o_form_view button[name="action_confirm"]',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_statusbar_status .o_arrow_button_current[data-value="confirmed"]',
        },
        {
            trigger: '.o_form_view .o_notebook a.nav-link[name="rewards"]',
            run: "click",
        },
        {
            trigger: '.o_form_view div[name="reward_line_ids"] .o_data_row td[name="kind"]',
        },
    ],
});
