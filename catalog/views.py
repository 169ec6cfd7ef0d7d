from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from catalog import queries, reports, services
from catalog.forms import (
    MatchForm,
    MeasureFilterForm,
    MeasureForm,
    NewReferenceForm,
    OfferFilterForm,
    OfferForm,
    ProviderForm,
    ReferenceForm,
)
from catalog.models import FieldOfAction, LiteratureReference, Measure, Offer, Provider
from catalog.resources import RESOURCES
from catalog.search import render_snippet
from catalog.sections import match_sections, measure_sections
from districts.models import District
from ikokmu.imports import ImportView
from ikokmu.models import AuditEvent
from ikokmu.params import parse_id
from ikokmu.services import audit_record
from ikokmu.spreadsheets import dataset_response

# The public catalogue ---------------------------------------------------------------------

# Snippets from these texts are shown as the entry's text; others are labelled ("Kosten: …").
PLAIN_SNIPPET_FIELDS = {"summary", "description"}


class CountedPage:
    """One page of rows with their total, shaped for Django's Paginator (queries.page_of)."""

    def __init__(self, rows: list, offset: int, total: int):
        self.rows, self.offset, self.total = rows, offset, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.rows[key.start - self.offset : key.stop - self.offset]
        return self.rows[key - self.offset]


class CatalogListView(ListView):
    """Shared by the measure and offer lists: filter form, search, pagination."""

    paginate_by = 20
    filter_form_class = MeasureFilterForm

    def load_rows(self, pks: list[int]) -> list:
        raise NotImplementedError

    def paginate_queryset(self, queryset, page_size):
        number = parse_id(self.request.GET.get(self.page_kwarg) or "1")
        if number is None:
            raise Http404(_("Diese Seite gibt es nicht."))
        pks, total = queries.page_of(queryset, number=number, size=page_size)
        rows = self.load_rows(pks)
        paginator = Paginator(CountedPage(rows, (number - 1) * page_size, total), page_size)
        try:
            page = paginator.page(number)
        except InvalidPage as error:
            raise Http404(_("Diese Seite gibt es nicht.")) from error
        return paginator, page, page.object_list, page.has_other_pages()

    def get_filters(self) -> dict:
        self.editor = queries.is_editor(self.request.user)
        self.filter_form = self.filter_form_class(self.request.GET or None, editor=self.editor)
        return self.filter_form.values()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for entry in context["object_list"]:
            field = getattr(entry, "snippet_field", None)
            if field:
                entry.snippet = render_snippet(entry.headline, source=getattr(entry, field))
                if field not in PLAIN_SNIPPET_FIELDS:  # say where a snippet from a detail is from
                    entry.snippet_label = entry._meta.get_field(field).verbose_name
            entry.marked_title = render_snippet(getattr(entry, "title_headline", None))
            entry.marked_provider = render_snippet(getattr(entry, "provider_headline", None))
        query = self.request.GET.copy()
        query.pop("page", None)
        filters = self.filter_form.values()
        context.update(
            filter_form=self.filter_form,
            filter_controls=self.filter_form.controls(),
            editor=self.editor,
            # An invalid search text (too long) is not searched for; the heading must not
            # claim it was.
            searching="q" in filters,
            filtered=bool(filters or self.filter_form.errors),
            query_string=query.urlencode(),
            search_text=filters.get("q", ""),
            import_export_url=reverse("catalog:import_export") if self.editor else "",
        )
        return context


