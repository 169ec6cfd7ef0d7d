from django.urls import path

from surveys import result_urls, round_urls, views

app_name = "surveys"

urlpatterns = [
    # Respondents: the token in the address is the key.
    path("t/<str:token>/", views.EntryView.as_view(), name="respond"),
    path("t/<str:token>/seite/<int:position>/", views.PageView.as_view(), name="page"),
    path("t/<str:token>/abschliessen/", views.ReviewView.as_view(), name="review"),
    path("t/<str:token>/danke/", views.ThanksView.as_view(), name="thanks"),
    path("t/<str:token>/antworten.pdf", views.AnswersPdfView.as_view(), name="answers_pdf"),
    path("offen/<str:token>/", views.OpenEntryView.as_view(), name="open_entry"),
    # The project team's builder.
    path("frageboegen/", views.QuestionnaireListView.as_view(), name="questionnaire_list"),
    path("frageboegen/import/", views.ImportView.as_view(), name="questionnaire_import"),
    path("versionen/<int:version_pk>/", views.VersionDetailView.as_view(), name="version_detail"),
    path(
        "versionen/<int:version_pk>/vorschau/<int:position>/",
        views.PreviewView.as_view(),
        name="preview",
    ),
    path("versionen/<int:version_pk>/export.json", views.ExportView.as_view(), name="export"),
    path("versionen/<int:version_pk>/kopieren/", views.CopyView.as_view(), name="copy"),
    path(
        "versionen/<int:version_pk>/neue-version/",
        views.NewVersionView.as_view(),
        name="new_version",
    ),
    path(
        "versionen/<int:version_pk>/bearbeiten/",
        views.VersionEditView.as_view(),
        name="version_edit",
    ),
    path(
        "versionen/<int:version_pk>/abschnitte/neu/",
        views.SectionFormView.as_view(),
        name="section_create",
    ),
    path(
        "versionen/<int:version_pk>/abschnitte/<int:section_pk>/",
        views.SectionFormView.as_view(),
        name="section_edit",
    ),
    path(
        "versionen/<int:version_pk>/abschnitte/<int:pk>/<slug:action>/",
        views.MoveOrDeleteView.as_view(kind="section"),
        name="section_action",
    ),
    path(
        "versionen/<int:version_pk>/abschnitte/<int:section_pk>/fragen/neu/",
        views.QuestionFormView.as_view(),
        name="question_create",
    ),
    path(
        "versionen/<int:version_pk>/fragen/<int:question_pk>/",
        views.QuestionFormView.as_view(),
        name="question_edit",
    ),
    path(
        "versionen/<int:version_pk>/fragen/<int:pk>/<slug:action>/",
        views.MoveOrDeleteView.as_view(kind="question"),
        name="question_action",
    ),
]

# Rounds (sending) and results live in their own modules.
urlpatterns += round_urls.urlpatterns + result_urls.urlpatterns
