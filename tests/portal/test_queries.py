"""The portal's list pages cost the same number of queries for 3 rows as for 30."""

import pytest

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/portal/", "/portal/applications/", "/portal/calls/", "/portal/organisations/"]


def _applications(count, call, organisation, member):
    for _ in range(count):
        ApplicationFactory(call=call, organisation=organisation, created_by=member)


@pytest.mark.parametrize("url", LIST_PAGES + ["organisation"])
@pytest.mark.parametrize("count", [3, 30])
def test_list_pages_have_a_fixed_query_count(
    member_client, call, organisation, member, django_assert_max_num_queries, url, count
):
    _applications(count, call, organisation, member)
    if url == "organisation":
        url = f"/portal/organisations/{organisation.pk}/"
    member_client.get(url)  # warm Wagtail's site caches
    with django_assert_max_num_queries(15):
        response = member_client.get(url)
    assert response.status_code == 200
