from django.views.generic import DetailView

from districts.queries import districts_visible_to


class DistrictDetailView(DetailView):
    """A district's profile. Staff of other districts get a 404, as if it did not exist."""

    template_name = "districts/district_detail.html"
    context_object_name = "district"

    def get_queryset(self):
        return districts_visible_to(self.request.user).prefetch_related("memberships__user")
