"""Writes of the events app: events, registrations with waiting list, the mail they cause, and
the step that turns an event's attendance into the district's records."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from districts.models import Activity, Contact, District, Organization
from events import tokens
from events.models import Event, Mail, PrivacyNotice, Registration
from ikokmu.models import AuditEvent
from ikokmu.services import audit_record

HOLDS_PLACE = [
    Registration.Status.REGISTERED,
    Registration.Status.ATTENDED,
    Registration.Status.NO_SHOW,
]


ONCE_PER_REGISTRATION = {Mail.Kind.MOVED_UP, Mail.Kind.REMINDER, Mail.Kind.EVENT_CANCELLED}


class RegistrationRefused(Exception):
    """Registration is not (or no longer) possible; the message is German, for the visitor."""


def registration_open(event: Event, *, now=None) -> bool:
    now = now or timezone.now()
    closes = event.registration_deadline or event.start_at
    return event.status == Event.Status.PUBLISHED and now < min(closes, event.start_at)


def current_privacy_notice() -> PrivacyNotice:
    """The version in force. The migration writes the first one; a database emptied by a test
    (or restored without it) gets it again rather than a page that cannot register anyone."""
    notice = (
        PrivacyNotice.objects.filter(valid_from__lte=timezone.now()).order_by("-valid_from").first()
    )
    if notice is None:
        from events.privacy import FIRST_VERSION

        notice, _created = PrivacyNotice.objects.get_or_create(
            version=FIRST_VERSION["version"], defaults=FIRST_VERSION
        )
    return notice


# Mail -----------------------------------------------------------------------------------------


def _queue_mail(registration: Registration, kind: str) -> None:
    """Write the mail row and queue its task in the caller's transaction (the worker never sees
    a task before its row). Kinds that exist once per registration are skipped when present."""
    from events import tasks

    if kind in ONCE_PER_REGISTRATION:
        mail, created = Mail.objects.get_or_create(registration=registration, kind=kind)
        if not created:  # sent (or queued) before
            return
    else:
        mail = Mail.objects.create(registration=registration, kind=kind)
    tasks.send_event_mail.enqueue(mail.pk)


def reminder_due_at(event: Event) -> datetime.datetime:
    """9:00 local time on the day before the event."""
    day_before = timezone.localtime(event.start_at).date() - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_before, datetime.time(9, 0)))


def _schedule_reminders(event: Event) -> None:
    from events import tasks

    due = reminder_due_at(event)
    task = tasks.send_event_reminders
    if due > timezone.now():
        task = task.using(run_after=due)
    task.enqueue(event.pk)


def event_reminders_queue(*, event_id: int) -> int:
    """Queue the reminder of every registered participant, if the event is still published and
    it is the day before (a task left over from an earlier start time does nothing, the one
    scheduled for the new time does the work). Returns how many were queued."""
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        now = timezone.now()
        if event is None or event.status != Event.Status.PUBLISHED:
            return 0
        if not (reminder_due_at(event) <= now < event.start_at):
            return 0
        count = 0
        for registration in event.registrations.filter(status=Registration.Status.REGISTERED):
            _queue_mail(registration, Mail.Kind.REMINDER)
            count += 1
        return count


# Events ---------------------------------------------------------------------------------------


@transaction.atomic
def event_save(*, form, questions, user) -> Event:
    """Save an event from its form and question formset; a published event whose time changed
    gets its reminder scheduled for the new time."""
    is_new = form.instance.pk is None
    start_changed = "start_at" in form.changed_data
    capacity_changed = "capacity" in form.changed_data
    event = form.save(commit=False)
    if is_new:
        event.created_by = user
    event.save()
    form.save_m2m()
    questions.instance = event
    questions.save()
    if event.status == Event.Status.PUBLISHED and start_changed:
        _schedule_reminders(event)
    if capacity_changed and not is_new:
        # More places: the waiting list moves up, in order, each with a mail.
        locked = Event.objects.select_for_update().get(pk=event.pk)
        while _move_up(locked) is not None:
            pass
    return event


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    if event.status == Event.Status.DRAFT:
        event.status = Event.Status.PUBLISHED
        event.save(update_fields=["status"])
        _schedule_reminders(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event) -> int:
    """Cancel the event and tell everyone registered or waiting. Returns how many are told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status not in (Event.Status.PUBLISHED, Event.Status.DRAFT):
        return 0
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    if not was_published:
        return 0
    told = 0
    for registration in event.registrations.filter(
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED]
    ):
        _queue_mail(registration, Mail.Kind.EVENT_CANCELLED)
        told += 1
    return told


