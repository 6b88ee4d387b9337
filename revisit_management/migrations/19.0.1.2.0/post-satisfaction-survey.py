from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    """The shipped satisfaction questionnaire (noupdate) was a scored quiz: the
    customer read a score and "congratulations, you passed" with a retry
    button. It becomes a questionnaire answered once per link that thanks the
    customer (the closing text's translations are loaded after this)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    survey = env.ref(
        "revisit_management.revisit_survey_satisfaction", raise_if_not_found=False
    )
    if not survey:
        return
    values = {
        "survey_type": "survey",
        "scoring_type": "no_scoring",
        "certification": False,
        "is_attempts_limited": True,
        "attempts_limit": 1,
        "lang_ids": [Command.clear()],
    }
    if not survey.with_context(lang="en_US").description_done:
        values["description_done"] = (
            '<p class="o_revisit_survey_thanks">Thank you for your answer: it '
            "helps us take better care of you.</p>"
        )
    survey.with_context(lang="en_US").write(values)
    # a link sent before counts as its own single attempt, as new links do
    answers = env["survey.user_input"].search(
        [
            ("survey_id", "=", survey.id),
            ("state", "!=", "done"),
            ("invite_token", "=", False),
        ]
    )
    for answer in answers:
        answer.invite_token = answer._generate_invite_token()
