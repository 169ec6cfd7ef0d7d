from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from districts import queries, services
from districts.forms import (
    ActivityForm,
    ContactForm,
    DistrictForm,
    ErasureForm,
    NeedForm,
    OrganizationForm,
    StageForm,
)
from districts.models import Activity, Contact, District, Need, Organization, StageChange
from districts.resources import ContactResource, OrganizationResource
from districts.sections import district_sections
from ikokmu.imports import ImportView
from ikokmu.models import AuditEvent
from ikokmu.params import parse_id
from ikokmu.roles import ROLE_GROUPS, Role, roles_of
from ikokmu.services import audit_record
from ikokmu.spreadsheets import dataset_response


def history_rows(record, limit=20):
    """Who changed what and when, newest first, for the history box on a record page."""
    versions = list(
        record.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for newer, older in zip(versions, versions[1:] + [None], strict=False):
        if older is None:
            changes = [_("angelegt")] if newer.history_type == "+" else []
        else:
            delta = newer.diff_against(older)
            changes = [
                str(record._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
        rows.append({"when": newer.history_date, "who": newer.history_user, "changes": changes})
    return rows[:limit]


class DistrictScopedMixin:
    """Loads the district from `district_pk`, or 404 if the user may not see it."""

    def dispatch(self, request, *args, **kwargs):
        self.district = get_object_or_404(
            queries.districts_visible_to(request.user), pk=kwargs["district_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **kwargs)


class DistrictListView(ListView):
    template_name = "districts/district_list.html"
    context_object_name = "districts"

    def get_queryset(self):
        return queries.district_list(
            user=self.request.user,
            stage=self.request.GET.get("stage", ""),
            sort=self.request.GET.get("sort", "name"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stages=District.Stage.choices,
            stage=self.request.GET.get("stage", ""),
            sort=self.request.GET.get("sort", "name"),
            **kwargs,
        )


class DistrictDetailView(DetailView):
    """A district's profile. Staff of other districts get a 404, as if it did not exist."""

    template_name = "districts/district_detail.html"
    context_object_name = "district"
    pk_url_kwarg = "district_pk"

    def get_queryset(self):
        return queries.districts_visible_to(self.request.user).prefetch_related(
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("changed_by")),
            "memberships__user",
        )

    def get_context_data(self, **kwargs):
        district = self.object
        organizations = district.organizations.annotate(contact_count=Count("contacts")).order_by(
            "kind", "name"
        )
        kinds = district.organizations.values("kind").annotate(n=Count("pk")).order_by("kind")
        kind_labels = dict(Organization.Kind.choices)
        activities = district.activities.select_related("follow_up_owner").prefetch_related(
            "organizations", "contacts"
        )[:30]
        return super().get_context_data(
            organization_kinds=[(kind_labels[row["kind"]], row["n"]) for row in kinds],
            partner_organizations=[o for o in organizations if o.kind != Organization.Kind.SME],
            sme_count=sum(1 for o in organizations if o.kind == Organization.Kind.SME),
            activities=activities,
            needs=district.needs.select_related("field_of_action", "organization"),
            survey_rounds=queries.survey_rounds_of(district),
            consulting_cases=queries.consulting_cases_of(district),
            stage_form=StageForm(initial={"stage": district.stage}),
            may_edit=queries.may_edit_district(self.request.user, district),
            history=history_rows(district),
            sections=district_sections(district, self.request),
            **kwargs,
        )


class DistrictUpdateView(UpdateView):
    model = District
    form_class = DistrictForm
    pk_url_kwarg = "district_pk"
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Landkreis bearbeiten")}

    def get_success_url(self):
        messages.success(self.request, _("Der Landkreis wurde gespeichert."))
        return reverse("districts:detail", args=[self.object.pk])


class DistrictStageView(DistrictScopedMixin, FormView):
    form_class = StageForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Projektstand ändern")}

    def form_valid(self, form):
        services.district_change_stage(
            district=self.district,
            stage=form.cleaned_data["stage"],
            user=self.request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, _("Der Projektstand wurde geändert."))
        return redirect("districts:detail", district_pk=self.district.pk)


class OrganizationListView(DistrictScopedMixin, ListView):
    template_name = "districts/organization_list.html"
    context_object_name = "organizations"
    paginate_by = 50

    def filters(self):
        get = self.request.GET
        return {key: get.get(key, "") for key in ("kind", "sector", "size_class", "q")}

    def sort(self) -> str:
        return self.request.GET.get("sort", "name")

    def get_queryset(self):
        f = self.filters()
        return queries.organization_list(
            user=self.request.user,
            district=self.district,
            kind=f["kind"],
            sector=f["sector"],
            size_class=f["size_class"],
            query=f["q"],
            sort=self.sort(),
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=self.filters(),
            filtered=any(self.filters().values()),
            sort=self.sort(),
            kinds=Organization.Kind.choices,
            sectors=Organization.Sector.choices,
            size_classes=Organization.SizeClass.choices,
            querystring=query.urlencode(),
            **kwargs,
        )


class OrganizationExportView(OrganizationListView):
    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "xlsx"):
            file_format = "csv"
        organizations = self.get_queryset()
        dataset = OrganizationResource(district=self.district).export(organizations)
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Organisationen {self.district.name} ({len(dataset)} Zeilen)",
        )
        return dataset_response(
            dataset,
            filename_stem=f"organisationen-{self.district.official_key}",
            file_format=file_format,
        )


class ContactExportView(DistrictScopedMixin, View):
    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "xlsx"):
            file_format = "csv"
        contacts = (
            Contact.objects.filter(organization__district=self.district)
            .select_related("organization")
            .order_by("organization__name", "last_name")
        )
        dataset = ContactResource(district=self.district).export(contacts)
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Ansprechpersonen {self.district.name} ({len(dataset)} Zeilen)",
        )
        return dataset_response(
            dataset,
            filename_stem=f"ansprechpersonen-{self.district.official_key}",
            file_format=file_format,
        )


class OrganizationImportView(DistrictScopedMixin, ImportView):
    resource_class = OrganizationResource

    @property
    def title(self):
        return _("Organisationen importieren: %(district)s") % {"district": self.district.name}

    intro = _(
        "Laden Sie eine Liste von Organisationen hoch, zum Beispiel die KMU-Liste Ihres "
        "Landkreises. Vorhandene Einträge (gleicher Name und gleiche PLZ) werden "
        "aktualisiert statt doppelt angelegt. Fehlt die Spalte „Art“, gilt „KMU“."
    )

    def get_resource_kwargs(self):
        return {"district": self.district}

    def get_success_url(self):
        return reverse("districts:organization_list", args=[self.district.pk])


class ContactImportView(DistrictScopedMixin, ImportView):
    resource_class = ContactResource

    @property
    def title(self):
        return _("Ansprechpersonen importieren: %(district)s") % {"district": self.district.name}

    intro = _(
        "Jede Zeile nennt die Organisation (wie sie im Landkreis angelegt ist) und eine "
        "E-Mail-Adresse, an der die Person wiedererkannt wird."
    )

    def get_resource_kwargs(self):
        return {"district": self.district}

    def get_success_url(self):
        return reverse("districts:detail", args=[self.district.pk])


class OrganizationCreateView(DistrictScopedMixin, CreateView):
    model = Organization
    form_class = OrganizationForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Organisation anlegen")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "districts": queries.districts_visible_to(self.request.user),
        }

    def get_initial(self):
        return {"district": self.district, "kind": Organization.Kind.SME}

    def get_success_url(self):
        messages.success(self.request, _("Die Organisation wurde angelegt."))
        return reverse("districts:organization_detail", args=[self.object.pk])


