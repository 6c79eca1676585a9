"""The annual report: drafted with the year's figures, approved and published through the
transition service as a page (and its translation), its figures frozen at publication,
readable through the page API and as an A4 PDF; a later correction of a case does not change
it and shows as a difference to staff only."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, NotAllowed, TransitionInput
from kopiena.grants.models import Application
from kopiena.grants.models import ApplicationStatus as S
from kopiena.monitoring.models import AnnualReport, AnnualReportPage, AnnualReportTranslation
from tests.factories import grant_case, report_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    return report_index()


def create(client, head, **data):
    client.force_login(head)
    return client.post(reverse("kopiena_monitoring_reports:add"), data)


def test_a_year_without_cases_is_refused(client, head, daugavpils, index):
    response = create(client, head, scope="m:daugavpils", year=2021)
    assert response.status_code == 200
    assert "nav reģistrēta neviena lieta" in response.content.decode()  # "no cases"
    assert not AnnualReport.objects.exists()


def test_a_head_cannot_report_on_another_municipality(client, head, liepaja, index):
    grant_case(liepaja, 2023, S.COMPLETED)
    response = create(client, head, scope="m:liepaja", year=2023)
    assert response.status_code == 200 and "scope" in response.context["form"].errors
    assert not AnnualReport.objects.exists()


def publish(report, head):
    perform_transition(report, "submit_for_approval", head, TransitionInput())
    report.refresh_from_db()
    perform_transition(report, "approve", head, TransitionInput())
    report.refresh_from_db()
    return report


def test_head_drafts_writes_and_publishes(client, head, daugavpils, index, outbox):
    grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("4000.00"))
    response = create(client, head, scope="m:daugavpils", year=2023)
    report = AnnualReport.objects.get()
    assert response.url == reverse("kopiena_monitoring_reports:edit", args=[report.pk])
    assert report.title == "Daugavpils: 2023. gada pārskats"
    with pytest.raises(GuardFailed) as refusal:
        perform_transition(report, "submit_for_approval", head, TransitionInput())
    assert "summary" in refusal.value.errors
    AnnualReport.objects.filter(pk=report.pk).update(summary="<p>Gads kopienās.</p>")
    report.refresh_from_db()
    preview = client.get(reverse("kopiena_monitoring_reports:inspect", args=[report.pk]))
    assert preview.status_code == 200 and b"4\xc2\xa0000,00\xc2\xa0\xe2\x82\xac" in preview.content
    report = publish(report, head)
    assert report.status == "published" and report.snapshot["taken_at"]
    page = AnnualReportPage.objects.get(report=report)
    assert page.live and page.get_parent().specific == index
    assert page.figures["totals"]["grants.approved"]["2023"]["value"] == "4000.00"
    public = client.get(page.url)
    assert public.status_code == 200
    assert "Gads kopienās." in public.content.decode()


def test_published_figures_stay_frozen(client, head, daugavpils, index):
    app = grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("4000.00"))
    report = AnnualReport.objects.create(
        municipality=daugavpils, year=2023, title="Daugavpils 2023", summary="<p>Teksts.</p>"
    )
    report = publish(report, head)
    Application.objects.filter(pk=app.pk).update(approved_amount=Decimal("3000.00"))
    page = AnnualReportPage.objects.get(report=report)
    assert "4\xa0000,00\xa0€" in client.get(page.url).content.decode()
    api = client.get(
        "/api/v2/pages/", {"type": "kopiena_monitoring.AnnualReportPage", "fields": "*"}
    )
    item = api.json()["items"][0]
    assert item["figures"]["totals"]["grants.approved"]["2023"]["value"] == "4000.00"
    assert item["data_taken_at"] and item["pdf_url"].endswith("/pdf/")
    client.force_login(head)
    inspect = client.get(reverse("kopiena_monitoring_reports:inspect", args=[report.pk]))
    assert [d["key"] for d in inspect.context["drift"]] == [
        "grants.approved",
        "grants.cost_per_participant",
    ]


def test_the_pdf_is_an_a4_document_with_the_figures(client, head, daugavpils, index):
    grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("4000.00"))
    report = AnnualReport.objects.create(
        municipality=daugavpils,
        year=2023,
        title="Daugavpils: 2023. gada pārskats",
        summary="<p>Kopsavilkums ar garumzīmēm: ā, č, ņ.</p>",
    )
    client.force_login(head)
    draft = client.get(reverse("kopiena_monitoring_reports:pdf", args=[report.pk]))
    assert draft["Content-Type"] == "application/pdf" and draft.content.startswith(b"%PDF")
    report = publish(report, head)
    page = AnnualReportPage.objects.get(report=report)
    client.logout()
    response = client.get(page.url + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF") and len(content) > 10_000
    again = client.get(page.url + "pdf/")
    assert again.content == content  # kept, not made again


def test_the_print_template_is_a4_with_latvian_letters(rf, daugavpils):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from kopiena.monitoring.pdf import TEMPLATE

    html = render_to_string(
        TEMPLATE,
        {
            "title": "Daugavpils: 2023. gada pārskats",
            "narrative": [],
            "report_view": {},
            "draft": True,
        },
    )
    document = HTML(string=html).render()
    page = document.pages[0]
    assert round(page.width) == 794 and round(page.height) == 1123  # 210 × 297 mm in CSS px
    assert "MELNRAKSTS" in html  # the draft says so on every page


def test_only_the_municipality_heads_approve_and_a_return_needs_a_reason(
    head, liepaja_head, daugavpils, index
):
    grant_case(daugavpils, 2023, S.COMPLETED)
    report = AnnualReport.objects.create(
        municipality=daugavpils, year=2023, title="D", summary="<p>x</p>"
    )
    with pytest.raises(NotAllowed):
        perform_transition(report, "submit_for_approval", liepaja_head, TransitionInput())
    perform_transition(report, "submit_for_approval", head, TransitionInput())
    report.refresh_from_db()
    with pytest.raises(NotAllowed):
        perform_transition(report, "approve", liepaja_head, TransitionInput())
    with pytest.raises(GuardFailed):
        perform_transition(report, "return_report", head, TransitionInput())
    perform_transition(
        report, "return_report", head, TransitionInput(comment="Papildiniet plānus.")
    )
    report.refresh_from_db()
    assert report.status == "draft"


def test_region_report_by_the_coordinator_compares_municipalities(
    coordinator, latgale, daugavpils, rezekne, index
):
    grant_case(daugavpils, 2023, S.COMPLETED)
    report = AnnualReport.objects.create(
        region=latgale, year=2023, title="Latgale 2023", summary="<p>x</p>"
    )
    report = publish(report, coordinator)
    assert set(report.snapshot["by_municipality"]) == {"daugavpils", "rezekne"}
    assert report.snapshot["by_municipality"]["rezekne"]["has_data"] is False


def test_a_russian_translation_is_published_where_the_site_has_russian(head, daugavpils, index):
    grant_case(daugavpils, 2023, S.COMPLETED)
    russian = Locale.objects.create(language_code="ru")
    index.copy_for_translation(russian, copy_parents=True).save_revision().publish()
    report = AnnualReport.objects.create(
        municipality=daugavpils, year=2023, title="Daugavpils 2023", summary="<p>Latviski.</p>"
    )
    AnnualReportTranslation.objects.create(
        report=report, language="ru", title="Даугавпилс 2023", summary="<p>По-русски.</p>"
    )
    publish(report, head)
    pages = AnnualReportPage.objects.filter(report=report)
    assert {p.locale.language_code for p in pages} == {"lv", "ru"}
    russian_page = pages.get(locale=russian)
    assert russian_page.live and "По-русски" in russian_page.summary
    assert russian_page.figures == pages.get(locale__language_code="lv").figures


def test_three_years_on_the_site_use_published_reports_only(client, head, daugavpils, index):
    grant_case(daugavpils, 2022, S.COMPLETED, approved=Decimal("1000.00"))
    grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("3000.00"))
    for year in (2022, 2023):
        publish(
            AnnualReport.objects.create(
                municipality=daugavpils, year=year, title=f"D {year}", summary="<p>x</p>"
            ),
            head,
        )
    response = client.get(index.url + "daugavpils/2021-2023/")
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [c.source for c in comparison.years] == ["missing", "published", "published"]
    approved = next(r for r in comparison.rows if r["key"] == "grants.approved")
    assert approved["cells"][2]["change"].display.startswith("▲")
    assert client.get(index.url + "liepaja/2021-2023/").status_code == 404


def test_open_data_lists_published_figures_only(client, head, daugavpils, index):
    grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("4000.00"))
    report = AnnualReport.objects.create(
        municipality=daugavpils, year=2023, title="D", summary="<p>x</p>"
    )
    assert client.get("/api/monitoring/indicators.json").json()["rows"] == []
    publish(report, head)
    data = client.get("/api/monitoring/indicators.json", {"municipality": "daugavpils"}).json()
    row = next(r for r in data["rows"] if r["indicator"] == "grants.approved")
    assert row["value"] == "4000.00" and row["level"] == "m" or row["level"] == "municipality"
    assert set(data["fields"]) >= {
        "indicator",
        "value",
        "numerator",
        "denominator",
        "data_taken_at",
    }
    csv = client.get("/api/monitoring/indicators.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("level;place;place_name;year;indicator")
    assert client.get("/api/monitoring/indicators.json", {"year": "x"}).status_code == 400
