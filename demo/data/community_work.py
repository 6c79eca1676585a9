"""Demo community work from ``fixtures/community.json``: centres, communities, the nine
pilot initiatives of seed 004 and a few invented current initiatives, loaded by
``manage.py load_demo`` after the accounts (casework), the pages (municipalities, pilot
stories) and the grants.

Idempotent: centres and communities are matched on municipality + name, initiatives on
municipality + title; what exists is left as it is (someone may have worked on it), only
what is missing is created. A file that lacks parts is loaded as far as it goes: an unknown
municipality, community or approach skips that item (and says so), missing sections are
left empty.

**The pilots** (``pilots``) are history: all nine ended on 31 May 2023 (``ended``). They
are recorded as they ended — closed, with their plan, weekly logs and the evaluation seed 004
gives (its own figures, nothing added: no satisfaction score where the seed gives none) —
through the historic path DESIGN.md allows: created closed, with a trail of their steps
marked as historic (``source: import``), the last one dated the day the pilot ended. Each is
linked to its pilot story and to the grant applications that co-financed it (matched in the
call the fixture names).

**The workflow demo** (``initiatives``) runs on invented current initiatives (their titles say
"piemērs"), put into varied states (:data:`TARGETS`), each moved there step by step through
:func:`casework.service.perform_transition` as ``socdarbinieks`` (the social worker who owns
them) and ``vaditajs`` (the head who decides), so the history and the e-mails are real. What
an initiative holds is added as its state requires (a plan before it is submitted, weekly
logs once work has started, the evaluation before the report); nothing is invented for what
the file lacks, so a guard may stop an initiative early (the loader says where). Their weekly
logs are dated back from today (``weeks_ago``). The closed one has no pilot story, so the demo
can show "Prepare pilot story".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.dates import RIGA
from kopiena.casework.models import Municipality
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput, TransitionRefused
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
    Partner,
    PlanCorrection,
    PracticeApproach,
    Task,
)
from kopiena.community_work.models.initiatives import ACTION_LABELS

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "community.json"
SOCIAL_WORKER = "socdarbinieks"
HEAD = "vaditajs"

S = InitiativeStatus

#: The state each current (invented) initiative of the fixture is brought to, in the
#: fixture's order (a ninth and later ones stay ideas); the one in progress has gone back to
#: planning once.
TARGETS = [
    S.IDEA,
    S.PLANNING,
    S.AWAITING_APPROVAL,
    S.APPROVED,
    S.IN_PROGRESS,
    S.EVALUATING,
    S.REPORTED,
    S.CLOSED,
]
#: Which of them has its plan returned once before it is approved.
RETURNED_ONCE_AT = 7
#: The pilots began in September 2022 (seed 004) and ended on the fixture's ``ended``.
PILOT_START = dt.date(2022, 9, 1)

#: (action, actor, comment) from idea to closed. Two initiatives take the detours the seeds
#: describe: a plan returned once, and work that goes back to planning mid-way.
PATH = [
    ("start_planning", SOCIAL_WORKER, ""),
    ("submit_for_approval", SOCIAL_WORKER, "Rīcības plāns saskaņots ar kopienas pārstāvjiem."),
    ("approve", HEAD, "Plāns apstiprināts."),
    ("start", SOCIAL_WORKER, ""),
    ("finish", SOCIAL_WORKER, "Aktivitātes noslēgušās, sākam izvērtēšanu."),
    ("submit_report", SOCIAL_WORKER, "Atskaite un izvērtējums pievienoti."),
    ("accept_report", HEAD, "Atskaite pieņemta."),
]
RETURNED_ONCE = [
    ("submit_for_approval", SOCIAL_WORKER, ""),
    ("return_plan", HEAD, "Lūdzu papildināt plānu ar atbildīgajiem un termiņiem."),
]
BACK_TO_PLANNING = [
    ("back_to_assessment", SOCIAL_WORKER, "Kopiena izvēlējās citu prioritāti; plāns jāpārskata."),
    ("submit_for_approval", SOCIAL_WORKER, "Pārskatītais plāns."),
    ("approve", HEAD, "Pārskatītais plāns apstiprināts."),
    ("start", SOCIAL_WORKER, ""),
]

#: Words the fixture may use for an approach, besides the codes themselves.
APPROACH_ALIASES = {
    "kopienas attīstīšana": PracticeApproach.COMMUNITY_DEVELOPMENT,
    "sociālā plānošana": PracticeApproach.SOCIAL_PLANNING,
    "kopienas izglītošana": PracticeApproach.COMMUNITY_EDUCATION,
    "interešu aizstāvība": PracticeApproach.ADVOCACY,
    "sociālais mārketings": PracticeApproach.SOCIAL_MARKETING,
    "cits": PracticeApproach.OTHER,
}


def load(stdout, fixture_path=None):
    path = Path(fixture_path or FIXTURE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        stdout.write(f"  community work: {path.name} not loaded ({error})")
        return
    if not isinstance(data, dict):
        stdout.write(f"  community work: {path.name} is not an object; nothing loaded")
        return
    loader = _Loader(stdout)
    centres = loader.centres(data.get("centres") or [])
    communities = loader.communities(data.get("communities") or [])
    pilots = loader.pilots(data.get("pilots") or [])
    created, states = loader.initiatives(data.get("initiatives") or [])
    summary = ", ".join(f"{n} {S(state).label.lower()}" for state, n in sorted(states.items()))
    stdout.write(
        f"  {centres} community centres, {communities} communities, {pilots} new pilots "
        f"(closed), {created} new current initiatives ({summary or 'none'})"
    )


class _Loader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.municipalities = {m.slug: m for m in Municipality.objects.all()}
        self.municipalities.update({m.name: m for m in self.municipalities.values()})

    def say(self, message):
        self.stdout.write(f"  community work: {message}")

    def municipality(self, item):
        key = item.get("municipality")
        municipality = self.municipalities.get(key)
        if municipality is None:
            what = item.get("name") or item.get("title")
            self.say(f"unknown municipality {key!r}; “{what}” skipped")
        return municipality

    # --- places -----------------------------------------------------------------------------

    def centres(self, items) -> int:
        count = 0
        for item in items:
            name = (item.get("name") or "").strip()
            municipality = self.municipality(item) if name else None
            if municipality is None:
                continue
            services = item.get("services") or []
            CommunityCentre.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "address": item.get("address") or "",
                    "latitude": _coordinate(item.get("latitude"), 90),
                    "longitude": _coordinate(item.get("longitude"), 180),
                    "opening_hours": item.get("opening_hours") or "",
                    "services": "\n".join(services) if isinstance(services, list) else services,
                    "contact_phone": item.get("contact_phone") or "",
                    "contact_email": item.get("contact_email") or "",
                },
            )
            count += 1
        return count

    def communities(self, items) -> int:
        count = 0
        for item in items:
            name = (item.get("name") or "").strip()
            municipality = self.municipality(item) if name else None
            if municipality is None:
                continue
            kind = item.get("kind")
            Community.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "kind": kind if kind in CommunityKind.values else CommunityKind.NEIGHBOURHOOD,
                    "size": item.get("size") if isinstance(item.get("size"), int) else None,
                    "description": item.get("description") or "",
                },
            )
            count += 1
        return count

    # --- initiatives ------------------------------------------------------------------------

    def initiatives(self, items):
        users = get_user_model().objects.in_bulk([SOCIAL_WORKER, HEAD], field_name="username")
        if SOCIAL_WORKER not in users or HEAD not in users:
            self.say("demo accounts socdarbinieks/vaditajs missing; initiatives skipped")
            return 0, {}
        worker, head = users[SOCIAL_WORKER], users[HEAD]
        created, states = 0, {}
        for n, item in enumerate(items):
            initiative, is_new = self.initiative(item, worker)
            if initiative is None:
                continue
            if is_new:
                created += 1
                target = TARGETS[n] if n < len(TARGETS) else S.IDEA
                self.bring_to(initiative, item, target, n, {SOCIAL_WORKER: worker, HEAD: head})
                initiative.refresh_from_db()
            states[initiative.status] = states.get(initiative.status, 0) + 1
        return created, states

    def pilots(self, items) -> int:
        """The pilots as they ended: closed, with their content and a historic trail."""
        users = get_user_model().objects.in_bulk([SOCIAL_WORKER, HEAD], field_name="username")
        if SOCIAL_WORKER not in users or HEAD not in users:
            self.say("demo accounts socdarbinieks/vaditajs missing; pilots skipped")
            return 0
        created = 0
        for item in items:
            ended = _date(item.get("ended"))
            if ended is None:
                self.say(f"pilot “{item.get('title')}” has no end date; skipped")
                continue
            initiative, is_new = self.initiative(
                item, users[SOCIAL_WORKER], status=S.CLOSED, head=users[HEAD]
            )
            if initiative is None or not is_new:
                continue
            self.plan(initiative, item)
            self.logs(initiative, item)
            self.evaluation(initiative, item.get("evaluation") or {})
            self.link_story(initiative, item)
            pilot_trail(initiative, users, ended)
            created += 1
        return created

    def initiative(self, item, worker, *, status=None, head=None):
        title = (item.get("title") or "").strip()
        municipality = self.municipality(item) if title else None
        if municipality is None:
            return None, False
        existing = Initiative.objects.filter(municipality=municipality, title=title).first()
        if existing is not None:
            return existing, False
        community = Community.objects.filter(
            municipality=municipality, name=item.get("community") or ""
        ).first()
        if community is None:
            self.say(f"community {item.get('community')!r} not found; “{title}” skipped")
            return None, False
        centre = None
        if item.get("centre"):
            centre = CommunityCentre.objects.filter(
                municipality=municipality, name=item["centre"]
            ).first()
            if centre is None:
                self.say(f"centre {item['centre']!r} not found; “{title}” has none")
        extra = {"status": status, "head": head} if status else {}
        if status:
            extra["created_at"] = dt.datetime.combine(PILOT_START, dt.time(9), tzinfo=RIGA)
        initiative = Initiative.objects.create(
            title=title,
            municipality=municipality,
            community=community,
            centre=centre,
            social_worker=worker,
            grant_application=self.co_financing(item),
            **extra,
        )
        self.assessment(initiative, item.get("assessment") or {})
        self.approaches(initiative, item)
        return initiative, True

    def bring_to(self, initiative, item, target, n, users):
        """Fill in what each step needs and take the steps to ``target``."""
        steps = list(PATH[: _steps_to(target)])
        if n == RETURNED_ONCE_AT and len(steps) > 2:
            steps[1:1] = RETURNED_ONCE  # returned once, then submitted again
        if target == S.IN_PROGRESS:
            steps += BACK_TO_PLANNING
        if target != S.IDEA:
            self.plan(initiative, item)
        for action, actor, comment in steps:
            if action == "start" and not initiative.logs.exists():
                self.logs(initiative, item)
            elif action == "submit_report":
                self.evaluation(initiative, item.get("evaluation") or {})
            try:
                perform_transition(
                    initiative,
                    action,
                    users[actor],
                    TransitionInput(comment=comment),
                    source="demo",
                )
            except TransitionRefused as refused:
                self.say(f"“{initiative}” stopped before {action}: {refused.message}")
                return

    # --- content ----------------------------------------------------------------------------

    def assessment(self, initiative, data):
        if not isinstance(data, dict) or not data:
            return
        values = {}
        for stage in ("initial_study", "in_depth_study", "field_definition"):
            part = data.get(stage) or {}
            if isinstance(part, str):
                part = {"findings": part}
            values[f"{stage}_findings"] = part.get("findings") or ""
            values[f"{stage}_methods"] = part.get("methods") or ""
        Assessment.objects.create(initiative=initiative, **values)

    def approaches(self, initiative, item):
        chosen = []
        for raw in item.get("approaches") or []:
            code = _approach(raw)
            if code is None:
                self.say(f"unknown approach {raw!r} in “{initiative}” ignored")
            elif code not in chosen:
                chosen.append(code)
        main = _approach(item.get("main_approach") or "")
        if main is not None and main not in chosen:
            chosen.insert(0, main)
        if chosen and main is None:
            main = chosen[0]
        for order, code in enumerate(chosen):
            ChosenApproach.objects.create(
                initiative=initiative,
                approach=code,
                is_main=code == main,
                other_description=(item.get("other_approach") or "Kopradīšana")
                if code == PracticeApproach.OTHER
                else "",
                sort_order=order,
            )

    def plan(self, initiative, item):
        if initiative.tasks.exists():
            return
        goal = (item.get("goal") or "").strip()
        Initiative.objects.filter(pk=initiative.pk).update(goal=goal)
        initiative.goal = goal
        tasks = [t for t in item.get("tasks") or [] if isinstance(t, dict) and t.get("title")]
        for order, task in enumerate(tasks):
            Task.objects.create(
                initiative=initiative,
                title=task["title"][:255],
                responsible=(task.get("responsible") or "")[:200],
                due_date=_date(task.get("due")),
                done=bool(task.get("done")),
                sort_order=order,
            )
        for order, partner in enumerate(item.get("partners") or []):
            name, role = (
                (partner.get("name"), partner.get("role"))
                if isinstance(partner, dict)
                else (partner, "")
            )
            if name:
                Partner.objects.create(
                    initiative=initiative,
                    name=name[:200],
                    role=(role or "")[:255],
                    sort_order=order,
                )

    def logs(self, initiative, item):
        for correction in item.get("plan_corrections") or []:
            day = _date(correction.get("date")) if isinstance(correction, dict) else None
            if day and correction.get("change"):
                PlanCorrection.objects.create(
                    initiative=initiative,
                    date=day,
                    change=correction["change"],
                    reason=correction.get("reason") or "",
                )
        for entry in item.get("weekly_logs") or []:
            start, end = _date(entry.get("period_start")), _date(entry.get("period_end"))
            if isinstance(entry.get("weeks_ago"), int):
                start, end = _weeks_ago(entry["weeks_ago"])
                entry = {**entry, "activities": _days(entry.get("activities"), start)}
            if not (start and end):
                continue
            log = ActivityLog(
                initiative=initiative,
                period_start=start,
                period_end=end,
                difficulties=entry.get("difficulties") or "",
                next_week_tasks=entry.get("next_week_tasks") or "",
            )
            try:
                log.full_clean()
            except ValidationError as error:
                self.say(f"weekly log {start}–{end} of “{initiative}” skipped: {error.messages}")
                continue
            log.save()
            for activity in entry.get("activities") or []:
                day = _date(activity.get("date"))
                if day and start <= day <= end and activity.get("description"):
                    LogActivity.objects.create(
                        log=log, date=day, description=activity["description"]
                    )

    def evaluation(self, initiative, data):
        if not data or Evaluation.objects.filter(initiative=initiative).exists():
            return
        satisfaction = data.get("satisfaction")
        participants = data.get("participants")
        Evaluation.objects.create(
            initiative=initiative,
            methods=data.get("methods") or "",
            results=data.get("results") or "",
            helping_factors=data.get("helping_factors") or "",
            hindering_factors=data.get("hindering_factors") or "",
            recommendations=data.get("recommendations") or "",
            participants=participants if isinstance(participants, int) else None,
            satisfaction=satisfaction
            if isinstance(satisfaction, int) and 1 <= satisfaction <= 10
            else None,
        )

    def co_financing(self, item):
        """The demo grants application that co-finances the initiative: in the call the
        fixture names, matched on the words of the project title (the two fixtures name the
        projects differently). A project the call only received (not approved) co-finances
        nothing."""
        from kopiena.grants.models import Application

        best, best_score = None, 0
        for entry in item.get("co_financing") or []:
            if not isinstance(entry, dict) or entry.get("outcome") != "approved":
                continue
            candidates = Application.objects.filter(
                call__slug=entry.get("call_slug") or "", approved_amount__isnull=False
            ).only("pk", "title")
            for application in candidates:
                score = _title_overlap(application.title, entry.get("project_title") or "")
                if score > best_score:
                    best, best_score = application, score
        return best if best_score >= 2 else None

    def link_story(self, initiative, item):
        from kopiena.pages.models import PilotStoryPage

        slug = item.get("story_slug")
        story = PilotStoryPage.objects.filter(slug=slug).first() if slug else None
        if story is not None:
            Initiative.objects.filter(pk=initiative.pk).update(story=story)


# --- helpers --------------------------------------------------------------------------------


def pilot_trail(initiative, users, ended: dt.date) -> None:
    """The historic steps of a pilot, from planning in September 2022 to its closing on the
    day it ended, written as historic records (``source: import``) — the transition service
    cannot date a step in the past."""
    logs = list(initiative.logs.order_by("period_start"))
    first = logs[0].period_start if logs else PILOT_START + dt.timedelta(days=60)
    last = min(logs[-1].period_end, ended) if logs else ended
    days = {
        "start_planning": PILOT_START + dt.timedelta(days=14),
        "submit_for_approval": first - dt.timedelta(days=4),
        "approve": first - dt.timedelta(days=2),
        "start": first,
        "finish": last,
        "submit_report": ended,
        "accept_report": ended,
    }
    comment = "Pilotprojekta vēsturisks ieraksts (Labklājības ministrijas pilotprojekts)."
    field = Initiative._meta.get_field("status")
    targets = {t.name: t.target for t in field.get_all_transitions(Initiative)}
    content_type = ContentType.objects.get_for_model(Initiative)
    source, entries = S.IDEA, []
    for hour, (action, actor, _comment) in enumerate(PATH, start=9):
        entries.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(initiative.pk),
                label=str(initiative)[:255],
                action=audit.TRANSITION,
                timestamp=dt.datetime.combine(days[action], dt.time(hour), tzinfo=RIGA),
                user=users[actor],
                data=audit.transition_data(
                    action=action,
                    label=ACTION_LABELS[action],
                    source_state=source,
                    target_state=targets[action],
                    comment=comment if action == "accept_report" else "",
                    source="import",
                ),
            )
        )
        source = targets[action]
    ModelLogEntry.objects.bulk_create(entries)


def _weeks_ago(weeks: int) -> tuple[dt.date, dt.date]:
    today = timezone.localdate(timezone=RIGA)
    monday = today - dt.timedelta(days=today.weekday(), weeks=weeks)
    return monday, monday + dt.timedelta(days=6)


def _days(activities, monday: dt.date) -> list[dict]:
    """Activities given by weekday (``day``: 0 is Monday) as dated ones."""
    return [
        {**a, "date": (monday + dt.timedelta(days=int(a.get("day") or 0))).isoformat()}
        for a in activities or []
        if isinstance(a, dict)
    ]


def _steps_to(target) -> int:
    order = [S.IDEA, S.PLANNING, S.AWAITING_APPROVAL, S.APPROVED, S.IN_PROGRESS]
    order += [S.EVALUATING, S.REPORTED, S.CLOSED]
    return order.index(target) if target in order else 0


def _approach(raw):
    value = str(raw or "").strip()
    if value in PracticeApproach.values:
        return value
    return APPROACH_ALIASES.get(value.lower())


def _date(value):
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _coordinate(value, limit):
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if -limit <= number <= limit else None


def _stems(text) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {word[:5] for word in words if len(word) > 3}


def _title_overlap(a, b) -> int:
    return len(_stems(a) & _stems(b))
