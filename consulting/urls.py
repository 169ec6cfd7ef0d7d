from django.urls import path

from consulting import views

app_name = "consulting"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("neu/", views.CaseCreateView.as_view(), name="case_create"),
    path("naechste-schritte/", views.NextStepListView.as_view(), name="next_steps"),
    path("<int:case_pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:case_pk>/bearbeiten/", views.CaseUpdateView.as_view(), name="case_edit"),
    path("<int:case_pk>/phase/", views.PhaseChangeView.as_view(), name="phase_change"),
    path("<int:case_pk>/abschliessen/", views.CaseCloseView.as_view(), name="case_close"),
    path("<int:case_pk>/wieder-oeffnen/", views.CaseReopenView.as_view(), name="case_reopen"),
    path("<int:case_pk>/abschlussbericht/", views.FinalReportView.as_view(), name="final_report"),
    path(
        "<int:case_pk>/bedarfsanalyse/",
        views.NeedsAssessmentView.as_view(),
        name="needs_assessment",
    ),
    path("<int:case_pk>/ziele/neu/", views.GoalFormView.as_view(), name="goal_create"),
    path("<int:case_pk>/ziele/<int:goal_pk>/", views.GoalFormView.as_view(), name="goal_edit"),
    path("<int:case_pk>/zielvereinbarung/", views.AgreementView.as_view(), name="agreement"),
    path(
        "<int:case_pk>/steuerungsgruppe/neu/",
        views.SteeringMemberView.as_view(),
        name="steering_member_add",
    ),
    path("<int:case_pk>/termine/neu/", views.SessionFormView.as_view(), name="session_create"),
    path(
        "<int:case_pk>/termine/<int:session_pk>/",
        views.SessionFormView.as_view(),
        name="session_edit",
    ),
    path(
        "<int:case_pk>/schritte/<int:step_pk>/erledigt/",
        views.NextStepDoneView.as_view(),
        name="next_step_done",
    ),
    path(
        "<int:case_pk>/empfehlungen/neu/",
        views.RecommendationFormView.as_view(),
        name="recommendation_create",
    ),
    path(
        "<int:case_pk>/empfehlungen/<int:recommendation_pk>/",
        views.RecommendationFormView.as_view(),
        name="recommendation_edit",
    ),
    path(
        "<int:case_pk>/empfehlungen/uebernehmen/",
        views.RecommendationAcceptView.as_view(),
        name="recommendation_accept",
    ),
    path(
        "<int:case_pk>/dokumente/neu/", views.DocumentUploadView.as_view(), name="document_upload"
    ),
    path(
        "<int:case_pk>/dokumente/<int:document_pk>/",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "<int:case_pk>/dokumente/<int:document_pk>/loeschen/",
        views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path("<int:case_pk>/berichte/neu/", views.ReportCreateView.as_view(), name="report_create"),
    path(
        "<int:case_pk>/berichte/<int:version>/",
        views.ReportDownloadView.as_view(),
        name="report_download",
    ),
    path("<int:case_pk>/zertifikat/", views.CertificateView.as_view(), name="certificate"),
]
