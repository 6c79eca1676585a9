"""The dashboard, the cases behind a figure and the three-year view, as the head of a social
service and the regional coordinator use them: what they may open, what the numbers link
to, the exports, and the same number of queries at two sizes."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kopiena.grants.models import ApplicationStatus as S
from kopiena.monitoring.registry import indicators, provider_of
from kopiena.monitoring.scope import scope_of
from kopiena.monitoring.snapshot import build
from tests.factories import (
    ActivityLogFactory,
    EvaluationFactory,
    InitiativeFactory,
    LogActivityFactory,
    grant_case,
    riga,
    survey_with_answers,
    user_with_role,
)

pytestmark = pytest.mark.django_db
DASHBOARD = "kopiena_monitoring_dashboard"


def some_cases(municipality, n=1):
    for i in range(n):
        grant_case(municipality, 2023, S.COMPLETED if i % 3 else S.REJECTED, returned=i % 4 == 1)
        initiative = InitiativeFactory(municipality=municipality)
        log = ActivityLogFactory(
            initiative=initiative,
            period_start=riga(2023, 3, 6).date(),
            period_end=riga(2023, 3, 12).date(),
        )
        LogActivityFactory(log=log)
        EvaluationFactory(initiative=initiative)
    survey_with_answers(municipality, answers=[{0: 9, 1: 6, 2: 8}] * n)


def test_head_sees_their_municipality_and_follows_a_figure_to_its_cases(client, head, daugavpils):
    some_cases(daugavpils, 2)
    client.force_login(head)
    response = client.get(reverse(DASHBOARD), {"year": 2023})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Daugavpils" in page
    link = re.search(r'href="([^"]+)" data-figure="grants.approved" data-year="2023"', page)
    assert link, "the money approved links to its cases"
    url = link.group(1).replace("&amp;", "&")
    listing = client.get(url)
    assert listing.status_code == 200
    counted = build(scope_of(daugavpils), 2023)["totals"]["grants.approved"]["2023"]["cases"]
    assert listing.context["page_obj"].paginator.count == counted == 1


def test_every_figure_lists_exactly_the_cases_it_counts(daugavpils):
    """For each indicator: the drill-down's cases are as many as the figure's, or — for
    events and answers — their parts add up to it."""
    some_cases(daugavpils, 3)
    data = build(scope_of(daugavpils), 2023)
    for key in indicators():
        case_list = provider_of(key).cases(key, [daugavpils.pk], 2023)
        figure_cases = data["totals"][key]["2023"]["cases"]
        if case_list.contribution:
            total = sum(getattr(o, case_list.contribution) or 0 for o in case_list.queryset)
        elif case_list.contribution_rows is not None:
            total = sum(case_list.contribution_rows.values())
        else:
            total = case_list.queryset.count()
        assert total == figure_cases, key


def test_another_municipality_is_not_found(client, head, liepaja):
    client.force_login(head)
    assert client.get(reverse(DASHBOARD), {"scope": "m:liepaja"}).status_code == 404
    cases = reverse("kopiena_monitoring_cases")
    assert (
        client.get(
            cases, {"indicator": "grants.approved", "scope": "m:liepaja", "year": 2023}
        ).status_code
        == 404
    )


def test_people_without_monitoring_are_refused(client, db):
    from kopiena.monitoring.roles import Role

    client.force_login(user_with_role(Role.GRANT_OFFICERS, username="koordinators-mon"))
    response = client.get(reverse(DASHBOARD))
    # Wagtail turns the refusal into a redirect to the admin's home with a message
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_a_head_without_a_municipality_is_told_so(client, db):
    from kopiena.monitoring.roles import Role

    client.force_login(user_with_role(Role.SERVICE_HEADS, username="vaditajs-bez"))
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    assert response.context["no_scope"] is True


def test_coordinator_compares_the_region_and_cannot_edit_cases(
    client, coordinator, daugavpils, rezekne, liepaja
):
    some_cases(daugavpils)
    some_cases(liepaja)
    client.force_login(coordinator)
    response = client.get(reverse(DASHBOARD), {"scope": "r:latgale", "year": 2023})
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.context["comparison_rows"]}
    assert set(rows) == {"daugavpils", "rezekne"}
    assert rows["daugavpils"]["has_data"] and not rows["rezekne"]["has_data"]
    assert 'data-municipality="rezekne"' in response.content.decode()
    assert client.get(reverse(DASHBOARD), {"scope": "m:liepaja"}).status_code == 404
    # read-only: no case may be edited or moved on
    initiative = InitiativeFactory(municipality=daugavpils)
    assert client.get(reverse("community_initiatives:edit", args=[initiative.pk])).status_code in (
        302,
        403,
        404,
    )
    response = client.post(
        reverse("community_initiatives:transition", args=[initiative.pk, "start_planning"])
    )
    initiative.refresh_from_db()
    assert initiative.status == "idea"


def test_exports_are_the_tables(client, head, daugavpils):
    some_cases(daugavpils, 2)  # one rejected, one completed with 4 500 € approved
    client.force_login(head)
    response = client.get(
        reverse(DASHBOARD), {"year": 2023, "table": "what_we_do", "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][2:5] == ["2021", "2022", "2023"]
    approved = next(row for row in rows if row[1] == "Piešķirtā summa")  # Money approved
    assert Decimal(approved[4]) == Decimal("4500.00")
    xlsx = client.get(reverse(DASHBOARD), {"year": 2023, "export": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    cases = client.get(
        reverse("kopiena_monitoring_cases"),
        {
            "indicator": "grants.applications",
            "scope": "m:daugavpils",
            "year": 2023,
            "export": "csv",
        },
    )
    assert len(cases.content.decode("utf-8-sig").strip().splitlines()) == 3  # heading + 2


def count_queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm the caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_cases(client, coordinator, daugavpils, rezekne):
    client.force_login(coordinator)
    url, params = reverse(DASHBOARD), {"scope": "r:latgale", "year": 2023}
    for municipality in (daugavpils, rezekne):
        some_cases(municipality, 1)
    small = count_queries(client, url, params)
    for municipality in (daugavpils, rezekne):
        some_cases(municipality, 5)
    assert count_queries(client, url, params) == small <= 30


def test_cases_listing_queries_do_not_grow(client, head, daugavpils):
    client.force_login(head)
    url = reverse("kopiena_monitoring_cases")
    params = {"indicator": "grants.applications", "scope": "m:daugavpils", "year": 2023}
    some_cases(daugavpils, 2)
    small = count_queries(client, url, params)
    some_cases(daugavpils, 8)
    assert count_queries(client, url, params) == small <= 16
    events = {**params, "indicator": "community.events"}
    assert count_queries(client, url, events) <= 16


def test_three_year_view_marks_live_and_published(client, head, daugavpils):
    some_cases(daugavpils)
    client.force_login(head)
    response = client.get(reverse("kopiena_monitoring_years"), {"year": 2023})
    comparison = response.context["comparison"]
    assert [c.source for c in comparison.years] == ["live", "live", "live"]
    assert [c.has_data for c in comparison.years] == [False, False, True]
    assert "nav datu" in response.content.decode()  # "no data" for 2021
