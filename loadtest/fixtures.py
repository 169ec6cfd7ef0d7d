"""Data of a load run, made in the load database after seed_demo: staff users, survey rounds
with invitations (links derived as the platform derives them), and the pages staff browse.

Run as `python -m loadtest.fixtures OUT.json INVITATIONS` with the load run's environment."""

import datetime
import json
import sys

import django

PASSWORD = "Lasttest-Zugang-2026"


def main(out: str, invitations: int) -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from django.utils import timezone

    from consulting.models import ConsultingCase
    from districts.models import DistrictMembership
    from ikokmu.roles import ROLE_GROUPS, Role
    from surveys import round_services, services, tokens
    from surveys.demo import MIESBACH_ROUND
    from surveys.models import Invitation, SurveyRound

    demo_round = SurveyRound.objects.get(title=MIESBACH_ROUND)
    district, version = demo_round.district, demo_round.version
    users = get_user_model()
    staff = []
    for n in range(10):
        role = Role.PROJECT_TEAM if n < 5 else Role.DISTRICT_STAFF
        username = f"last-{'projekt' if n < 5 else 'landkreis'}-{n}"
        user = users.objects.filter(username=username).first() or users.objects.create_user(
            username, password=PASSWORD, is_staff=role == Role.PROJECT_TEAM
        )
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
        if role == Role.DISTRICT_STAFF:
            DistrictMembership.objects.get_or_create(user=user, district=district)
        staff.append({"username": username, "password": PASSWORD, "project": n < 5})

    now = timezone.now()
    per_round = 250
    links = []
    for number in range((invitations + per_round - 1) // per_round):
        survey_round, _open = services.round_create(
            district=district,
            version=version,
            title=f"Lasttest {number + 1}",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=30),
            anonymity=(
                SurveyRound.Anonymity.ANONYMOUS
                if number % 2 == 0
                else SurveyRound.Anonymity.PERSONALISED
            ),
        )
        round_services.invitations_create(
            survey_round=survey_round,
            recipients=[
                round_services.Recipient(f"betrieb{number}-{i}@lasttest.example")
                for i in range(per_round)
            ],
        )
        for invitation in Invitation.objects.filter(round=survey_round).order_by("pk"):
            links.append(tokens.invitation_token(invitation.token_salt, invitation.token_hash))

    rounds = list(SurveyRound.objects.filter(district=district).order_by("pk")[:4])
    cases = list(ConsultingCase.objects.order_by("pk").values_list("pk", flat=True)[:3])
    project_pages = [
        reverse("surveys:round_list"),
        reverse("surveys:round_results", args=[demo_round.pk]),
        reverse("surveys:round_detail", args=[demo_round.pk]),
        reverse("consulting:case_list"),
        *[reverse("consulting:case_detail", args=[pk]) for pk in cases],
        *[reverse("surveys:round_detail", args=[r.pk]) for r in rounds],
    ]
    district_pages = [
        reverse("surveys:round_list"),
        reverse("surveys:round_results", args=[demo_round.pk]),
        reverse("surveys:round_detail", args=[demo_round.pk]),
        reverse("dashboard"),
        reverse("districts:detail", args=[district.pk]),
    ]
    with open(out, "w") as handle:
        json.dump(
            {
                "links": links,
                "staff": staff,
                "project_pages": project_pages,
                "district_pages": district_pages,
            },
            handle,
        )
    print(f"{len(links)} Einladungen, {len(staff)} Zugänge")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
