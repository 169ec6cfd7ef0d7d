"""Who may use the consulting cases.

The project team sees every case; an adviser (who may hold another role) only the cases they
advise: the views take their cases from consulting.queries.cases_visible_to. District staff see
no case page; their start page tells them which cases exist in their districts.
"""

from ikokmu.access import PROJECT, SIGNED_IN, Rule, register

ADVISERS = Rule(SIGNED_IN)  # narrowed to the case's advisers by the views' querysets

register(
    {
        "consulting:case_list": ADVISERS,
        "consulting:case_create": Rule(PROJECT),
        "consulting:next_steps": ADVISERS,
        # Reopening a closed (read-only) case is the project team's decision.
        "consulting:case_reopen": Rule(PROJECT),
        **{
            f"consulting:{name}": ADVISERS
            for name in [
                "case_detail",
                "case_edit",
                "phase_change",
                "case_close",
                "final_report",
                "needs_assessment",
                "goal_create",
                "goal_edit",
                "agreement",
                "steering_member_add",
                "session_create",
                "session_edit",
                "next_step_done",
                "recommendation_create",
                "recommendation_edit",
                "recommendation_accept",
                "document_upload",
                "document_download",
                "document_delete",
                "report_create",
                "report_download",
                "certificate",
            ]
        },
    }
)
