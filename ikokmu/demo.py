"""The demo data set of the platform core: districts, one login per role.

Everything here is invented; the districts are the four Bavarian districts the project works in.
Later issues add their own parts to `seed_demo`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from ikokmu.roles import ROLE_GROUPS, Role

DEMO_PASSWORD = "Demo-Zugang-2026"

DISTRICTS = [
    # name, official key (AGS)
    ("Landkreis München", "09184"),
    ("Landkreis Landsberg am Lech", "09181"),
    ("Landkreis Weilheim-Schongau", "09190"),
    ("Landkreis Miesbach", "09182"),
]

USERS = [
    # username, first name, last name, role, official keys of the districts they work for
    ("projektteam", "Miriam", "Hofstetter", Role.PROJECT_TEAM, []),
    ("interviewteam", "Jonas", "Albrecht", Role.INTERVIEW_TEAM, []),
    ("lra-muenchen", "Sabine", "Krämer", Role.DISTRICT_STAFF, ["09184"]),
    ("lra-oberland", "Tobias", "Wegmann", Role.DISTRICT_STAFF, ["09182", "09190"]),
]


@transaction.atomic
def seed_core() -> list[tuple[str, str, str]]:
    """Create or update the core demo data; returns (username, role label, districts) rows."""
    from districts.models import District, DistrictMembership

    districts = {}
    for name, key in DISTRICTS:
        districts[key], _ = District.objects.update_or_create(
            official_key=key, defaults={"name": name, "kind": District.Kind.RURAL_DISTRICT}
        )

    User = get_user_model()
    rows = []
    for username, first, last, role, keys in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.ikoekmu.example",
                "is_staff": role == Role.PROJECT_TEAM,
            },
        )
        if created:
            # Only on creation, so a password changed in the demo is not reset by a restart.
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        user.groups.add(group)
        for key in keys:
            DistrictMembership.objects.get_or_create(user=user, district=districts[key])
        rows.append((username, ROLE_GROUPS[role], ", ".join(districts[k].name for k in keys)))
    return rows
