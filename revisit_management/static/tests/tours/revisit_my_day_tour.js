import { registry } from "@web/core/registry";

/** A revisit officer logs in on a phone and lands on their day: their open
 * visits due today or overdue, one column of cards, nobody else's. */
registry.category("web_tour.tours").add("revisit_my_day_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The home action is My Day: one column of cards, not grouped",
            trigger: ".o_kanban_view.o_revisit_my_day .o_kanban_renderer:not(.o_kanban_grouped)",
        },
        {
            content: "Today's visit is there, with the number to call",
            trigger: '.o_revisit_my_day .o_kanban_record:contains("Day Customer Today") .o_revisit_kanban_phone a[href^="tel:"]',
        },
        {
            content: "The overdue visit is there too",
            trigger: '.o_revisit_my_day .o_kanban_record:contains("Day Customer Late")',
        },
        {
            content: "Nothing due later, done, or assigned to somebody else",
            trigger: '.o_revisit_my_day:not(:has(.o_kanban_record:contains("Day Customer Tomorrow"))):not(:has(.o_kanban_record:contains("Day Customer Done"))):not(:has(.o_kanban_record:contains("Day Customer Colleague")))',
        },
        {
            content: "Call the overdue customer and complete the visit from its card",
            trigger: '.o_revisit_my_day .o_kanban_record:contains("Day Customer Late") button.o_revisit_kanban_done',
            run: "click",
        },
        {
            content: "Satisfied: 5 of 5",
            trigger: '.modal .o_field_widget[name="satisfaction"] .o_priority_star:nth-child(5)',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='feedback'] textarea",
            run: "edit The scar heals well",
        },
        {
            trigger: '.modal footer button[name="action_done"]',
            run: "click",
        },
        {
            content: "A notification says the visit is closed",
            trigger: ".o_notification_manager .o_notification:has(.o_notification_bar.bg-success)",
        },
        {
            content: "The completed visit leaves the day once the cards are reloaded",
            trigger: '.o_revisit_my_day:not(:has(.o_kanban_record:contains("Day Customer Late"))) .o_kanban_record:contains("Day Customer Today")',
        },
        {
            content: "Open today's visit",
            trigger: '.o_revisit_my_day .o_kanban_record:contains("Day Customer Today")',
            run: "click",
        },
        {
            content: "Its form opens",
            trigger: '.o_form_view .o_field_widget[name="partner_id"]',
        },
    ],
});
