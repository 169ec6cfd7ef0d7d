"""Who may use the districts workbench.

The project team works on every district. District staff read their own districts and keep the
organisations and contacts there (their KMU lists); everything they reach is `district_scoped`.
Talks, needs, stages and personal-data requests are the project team's.
"""

from ikokmu.access import PROJECT, PROJECT_AND_DISTRICTS, Rule, register

SCOPED = Rule(PROJECT_AND_DISTRICTS, district_scoped=True)
TEAM = Rule(PROJECT, district_scoped=True)

register(
    {
        "districts:list": Rule(PROJECT_AND_DISTRICTS),
        "districts:search": Rule(PROJECT_AND_DISTRICTS),
        # District staff see and mark done the follow-ups of their districts; editing the talk
        # behind one stays the project team's (activity_edit).
        "districts:follow_ups": Rule(PROJECT_AND_DISTRICTS),
        "districts:detail": SCOPED,
        "districts:edit": TEAM,
        "districts:stage": TEAM,
        "districts:organization_list": SCOPED,
        "districts:organization_create": SCOPED,
        "districts:organization_import": SCOPED,
        "districts:organization_export": SCOPED,
        "districts:contact_import": SCOPED,
        "districts:contact_export": SCOPED,
        "districts:activity_create": TEAM,
        "districts:need_create": TEAM,
        "districts:organization_detail": SCOPED,
        "districts:organization_edit": SCOPED,
        "districts:organization_delete": SCOPED,
        "districts:contact_create": SCOPED,
        "districts:contact_detail": SCOPED,
        "districts:contact_edit": SCOPED,
        "districts:contact_data_export": TEAM,
        "districts:contact_erase": TEAM,
        "districts:activity_edit": TEAM,
        "districts:follow_up_done": SCOPED,
        "districts:need_edit": TEAM,
        "districts:need_delete": TEAM,
    }
)
