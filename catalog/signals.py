"""Keep the searchable names of linked records (Measure/Offer.related_names) current.

Links change through the catalogue's services, the admin and imports alike; the signals catch
them all. Deleting a field of action or a district removes links without an m2m signal, so
those refresh every entry: it is rare, and one UPDATE per model.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from catalog.labels import forget_labels
from catalog.models import FieldOfAction, Label, Measure, Offer, Provider
from catalog.services import refresh_related_names
from districts.models import District

_AFTER_CHANGE = {"post_add", "post_remove", "post_clear"}


def _changed_links(model, instance, action, reverse, pk_set):
    """The records of `model` whose links changed, or None for all of them."""
    if not reverse:
        return model.objects.filter(pk=instance.pk)
    if action == "post_clear":
        return None
    return model.objects.filter(pk__in=pk_set or [])


@receiver(m2m_changed, sender=Measure.fields_of_action.through)
def _measure_fields_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in _AFTER_CHANGE:
        measures = _changed_links(Measure, instance, action, reverse, pk_set)
        refresh_related_names(measures=measures if measures is not None else Measure.objects.all())


@receiver(m2m_changed, sender=Offer.fields_of_action.through)
@receiver(m2m_changed, sender=Offer.districts.through)
def _offer_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in _AFTER_CHANGE:
        offers = _changed_links(Offer, instance, action, reverse, pk_set)
        refresh_related_names(offers=offers if offers is not None else Offer.objects.all())


@receiver(post_save, sender=Offer)
def _offer_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # its provider may be another one
        refresh_related_names(offers=Offer.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Provider)
def _provider_saved(sender, instance, created=False, raw=False, **kwargs):
    if not (raw or created):  # a new provider has no offers yet
        refresh_related_names(offers=instance.offers.all())


@receiver(post_save, sender=FieldOfAction)
def _field_of_action_saved(sender, instance, created=False, raw=False, **kwargs):
    if not (raw or created):
        refresh_related_names(measures=instance.measures.all(), offers=instance.offers.all())


@receiver(post_save, sender=District)
def _district_saved(sender, instance, created=False, raw=False, **kwargs):
    if not (raw or created):
        refresh_related_names(offers=instance.migranet_offers.all())


@receiver(post_delete, sender=FieldOfAction)
@receiver(post_delete, sender=District)
def _link_target_deleted(sender, instance, **kwargs):
    refresh_related_names(
        measures=Measure.objects.all() if sender is FieldOfAction else None,
        offers=Offer.objects.all(),
    )


# The vocabularies' labels are cached per process (catalog.labels): a change drops the cache.
post_save.connect(forget_labels, sender=Label, dispatch_uid="catalog_label_saved")
post_delete.connect(forget_labels, sender=Label, dispatch_uid="catalog_label_deleted")
