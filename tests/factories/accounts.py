import factory
from django.contrib.auth.models import Group, User


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"group-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.lv")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("kopiena-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get(name=str(r)) for r in extracted))


def user_with_role(*roles, **kwargs) -> User:
    """A user in the given role groups (created by the casework data migration); staff
    roles also get ``is_staff`` so they can sign in to the Wagtail admin."""
    from kopiena.casework.roles import STAFF_ROLES

    kwargs.setdefault("is_staff", any(r in STAFF_ROLES for r in roles))
    return UserFactory(roles=list(roles), **kwargs)