class OrganizationMixin:
    pk_url_kwarg = "organization_pk"

    def get_queryset(self):
        return queries.organizations_visible_to(self.request.user).select_related("district")


class OrganizationDetailView(OrganizationMixin, DetailView):
    template_name = "districts/organization_detail.html"
    context_object_name = "organization"

    def get_context_data(self, **kwargs):
        organization = self.object
        return super().get_context_data(
            contacts=organization.contacts.all(),
            activities=organization.activities.order_by("-date")[:20],
            needs=organization.needs.select_related("field_of_action"),
            history=history_rows(organization),
            **kwargs,
        )


class OrganizationUpdateView(OrganizationMixin, UpdateView):
    form_class = OrganizationForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Organisation bearbeiten")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "districts": queries.districts_visible_to(self.request.user),
        }

    def get_success_url(self):
        messages.success(self.request, _("Die Organisation wurde gespeichert."))
        return reverse("districts:organization_detail", args=[self.object.pk])


class OrganizationDeleteView(OrganizationMixin, DeleteView):
    template_name = "districts/confirm_delete.html"

    def form_valid(self, form):
        district_pk = self.object.district_id
        name = self.object.name
        if self.object.needs.exists() or self.object.activities.exists():
            # Keep the record of talks and needs; ask the user to detach them first.
            messages.error(
                self.request,
                _(
                    "Die Organisation hat Aktivitäten oder Bedarfe und "
                    "kann deshalb nicht gelöscht werden."
                ),
            )
            return redirect("districts:organization_detail", organization_pk=self.object.pk)
        self.object.delete()
        audit_record(
            kind=AuditEvent.Kind.DELETION,
            request=self.request,
            summary=f"Organisation gelöscht: {name}",
        )
        messages.success(self.request, _("Die Organisation wurde gelöscht."))
        return redirect("districts:organization_list", district_pk=district_pk)


