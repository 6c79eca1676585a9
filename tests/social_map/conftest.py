import pytest

from kopiena.social_map.roles import Role
from tests.factories import (
    DirectoryOrganizationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)


@pytest.fixture
def map_editor(db):
    return user_with_role(Role.SOCIAL_MAP_EDITORS, username="kartes-redaktors-test")


@pytest.fixture
def ngo(db):
    """A portal organisation with a member, and its directory organisation in Liepāja."""
    grants_org = OrganisationFactory(name="Biedrība “Ostmalas kaimiņi”")
    membership = MembershipFactory(organisation=grants_org)
    organization = DirectoryOrganizationFactory(
        grants_organisation=grants_org, name=grants_org.name
    )
    organization.member = membership.user
    return organization


@pytest.fixture
def member(ngo):
    return ngo.member


@pytest.fixture
def resident(db):
    return UserFactory(username="iedzivotajs-test", email="iedzivotajs@example.lv")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the block queued for after commit (the e-mails) when
    it ends, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here (the translations are tested on their own)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def liepaja(db):
    from tests.factories import MunicipalityFactory

    return MunicipalityFactory(name="Liepāja", slug="liepaja")


@pytest.fixture
def map_page(liepaja):
    from kopiena.social_map.models import SocialMapPage
    from tests.factories.pages import site_home

    page = SocialMapPage(
        title="Liepājas sociālā karte", slug="socialas-karte", municipality=liepaja
    )
    site_home().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
