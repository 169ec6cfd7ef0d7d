from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, UpdateView

from ikokmu.dashboard import home_sections_for, panels_for
from ikokmu.forms import AuditFilterForm, LegalPageForm, LoginForm
from ikokmu.models import AuditEvent, LegalPage
from ikokmu.queries import audit_events
from ikokmu.services import audit_record, legal_page_update


class HomeView(TemplateView):
    """The public front door; signed-in users go straight to their start page."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=home_sections_for(self.request), **kwargs)

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("dashboard")
        return super().get(request, *args, **kwargs)


class DashboardView(TemplateView):
    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(panels=panels_for(self.request), **kwargs)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            kind=AuditEvent.Kind.PASSWORD_CHANGE,
            summary=self.request.user.get_username(),
            request=self.request,
        )
        return response


class LegalPageView(TemplateView):
    template_name = "legal_page.html"

    def get_context_data(self, **kwargs):
        page = get_object_or_404(LegalPage, slug=self.kwargs["slug"])
        return super().get_context_data(page=page, **kwargs)


class LegalPageEditView(UpdateView):
    model = LegalPage
    form_class = LegalPageForm
    template_name = "legal_page_form.html"
    slug_field = "slug"

    def form_valid(self, form):
        legal_page_update(
            page=self.object, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
        )
        messages.success(self.request, _("Der Text wurde gespeichert."))
        return redirect("legal_page", slug=self.object.slug)


class AuditLogView(ListView):
    template_name = "audit_log.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = AuditFilterForm(self.request.GET or None)
        if self.filter_form.is_valid():
            return audit_events(**self.filter_form.cleaned_data)
        return audit_events()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)