# Registrations --------------------------------------------------------------------------------


@dataclass
class RegistrationResult:
    registration: Registration
    token: str  # empty for a duplicate: the link goes to the address, never to the screen
    duplicate: bool = False


def registration_create(
    *,
    event: Event,
    data: dict,
    answers: dict,
    contact_consent: bool,
    notice: PrivacyNotice,
) -> RegistrationResult:
    """Register someone for an event, on the waiting list when it is full.

    The event row is locked while the places are counted, so two people cannot take the last
    place at once. An address already registered (or waiting) gets its personal link again by
    mail; the page says only that, so nobody learns through the form who else has registered."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not registration_open(event):
            raise RegistrationRefused("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich.")
        email = data["email"].strip()
        existing = (
            event.registrations.filter(email__iexact=email)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if existing is not None:
            _queue_mail(existing, Mail.Kind.LINK_AGAIN)
            return RegistrationResult(existing, "", duplicate=True)
        taken = event.registrations.filter(status__in=HOLDS_PLACE).count()
        full = event.capacity is not None and taken >= event.capacity
        now = timezone.now()
        salt = tokens.new_salt()
        token = tokens.registration_token(salt)
        registration = Registration.objects.create(
            event=event,
            status=Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED,
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            organization_name=data.get("organization_name", "").strip(),
            function=data.get("function", "").strip(),
            email=email,
            phone=data.get("phone", "").strip(),
            answers=answers,
            privacy_notice=notice,
            privacy_consent_at=now,
            contact_consent_at=now if contact_consent else None,
            token_salt=salt,
            token_hash=tokens.lookup_hash(token),
        )
        _queue_mail(registration, Mail.Kind.WAITLIST if full else Mail.Kind.CONFIRMATION)
    return RegistrationResult(registration, token)


def registration_by_token(token: str) -> Registration | None:
    return (
        Registration.objects.select_related("event", "privacy_notice")
        .filter(token_hash=tokens.lookup_hash(token))
        .first()
    )


def _move_up(event: Event) -> Registration | None:
    """Give a free place to the first on the waiting list (caller holds the event lock)."""
    if event.status != Event.Status.PUBLISHED or event.start_at <= timezone.now():
        return None
    taken = event.registrations.filter(status__in=HOLDS_PLACE).count()
    if event.capacity is not None and taken >= event.capacity:
        return None
    first = (
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Registration.Status.REGISTERED
    first.save(update_fields=["status"])
    _queue_mail(first, Mail.Kind.MOVED_UP)
    return first


@transaction.atomic
def registration_cancel(*, registration: Registration, by_staff: bool = False) -> Registration:
    """Cancel a registration; if it held a place, the first on the waiting list moves up."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return registration
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.checked_in_at = None
    registration.save(update_fields=["status", "cancelled_at", "checked_in_at"])
    if not by_staff:
        _queue_mail(registration, Mail.Kind.CANCELLED)
    _move_up(event)
    return registration


@transaction.atomic
def registration_set_status(*, registration: Registration, status: str) -> Registration:
    """Staff set a participant's status (check-in on the day: attended)."""
    if status == Registration.Status.CANCELLED:
        return registration_cancel(registration=registration, by_staff=True)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == status:
        return registration
    registration.status = status
    registration.cancelled_at = None
    registration.checked_in_at = timezone.now() if status == Registration.Status.ATTENDED else None
    try:
        with transaction.atomic():
            registration.save(update_fields=["status", "cancelled_at", "checked_in_at"])
    except IntegrityError as error:
        # Back from "abgesagt" while the same address registered again.
        raise RegistrationRefused(
            "Diese Adresse ist für die Veranstaltung bereits erneut angemeldet."
        ) from error
    if status == Registration.Status.WAITLISTED:
        _move_up(event)
    return registration


# After the event ------------------------------------------------------------------------------


