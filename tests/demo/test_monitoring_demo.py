"""The monitoring demo on top of the whole demo: Latgale and its municipalities, who
monitors what, two years of figures for Liepāja, Daugavpils and Rēzeknes novads, the
Daugavpils survey whose averages are seed 004's, one published and one draft report, and a
second load that changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from kopiena.casework.models import Municipality, PlanningRegion
from kopiena.monitoring.models import AnnualReport, AnnualReportPage, Response, Survey
from kopiena.monitoring.scope import scope_of
from kopiena.monitoring.snapshot import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_monitoring(demo):
    latgale = PlanningRegion.objects.get(slug="latgale")
    assert latgale.municipalities.count() == 9
    assert Municipality.objects.get(slug="liepaja").planning_region.slug == "kurzeme"

    for slug in ("liepaja", "daugavpils", "rezeknes-novads"):
        data = build(scope_of(Municipality.objects.get(slug=slug)), 2023)
        assert {2022, 2023} <= set(data["data_years"]), slug

    liepaja = build(scope_of(Municipality.objects.get(slug="liepaja")), 2023)
    # seed 001: the two competitions fund 3–4 and 15–22 projects a year
    assert Decimal(liepaja["totals"]["grants.funded"]["2023"]["value"]) == 3 + 18

    survey = Survey.objects.get(initiative__title__startswith="Daugavpils ģimeņu")
    assert survey.status == "closed" and Response.objects.filter(survey=survey).count() == 10
    daugavpils = build(scope_of(Municipality.objects.get(slug="daugavpils")), 2023)
    averages = [
        daugavpils["totals"][f"surveys.{k}"]["2023"]["value"]
        for k in ("worker_rating", "own_involvement", "change_achieved")
    ]
    assert averages == ["9.2", "6.2", "8.2"]

    published = AnnualReport.objects.get(municipality__slug="daugavpils", year=2022)
    assert published.status == "published" and AnnualReportPage.objects.get(report=published).live
    assert AnnualReport.objects.get(municipality__slug="daugavpils", year=2023).status == "draft"

    counts = (
        AnnualReport.objects.count(),
        Response.objects.count(),
        PlanningRegion.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (
        AnnualReport.objects.count(),
        Response.objects.count(),
        PlanningRegion.objects.count(),
    ) == counts
