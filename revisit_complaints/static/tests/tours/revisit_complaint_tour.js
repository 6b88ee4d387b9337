import { registry } from "@web/core/registry";
import { openRevisitMenu } from "@revisit_management/../tests/tours/revisit_tour_utils";

registry.category("web_tour.tours").add("revisit_complaint_tour", {
    url: "/odoo",
    steps: () => [
        ...openRevisitMenu(
            "revisit_complaints.revisit_complaint_menu",
            "revisit_complaints.helpdesk_ticket_complaint_menu"
        ),
        {
            trigger: '.o_kanban_record:contains("Tour: lift stops between floors")',
            run: "click",
        },
        {
            trigger: '.o_notebook_headers a.nav-link[name="complaint"]',
            run: "click",
        },
        {
            trigger: 'div[name="complaint_validity"] input[data-value="valid"]',
            run: "click",
        },
        {
            trigger: 'div[name="cause_analysis"] textarea',
            run: "edit The lift door sensor was dirty.",
        },
        {
            trigger: 'div[name="corrective_action"] textarea',
            run: "edit The sensor was cleaned and tested.",
        },
        {
            content: "Closing before the customer is answered is refused",
            trigger: 'button[name="action_complaint_close"]',
            run: "click",
        },
        {
            trigger: ".modal .o_error_dialog",
        },
        {
            trigger: ".modal .o-default-button",
            run: "click",
        },
        {
            content: "Answer the customer from the ticket",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit The lift door sensor is cleaned; it works again.",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: '.o-mail-Message-body:contains("sensor is cleaned")',
        },
        {
            trigger: 'button[name="action_complaint_close"]',
            run: "click",
        },
        {
            trigger: 'button[name="action_view_revisit_visits"]',
        },
        {
            content: "The closed complaint shows when the customer was answered",
            trigger: 'div[name="first_reply_date"] span.text-truncate',
        },
        {
            trigger:
                '.o_menu_sections button[data-menu-xmlid="revisit_management.revisit_menu_visits"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="revisit_management.revisit_visit_menu_my"]',
            run: "click",
        },
        {
            trigger: '.o_kanban_record:contains("Tour Owner 7-0701")',
        },
    ],
});
