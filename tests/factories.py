"""Factories for the test suites. `user_with_role` is how a test gets a user of a role."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from districts.models import District, DistrictMembership
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
