"""Writes around a round's results: hiding an inappropriate free text, releasing a free text of an
anonymous round for district staff, and turning the round's strongest needs into needs of its
district (districts.Need, source "Befragung")."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import FieldOfAction
from districts.models import Need
from surveys.models import Answer, HiddenText, SurveyRound, TextRelease


@transaction.atomic
def answer_hide(*, answer: Answer, user) -> HiddenText:
    """Take a free-text answer out of the results page, the report and the exports. The answer
    itself stays as submitted; hiding twice is harmless."""
    hidden, _created = HiddenText.objects.get_or_create(answer=answer, defaults={"hidden_by": user})
    return hidden


@transaction.atomic
def answer_show(*, answer: Answer) -> None:
    """Undo `answer_hide`."""
    HiddenText.objects.filter(answer=answer).delete()


@transaction.atomic
def answer_release(*, answer: Answer, user) -> TextRelease:
    """Release a free text of an anonymous round for district staff (the team read it and found
    nothing in it that names its writer). Releasing twice is harmless."""
    release, _created = TextRelease.objects.get_or_create(
        answer=answer, defaults={"released_by": user}
    )
    return release


@transaction.atomic
def answer_release_withdraw(*, answer: Answer) -> None:
    """Undo `answer_release`: staff no longer see the text."""
    TextRelease.objects.filter(answer=answer).delete()


@dataclass
class AdoptedNeeds:
    created: list[Need] = field(default_factory=list)
    existing: list[FieldOfAction] = field(default_factory=list)  # already a district need


@transaction.atomic
def needs_adopt_from_round(
    *, survey_round: SurveyRound, fields_of_action: list[FieldOfAction]
) -> AdoptedNeeds:
    """One district-wide need (source SURVEY) per chosen field of action, strongest first: the
    first gets priority "hoch", the others "mittel". A field the district already has a
    district-wide need for (from any source) is left as it is, so adopting twice adds nothing.
    The district row is locked, so two clicks at once cannot both add the same field."""
    district = (
        type(survey_round.district).objects.select_for_update().get(pk=survey_round.district_id)
    )
    taken = set(
        Need.objects.filter(district=district, organization__isnull=True).values_list(
            "field_of_action_id", flat=True
        )
    )
    outcome = AdoptedNeeds()
    for rank, field_of_action in enumerate(fields_of_action):
        if field_of_action.pk in taken:
            outcome.existing.append(field_of_action)
            continue
        taken.add(field_of_action.pk)
        need = Need(
            district=district,
            field_of_action=field_of_action,
            description=_(
                "Aus der Befragung „%(round)s“: einer der stärksten Bedarfe der Betriebe "
                "(Rang %(rank)s im Bedarfsprofil)."
            )
            % {"round": survey_round.title, "rank": rank + 1},
            priority=Need.Priority.HIGH if rank == 0 else Need.Priority.MEDIUM,
            source=Need.Source.SURVEY,
        )
        need.save()  # one by one: simple_history records each need's creation
        outcome.created.append(need)
    return outcome
