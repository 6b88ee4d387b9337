import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/** A revisit officer opens My Visits and completes a phone visit from the kanban. */
registry.category("web_tour.tours").add("revisit_staff_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Revisits app: it lands on My Visits",
            trigger: '.o_app[data-menu-xmlid="revisit_management.revisit_menu_root"]',
            run: "click",
        },
        {
            content: "The kanban shows my phone visit to do, with the number to call",
            trigger: '.o_kanban_record:contains("Tour Patient Gao"):has(.fa-phone) .o_revisit_kanban_phone a[href="tel:+8613800009999"]',
        },
        {
            content: "The card texts the customer from the phone's own SMS app",
            trigger: '.o_kanban_record:contains("Tour Patient Gao") .o_revisit_kanban_phone a.o_revisit_kanban_sms[href="sms:+8613800009999"]',
        },
        {
            content: "Complete it from the card",
            trigger: '.o_kanban_record:contains("Tour Patient Gao") button.o_revisit_kanban_done',
            run: "click",
        },
        {
            content: "The dialog shows the number to call",
            trigger: '.modal .o_field_widget[name="contact_phone"] a[href="tel:+8613800009999"]',
        },
        {
            content: "Score the customer's satisfaction: 4 of 5",
            trigger: '.modal .o_field_widget[name="satisfaction"] .o_priority_star:nth-child(4)',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='feedback'] textarea",
            run: "edit Recovering well, thanks the nurse",
        },
        {
            content: "Record the visit as done",
            trigger: '.modal footer button[name="action_done"]',
            run: "click",
        },
        {
            content: "A notification says the visit is closed",
            trigger: ".o_notification_manager .o_notification:has(.o_notification_bar.bg-success)",
        },
        {
            content: "The visit is done: its card shows 4 stars of 5",
            trigger: '.o_kanban_record:contains("Tour Patient Gao") .o_revisit_kanban_satisfaction:has(.o_priority_star.fa-star:nth-child(4)):has(.o_priority_star.fa-star-o:nth-child(5))',
        },
    ],
});
