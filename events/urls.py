from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.CalendarView.as_view(), name="calendar"),
    path("<int:event_pk>/", views.EventDetailView.as_view(), name="detail"),
    path("<int:event_pk>/termin.ics", views.EventIcsView.as_view(), name="event_ics"),
    path(
        "landkreis/<int:district_pk>/kalender.ics",
        views.DistrictFeedView.as_view(),
        name="district_feed",
    ),
    path("anmeldung/<str:token>/", views.RegistrationView.as_view(), name="registration"),
    # Organisers
    path("verwaltung/", views.ManageListView.as_view(), name="manage_list"),
    path("verwaltung/neu/", views.EventEditView.as_view(), name="create"),
    path("verwaltung/<int:event_pk>/", views.ManageView.as_view(), name="manage"),
    path("verwaltung/<int:event_pk>/bearbeiten/", views.EventEditView.as_view(), name="edit"),
    path("verwaltung/<int:event_pk>/status/", views.EventStatusView.as_view(), name="status"),
    path("verwaltung/<int:event_pk>/einchecken/", views.CheckInView.as_view(), name="check_in"),
    path("verwaltung/<int:event_pk>/export/", views.ExportView.as_view(), name="export"),
    path(
        "verwaltung/<int:event_pk>/unterschriftenliste.pdf",
        views.SignInSheetView.as_view(),
        name="sign_in_sheet",
    ),
    path("verwaltung/<int:event_pk>/nachbereitung/", views.CloseView.as_view(), name="close"),
    path(
        "verwaltung/anmeldung/<int:registration_pk>/status/",
        views.RegistrationStatusView.as_view(),
        name="registration_status",
    ),
    path(
        "verwaltung/anmeldung/<int:registration_pk>/auskunft/",
        views.RegistrationDataView.as_view(),
        name="registration_data",
    ),
    path(
        "verwaltung/anmeldung/<int:registration_pk>/loeschen/",
        views.RegistrationEraseView.as_view(),
        name="registration_erase",
    ),
]
