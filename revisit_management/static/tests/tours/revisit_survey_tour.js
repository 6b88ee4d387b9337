import { registry } from "@web/core/registry";

/**
 * A customer answers the satisfaction questionnaire of their visit: they are
 * thanked, never scored nor offered to retry (the visit's feedback holds their
 * comment: checked by the test).
 */
registry.category("web_tour.tours").add("revisit_survey_tour", {
    steps: () => [
        {
            content: "Start the questionnaire",
            trigger: 'button[value="start"]',
            run: "click",
        },
        {
            content: "Satisfied: the fourth of the five answers",
            trigger: ".o_survey_form_content label.o_survey_choice_btn:eq(3)",
            run: "click",
        },
        {
            content: "Write a comment",
            trigger: "textarea.o_survey_question_text_box",
            run: "edit The nurse called back quickly",
        },
        {
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Confirm the submission",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The closing page thanks the customer",
            trigger: ".o_survey_finished .o_revisit_survey_thanks",
        },
        {
            content: "No score and no retry",
            trigger:
                '.o_survey_finished:not(:has(a[href*="/survey/retry/"])):not(:has(h1:contains("%")))',
        },
    ],
});
