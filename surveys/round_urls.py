"""Addresses of survey rounds: recipients, sending, reminders, unsubscribing (issue 6)."""

from django.urls import path

from surveys import round_views as views

urlpatterns = [
    path("runden/", views.RoundListView.as_view(), name="round_list"),
    path("runden/neu/", views.RoundFormView.as_view(), name="round_create"),
    path("runden/<int:round_pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("runden/<int:round_pk>/bearbeiten/", views.RoundFormView.as_view(), name="round_edit"),
    path(
        "runden/<int:round_pk>/empfaenger/",
        views.RecipientsFromOrganizationsView.as_view(),
        name="recipients_organizations",
    ),
    path(
        "runden/<int:round_pk>/empfaenger/import/",
        views.RecipientsImportView.as_view(),
        name="recipients_import",
    ),
    path("runden/<int:round_pk>/senden/", views.RoundSendView.as_view(), name="round_send"),
    path("runden/<int:round_pk>/wiederholen/", views.RetryView.as_view(), name="round_retry"),
    path(
        "runden/<int:round_pk>/einladungen/<int:invitation_pk>/wiederholen/",
        views.RetryView.as_view(),
        name="invitation_retry",
    ),
    path("runden/<int:round_pk>/erinnerungen/", views.ReminderView.as_view(), name="reminder"),
    path(
        "runden/<int:round_pk>/erinnerungen/<int:reminder_pk>/loeschen/",
        views.ReminderDeleteView.as_view(),
        name="reminder_delete",
    ),
    # The unsubscribe link of an e-mail: public, the token is the key. Mails sent before the
    # link had its own token carry the questionnaire's token; those links keep working.
    path(
        "abmelden/<int:invitation_pk>/<str:token>/",
        views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path("abmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe_legacy"),
]
