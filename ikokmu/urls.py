from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from ikokmu import views

admin.site.site_header = _("IKÖKMU – Verwaltung")
admin.site.site_title = _("IKÖKMU – Verwaltung")

account_patterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("passwort-vergessen/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# A database outage answers 503 in the visitor's language, anything else the plain 500 page.
handler500 = "ikokmu.outage.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Pages link their icon (templates/base.html); the admin's pages, PDFs in the browser and
    # other clients ask for /favicon.ico, which would otherwise answer 404.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True),
        name="favicon",
    ),
    path("start/", views.DashboardView.as_view(), name="dashboard"),
    path("konto/", include(account_patterns)),
    path("seiten/<slug:slug>/", views.LegalPageView.as_view(), name="legal_page"),
    path(
        "seiten/<slug:slug>/bearbeiten/", views.LegalPageEditView.as_view(), name="legal_page_edit"
    ),
    path("protokoll/", views.AuditLogView.as_view(), name="audit_log"),
    path("landkreise/", include("districts.urls")),
    path("katalog/", include("catalog.urls")),
    path("beratung/", include("consulting.urls")),
    path("befragung/", include("surveys.urls")),
    path("interviews/", include("interviews.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("verwaltung/", admin.site.urls),
]
