from django.urls import path

from districts import views

app_name = "districts"

urlpatterns = [
    path("", views.DistrictListView.as_view(), name="list"),
    path("suche/", views.SearchView.as_view(), name="search"),
    path("wiedervorlagen/", views.FollowUpListView.as_view(), name="follow_ups"),
    path("<int:district_pk>/", views.DistrictDetailView.as_view(), name="detail"),
    path("<int:district_pk>/bearbeiten/", views.DistrictUpdateView.as_view(), name="edit"),
    path("<int:district_pk>/projektstand/", views.DistrictStageView.as_view(), name="stage"),
    path(
        "<int:district_pk>/organisationen/",
        views.OrganizationListView.as_view(),
        name="organization_list",
    ),
    path(
        "<int:district_pk>/organisationen/neu/",
        views.OrganizationCreateView.as_view(),
        name="organization_create",
    ),
    path(
        "<int:district_pk>/organisationen/import/",
        views.OrganizationImportView.as_view(),
        name="organization_import",
    ),
    path(
        "<int:district_pk>/organisationen/export/",
        views.OrganizationExportView.as_view(),
        name="organization_export",
    ),
    path(
        "<int:district_pk>/ansprechpersonen/import/",
        views.ContactImportView.as_view(),
        name="contact_import",
    ),
    path(
        "<int:district_pk>/ansprechpersonen/export/",
        views.ContactExportView.as_view(),
        name="contact_export",
    ),
    path(
        "<int:district_pk>/aktivitaeten/neu/",
        views.ActivityCreateView.as_view(),
        name="activity_create",
    ),
    path("<int:district_pk>/bedarfe/neu/", views.NeedCreateView.as_view(), name="need_create"),
    path(
        "organisationen/<int:organization_pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path(
        "organisationen/<int:organization_pk>/bearbeiten/",
        views.OrganizationUpdateView.as_view(),
        name="organization_edit",
    ),
    path(
        "organisationen/<int:organization_pk>/loeschen/",
        views.OrganizationDeleteView.as_view(),
        name="organization_delete",
    ),
    path(
        "organisationen/<int:organization_pk>/ansprechpersonen/neu/",
        views.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        "ansprechpersonen/<int:contact_pk>/",
        views.ContactDetailView.as_view(),
        name="contact_detail",
    ),
    path(
        "ansprechpersonen/<int:contact_pk>/bearbeiten/",
        views.ContactUpdateView.as_view(),
        name="contact_edit",
    ),
    path(
        "ansprechpersonen/<int:contact_pk>/auskunft/",
        views.ContactDataExportView.as_view(),
        name="contact_data_export",
    ),
    path(
        "ansprechpersonen/<int:contact_pk>/loeschen/",
        views.ContactEraseView.as_view(),
        name="contact_erase",
    ),
    path(
        "aktivitaeten/<int:activity_pk>/bearbeiten/",
        views.ActivityUpdateView.as_view(),
        name="activity_edit",
    ),
    path(
        "aktivitaeten/<int:activity_pk>/erledigt/",
        views.FollowUpDoneView.as_view(),
        name="follow_up_done",
    ),
    path("bedarfe/<int:need_pk>/bearbeiten/", views.NeedUpdateView.as_view(), name="need_edit"),
    path("bedarfe/<int:need_pk>/loeschen/", views.NeedDeleteView.as_view(), name="need_delete"),
]
