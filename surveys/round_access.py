"""Who may use the round pages (see surveys.access): district staff their own districts' rounds
(the views look rounds up among surveys.round_queries.rounds_visible_to, so another district's
round is a 404), the project team all; the unsubscribe link is public."""

from ikokmu.access import PROJECT_AND_DISTRICTS, PUBLIC, Rule, register

SCOPED = Rule(PROJECT_AND_DISTRICTS, district_scoped=True)

register(
    {
        "surveys:round_list": Rule(PROJECT_AND_DISTRICTS),
        "surveys:round_create": Rule(PROJECT_AND_DISTRICTS),
        **{
            f"surveys:{name}": SCOPED
            for name in [
                "round_detail",
                "round_edit",
                "recipients_organizations",
                "recipients_import",
                "round_send",
                "round_send_test",
                "invitations_remove",
                "invitation_remove",
                "invitation_withdraw",
                "reminder_confirm",
                "reminder_test",
                "round_retry",
                "invitation_retry",
                "reminder",
                "reminder_delete",
            ]
        },
        "surveys:unsubscribe": Rule(PUBLIC),
        # The test mail's link: public like a respondent's, the signature is the key, and it
        # shows only the questionnaire (surveys.trial_views).
        **{
            f"surveys:{name}": Rule(PUBLIC)
            for name in ["trial_entry", "trial_page", "trial_end", "trial_unsubscribe"]
        },
        "surveys:unsubscribe_legacy": Rule(PUBLIC),
    }
)
