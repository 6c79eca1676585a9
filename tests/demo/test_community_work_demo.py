"""The demo loader: the nine pilots of seed 004 closed as they ended, invented current
initiatives in varied states with a real history, idempotent, and tolerant of an incomplete
fixture."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from wagtail.models import ModelLogEntry

from demo.data import accounts as casework_demo
from demo.data import community_work as demo
from kopiena.casework import audit
from kopiena.community_work.models import (
    ActivityLog,
    ChosenApproach,
    Community,
    CommunityCentre,
    Evaluation,
    Initiative,
    InitiativeStatus,
    LogActivity,
    Task,
)
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

S = InitiativeStatus
PAGES_FIXTURE = Path(settings.BASE_DIR) / "demo" / "fixtures" / "pages.json"


@pytest.fixture
def accounts_and_municipalities(db):
    casework_demo.load(io.StringIO())
    for item in json.loads(PAGES_FIXTURE.read_text(encoding="utf-8"))["municipalities"]:
        MunicipalityFactory(name=item["name"], slug=item["slug"])


def _load(path=None):
    out = io.StringIO()
    demo.load(out, path)
    return out.getvalue()


def _counts():
    models = [CommunityCentre, Community, Initiative, Task, ChosenApproach, ActivityLog]
    models += [LogActivity, Evaluation, ModelLogEntry]
    return {model.__name__: model.objects.count() for model in models}


def test_the_current_initiatives_arrive_in_varied_states_with_a_real_history(
    accounts_and_municipalities, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = _load()

    assert "stopped before" not in output, output
    pilots = Initiative.objects.exclude(title__endswith="(piemērs)")
    assert pilots.count() == 9
    assert set(pilots.values_list("status", flat=True)) == {S.CLOSED}
    initiatives = list(Initiative.objects.filter(title__endswith="(piemērs)"))
    assert len(initiatives) == 8
    assert {i.status for i in initiatives} == {
        S.IDEA,
        S.PLANNING,
        S.AWAITING_APPROVAL,
        S.APPROVED,
        S.IN_PROGRESS,
        S.EVALUATING,
        S.REPORTED,
        S.CLOSED,
    }
    worker = User.objects.get(username="socdarbinieks")
    head = User.objects.get(username="vaditajs")
    for initiative in initiatives:
        assert initiative.social_worker == worker
        history = audit.entries_for(initiative)
        if initiative.status != S.IDEA:
            assert history, initiative
        assert all(entry.data["source"] == "demo" for entry in history)
        for entry in history:
            actor = (
                head
                if entry.data["action"] in ("approve", "return_plan", "accept_report")
                else worker
            )
            assert entry.user == actor
        # What each state needs is there, and everything passes its own rules.
        if initiative.status not in (S.IDEA, S.PLANNING):
            assert initiative.goal and initiative.tasks.exists()
        if initiative.status in (S.IN_PROGRESS, S.EVALUATING, S.REPORTED, S.CLOSED):
            assert initiative.logs.exists()
        if initiative.status in (S.REPORTED, S.CLOSED):
            assert not initiative.evaluation.completeness_errors()
        assert sum(a.is_main for a in initiative.approaches.all()) == 1
        for log in initiative.logs.all():
            log.full_clean()
            for activity in log.activities.all():
                assert log.period_start <= activity.date <= log.period_end
        initiative.full_clean()
    closed = [i for i in initiatives if i.status == S.CLOSED]
    assert any("return_plan" in [e.data["action"] for e in audit.entries_for(i)] for i in closed)
    in_progress = Initiative.objects.get(status=S.IN_PROGRESS)
    assert "back_to_assessment" in [e.data["action"] for e in audit.entries_for(in_progress)]


def test_the_seeds_places_are_there(accounts_and_municipalities):
    _load()
    communities = set(Community.objects.values_list("name", flat=True))
    assert {"Križi", "Alderi un Baltezers", "Dzirciems", "Viļāni"} <= communities
    centres = " ".join(CommunityCentre.objects.values_list("name", flat=True))
    for name in ["Ābelzieds", "Kadiķis", "Pīlādzis", "Saskarsme", "Cerība"]:
        assert name in centres
    for centre in CommunityCentre.objects.all():
        centre.full_clean()


def test_loading_twice_changes_nothing(accounts_and_municipalities):
    _load()
    first = _counts()
    states = dict(Initiative.objects.values_list("title", "status"))

    _load()

    assert _counts() == first
    assert dict(Initiative.objects.values_list("title", "status")) == states


def test_an_incomplete_fixture_loads_what_it_can(
    accounts_and_municipalities, tmp_path, monkeypatch
):
    monkeypatch.setattr(demo, "TARGETS", [S.CLOSED, S.CLOSED, S.CLOSED])
    fixture = tmp_path / "community.json"
    fixture.write_text(
        json.dumps(
            {
                "centres": [
                    {"name": "Centrs bez koordinātām", "municipality": "riga"},
                    {"name": "Centrs nekurienē", "municipality": "nav-tada"},
                    {"municipality": "riga"},
                ],
                "communities": [{"name": "Imanta", "municipality": "riga"}],
                "initiatives": [
                    {"title": "Bez kopienas", "municipality": "riga", "community": "Nav"},
                    {
                        "title": "Imantas iniciatīva",
                        "municipality": "riga",
                        "community": "Imanta",
                        "centre": "Nav tāda centra",
                        "approaches": ["advocacy", "nezināma pieeja"],
                    },
                    {
                        "title": "Imantas vakari",
                        "municipality": "riga",
                        "community": "Imanta",
                        "goal": "Satikties reizi nedēļā.",
                        "tasks": [{"title": "Sarunāt telpas"}, {"responsible": "bez nosaukuma"}],
                        "partners": ["Bibliotēka", {"name": "Skola", "role": "zāle"}],
                        "weekly_logs": [
                            {
                                "period_start": "2023-01-02",
                                "period_end": "2023-01-08",
                                "activities": [
                                    {"date": "2023-01-03", "description": "Sapulce"},
                                    {"date": "2023-02-01", "description": "Ārpus nedēļas"},
                                ],
                            },
                            {"period_start": "2023-01-08", "period_end": "2023-01-14"},
                            {"period_start": "nav datums", "period_end": "2023-01-14"},
                        ],
                        "evaluation": {"results": "Notika 5 vakari.", "satisfaction": 11},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )

    output = _load(fixture)

    assert CommunityCentre.objects.count() == 1
    initiative = Initiative.objects.get(title="Imantas iniciatīva")
    assert initiative.centre is None
    # Meant to close, it stops where the guard does: the file gives no goal and no tasks.
    assert initiative.status == S.PLANNING
    assert "submit_for_approval" in output or "Submit plan" in output
    assert [a.approach for a in initiative.approaches.all()] == ["advocacy"]
    assert initiative.approaches.get().is_main
    assert "nav-tada" in output and "Nav" in output
    assert not Initiative.objects.filter(title="Bez kopienas").exists()

    evenings = Initiative.objects.get(title="Imantas vakari")
    # Meant to close; the satisfaction of 11 is no score, so it waits in evaluation.
    assert evenings.status == S.EVALUATING
    assert [t.title for t in evenings.tasks.all()] == ["Sarunāt telpas"]
    assert [(p.name, p.role) for p in evenings.partners.all()] == [
        ("Bibliotēka", ""),
        ("Skola", "zāle"),
    ]
    (log,) = evenings.logs.all()  # the overlapping and the undated weeks are skipped
    assert [a.description for a in log.activities.all()] == ["Sapulce"]
    assert evenings.evaluation.satisfaction is None


@pytest.mark.parametrize("content", [None, "not json", "[]"])
def test_a_missing_or_broken_fixture_loads_nothing(content, accounts_and_municipalities, tmp_path):
    fixture = tmp_path / "community.json"
    if content is not None:
        fixture.write_text(content, encoding="utf-8")
    output = _load(fixture)
    assert "community work" in output
    assert not Initiative.objects.exists()
