"""Factories for the test suites. `user_with_role` is how a test gets a user of a role."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from catalog.models import FieldOfAction
from consulting.models import ConsultingCase
from districts.models import Activity, Contact, District, DistrictMembership, Need, Organization
from ikokmu.roles import ROLE_GROUPS, Role

PASSWORD = "Ein-sicheres-Testpasswort-42"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["official_key"]

    name = factory.Sequence(lambda n: f"Landkreis Test {n}")
    official_key = factory.Sequence(lambda n: f"{9000 + n:05d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: Role, *, districts=(), **fields):
    """A user holding `role`; district staff get memberships in `districts`."""
    user = UserFactory(is_staff=role == Role.PROJECT_TEAM, **fields)
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    user.groups.add(group)
    for district in districts:
        DistrictMembership.objects.get_or_create(user=user, district=district)
    return user


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Testbetrieb {n} GmbH")
    kind = Organization.Kind.SME
    district = factory.SubFactory(DistrictFactory)
    postal_code = "82024"
    city = "Taufkirchen"
    sector = "C"
    size_class = "10-49"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organization = factory.SubFactory(OrganizationFactory)
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Beispiel{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    legal_basis_date = factory.LazyFunction(datetime.date.today)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    district = factory.SubFactory(DistrictFactory)
    kind = Activity.Kind.TALK
    date = factory.LazyFunction(datetime.date.today)
    title = factory.Sequence(lambda n: f"Gespräch {n}")


def sample_objects_in(district, organization_name="Musterbetrieb GmbH") -> dict[str, int]:
    """One object of each kind in `district`, by the URL keyword that names it."""
    organization = OrganizationFactory(district=district, name=organization_name)
    contact = ContactFactory(organization=organization)
    activity = ActivityFactory(district=district, follow_up_on=datetime.date.today())
    activity.organizations.add(organization)
    need = Need.objects.create(
        district=district,
        organization=organization,
        # Transactional tests empty the tables the migrations filled, hence get_or_create.
        field_of_action=FieldOfAction.objects.get_or_create(
            slug="sprache", defaults={"name": "Sprache und Kommunikation", "position": 3}
        )[0],
        description="Sprachkurse für neue Beschäftigte",
        source=Need.Source.TALK,
    )
    case = ConsultingCase.objects.create(
        organization=organization,
        district=district,
        title="Öffnung begleiten",
        case_type="sme",
        start_date=datetime.date.today(),
    )
    survey = survey_sample_in(district, organization)
    events = event_sample_in(district, organization)
    return {
        **events,
        "district_pk": district.pk,
        **survey,
        "case_pk": case.pk,
        "organization_pk": organization.pk,
        "contact_pk": contact.pk,
        "activity_pk": activity.pk,
        "need_pk": need.pk,
    }


def survey_sample_in(district, organization) -> dict[str, int]:
    """A survey round of `district` with an invitation to `organization` and one submitted
    response with a free-text answer."""
    from django.utils import timezone

    from surveys import services
    from surveys.demo import DEMO_QUESTIONNAIRE
    from surveys.models import Answer, Question, Response
    from tests.surveys.helpers import ensure_fields

    ensure_fields()
    version = services.questionnaire_import(data=DEMO_QUESTIONNAIRE)
    now = timezone.now()
    survey_round, _open_token = services.round_create(
        district=district,
        version=version,
        title="Bedarfsbefragung 2026",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
        access="both",
    )
    invitation, _token = services.invitation_create(
        survey_round=survey_round, organization=organization, email="info@musterbetrieb.test"
    )
    response = Response.objects.create(
        round=survey_round, resume_token_hash="0" * 64, consent_at=now
    )
    question = version.questions.filter(type=Question.Type.LONG_TEXT).first()
    answer = Answer.objects.create(response=response, question=question, text="Mehr Sprachkurse")
    Response.objects.filter(pk=response.pk).update(submitted_at=now)
    return {"round_pk": survey_round.pk, "invitation_pk": invitation.pk, "answer_pk": answer.pk}


def event_for(districts=(), *, days=14, capacity=None, status="published", **fields):
    """An event in `districts`, `days` from now, lasting two hours."""
    from django.utils import timezone

    from events.models import Event

    start = timezone.now() + datetime.timedelta(days=days)
    event = Event.objects.create(
        **{
            "title": "Arbeitgeberfrühstück Fachkräfte",
            "description": "Impulse und Austausch",
            "programme": "08:00 Begrüßung\n08:30 Impuls",
            "start_at": start,
            "end_at": start + datetime.timedelta(hours=2),
            "format": "in_person",
            "place_name": "Rathaus",
            "street": "Rathausplatz 1",
            "postal_code": "82008",
            "city": "Unterhaching",
            "capacity": capacity,
            "status": status,
            **fields,
        }
    )
    event.districts.set(districts)
    return event


def registration_for(event, *, email="gast@example.org", **fields):
    """A registration made through the service (with its token); returns (registration, token)."""
    from events import services

    result = services.registration_create(
        event=event,
        data={
            "first_name": fields.pop("first_name", "Gabi"),
            "last_name": fields.pop("last_name", "Gast"),
            "organization_name": fields.pop("organization_name", "Gastbetrieb GmbH"),
            "function": "Inhaberin",
            "email": email,
            "phone": "",
        },
        answers={},
        contact_consent=fields.pop("contact_consent", False),
        notice=services.current_privacy_notice(),
    )
    return result.registration, result.token


def event_sample_in(district, organization) -> dict[str, int]:
    """A published event of `district` with the organisation as partner and one registration."""
    event = event_for([district], title=f"Veranstaltung {district.name}")
    event.partner_organizations.add(organization)
    registration, _token = registration_for(
        event, email="teilnahme@musterbetrieb.test", organization_name=organization.name
    )
    return {"event_pk": event.pk, "registration_pk": registration.pk}
