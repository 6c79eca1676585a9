"""Scale data for the benchmarks: community initiatives in every state, written with
``bulk_create`` by ``manage.py generate_scale_data`` after ``grants.scale`` (whose shared
helpers — names, places, staff accounts, audit entries — it uses).

Generated initiatives are recognisable by their communities (names ending in ``(SC)``) and
the generated social workers (``scale-socdarbinieks-NN``); a run tops up to the total it is
given. Each state comes with what it implies: an assessment and approaches once planning
started, a goal and tasks once the plan was submitted, a head once approved, weekly logs
once work started, an evaluation once finished, and the audit trail of the transitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from demo.data.scale import (
    CHUNK,
    RIGA,
    bulk,
    has_field,
    history_entries,
    municipalities,
    person_name,
    rng,
    staff_users,
    transition_table,
)
from kopiena.community_work.models import (
    ActivityLog,
    Assessment,
    ChosenApproach,
    Community,
    CommunityCentre,
    CommunityKind,
    Evaluation,
    Initiative,
    InitiativeStatus,
    LogActivity,
    PracticeApproach,
    Task,
)
from kopiena.community_work.roles import Role

S = InitiativeStatus
COMMUNITY_MARK = "(SC)"
#: Initiatives per generated community.
COMMUNITY_SIZE = 5

PATHS: dict[str, tuple[str, ...]] = {
    S.IDEA: (),
    S.PLANNING: ("start_planning",),
    S.AWAITING_APPROVAL: ("start_planning", "submit_for_approval"),
    S.APPROVED: ("start_planning", "submit_for_approval", "approve"),
    S.IN_PROGRESS: ("start_planning", "submit_for_approval", "approve", "start"),
    S.EVALUATING: ("start_planning", "submit_for_approval", "approve", "start", "finish"),
    S.REPORTED: (
        "start_planning", "submit_for_approval", "approve", "start", "finish", "submit_report",
    ),
    S.CLOSED: (
        "start_planning", "submit_for_approval", "approve", "start", "finish", "submit_report",
        "accept_report",
    ),
    S.CANCELLED: ("start_planning", "cancel"),
}  # fmt: skip
HEAD_ACTIONS = ("approve", "accept_report")
STATE_WEIGHTS = {
    S.IDEA: 8,
    S.PLANNING: 12,
    S.AWAITING_APPROVAL: 8,
    S.APPROVED: 8,
    S.IN_PROGRESS: 20,
    S.EVALUATING: 8,
    S.REPORTED: 6,
    S.CLOSED: 22,
    S.CANCELLED: 8,
}
PLANNED = {s for s, path in PATHS.items() if "submit_for_approval" in path}
STARTED = {s for s, path in PATHS.items() if "start" in path}
FINISHED = {s for s, path in PATHS.items() if "finish" in path}
THEMES = (
    "Senioru tikšanās vieta", "Apkaimes sakopšanas talka", "Jauniešu iniciatīvu grupa",
    "Kaimiņu atbalsta tīkls", "Vecāku atbalsta grupa", "Kopienas dārzs",
    "Pagalma svētki", "Digitālo prasmju kafejnīca",
)  # fmt: skip
PLACES = ("Križi", "Alderi", "Dzirciems", "Viļāni", "Kalnciems", "Ezerkrasts", "Jaunbūve")
TASKS = (
    "Sarunas ar iedzīvotājiem", "Telpu sagatavošana", "Informatīvais pasākums",
    "Brīvprātīgo piesaiste", "Darba grupas tikšanās",
)  # fmt: skip


def scale_initiatives():
    return Initiative.objects.filter(community__name__endswith=COMMUNITY_MARK)


def state_for(index, r) -> str:
    states = list(STATE_WEIGHTS)
    if index < len(states):
        return states[index]
    return r.choices(states, weights=list(STATE_WEIGHTS.values()))[0]


def generate_initiatives(total: int, *, seed: int, out: Callable[[str], None]) -> int:
    """Top up the generated initiatives to ``total``."""
    start = scale_initiatives().count()
    if start >= total:
        return 0
    places = municipalities()
    workers = staff_users(Role.SOCIAL_WORKERS, "socdarbinieks", 20, seed)
    heads = staff_users(Role.SERVICE_HEADS, "vaditajs", 5, seed)
    transitions = transition_table(Initiative)
    content_type = ContentType.objects.get_for_model(Initiative)
    centres = _centres(places)
    for first in range(start, total, CHUNK):
        indexes = range(first, min(first + CHUNK, total))
        communities = _communities(
            sorted({i // COMMUNITY_SIZE for i in indexes}), seed=seed, places=places
        )
        plans = [
            _plan(i, rng(seed, "initiative", i), communities[i // COMMUNITY_SIZE], centres,
                  workers, heads)
            for i in indexes
        ]  # fmt: skip
        _write(plans, transitions, content_type)
    out(f"initiatives: {total - start} added ({total} generated in all)")
    return total - start


def _centres(places: list[int]) -> dict[int, int]:
    """One generated community centre per municipality: municipality id → centre id."""
    existing = dict(
        CommunityCentre.objects.filter(name__endswith=COMMUNITY_MARK).values_list(
            "municipality_id", "pk"
        )
    )
    missing = [p for p in places if p not in existing]
    if missing:
        created = bulk(
            CommunityCentre,
            [
                CommunityCentre(
                    name=f"Kopienas centrs {COMMUNITY_MARK}",
                    municipality_id=p,
                    opening_hours="P.–Pk. 9.00–18.00",
                )
                for p in missing
            ],
        )
        existing.update({c.municipality_id: c.pk for c in created})
    return existing


def _communities(numbers: list[int], *, seed: int, places: list[int]) -> dict[int, Community]:
    names = {n: f"{PLACES[n % len(PLACES)]} {n + 1} {COMMUNITY_MARK}" for n in numbers}
    existing = {c.name: c for c in Community.objects.filter(name__in=names.values())}
    missing = []
    for n, name in names.items():
        if name not in existing:
            r = rng(seed, "community", n)
            kind = r.choice(list(CommunityKind.values))
            missing.append(
                Community(name=name, kind=kind, municipality_id=r.choice(places),
                          size=r.randrange(50, 3000))
            )  # fmt: skip
    for community in bulk(Community, missing):
        existing[community.name] = community
    return {n: existing[name] for n, name in names.items()}


def _plan(i, r, community, centres, workers, heads) -> dict:
    state = state_for(i, r)
    worker_id = r.choice(workers)
    head_id = r.choice(heads)
    created = dt.datetime(2021 + i % 5, 1 + r.randrange(0, 9), 1 + r.randrange(0, 28), 9,
                          tzinfo=RIGA)  # fmt: skip
    initiative = Initiative(
        title=f"{r.choice(THEMES)} — {community.name.removesuffix(COMMUNITY_MARK).strip()} "
        f"({i + 1})",
        community=community,
        centre_id=centres.get(community.municipality_id),
        municipality_id=community.municipality_id,
        social_worker_id=worker_id,
        status=state,
        created_at=created,
    )
    if has_field(Initiative, "reference"):
        initiative.reference = f"KI-{created.year}-{i + 1:06d}"
    at = created
    steps = []
    for action_name in PATHS[state]:
        at = at + dt.timedelta(days=r.randrange(3, 30))
        user_id = head_id if action_name in HEAD_ACTIONS else worker_id
        steps.append((action_name, user_id, at))
    if state in PLANNED:
        initiative.goal = "Stiprināt kaimiņu savstarpējo atbalstu un iesaisti apkaimes dzīvē."
    if any(name == "approve" for name, _u, _a in steps):
        initiative.head_id = head_id
    started = next((a for name, _u, a in steps if name == "start"), None)
    return {
        "initiative": initiative,
        "state": state,
        "steps": steps,
        "tasks": r.sample(TASKS, r.randrange(1, 4)) if state in PLANNED else [],
        "approach": r.choice([a for a in PracticeApproach.values if a != "other"]),
        "weeks": r.randrange(1, 4) if started else 0,
        "started": started.astimezone(RIGA).date() if started else None,
        "satisfaction": r.randrange(5, 11),
        "participants": r.randrange(5, 120),
    }


def _write(plans, transitions, content_type) -> None:
    initiatives = bulk(Initiative, [p["initiative"] for p in plans])
    pairs = list(zip(plans, initiatives, strict=True))
    bulk(
        Assessment,
        [
            Assessment(
                initiative_id=obj.pk,
                initial_study_findings="Iedzīvotāji vēlas vietu, kur satikties.",
                initial_study_methods="Intervijas, novērojumi",
            )
            for plan, obj in pairs
            if plan["state"] not in (S.IDEA,)
        ],
    )
    bulk(
        ChosenApproach,
        [
            ChosenApproach(initiative_id=obj.pk, approach=plan["approach"], is_main=True)
            for plan, obj in pairs
            if plan["state"] != S.IDEA
        ],
    )
    bulk(
        Task,
        [
            Task(
                initiative_id=obj.pk,
                title=title,
                responsible=" ".join(person_name(rng(0, "task", obj.pk * 10 + n))),
                due_date=obj.created_at.date() + dt.timedelta(days=30 * (n + 1)),
                done=plan["state"] in FINISHED,
                sort_order=n,
            )
            for plan, obj in pairs
            for n, title in enumerate(plan["tasks"])
        ],
    )
    logs, log_days = [], []
    for plan, obj in pairs:
        for week in range(plan["weeks"]):
            start = plan["started"] + dt.timedelta(days=7 * week)
            logs.append(
                ActivityLog(
                    initiative_id=obj.pk,
                    period_start=start,
                    period_end=start + dt.timedelta(days=6),
                    difficulties="Zema iedzīvotāju atsaucība darba dienās.",
                    next_week_tasks="Turpināt sarunas ar kaimiņiem.",
                )
            )
            log_days.append(start)
    logs = bulk(ActivityLog, logs)
    bulk(
        LogActivity,
        [
            LogActivity(log_id=log.pk, date=day + dt.timedelta(days=1),
                        description="Tikšanās ar iedzīvotājiem kopienas centrā.")
            for log, day in zip(logs, log_days, strict=True)
        ],
    )  # fmt: skip
    bulk(
        Evaluation,
        [
            Evaluation(
                initiative_id=obj.pk,
                methods="Aptauja, fokusa grupa",
                results="Izveidota aktīva iedzīvotāju grupa.",
                helping_factors="Pašvaldības atbalsts",
                hindering_factors="Telpu trūkums",
                recommendations="Turpināt regulāras tikšanās.",
                participants=plan["participants"],
                satisfaction=plan["satisfaction"],
            )
            for plan, obj in pairs
            if plan["state"] in FINISHED
        ],
    )
    entries = []
    for plan, obj in pairs:
        entries += history_entries(
            content_type,
            obj,
            plan["steps"],
            start=S.IDEA,
            transitions=transitions,
            details=lambda action: (
                {"comment": "Iedzīvotāju interese zudusi."} if action == "cancel" else {}
            ),
        )
    bulk(ModelLogEntry, entries)
