from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    # Public
    path("", views.MeasureListView.as_view(), name="measure_list"),
    path("angebote/", views.OfferListView.as_view(), name="offer_list"),
    path("massnahmen/<slug:slug>/", views.MeasureDetailView.as_view(), name="measure_detail"),
    path("angebote/<slug:slug>/", views.OfferDetailView.as_view(), name="offer_detail"),
    path("wer-hilft-uns/", views.MatchView.as_view(), name="match"),
    # Project team
    path("neu/massnahme/", views.MeasureEditView.as_view(), name="measure_create"),
    path("massnahmen/<int:pk>/bearbeiten/", views.MeasureEditView.as_view(), name="measure_update"),
    path("neu/angebot/", views.OfferEditView.as_view(), name="offer_create"),
    path("angebote/<int:pk>/bearbeiten/", views.OfferEditView.as_view(), name="offer_update"),
    path("traeger/", views.ProviderListView.as_view(), name="provider_list"),
    path("traeger/neu/", views.ProviderEditView.as_view(), name="provider_create"),
    path("traeger/<int:pk>/bearbeiten/", views.ProviderEditView.as_view(), name="provider_update"),
    path("literatur/", views.ReferenceListView.as_view(), name="reference_list"),
    path("literatur/neu/", views.ReferenceEditView.as_view(), name="reference_create"),
    path(
        "literatur/<int:pk>/bearbeiten/",
        views.ReferenceEditView.as_view(),
        name="reference_update",
    ),
    path("broschuere/", views.BrochureFormView.as_view(), name="brochure"),
    path("broschuere.pdf", views.BrochureView.as_view(), name="brochure_pdf"),
    path("import-export/", views.ImportExportView.as_view(), name="import_export"),
    path("import/<slug:entity>/", views.CatalogImportView.as_view(), name="import"),
    path("export/<slug:entity>/", views.CatalogExportView.as_view(), name="export"),
]
