import { registry } from "@web/core/registry";

/** A revisit officer makes an appointment from a visit: the dialog asks for the time. */
registry.category("web_tour.tours").add("revisit_appoint_tour", {
    steps: () => [
        {
            content: "Appoint from the visit",
            trigger: '.o_form_view .o_statusbar_buttons button[data-hotkey="a"]',
            run: "click",
        },
        {
            content: "The dialog proposes a time",
            trigger: '.modal .o_field_widget[name="appointment_datetime"] .o_input:contains(/\\d/)',
        },
        {
            content: "Confirm the appointment",
            trigger: '.modal footer button[name="action_appoint"]',
            run: "click",
        },
        {
            content: "The visit is appointed",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="appointed"]',
        },
    ],
});