def _find_organization(name: str, districts) -> Organization | None:
    """The import's duplicate check: the same name, ignoring case, in the district."""
    return (
        Organization.objects.filter(district__in=districts, name__iexact=name.strip())
        .order_by("pk")
        .first()
    )


def event_districts(event: Event) -> list[District]:
    if event.all_bavaria:
        return list(District.objects.order_by("name"))
    return list(event.districts.order_by("name"))


@transaction.atomic
def event_close(
    *,
    event: Event,
    user,
    create_organizations: list[tuple[str, str, int]],
    follow_up_for: list[str],
    follow_up_on: datetime.date | None,
) -> list[Activity]:
    """Turn the attendance into the districts' records, in one step:

    - organisations the registrants named that the district does not know yet are created (as
      chosen), with the import's duplicate check;
    - each registration is matched to its organisation;
    - one Activity of kind event per district, with the participant count and the
      organisations present;
    - registrants who consented to later contact become contacts of their organisation, with
      the consent's date and the privacy notice's version as the legal basis;
    - a follow-up per chosen organisation;
    - the event is completed.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    districts = event_districts(event)
    district_by_pk = {d.pk: d for d in districts}
    for name, kind, district_pk in create_organizations:
        district = district_by_pk[district_pk]
        if _find_organization(name, [district]) is None:
            Organization.objects.create(name=name.strip(), kind=kind, district=district)
    registrations = list(
        event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
            "privacy_notice"
        )
    )
    for registration in registrations:
        if registration.organization_id is None and registration.organization_name:
            registration.organization = _find_organization(
                registration.organization_name, districts
            )
            if registration.organization is not None:
                registration.save(update_fields=["organization"])
    attended = [r for r in registrations if r.status == Registration.Status.ATTENDED]
    # Who registered but was not checked in did not come.
    event.registrations.filter(status=Registration.Status.REGISTERED).update(
        status=Registration.Status.NO_SHOW
    )
    date = timezone.localtime(event.start_at).date()
    place = event.address if event.format != Event.Format.ONLINE else ""
    activity_format = {
        Event.Format.IN_PERSON: Activity.Format.IN_PERSON,
        Event.Format.ONLINE: Activity.Format.ONLINE,
        Event.Format.HYBRID: Activity.Format.HYBRID,
    }[event.format]
    present = {r.organization for r in attended if r.organization is not None}
    activity_districts = (
        districts if not event.all_bavaria else sorted({o.district for o in present}, key=str)
    )
    activities = []
    for district in activity_districts:
        activity = Activity.objects.create(
            district=district,
            kind=Activity.Kind.EVENT,
            date=date,
            title=event.title[:200],
            summary=event.description,
            place=place[:200],
            format=activity_format,
            participants=len(attended),
            created_by=user,
        )
        activity.organizations.set([o for o in present if o.district_id == district.pk])
        activities.append(activity)
    event.activities.add(*activities)
    for registration in registrations:
        if registration.contact_consent_at is None or registration.organization is None:
            continue
        contact = Contact.objects.filter(
            organization=registration.organization, email__iexact=registration.email
        ).first()
        if contact is None:
            contact = Contact.objects.create(
                organization=registration.organization,
                first_name=registration.first_name,
                last_name=registration.last_name,
                function=registration.function,
                email=registration.email,
                phone=registration.phone,
                legal_basis=Contact.LegalBasis.CONSENT,
                legal_basis_date=timezone.localtime(registration.contact_consent_at).date(),
                legal_basis_note=(
                    f"Einwilligung bei der Anmeldung zu „{event.title}“, "
                    f"Datenschutzhinweis Version {registration.privacy_notice.version}"
                )[:300],
            )
        registration.contact = contact
        registration.save(update_fields=["contact"])
    organizations = {o.name: o for o in present}
    organizations.update(
        {r.organization.name: r.organization for r in registrations if r.organization}
    )
    for name in follow_up_for:
        organization = organizations.get(name) or _find_organization(name, districts)
        if organization is None or follow_up_on is None:
            continue
        follow_up = Activity.objects.create(
            district=organization.district,
            kind=Activity.Kind.EVENT,
            date=date,
            title=f"Nachfassen nach „{event.title}“"[:200],
            summary=f"{organization.name} hat an der Veranstaltung teilgenommen oder sich "
            "angemeldet.",
            follow_up_on=follow_up_on,
            follow_up_owner=user,
            created_by=user,
        )
        follow_up.organizations.add(organization)
    event.status = Event.Status.COMPLETED
    event.save(update_fields=["status"])
    return activities


# Data protection ------------------------------------------------------------------------------


def registrations_purge_expired(*, today: datetime.date | None = None) -> int:
    """Delete registrations without consent to later contact once their event ended more than
    EVENT_REGISTRATION_RETENTION_DAYS ago (with their mails). Returns how many."""
    today = today or timezone.localdate()
    days = settings.EVENT_REGISTRATION_RETENTION_DAYS
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min)
    )
    expired = Registration.objects.filter(contact_consent_at__isnull=True, event__end_at__lt=cutoff)
    _total, by_model = expired.delete()
    deleted = by_model.get("events.Registration", 0)
    if deleted:
        audit_record(
            kind=AuditEvent.Kind.DELETION,
            summary=f"{deleted} Anmeldungen zu Veranstaltungen nach {days} Tagen gelöscht",
            detail={"registrations": deleted, "days": days},
        )
    return deleted


def registration_personal_data(*, registration: Registration) -> dict:
    """Everything stored about one registrant (Art. 15), as plain data."""
    r = registration
    return {
        "exported_at": timezone.now(),
        "event": r.event.title,
        "event_start": r.event.start_at,
        "status": r.get_status_display(),
        "first_name": r.first_name,
        "last_name": r.last_name,
        "organization": r.organization_name,
        "function": r.function,
        "email": r.email,
        "phone": r.phone,
        "answers": r.answers,
        "privacy_notice_version": r.privacy_notice.version,
        "privacy_notice_text": r.privacy_notice.text,
        "privacy_consent_at": r.privacy_consent_at,
        "contact_consent_at": r.contact_consent_at,
        "contact_consent_text": r.privacy_notice.contact_consent_text
        if r.contact_consent_at
        else "",
        "registered_at": r.created_at,
        "cancelled_at": r.cancelled_at,
        "checked_in_at": r.checked_in_at,
        "mails": [
            {"kind": m.get_kind_display(), "sent_at": m.sent_at}
            for m in r.mails.order_by("created_at")
        ],
    }


@transaction.atomic
def registration_erase(*, registration: Registration, request=None) -> None:
    """Erase one registration (Art. 17) with its mails; a place it held goes to the waiting
    list first."""
    pk = registration.pk
    if registration.holds_place or registration.status == Registration.Status.WAITLISTED:
        registration_cancel(registration=registration, by_staff=True)
    registration.delete()
    audit_record(
        kind=AuditEvent.Kind.DELETION,
        summary=f"Anmeldung {pk} gelöscht (Art. 17 DSGVO)",
        request=request,
        detail={"registration": pk},
    )


def registrations_of_person(*, email: str, contact_pk: int | None = None):
    condition = Q(email__iexact=email) if email else Q(pk__in=[])
    if contact_pk is not None:
        condition |= Q(contact_id=contact_pk)
    return Registration.objects.filter(condition).select_related("event", "privacy_notice")


def registrations_personal_data(*, contact) -> list[dict]:
    """The registrations of a contact person (Art. 15), found by the contact or its address."""
    return [
        {
            "event": r.event.title,
            "event_start": r.event.start_at,
            "status": r.get_status_display(),
            "first_name": r.first_name,
            "last_name": r.last_name,
            "organization": r.organization_name,
            "function": r.function,
            "email": r.email,
            "phone": r.phone,
            "answers": r.answers,
            "privacy_notice_version": r.privacy_notice.version,
            "privacy_consent_at": r.privacy_consent_at,
            "contact_consent_at": r.contact_consent_at,
            "registered_at": r.created_at,
        }
        for r in registrations_of_person(email=contact.email, contact_pk=contact.pk).order_by(
            "created_at"
        )
    ]


def registrations_erase(*, contact) -> int:
    """Erase a contact person's registrations (Art. 17); a place they held goes to the waiting
    list first."""
    count = 0
    for registration in registrations_of_person(email=contact.email, contact_pk=contact.pk):
        if registration.holds_place:
            registration_cancel(registration=registration, by_staff=True)
        registration.delete()
        count += 1
    return count
