"""Addresses of a round's results, exports and the district report (issue 6)."""

from django.urls import path

from surveys import result_views as views

urlpatterns = [
    path(
        "runden/<int:round_pk>/ergebnisse/",
        views.RoundResultsView.as_view(),
        name="round_results",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/ausgeblendet/",
        views.HiddenTextsView.as_view(),
        name="round_hidden_texts",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/freitexte/",
        views.TextReviewView.as_view(),
        name="round_text_review",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/bedarfe/",
        views.NeedsAdoptView.as_view(),
        name="round_needs_adopt",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/bericht.pdf",
        views.DistrictReportView.as_view(),
        name="round_report",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/antworten.csv",
        views.ExportCsvView.as_view(),
        name="round_export_csv",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/codebuch.csv",
        views.CodebookCsvView.as_view(),
        name="round_codebook_csv",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/antworten.xlsx",
        views.ExportXlsxView.as_view(),
        name="round_export_xlsx",
    ),
    path(
        "runden/<int:round_pk>/ergebnisse/antworten.sav",
        views.ExportSavView.as_view(),
        name="round_export_sav",
    ),
    path(
        "antworten/<int:answer_pk>/ausblenden/",
        views.AnswerHideView.as_view(),
        name="answer_hide",
    ),
    path(
        "antworten/<int:answer_pk>/freigeben/",
        views.AnswerReleaseView.as_view(),
        name="answer_release",
    ),
    path("vergleich/", views.ComparisonView.as_view(), name="district_comparison"),
]
