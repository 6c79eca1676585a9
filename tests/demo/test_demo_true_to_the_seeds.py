"""The whole demo, loaded as ``make run`` loads it, says what the seeds say (issue 12, item
10): the nine pilots closed on the day they ended with the seed's own figures, Liepāja's
calls funding Liepāja's organisations and the Latgale programmes Latgale's, the bracelet
project only submitted, Križi co-financed by the Daugavpils council, "Kadiķis" in Kalngale,
Bauska's centre a goal and not premises, invented rules marked as examples on the call page,
and the workflow demo on invented initiatives.

One load (it takes a while), several checks, each named."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from kopiena.casework import audit
from kopiena.casework.dates import RIGA
from kopiena.community_work.models import CommunityCentre, Initiative, InitiativeStatus
from kopiena.grants.models import Application, ApplicationStatus, GrantCall
from kopiena.monitoring.models import Answer, Survey

pytestmark = pytest.mark.django_db

PILOT_END = dt.date(2023, 5, 31)
EXAMPLE = "(piemērs)"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def _pilots():
    return Initiative.objects.exclude(title__endswith=EXAMPLE).select_related("centre")


def check_the_pilots_are_closed_on_the_day_they_ended():
    pilots = list(_pilots())
    assert len(pilots) == 9
    for pilot in pilots:
        assert pilot.status == InitiativeStatus.CLOSED, pilot
        last = [e for e in audit.entries_for(pilot) if e.action == audit.TRANSITION][-1]
        assert last.data["to"] == InitiativeStatus.CLOSED
        assert last.timestamp.astimezone(RIGA).date() == PILOT_END, pilot
        assert pilot.created_at.astimezone(RIGA).date() >= dt.date(2022, 9, 1)
        # The seeds give no single 1–10 score for any pilot.
        assert pilot.evaluation.satisfaction is None, pilot


def check_the_daugavpils_survey_keeps_its_three_averages():
    pilot = Initiative.objects.get(title__startswith="Daugavpils ģimeņu")
    assert pilot.evaluation.satisfaction != 8
    for figure in ("9,2", "6,2", "8,2"):
        assert figure in pilot.evaluation.results
    survey = Survey.objects.get(initiative=pilot)
    averages = []
    for question in list(survey.questions.order_by("sort_order", "pk"))[:3]:
        numbers = list(Answer.objects.filter(question=question).values_list("number", flat=True))
        averages.append(Decimal(sum(numbers)) / len(numbers))
    assert averages == [Decimal("9.2"), Decimal("6.2"), Decimal("8.2")]


def check_the_workflow_demo_runs_on_invented_initiatives():
    current = Initiative.objects.filter(title__endswith=EXAMPLE)
    states = set(current.values_list("status", flat=True))
    assert {InitiativeStatus.IDEA, InitiativeStatus.PLANNING} <= states
    assert InitiativeStatus.AWAITING_APPROVAL in states


def check_liepajas_calls_fund_liepajas_organisations():
    calls = GrantCall.objects.filter(municipality__slug="liepaja")
    assert calls.count() >= 2
    applications = Application.objects.filter(call__in=calls).select_related(
        "organisation__municipality"
    )
    assert applications.exists()
    for application in applications:
        assert application.organisation.municipality.slug == "liepaja", application


def check_latgale_programmes_fund_latgale_organisations():
    for slug in ("latgales-socialo-pakalpojumu-programma-2-karta", "darbigas-kopienas-latgale"):
        applications = Application.objects.filter(call__slug__startswith=slug).select_related(
            "organisation__municipality__planning_region"
        )
        assert applications.exists(), slug
        for application in applications:
            region = application.organisation.municipality.planning_region
            assert region is not None and region.slug == "latgale", application


def check_the_bracelets_were_only_submitted():
    bracelets = Application.objects.get(
        call__slug="darbigas-kopienas-latgale-2023", title="Mēs esam līdzās"
    )
    assert bracelets.status == ApplicationStatus.SUBMITTED
    assert bracelets.approved_amount is None
    assert not bracelets.community_initiatives.exists()


def check_krizi_is_co_financed_by_the_daugavpils_council():
    krizi = Initiative.objects.select_related("grant_application__call__municipality").get(
        title="Križu senioru biedrības atdzīvināšana"
    )
    call = krizi.grant_application.call
    assert call.municipality.slug == "daugavpils"
    assert call.opens_at.astimezone(RIGA).year == 2023
    assert krizi.grant_application.approved_amount


def check_no_rule_the_seeds_do_not_state():
    notices = {
        "lv": "demonstrācijas dati",
        "en": "demonstration data",
        "ru": "демонстрационные данные",
    }
    for call in GrantCall.objects.select_related("locale"):
        text = f"{call.summary} {call.required_documents}".lower()
        assert "krievu" not in text, call
        # Each call page, translations included, says which rules are examples.
        assert notices[call.locale.language_code] in call.body.lower(), call
    liepaja = GrantCall.objects.get(slug="liepaja-socialas-ieklausanas-veicinasanas-konkurss-2026")
    assert not liepaja.public_benefit_required


def check_kadikis_is_in_kalngale_and_bauska_has_no_invented_centre():
    kadikis = CommunityCentre.objects.get(name__contains="Kadiķis")
    assert kadikis.municipality.slug == "adazu-novads"
    assert "Kalngale" in kadikis.address
    assert not Initiative.objects.filter(centre=kadikis, municipality__slug="daugavpils").exists()
    assert _pilots().get(title__startswith="Alderu").centre is None
    assert not CommunityCentre.objects.filter(municipality__slug="bauskas-novads").exists()
    assert _pilots().get(title__startswith="Bauskas").centre is None


def test_the_demo_is_true_to_the_seeds(demo, client):
    check_the_pilots_are_closed_on_the_day_they_ended()
    check_the_daugavpils_survey_keeps_its_three_averages()
    check_the_workflow_demo_runs_on_invented_initiatives()
    check_liepajas_calls_fund_liepajas_organisations()
    check_latgale_programmes_fund_latgale_organisations()
    check_the_bracelets_were_only_submitted()
    check_krizi_is_co_financed_by_the_daugavpils_council()
    check_no_rule_the_seeds_do_not_state()
    check_kadikis_is_in_kalngale_and_bauska_has_no_invented_centre()

    page = GrantCall.objects.get(slug="liepaja-socialas-ieklausanas-veicinasanas-konkurss-2026")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Demonstrācijas dati." in response.content.decode()
