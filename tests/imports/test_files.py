"""Every committed sample file (see files/README.md) imports: each encoding, separator and
format Latvian offices send, including files written by LibreOffice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from kopiena.casework import audit
from kopiena.casework.importing import read_dataset, run_import
from kopiena.casework.roles import Role
from kopiena.community_work.models import Initiative
from kopiena.grants.models import Application, BudgetLine, Organisation
from tests.factories import CommunityCentreFactory, CommunityFactory, user_with_role

from .conftest import read

pytestmark = pytest.mark.django_db

APPLICATION_FILES = [
    "applications_libreoffice.xlsx",
    "applications_libreoffice_cp1257.csv",
    "applications_utf8_bom_comma.csv",
]


@pytest.mark.parametrize("name", APPLICATION_FILES)
def test_application_files_import_with_budget_lines_and_historic_status(
    name, call, organisations, officer
):
    result = run_import(None, read(name), user=officer, file_name=name, dry_run=False)

    assert result.kind == "applications"
    assert not result.has_errors, result.error_rows
    assert result.written
    assert result.records == {"new": 3, "changed": 0, "unchanged": 0}
    garden = Application.objects.get(reference="LS-2024-001")
    assert garden.title == "Kopienas dārzs Ziemeļu priekšpilsētā"
    assert garden.organisation == organisations[0]
    assert garden.call == call
    assert garden.municipality == organisations[0].municipality  # from the organisation
    assert garden.status == "completed"
    assert garden.approved_amount == Decimal("2400.00")
    assert garden.planned_start == dt.date(2024, 3, 1)
    assert garden.planned_end == dt.date(2024, 11, 30)
    assert garden.decision_date == dt.date(2024, 2, 15)
    lines = list(garden.budget_lines.order_by("sort_order"))
    assert [(x.category, x.description, x.quantity, x.unit_cost) for x in lines] == [
        ("materials", "Dēļi dobēm", Decimal("40"), Decimal("25.50")),
        ("services", "Dārzkopības nodarbības", Decimal("12"), Decimal("125.00")),
    ]
    assert (garden.requested_amount, garden.own_contribution, garden.total_cost) == (
        Decimal("2400.00"),
        Decimal("120.00"),
        Decimal("2520.00"),
    )
    bus = Application.objects.get(reference="LS-2024-003")
    assert bus.budget_lines.get().unit_cost == Decimal("1234.50")  # "1 234,50" with a NBSP
    assert Application.objects.get(reference="LS-2024-002").status == "rejected"
    assert bus.status == "draft"
    # Totals equal the sums of the lines for every application.
    for app in Application.objects.all():
        sums = BudgetLine.objects.filter(application=app).aggregate(
            r=Sum("requested"), o=Sum("own")
        )
        assert (app.requested_amount, app.own_contribution) == (sums["r"], sums["o"])
        assert app.total_cost == app.requested_amount + app.own_contribution
    # The audit trail says the status came from this file, by whom, from which row.
    entry = audit.entries_for(garden)[0]
    assert entry.action == audit.IMPORTED
    assert entry.user == officer
    assert entry.data == {"to": "completed", "file": name, "row": 2, "source": "import"}


@pytest.mark.parametrize(
    "name", ["organisations_libreoffice_cp1257.csv", "organisations_libreoffice_utf8_comma.csv"]
)
def test_organisation_files_import(name, liepaja, officer):
    result = run_import(None, read(name), user=officer, file_name=name, dry_run=False)

    assert result.kind == "organisations"
    assert result.counts["new"] == 3 and not result.has_errors
    stars = Organisation.objects.get(registration_number="40008012345")
    assert stars.name == "Biedrība “Saules stari”"
    assert stars.public_benefit is True
    assert stars.iban == "LV80BANK0000435195001"
    assert stars.legal_form == "biedriba"
    assert stars.municipality == liepaja
    assert stars.contact_name == "Līga Bērziņa"
    rose = Organisation.objects.get(registration_number="50008067890")
    assert (rose.legal_form, rose.public_benefit, rose.iban) == ("nodibinajums", False, "")
    assert Organisation.objects.get(registration_number="40008099999").contact_name == (
        "Žanna Čakste"
    )


@pytest.fixture
def places(liepaja):
    """The places the sample initiatives name, as the demo has them."""
    return {
        "karosta": CommunityFactory(name="Karosta", municipality=liepaja),
        "north": CommunityFactory(name="Ziemeļu priekšpilsēta", municipality=liepaja),
        "seniors": CommunityFactory(name="Vientuļie seniori", municipality=liepaja),
        "centre": CommunityCentreFactory(
            name="Iedzīvotāju atbalsta punkts Karostā", municipality=liepaja
        ),
    }


@pytest.fixture
def demo_people(db):
    """The demo's social worker and head, whom the sample initiatives name."""
    return (
        user_with_role(Role.SOCIAL_WORKERS, username="socdarbinieks"),
        user_with_role(Role.SERVICE_HEADS, username="vaditajs"),
    )


@pytest.mark.parametrize("name", ["initiatives_libreoffice.xlsx", "initiatives_utf8_bom_tab.csv"])
def test_initiative_files_import(name, places, demo_people):
    social_worker, service_head = demo_people
    result = run_import(None, read(name), user=service_head, file_name=name, dry_run=False)

    assert result.kind == "initiatives"
    assert not result.has_errors, result.error_rows
    assert result.records["new"] == 3
    cleanup = Initiative.objects.get(reference="KI-2023-01")
    assert cleanup.status == "closed"
    assert cleanup.community == places["karosta"]
    assert cleanup.centre == places["centre"]
    assert cleanup.social_worker == social_worker
    assert cleanup.head == service_head
    assert cleanup.created_at.date() == dt.date(2023, 3, 14)
    assert Initiative.objects.get(reference="KI-2023-02").status == "cancelled"
    assert Initiative.objects.get(reference="KI-2024-01").status == "idea"
    assert audit.entries_for(cleanup)[0].data["file"] == name


def test_every_format_reads_to_the_same_rows():
    """Windows-1257, UTF-8 with BOM and XLSX of the same applications read alike."""
    datasets = [read_dataset(read(name), name) for name in APPLICATION_FILES]
    headers = {tuple(d.headers) for d in datasets}
    assert len(headers) == 1
    assert all(len(d) == 4 for d in datasets)
    assert {d[0][3] for d in datasets} == {"Kopienas dārzs Ziemeļu priekšpilsētā"}
