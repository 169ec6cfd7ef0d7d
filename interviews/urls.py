from django.urls import path

from interviews import views

app_name = "interviews"

urlpatterns = [
    # Public
    path("good-practice/", views.PublicListView.as_view(), name="public_list"),
    path("good-practice/<slug:slug>/", views.PublicDetailView.as_view(), name="public_detail"),
    # Interview and project team; the study membership decides the rest
    path("", views.StudyListView.as_view(), name="study_list"),
    path("neu/", views.StudyCreateView.as_view(), name="study_create"),
    path("<int:study_pk>/", views.StudyDetailView.as_view(), name="study_detail"),
    path("<int:study_pk>/bearbeiten/", views.StudyEditView.as_view(), name="study_edit"),
    path("<int:study_pk>/team/", views.MemberView.as_view(), name="member_set"),
    path("<int:study_pk>/leitfaden/", views.GuideView.as_view(), name="guide"),
    path("<int:study_pk>/faelle/neu/", views.CompanyEditView.as_view(), name="company_create"),
    path("faelle/<int:company_pk>/", views.CompanyEditView.as_view(), name="company_edit"),
    path("faelle/<int:company_pk>/schluessel/", views.KeyView.as_view(), name="company_key"),
    path(
        "<int:study_pk>/interviews/neu/",
        views.InterviewEditView.as_view(),
        name="interview_create",
    ),
    path(
        "interview/<int:interview_pk>/",
        views.InterviewDetailView.as_view(),
        name="interview_detail",
    ),
    path(
        "interview/<int:interview_pk>/bearbeiten/",
        views.InterviewEditView.as_view(),
        name="interview_edit",
    ),
    path("interview/<int:interview_pk>/einwilligung/", views.ConsentView.as_view(), name="consent"),
    path(
        "interview/<int:interview_pk>/widerruf/",
        views.WithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "interview/<int:interview_pk>/einwilligung/formular/",
        views.SignedFormView.as_view(),
        name="signed_form",
    ),
    path(
        "interview/<int:interview_pk>/transkript/",
        views.TranscriptView.as_view(),
        name="transcript",
    ),
    path("interview/<int:interview_pk>/audio/", views.AudioView.as_view(), name="audio"),
    path("interview/<int:interview_pk>/kodieren/", views.CodingView.as_view(), name="coding"),
    path(
        "interview/<int:interview_pk>/kodieren/neu/",
        views.SegmentCreateView.as_view(),
        name="segment_create",
    ),
    path(
        "interview/<int:interview_pk>/kodieren/rueckgaengig/",
        views.CodingUndoView.as_view(),
        name="coding_undo",
    ),
    path("textstelle/<int:segment_pk>/", views.SegmentEditView.as_view(), name="segment_edit"),
    path(
        "textstelle/<int:segment_pk>/loeschen/",
        views.SegmentDeleteView.as_view(),
        name="segment_delete",
    ),
    path("<int:study_pk>/memo/", views.MemoCreateView.as_view(), name="memo_create"),
    path("memo/<int:memo_pk>/", views.MemoEditView.as_view(), name="memo_edit"),
    path("memo/<int:memo_pk>/loeschen/", views.MemoDeleteView.as_view(), name="memo_delete"),
    path("<int:study_pk>/kodesystem/", views.CodebookView.as_view(), name="codebook"),
    path("<int:study_pk>/kodesystem/neu/", views.CodeEditView.as_view(), name="code_create"),
    path(
        "<int:study_pk>/kodesystem/import/",
        views.CodebookImportView.as_view(),
        name="codebook_import",
    ),
    path(
        "<int:study_pk>/kodesystem/export.<str:file_format>",
        views.CodebookExportView.as_view(),
        name="codebook_export",
    ),
    path("code/<int:code_pk>/", views.RetrievalView.as_view(), name="retrieval"),
    path(
        "code/<int:code_pk>/export.<str:file_format>",
        views.RetrievalExportView.as_view(),
        name="retrieval_export",
    ),
    path("code/<int:code_pk>/bearbeiten/", views.CodeEditView.as_view(), name="code_edit"),
    path("<int:study_pk>/auswertung/", views.AnalysisView.as_view(), name="analysis"),
    path("<int:study_pk>/export.qdpx", views.StudyExportView.as_view(), name="study_export"),
    path(
        "<int:study_pk>/beispiele/neu/", views.BestPracticeEditView.as_view(), name="example_create"
    ),
    path("beispiel/<int:example_pk>/", views.BestPracticeEditView.as_view(), name="example_edit"),
    path(
        "beispiel/<int:example_pk>/veroeffentlichen/",
        views.BestPracticePublishView.as_view(),
        name="example_publish",
    ),
]