class ContactCreateView(CreateView):
    model = Contact
    form_class = ContactForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Ansprechperson anlegen")}

    def dispatch(self, request, *args, **kwargs):
        self.organization = get_object_or_404(
            queries.organizations_visible_to(request.user), pk=kwargs["organization_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organizations": queries.organizations_visible_to(self.request.user).filter(
                district=self.organization.district
            ),
        }

    def get_initial(self):
        return {"organization": self.organization, "legal_basis_date": timezone.localdate()}

    def get_success_url(self):
        messages.success(self.request, _("Die Ansprechperson wurde angelegt."))
        return reverse("districts:contact_detail", args=[self.object.pk])


class ContactMixin:
    pk_url_kwarg = "contact_pk"

    def get_queryset(self):
        return queries.contacts_visible_to(self.request.user).select_related(
            "organization", "organization__district"
        )


class ContactDetailView(ContactMixin, DetailView):
    template_name = "districts/contact_detail.html"
    context_object_name = "contact"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            activities=self.object.activities.order_by("-date")[:20],
            history=history_rows(self.object),
            **kwargs,
        )


class ContactUpdateView(ContactMixin, UpdateView):
    form_class = ContactForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Ansprechperson bearbeiten")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organizations": queries.organizations_visible_to(self.request.user).filter(
                district=self.object.organization.district
            ),
        }

    def get_success_url(self):
        messages.success(self.request, _("Die Ansprechperson wurde gespeichert."))
        return reverse("districts:contact_detail", args=[self.object.pk])


class ContactDataExportView(ContactMixin, DetailView):
    """Everything stored about the person (DSGVO Art. 15) as a JSON file."""

    def get(self, request, *args, **kwargs):
        contact = self.get_object()
        content = services.contact_export_personal_data(contact=contact, request=request)
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auskunft-{contact.pk}.json"'
        return response


class ContactEraseView(ContactMixin, DetailView, FormView):
    """Erase the person everywhere (DSGVO Art. 17)."""

    template_name = "districts/contact_erase.html"
    context_object_name = "contact"
    form_class = ErasureForm

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        organization = self.object.organization
        services.contact_erase(
            contact=self.object, request=request, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _(
                "Die Person wurde gelöscht. Aktivitäten behalten ihre "
                "Zusammenfassung ohne die Person."
            ),
        )
        return redirect("districts:organization_detail", organization_pk=organization.pk)


def _owners():
    return (
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUPS[Role.PROJECT_TEAM], is_active=True)
        .order_by("last_name", "username")
    )


class ActivityCreateView(DistrictScopedMixin, CreateView):
    model = Activity
    form_class = ActivityForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Aktivität erfassen")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "district": self.district, "owners": _owners()}

    def get_initial(self):
        return {"date": timezone.localdate(), "kind": Activity.Kind.TALK}

    def form_valid(self, form):
        form.instance.district = self.district
        form.instance.created_by = self.request.user
        return super().form_valid(form)

    def get_success_url(self):
        messages.success(self.request, _("Die Aktivität wurde gespeichert."))
        return reverse("districts:detail", args=[self.district.pk]) + "#aktivitaeten"


