"""Every portal URL that takes an id answers 404 for another organisation's data, whatever
id is tried, for reading and for writing."""

import pytest

from kopiena.grants.models import Report
from tests.factories import AttachmentFactory

pytestmark = pytest.mark.django_db

#: (method, URL pattern) of every portal URL taking the id of an organisation's data.
ORGANISATION_URLS = [
    ("get", "/portal/organisations/{pk}/"),
    ("get", "/portal/organisations/{pk}/edit/"),
    ("post", "/portal/organisations/{pk}/edit/"),
    ("get", "/portal/organisations/{pk}/invite/"),
    ("post", "/portal/organisations/{pk}/invite/"),
]
APPLICATION_URLS = [
    ("get", "/portal/applications/{pk}/"),
    ("get", "/portal/applications/{pk}/edit/"),
    ("post", "/portal/applications/{pk}/edit/"),
    ("get", "/portal/applications/{pk}/withdraw/"),
    ("post", "/portal/applications/{pk}/withdraw/"),
    ("get", "/portal/applications/{pk}/report/"),
    ("post", "/portal/applications/{pk}/report/"),
    ("post", "/portal/applications/{pk}/attachments/"),
]
ATTACHMENT_URLS = [
    ("get", "/portal/attachments/{pk}/"),
    ("post", "/portal/attachments/{pk}/delete/"),
]
GARBAGE_IDS = ["0", "999999", "999999999999999999", "-1", "abc", "1.5", "1e3", "%00", "9" * 40]


@pytest.fixture
def others(other_application):
    """Another organisation's organisation, application (with a report) and file."""
    Report.objects.create(application=other_application, narrative="Cits.")
    return {
        "organisation": other_application.organisation_id,
        "application": other_application.pk,
        "attachment": AttachmentFactory(application=other_application).pk,
    }


def _request(client, method, url):
    return getattr(client, method)(url, {"title": "x", "email": "x@example.lv", "role": "member"})


@pytest.mark.parametrize(("method", "url"), ORGANISATION_URLS)
def test_another_organisation_is_404(member_client, others, method, url):
    assert _request(member_client, method, url.format(pk=others["organisation"])).status_code == 404


@pytest.mark.parametrize(("method", "url"), APPLICATION_URLS)
def test_another_organisations_application_and_report_are_404(
    member_client, others, other_application, method, url
):
    before = other_application.title
    assert _request(member_client, method, url.format(pk=others["application"])).status_code == 404
    other_application.refresh_from_db()
    assert other_application.title == before and other_application.status == "draft"


@pytest.mark.parametrize(("method", "url"), ATTACHMENT_URLS)
def test_another_organisations_file_is_404(member_client, others, method, url):
    assert _request(member_client, method, url.format(pk=others["attachment"])).status_code == 404


@pytest.mark.parametrize(("method", "url"), ORGANISATION_URLS + APPLICATION_URLS + ATTACHMENT_URLS)
@pytest.mark.parametrize("pk", GARBAGE_IDS)
def test_any_id_that_is_not_yours_is_404(member_client, application, method, url, pk):
    assert _request(member_client, method, url.format(pk=pk)).status_code == 404


@pytest.mark.parametrize("pk", GARBAGE_IDS)
def test_a_garbage_call_id_is_404(member_client, pk):
    assert member_client.get(f"/portal/calls/{pk}/apply/").status_code == 404


def test_lists_show_only_your_organisations_data(member_client, application, other_application):
    listed = member_client.get("/portal/applications/").context["page"].object_list
    assert list(listed) == [application]
    assert other_application.title not in member_client.get("/portal/").content.decode()
    organisations = member_client.get("/portal/organisations/").context["organisations"]
    assert [o.pk for o in organisations] == [application.organisation_id]


def test_staff_see_no_organisation_data_in_the_portal(client, officer, application):
    """Staff work in the admin; in the portal they are members of nothing (files excepted,
    which the admin links to)."""
    client.force_login(officer)
    assert client.get(f"/portal/applications/{application.pk}/").status_code == 404
    assert client.get(f"/portal/organisations/{application.organisation_id}/").status_code == 404
