"""Who may use the results pages (see surveys.access).

District staff read the results, exports and report of their own districts' rounds (the views
look the round up among `surveys.results.rounds_visible_to`, so another district's round is a
404). Hiding a free text and adopting needs are the project team's, as the districts' needs are
(districts.access); so are reviewing and releasing the free texts of anonymous rounds for district
staff (surveys.disclosure): staff learn only how many wait. The comparison page shows each role
its own view (team: all districts; staff: their districts against the average), so it takes no
district in its address.
"""

from ikokmu.access import PROJECT, PROJECT_AND_DISTRICTS, Rule, register

SCOPED = Rule(PROJECT_AND_DISTRICTS, district_scoped=True)
TEAM = Rule(PROJECT, district_scoped=True)

register(
    {
        "surveys:round_results": SCOPED,
        "surveys:round_report": SCOPED,
        "surveys:round_export_csv": SCOPED,
        "surveys:round_codebook_csv": SCOPED,
        "surveys:round_export_xlsx": SCOPED,
        "surveys:round_export_sav": SCOPED,
        "surveys:round_hidden_texts": TEAM,
        "surveys:round_needs_adopt": TEAM,
        "surveys:answer_hide": TEAM,
        "surveys:round_text_review": TEAM,
        "surveys:answer_release": TEAM,
        "surveys:district_comparison": Rule(PROJECT_AND_DISTRICTS),
    }
)