class ActivityUpdateView(UpdateView):
    form_class = ActivityForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Aktivität bearbeiten")}
    pk_url_kwarg = "activity_pk"

    def get_queryset(self):
        return queries.activities_visible_to(self.request.user).select_related("district")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "district": self.object.district, "owners": _owners()}

    def get_success_url(self):
        messages.success(self.request, _("Die Aktivität wurde gespeichert."))
        return reverse("districts:detail", args=[self.object.district_id]) + "#aktivitaeten"


FOLLOW_UP_DISTRICT_PARAMETER = "landkreis"


def follow_ups_url(district_pk: int | None = None) -> str:
    url = reverse("districts:follow_ups")
    return f"{url}?{FOLLOW_UP_DISTRICT_PARAMETER}={district_pk}" if district_pk else url


class FollowUpDoneView(View):
    """District staff and the team mark a due follow-up done (for staff, of their districts)."""

    def dispatch(self, request, activity_pk):
        # Found (or 404) before the method is checked: another district's id tells nothing.
        self.activity = get_object_or_404(
            queries.activities_visible_to(request.user), pk=activity_pk
        )
        return super().dispatch(request, activity_pk)

    def post(self, request, activity_pk):
        activity = self.activity
        services.activity_mark_follow_up_done(activity=activity)
        messages.success(
            request, _("Wiedervorlage „%(title)s“ erledigt.") % {"title": activity.title}
        )
        # Back to the list as it was: filtered to the district the follow-up belongs to.
        filtered = parse_id(request.POST.get(FOLLOW_UP_DISTRICT_PARAMETER))
        return redirect(follow_ups_url(activity.district_id if filtered else None))


class FollowUpListView(TemplateView):
    template_name = "districts/follow_ups.html"

    def get_context_data(self, **kwargs):
        district = None
        district_pk = parse_id(self.request.GET.get(FOLLOW_UP_DISTRICT_PARAMETER))
        if district_pk:
            district = get_object_or_404(
                queries.districts_visible_to(self.request.user), pk=district_pk
            )
        return super().get_context_data(
            follow_ups=queries.follow_ups_for(user=self.request.user, district=district),
            district=district,
            may_edit_activities=Role.PROJECT_TEAM in roles_of(self.request.user),
            **kwargs,
        )


class NeedCreateView(DistrictScopedMixin, CreateView):
    model = Need
    form_class = NeedForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Bedarf erfassen")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "district": self.district}

    def form_valid(self, form):
        form.instance.district = self.district
        return super().form_valid(form)

    def get_success_url(self):
        messages.success(self.request, _("Der Bedarf wurde gespeichert."))
        return reverse("districts:detail", args=[self.district.pk]) + "#bedarfe"


class NeedMixin:
    pk_url_kwarg = "need_pk"

    def get_queryset(self):
        return Need.objects.filter(
            district__in=queries.districts_visible_to(self.request.user)
        ).select_related("district")


class NeedUpdateView(NeedMixin, UpdateView):
    form_class = NeedForm
    template_name = "districts/form.html"
    extra_context = {"heading": gettext_lazy("Bedarf bearbeiten")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "district": self.object.district}

    def get_success_url(self):
        messages.success(self.request, _("Der Bedarf wurde gespeichert."))
        return reverse("districts:detail", args=[self.object.district_id]) + "#bedarfe"


class NeedDeleteView(NeedMixin, DeleteView):
    template_name = "districts/confirm_delete.html"

    def form_valid(self, form):
        district_pk = self.object.district_id
        self.object.delete()
        messages.success(self.request, _("Der Bedarf wurde gelöscht."))
        return redirect(reverse("districts:detail", args=[district_pk]) + "#bedarfe")


class SearchView(TemplateView):
    template_name = "districts/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:100]
        return super().get_context_data(
            query=query, results=queries.search(user=self.request.user, query=query), **kwargs
        )
