"""Who may use the interview study.

Only the interview team and the project team reach the study's pages; inside a study the
membership (read, code, manage) decides, checked by interviews.queries in each view. The
public sees the published best-practice examples only.
"""

from ikokmu.access import PUBLIC, Rule, register
from ikokmu.roles import Role

STUDY_TEAMS = Rule(frozenset({Role.INTERVIEW_TEAM, Role.PROJECT_TEAM}))

register(
    {
        "interviews:public_list": Rule(PUBLIC),
        "interviews:public_detail": Rule(PUBLIC),
        **{
            f"interviews:{name}": STUDY_TEAMS
            for name in [
                "study_list",
                "study_create",
                "study_detail",
                "study_edit",
                "member_set",
                "guide",
                "company_create",
                "company_edit",
                "company_key",
                "interview_create",
                "interview_detail",
                "interview_edit",
                "consent",
                "consent_withdraw",
                "signed_form",
                "transcript",
                "audio",
                "coding",
                "segment_create",
                "coding_undo",
                "segment_edit",
                "segment_delete",
                "memo_create",
                "memo_edit",
                "memo_delete",
                "codebook",
                "code_create",
                "codebook_import",
                "codebook_export",
                "retrieval",
                "retrieval_export",
                "code_edit",
                "analysis",
                "study_export",
                "example_create",
                "example_edit",
                "example_publish",
            ]
        },
    }
)
