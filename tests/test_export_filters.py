"""Export from every admin listing that has one honours the listing's filters and search, in
CSV and in XLSX: ``?export=csv`` / ``?export=xlsx`` with the same parameters as the page
gives exactly the rows the page shows.

(A reviewer's "My reviews" page is a plain list of their own assignments, not a filterable
listing, and has no export.)"""

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pytest
from django.urls import reverse

from kopiena.casework.roles import Role
from kopiena.community_work.models import CommunityKind, InitiativeStatus
from kopiena.grants.models import ApplicationStatus, LegalForm
from tests.factories import (
    ActivityLogFactory,
    ApplicationFactory,
    CommunityCentreFactory,
    CommunityFactory,
    InitiativeFactory,
    MunicipalityFactory,
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]


def read_export(response, fmt) -> list[list[str]]:
    """The rows of an export, its heading row left out; every cell as text."""
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        assert response["Content-Type"].startswith("text/csv")
        assert content.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would not read UTF-8"
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    else:
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    assert rows, "no heading row"
    return rows[1:]


@dataclass
class Case:
    """One filtered export: who reads, which listing, the rows made (name → should it be
    in the export), and the parameters (given the made objects by name)."""

    reader: str
    url_name: str
    make: Callable[[object], dict]
    params: Callable[[dict], dict]
    expected: set[str]
    #: whether the listing shows the name too (weekly logs show their dates, not the text)
    on_page: bool = True


def _applications(user):
    return {
        "Senioru rīti": ApplicationFactory(
            title="Senioru rīti", status=ApplicationStatus.SUBMITTED
        ),
        "Senioru vakari": ApplicationFactory(title="Senioru vakari"),
        "Jauniešu rīti": ApplicationFactory(
            title="Jauniešu rīti", status=ApplicationStatus.SUBMITTED
        ),
    }


def _organisations(user):
    return {
        "Biedrība Saule": OrganisationFactory(name="Biedrība Saule"),
        "Biedrība Mēness": OrganisationFactory(name="Biedrība Mēness"),
        "Nodibinājums Saule": OrganisationFactory(
            name="Nodibinājums Saule", legal_form=LegalForm.NODIBINAJUMS
        ),
    }


def _initiatives(user):
    other = user_with_role(Role.SOCIAL_WORKERS, username="cits-darbinieks")
    planning = InitiativeStatus.PLANNING
    return {
        "Kopienas dārzs": InitiativeFactory(
            title="Kopienas dārzs", social_worker=user, status=planning
        ),
        "Dārzs pie skolas": InitiativeFactory(
            title="Dārzs pie skolas", social_worker=other, status=planning
        ),
        "Sporta laukums": InitiativeFactory(title="Sporta laukums", social_worker=user),
    }


def _logs(user):
    first, second = InitiativeFactory(title="Pirmā"), InitiativeFactory(title="Otrā")

    def log(initiative, week, difficulties):
        monday = dt.date(2026, 2, 2) + dt.timedelta(weeks=week)
        return ActivityLogFactory(
            initiative=initiative,
            period_start=monday,
            period_end=monday + dt.timedelta(days=4),
            difficulties=difficulties,
        )

    return {
        "first": first,
        "Lietus pirmdien": log(first, 0, "Lietus pirmdien"),
        "Lietus otrdien": log(second, 0, "Lietus otrdien"),
        "Sniegs": log(first, 1, "Sniegs"),
    }


def _communities(user):
    neighbourhood = CommunityKind.NEIGHBOURHOOD
    return {
        "Jaunā apkaime": CommunityFactory(name="Jaunā apkaime", kind=neighbourhood),
        "Jaunais pagasts": CommunityFactory(name="Jaunais pagasts", kind=CommunityKind.PARISH),
        "Vecā apkaime": CommunityFactory(name="Vecā apkaime", kind=neighbourhood),
    }


def _centres(user):
    cesis, valmiera = MunicipalityFactory(name="Cēsis"), MunicipalityFactory(name="Valmiera")
    return {
        "cesis": cesis,
        "Ausma Cēsīs": CommunityCentreFactory(name="Ausma Cēsīs", municipality=cesis),
        "Ausma Valmierā": CommunityCentreFactory(name="Ausma Valmierā", municipality=valmiera),
        "Rīts": CommunityCentreFactory(name="Rīts", municipality=cesis),
    }


