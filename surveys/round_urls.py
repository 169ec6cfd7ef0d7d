"""Addresses of survey rounds: recipients, sending, reminders, unsubscribing (issue 6)."""

from django.urls import path

from surveys import round_views as views
from surveys import trial_views

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
    # Sending is two steps: GET shows what goes out to whom and when, POST confirms it.
    path("runden/<int:round_pk>/senden/", views.RoundSendView.as_view(), name="round_send"),
    path(
        "runden/<int:round_pk>/senden/testmail/",
        views.TrialMailView.as_view(kind="invitation"),
        name="round_send_test",
    ),
    path(
        "runden/<int:round_pk>/einladungen/entfernen/",
        views.InvitationRemoveView.as_view(),
        name="invitations_remove",
    ),
    path(
        "runden/<int:round_pk>/einladungen/<int:invitation_pk>/entfernen/",
        views.InvitationRemoveView.as_view(),
        name="invitation_remove",
    ),
    path(
        "runden/<int:round_pk>/einladungen/<int:invitation_pk>/zurueckziehen/",
        views.InvitationWithdrawView.as_view(),
        name="invitation_withdraw",
    ),
    path("runden/<int:round_pk>/wiederholen/", views.RetryView.as_view(), name="round_retry"),
    path(
        "runden/<int:round_pk>/einladungen/<int:invitation_pk>/wiederholen/",
        views.RetryView.as_view(),
        name="invitation_retry",
    ),
    path("runden/<int:round_pk>/erinnerungen/", views.ReminderView.as_view(), name="reminder"),
    path(
        "runden/<int:round_pk>/erinnerungen/bestaetigen/",
        views.ReminderConfirmView.as_view(),
        name="reminder_confirm",
    ),
    path(
        "runden/<int:round_pk>/erinnerungen/testmail/",
        views.TrialMailView.as_view(kind="reminder"),
        name="reminder_test",
    ),
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
    # The test mail's link (a walk through the questionnaire that stores nothing).
    path("probe/<str:token>/", trial_views.TrialEntryView.as_view(), name="trial_entry"),
    path(
        "probe/<str:token>/seite/<int:position>/",
        trial_views.TrialPageView.as_view(),
        name="trial_page",
    ),
    path("probe/<str:token>/ende/", trial_views.TrialEndView.as_view(), name="trial_end"),
    path(
        "probe/<str:token>/abmelden/",
        trial_views.TrialUnsubscribeView.as_view(),
        name="trial_unsubscribe",
    ),
]