class MeasureListView(CatalogListView):
    template_name = "catalog/measure_list.html"
    context_object_name = "measures"
    filter_form_class = MeasureFilterForm

    def load_rows(self, pks):
        return queries.measure_rows(pks, text=self.filter_form.values().get("q", ""))

    def get_queryset(self):
        filters = self.get_filters()
        return queries.search_measures(
            self.request.user,
            text=filters.get("q", ""),
            field_of_action=filters.get("field"),
            target_kind=filters.get("kind", ""),
            effort=filters.get("effort", ""),
            status=filters.get("status", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields_of_action"] = FieldOfAction.objects.all()
        return context


class OfferListView(CatalogListView):
    template_name = "catalog/offer_list.html"
    context_object_name = "offers"
    filter_form_class = OfferFilterForm

    def load_rows(self, pks):
        return queries.offer_rows(pks, text=self.filter_form.values().get("q", ""))

    def get_queryset(self):
        filters = self.get_filters()
        return queries.search_offers(
            self.request.user,
            text=filters.get("q", ""),
            field_of_action=filters.get("field"),
            target_kind=filters.get("kind", ""),
            offer_type=filters.get("offer_type", ""),
            district=filters.get("district"),
            status=filters.get("status", ""),
        )


class MeasureDetailView(DetailView):
    template_name = "catalog/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return queries.measure_page(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editor = queries.is_editor(self.request.user)
        context.update(
            editor=editor,
            sections=measure_sections(self.object, self.request),
            history=queries.history_of(self.object) if editor else [],
        )
        return context


class OfferDetailView(DetailView):
    template_name = "catalog/offer_detail.html"
    context_object_name = "offer"

    def get_queryset(self):
        return queries.offer_page(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editor = queries.is_editor(self.request.user)
        offer = self.object
        context.update(
            editor=editor,
            contacts=offer.shown_contacts or offer.provider.shown_contacts,
            history=queries.history_of(offer) if editor else [],
        )
        return context


class MatchView(TemplateView):
    """„Wer hilft uns?“: ranked measures and offers with the reasons for each."""

    template_name = "catalog/match.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editor = queries.is_editor(self.request.user)
        form = MatchForm(self.request.GET or None, editor=editor)
        result = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            chosen = list(data["fields_of_action"]) or None
            if data.get("organization"):
                result = queries.match_for_organization(
                    organization=data["organization"],
                    fields_of_action=chosen,
                    user=self.request.user,
                )
            else:
                result = queries.match(
                    kind=data["kind"],
                    district=data["district"],
                    fields_of_action=chosen,
                    user=self.request.user,
                )
        context.update(form=form, result=result, editor=editor)
        if result is not None:
            context.update(self.list_urls(result))
            context["sections"] = match_sections(result, self.request)
        return context

    @staticmethod
    def list_urls(result) -> dict:
        """The catalogue lists with the filters the match used, for "all of them"."""
        filters = {"kind": result.kind}
        if len(result.fields_of_action) == 1:  # the lists filter by one field of action
            filters["field"] = result.fields_of_action[0].slug
        measures = QueryDict(mutable=True)
        measures.update(filters)
        offers = measures.copy()
        offers["district"] = result.district.pk
        return {
            "catalog_url": f"{reverse('catalog:measure_list')}?{measures.urlencode()}",
            "offers_url": f"{reverse('catalog:offer_list')}?{offers.urlencode()}",
        }


# Editing (project team) -------------------------------------------------------------------


class MeasureEditView(FormView):
    template_name = "catalog/measure_form.html"
    form_class = MeasureForm

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        self.object = get_object_or_404(Measure, pk=pk) if pk else Measure()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("reference_form", NewReferenceForm())
        context["measure"] = self.object
        # Who changed what is worth seeing before one changes it again.
        context["history"] = queries.history_of(self.object) if self.object.pk else []
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        reference_form = NewReferenceForm(request.POST)
        if not (form.is_valid() and reference_form.is_valid()):
            return self.render_to_response(
                self.get_context_data(form=form, reference_form=reference_form)
            )
        data = form.cleaned_data
        references = list(data["references"])
        with transaction.atomic():
            if reference_form.has_reference():
                references.append(
                    services.reference_save(reference=reference_form.save(commit=False))
                )
            measure = services.measure_save(
                measure=form.save(commit=False),
                fields_of_action=data["fields_of_action"],
                offers=data["offers"],
                references=references,
            )
        messages.success(
            request, _("Die Maßnahme „%(title)s“ ist gespeichert.") % {"title": measure.title}
        )
        return redirect(measure.get_absolute_url())


class OfferEditView(FormView):
    template_name = "catalog/offer_form.html"
    form_class = OfferForm

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        self.object = get_object_or_404(Offer, pk=pk) if pk else Offer()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        provider = parse_id(self.request.GET.get("provider", ""))
        if self.object.pk or provider is None:
            return {}
        found = Provider.objects.filter(pk=provider).first()
        if found is None:
            return {}
        return {
            "provider": found,
            "serves_all_bavaria": found.serves_all_bavaria,
            "districts": list(found.districts.all()),
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        history = queries.history_of(self.object) if self.object.pk else []
        return super().get_context_data(offer=self.object, history=history, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        offer = services.offer_save(
            offer=form.save(commit=False),
            fields_of_action=data["fields_of_action"],
            districts=data["districts"],
            contacts=data["contacts"],
        )
        messages.success(
            self.request, _("Das Angebot „%(title)s“ ist gespeichert.") % {"title": offer.title}
        )
        return redirect(offer.get_absolute_url())


class ProviderListView(ListView):
    template_name = "catalog/provider_list.html"
    context_object_name = "providers"

    def get_queryset(self):
        return queries.providers_overview()


class ProviderEditView(FormView):
    template_name = "catalog/provider_form.html"
    form_class = ProviderForm

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        self.object = get_object_or_404(Provider, pk=pk) if pk else Provider()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        editor_history = queries.history_of(self.object) if self.object.pk else []
        return super().get_context_data(provider=self.object, history=editor_history, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        provider = services.provider_save(
            provider=form.save(commit=False), districts=data["districts"], contacts=data["contacts"]
        )
        messages.success(
            self.request, _("Der Träger „%(name)s“ ist gespeichert.") % {"name": provider.name}
        )
        return redirect("catalog:provider_list")


class ReferenceListView(ListView):
    template_name = "catalog/reference_list.html"
    context_object_name = "references"
    paginate_by = 50

    def get_queryset(self):
        return queries.references_overview()


class ReferenceEditView(FormView):
    template_name = "catalog/reference_form.html"
    form_class = ReferenceForm

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        self.object = get_object_or_404(LiteratureReference, pk=pk) if pk else LiteratureReference()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        editor_history = queries.history_of(self.object) if self.object.pk else []
        return super().get_context_data(reference=self.object, history=editor_history, **kwargs)

    def form_valid(self, form):
        services.reference_save(reference=form.save(commit=False))
        messages.success(self.request, _("Die Literaturangabe ist gespeichert."))
        return redirect("catalog:reference_list")


# The brochure -----------------------------------------------------------------------------


class BrochureView(View):
    """The published catalogue as PDF; ?field=<slug> and ?district=<pk> narrow it down."""

    def get(self, request):
        field = None
        district = None
        if request.GET.get("field"):
            field = FieldOfAction.objects.filter(slug=request.GET["field"]).first()
            if field is None:
                raise Http404
        if request.GET.get("district"):
            value = parse_id(request.GET["district"])
            district = District.objects.filter(pk=value).first() if value else None
            if district is None:
                raise Http404
        pdf = reports.brochure_pdf(field_of_action=field, district=district)
        title = reports.brochure_title(field_of_action=field, district=district)
        audit_record(kind=AuditEvent.Kind.PDF_DOWNLOAD, summary=title, request=request)
        stem = "massnahmenkatalog"
        if field:
            stem += f"-{field.slug}"
        if district:  # its name, not the official key no reader knows
            stem += f"-{services.base_slug(district.name)}"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{stem}-{timezone.localdate():%Y-%m-%d}.pdf"'
        )
        return response


class BrochureFormView(TemplateView):
    """The choice of what the brochure holds, on the project team's catalogue page."""

    template_name = "catalog/brochure.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            fields_of_action=FieldOfAction.objects.all(),
            districts=District.objects.order_by("name"),
            brochure_url=reverse("catalog:brochure_pdf"),
            title=gettext_lazy("Katalog als PDF-Broschüre"),
            **kwargs,
        )


# Import and export (project team) ---------------------------------------------------------


class ImportExportView(TemplateView):
    template_name = "catalog/import_export.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entities=[(slug, label) for slug, (_resource, label) in RESOURCES.items()], **kwargs
        )


class EntityMixin:
    """Resolves the `entity` in the URL (massnahmen, angebote, traeger, literatur)."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["entity"] not in RESOURCES:
            raise Http404
        self.resource_class, self.entity_label = RESOURCES[kwargs["entity"]]
        return super().dispatch(request, *args, **kwargs)


class CatalogImportView(EntityMixin, ImportView):
    intro = gettext_lazy(
        "Vorhandene Einträge werden am Kurznamen (Maßnahmen, Angebote), am Namen (Träger) oder "
        "an Titel und Jahr (Literatur) erkannt und aktualisiert. Listen in einer Zelle – etwa "
        "Handlungsfelder oder Landkreise – trennen Sie mit Semikolon. Am einfachsten ist es, "
        "einen Export zu bearbeiten und wieder hochzuladen."
    )

    @property
    def title(self):
        return _("Katalog importieren: %(what)s") % {"what": self.entity_label}

    def get_success_url(self):
        return reverse("catalog:import_export")


class CatalogExportView(EntityMixin, View):
    def get(self, request, entity):
        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "xlsx"):
            file_format = "csv"
        resource = self.resource_class()
        dataset = resource.export(resource.get_queryset())
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            summary=f"Katalog: {self.entity_label} ({len(dataset)} Zeilen)",
            request=request,
        )
        return dataset_response(
            dataset,
            filename_stem=f"katalog-{entity}-{timezone.localdate():%Y-%m-%d}",
            file_format=file_format,
        )