CASES = {
    "applications-status": Case(
        Role.GRANT_OFFICERS,
        "grants_applications:index",
        _applications,
        lambda o: {"status": ApplicationStatus.SUBMITTED},
        {"Senioru rīti", "Jauniešu rīti"},
    ),
    "applications-status-search": Case(
        Role.GRANT_OFFICERS,
        "grants_applications:index",
        _applications,
        lambda o: {"status": ApplicationStatus.SUBMITTED, "q": "Senioru"},
        {"Senioru rīti"},
    ),
    "organisations-legal-form": Case(
        Role.GRANT_OFFICERS,
        "grants_organisations:index",
        _organisations,
        lambda o: {"legal_form": LegalForm.BIEDRIBA},
        {"Biedrība Saule", "Biedrība Mēness"},
    ),
    "organisations-legal-form-search": Case(
        Role.GRANT_OFFICERS,
        "grants_organisations:index",
        _organisations,
        lambda o: {"legal_form": LegalForm.BIEDRIBA, "q": "Saule"},
        {"Biedrība Saule"},
    ),
    "initiatives-mine": Case(
        Role.SOCIAL_WORKERS,
        "community_initiatives:index",
        _initiatives,
        lambda o: {"mine": "true", "status": InitiativeStatus.PLANNING},
        {"Kopienas dārzs"},
    ),
    "initiatives-status-search": Case(
        Role.SOCIAL_WORKERS,
        "community_initiatives:index",
        _initiatives,
        lambda o: {"status": InitiativeStatus.PLANNING, "q": "dārzs"},
        {"Kopienas dārzs", "Dārzs pie skolas"},
    ),
    "weekly-logs-initiative": Case(
        Role.SOCIAL_WORKERS,
        "community_weekly_logs:index",
        _logs,
        lambda o: {"initiative": o["first"].pk},
        {"Lietus pirmdien", "Sniegs"},
        on_page=False,
    ),
    "weekly-logs-initiative-search": Case(
        Role.SOCIAL_WORKERS,
        "community_weekly_logs:index",
        _logs,
        lambda o: {"initiative": o["first"].pk, "q": "Lietus"},
        {"Lietus pirmdien"},
        on_page=False,
    ),
    "communities-kind": Case(
        Role.SOCIAL_WORKERS,
        "communities:index",
        _communities,
        lambda o: {"kind": CommunityKind.NEIGHBOURHOOD},
        {"Jaunā apkaime", "Vecā apkaime"},
    ),
    "communities-kind-search": Case(
        Role.SOCIAL_WORKERS,
        "communities:index",
        _communities,
        lambda o: {"kind": CommunityKind.NEIGHBOURHOOD, "q": "Jaun"},
        {"Jaunā apkaime"},
    ),
    "centres-municipality": Case(
        Role.SOCIAL_WORKERS,
        "community_centres:index",
        _centres,
        lambda o: {"municipality": o["cesis"].pk},
        {"Ausma Cēsīs", "Rīts"},
    ),
    "centres-municipality-search": Case(
        Role.SOCIAL_WORKERS,
        "community_centres:index",
        _centres,
        lambda o: {"municipality": o["cesis"].pk, "q": "Ausma"},
        {"Ausma Cēsīs"},
    ),
    # The snippet listings have a search and no filters.
    "municipalities-search": Case(
        "superuser",
        "wagtailsnippets_kopiena_casework_municipality:list",
        lambda u: {
            "Cēsis": MunicipalityFactory(name="Cēsis"),
            "Valmiera": MunicipalityFactory(name="Valmiera"),
        },
        lambda o: {"q": "Cēs"},
        {"Cēsis"},
    ),
    "target-groups-search": Case(
        "superuser",
        "wagtailsnippets_kopiena_casework_targetgroup:list",
        lambda u: {
            "Seniori": TargetGroupFactory(name="Seniori"),
            "Jaunieši": TargetGroupFactory(name="Jaunieši"),
        },
        lambda o: {"q": "Senior"},
        {"Seniori"},
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CASES)
def test_export_has_only_the_filtered_rows(name, fmt, client):
    case = CASES[name]
    if case.reader == "superuser":
        user = UserFactory(username="admin-eksports", is_superuser=True, is_staff=True)
    else:
        user = user_with_role(case.reader, username="eksportetajs")
    objects = case.make(user)
    names = {key for key, obj in objects.items() if key not in {"first", "cesis"}}
    assert case.expected < names  # the filter leaves something out
    client.force_login(user)
    url = reverse(case.url_name)
    params = case.params(objects)

    page = client.get(url, params)
    rows = read_export(client.get(url, {**params, "export": fmt}), fmt)

    exported = {key for key in names if any(key in row for row in rows)}
    assert exported == case.expected, rows
    assert len(rows) == len(case.expected), rows
    assert page.status_code == 200
    if case.on_page:  # the page shows the rows the export has
        assert {key for key in names if key in page.content.decode()} >= case.expected
