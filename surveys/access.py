"""Who may use the questionnaire pages: respondents reach theirs with the secret token in the
address (no account), the builder is the project team's."""

from ikokmu.access import PROJECT, PUBLIC, Rule, register
from surveys import result_access, round_access  # noqa: F401  (they register their rules)

register(
    {
        **{
            f"surveys:{name}": Rule(PUBLIC)
            for name in ["respond", "page", "review", "thanks", "answers_pdf", "open_entry"]
        },
        **{
            f"surveys:{name}": Rule(PROJECT)
            for name in [
                "questionnaire_list",
                "questionnaire_import",
                "version_detail",
                "preview",
                "export",
                "copy",
                "new_version",
                "version_edit",
                "section_create",
                "section_edit",
                "section_action",
                "question_create",
                "question_edit",
                "question_action",
            ]
        },
    }
)
