"""Scale data for the benchmarks: thousands of organisations and applications in every
state, written with ``bulk_create`` by ``manage.py generate_scale_data``.

Everything generated is recognisable, so a second run tops up instead of duplicating:
organisations have registration numbers starting ``49``, their members and the generated
staff have user names starting ``scale-``, calls have slugs starting ``scale-``. The figures
given to the command are totals: a run adds what is missing up to them (1 000 applications,
then 10 000, then 50 000 adds 1 000, 9 000 and 40 000).

What the product keeps consistent, the generator keeps too: budget lines whose sums are the
application's amounts (the database checks ``total = requested + own``), an approved amount
at most the requested one and calls whose budget covers what they committed, reviews with
scores for every application that reached review, reports with a line per budget line, and
the audit trail each state implies, in the shape :func:`casework.audit.log_transition`
writes (``ModelLogEntry``, action ``casework.transition``), so the history views and the API
read generated cases like real ones.

Each item's random choices come from its own ``Random`` seeded with ``(seed, kind, index)``,
so the data is the same whatever sizes it was topped up in. The helpers it shares with the
other generators (names, users, audit entries) are in :mod:`demo.data.scale`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import ModelLogEntry, Page, Site

from kopiena.casework.models import Municipality
from kopiena.grants.models import (
    RIGA,
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    CallIndexPage,
    CriterionScore,
    GrantCall,
    LegalForm,
    Membership,
    MembershipRole,
    Organisation,
    Recommendation,
    Report,
    ReportLine,
    ReviewAssignment,
    ScoringCriterion,
)
from kopiena.grants.roles import Role
from kopiena.grants.validators import lv_iban

from .scale import (
    CENT,
    CHUNK,
    USER_PREFIX,
    bulk,
    has_field,
    history_entries,
    money,
    municipalities,
    person_name,
    riga,
    rng,
    staff_users,
    target_groups,
    transition_table,
)

S = ApplicationStatus
#: Applications per generated call (a busy municipal call).
CALL_SIZE = 250
ORG_PREFIX = "49"
CALL_SLUG_PREFIX = "scale-"

# --- Latvian-looking names ------------------------------------------------------------------

ORG_WORDS_1 = (
    "Zaļā", "Saulainā", "Draudzīgā", "Radošā", "Aktīvā", "Sudraba", "Dzintara", "Atvērtā",
    "Gaišā", "Stiprā", "Jaunā", "Labā",
)  # fmt: skip
ORG_WORDS_2 = (
    "kopiena", "sirds", "māja", "osta", "taka", "ligzda", "iela", "skola", "darbnīca",
    "apkaime", "sēta", "lapa",
)  # fmt: skip
PROJECT_THEMES = (
    "Senioru digitālo prasmju darbnīcas", "Jauniešu brīvā laika centrs",
    "Atbalsta grupa vientuļajiem vecākiem", "Kopienas dārzs pagalmā",
    "Sociālās rehabilitācijas nodarbības", "Ģimeņu atbalsta punkts",
    "Brīvprātīgo kustība apkaimē", "Latviešu valodas kursi jaunpienācējiem",
    "Dienas centra radošās nodarbības", "Pārtikas atbalsta sadales punkts",
    "Vasaras nometne bērniem no trūcīgām ģimenēm", "Sporta aktivitātes cilvēkiem ar invaliditāti",
)  # fmt: skip
CRITERIA = (
    ("Atbilstība konkursa mērķim", Decimal("0.4"), 10),
    ("Projekta ietekme uz kopienu", Decimal("0.35"), 10),
    ("Budžeta pamatotība", Decimal("0.25"), 10),
)
BANKS = ("HABA", "UNLA", "RIKO", "PARX", "NDEA")


# --- the application's lifecycle --------------------------------------------------------------

#: The actions that lead to each state, in order (DESIGN.md's table).
PATHS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (),
    S.SUBMITTED: ("submit",),
    S.CHANGES_REQUESTED: ("submit", "request_changes"),
    S.IN_REVIEW: ("submit", "start_review"),
    S.RECOMMENDED: ("submit", "start_review", "recommend"),
    S.APPROVED: ("submit", "start_review", "recommend", "approve_budget"),
    S.REPORT_SUBMITTED: ("submit", "start_review", "recommend", "approve_budget", "submit_report"),
    S.COMPLETED: (
        "submit", "start_review", "recommend", "approve_budget", "submit_report", "accept_report",
    ),
    S.REJECTED: ("submit", "start_review", "reject"),
    S.WITHDRAWN: ("submit", "withdraw"),
}  # fmt: skip
APPLICANT_ACTIONS = ("submit", "submit_report", "withdraw")
COMMENTS = {
    "request_changes": "Lūdzu precizēt budžeta pozīcijas un pievienot cenu aptaujas.",
    "reject": "Projekts neatbilst konkursa prioritātēm.",
    "withdraw": "Organizācija atsauc pieteikumu.",
}
#: Share of each state in the generated data (after the first ten, one of each).
STATE_WEIGHTS = {
    S.DRAFT: 8,
    S.SUBMITTED: 10,
    S.CHANGES_REQUESTED: 5,
    S.IN_REVIEW: 10,
    S.RECOMMENDED: 5,
    S.APPROVED: 10,
    S.REPORT_SUBMITTED: 5,
    S.COMPLETED: 27,
    S.REJECTED: 15,
    S.WITHDRAWN: 5,
}
REVIEWED_STATES = {S.IN_REVIEW, S.RECOMMENDED, S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED}
REPORT_STATES = {S.REPORT_SUBMITTED, S.COMPLETED}
APPROVED_STATES = {S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED}
BUDGET_ITEMS = (
    (BudgetCategory.STAFF, "Projekta koordinatora darba samaksa", "mēn.", (300, 900)),
    (BudgetCategory.SERVICES, "Speciālistu un lektoru pakalpojumi", "nodarb.", (40, 150)),
    (BudgetCategory.MATERIALS, "Materiāli un inventārs", "kompl.", (50, 600)),
    (BudgetCategory.TRANSPORT, "Transporta izdevumi", "brauc.", (30, 120)),
    (BudgetCategory.SERVICES, "Telpu noma pasākumiem", "reizes", (50, 200)),
)


def state_for(index: int, r: random.Random) -> str:
    states = list(STATE_WEIGHTS)
    if index < len(states):
        return states[index]
    return r.choices(states, weights=list(STATE_WEIGHTS.values()))[0]


# --- organisations ----------------------------------------------------------------------------


def scale_organisations():
    return Organisation.objects.filter(registration_number__startswith=ORG_PREFIX)


def generate_organisations(total: int, *, seed: int, out: Callable[[str], None]) -> int:
    """Top up the generated organisations to ``total``, each with one member account."""
    start = scale_organisations().count()
    if start >= total:
        return 0
    places = municipalities()
    password = make_password(None)
    for first in range(start, total, CHUNK):
        indexes = range(first, min(first + CHUNK, total))
        organisations, users = [], []
        for i in indexes:
            r = rng(seed, "organisation", i)
            legal_form = r.choices(
                [LegalForm.BIEDRIBA, LegalForm.NODIBINAJUMS, LegalForm.RELIGISKA],
                weights=[80, 15, 5],
            )[0]
            prefix = "Nodibinājums" if legal_form == LegalForm.NODIBINAJUMS else "Biedrība"
            name = f"{prefix} „{r.choice(ORG_WORDS_1)} {r.choice(ORG_WORDS_2)}”"
            first_name, last_name = person_name(r)
            username = f"{USER_PREFIX}ngo-{i + 1:06d}"
            organisations.append(
                Organisation(
                    name=name,
                    legal_form=legal_form,
                    registration_number=f"{ORG_PREFIX}{i:09d}",
                    public_benefit=r.random() < 0.4,
                    registered_social_service_provider=r.random() < 0.2,
                    iban=lv_iban(r.choice(BANKS), f"{i:013d}"),
                    municipality_id=r.choice(places),
                    contact_name=f"{first_name} {last_name}",
                    contact_email=f"{username}@biedribas.example.lv",
                    contact_phone=f"+371 2{r.randrange(1000000, 9999999)}",
                )
            )
            users.append(
                User(
                    username=username,
                    first_name=first_name,
                    last_name=last_name,
                    email=f"{username}@biedribas.example.lv",
                    password=password,
                )
            )
        organisations = bulk(Organisation, organisations)
        users = bulk(User, users)
        ngo = Group.objects.get(name=Role.NGO_MEMBERS)
        member_of = User.groups.through
        bulk(member_of, [member_of(user_id=u.pk, group_id=ngo.pk) for u in users])
        bulk(
            Membership,
            [
                Membership(user_id=u.pk, organisation_id=o.pk, role=MembershipRole.OWNER)
                for o, u in zip(organisations, users, strict=True)
            ],
        )
    out(f"organisations: {total - start} added ({total} generated in all)")
    return total - start


# --- calls ------------------------------------------------------------------------------------


def call_index() -> CallIndexPage:
    """The site's call index; created under the home page (else the default site's root)
    on a database without one."""
    existing = CallIndexPage.objects.first()
    if existing:
        return existing
    from demo.home.models import HomePage

    parent = HomePage.objects.first()
    if parent is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        parent = site.root_page if site else Page.get_first_root_node()
    index = CallIndexPage(title="Konkursi", slug="konkursi", show_in_menus=True)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def scale_call(number: int, *, seed: int, places: list[int]) -> GrantCall:
    """Generated call ``number`` (``scale-0001`` …), created when missing: a past call
    whose budget is raised to what its approvals commit (:func:`cover_commitments`)."""
    slug = f"{CALL_SLUG_PREFIX}{number:04d}"
    existing = GrantCall.objects.filter(slug=slug).first()
    if existing:
        return existing
    r = rng(seed, "call", number)
    year = 2019 + number % 7
    municipality_id = r.choice(places)
    place = Municipality.objects.get(pk=municipality_id).name
    call = GrantCall(
        title=f"{place}: NVO projektu konkurss {year} (Nr. {number})",
        slug=slug,
        summary="Līdzfinansējums nevalstisko organizāciju sociālās iekļaušanas projektiem.",
        municipality_id=municipality_id,
        opens_at=riga(dt.date(year, 2, 1), 0, 0),
        closes_at=riga(dt.date(year, 3, 31), 23, 59),
        total_budget=Decimal("100000.00"),
        reserve=Decimal("5000.00"),
        min_grant=Decimal("0.00"),
        max_grant=Decimal("15000.00"),
        funding_rate=Decimal("0.9"),
        infrastructure_share=Decimal("0.05"),
        max_duration_months=12,
        eligible_legal_forms=[LegalForm.BIEDRIBA, LegalForm.NODIBINAJUMS, LegalForm.RELIGISKA],
        reviews_required=2,
    )
    call_index().add_child(instance=call)
    bulk(
        ScoringCriterion,
        [
            ScoringCriterion(call=call, name=name, weight=weight, max_score=top, sort_order=n)
            for n, (name, weight, top) in enumerate(CRITERIA)
        ],
    )
    call.save_revision().publish()
    return call


def cover_commitments(call_ids: Iterable[int]) -> None:
    """Raise each call's budget to cover its committed total with room to spare (a call
    does not approve more than it has: ``Application._approve_budget_errors``)."""
    committed = (
        Application.objects.filter(call_id__in=list(call_ids), status__in=APPROVED_STATES)
        .values("call_id")
        .annotate(total=models.Sum("approved_amount"))
    )
    for row in committed:
        budget = (row["total"] * Decimal("1.25") / 1000).quantize(Decimal("1")) * 1000
        GrantCall.objects.filter(pk=row["call_id"], total_budget__lt=budget).update(
            total_budget=budget + Decimal("5000.00")
        )


# --- applications -----------------------------------------------------------------------------


def scale_applications():
    return Application.objects.filter(call__slug__startswith=CALL_SLUG_PREFIX)


def generate_applications(total: int, *, seed: int, out: Callable[[str], None]) -> int:
    """Top up the generated applications to ``total``, with their budget lines, target
    groups, reviews, reports and audit trail."""
    start = scale_applications().count()
    if start >= total:
        return 0
    organisations = list(
        scale_organisations()
        .order_by("pk")
        .values_list("pk", "municipality_id", "memberships__user_id")
    )
    if not organisations:
        raise ValueError("generate organisations first")
    groups = target_groups()
    places = municipalities()
    officers = staff_users(Role.GRANT_OFFICERS, "koordinators", 5, seed)
    reviewers = staff_users(Role.REVIEWERS, "vertetajs", 20, seed)
    finance = staff_users(Role.FINANCE, "finanses", 3, seed)
    transitions = transition_table(Application)
    content_type = ContentType.objects.get_for_model(Application)
    touched_calls: set[int] = set()
    for first in range(start, total, CHUNK):
        indexes = range(first, min(first + CHUNK, total))
        calls = {
            n: scale_call(n + 1, seed=seed, places=places)
            for n in sorted({i // CALL_SIZE for i in indexes})
        }
        touched_calls.update(c.pk for c in calls.values())
        criteria = {
            c.pk: list(ScoringCriterion.objects.filter(call=c).order_by("sort_order"))
            for c in calls.values()
        }
        plans = [
            _plan(
                i,
                rng(seed, "application", i),
                calls[i // CALL_SIZE],
                organisations,
                groups,
                officers,
                reviewers,
                finance,
            )
            for i in indexes
        ]
        _write(plans, criteria, transitions, content_type)
    cover_commitments(touched_calls)
    out(f"applications: {total - start} added ({total} generated in all)")
    return total - start


def _plan(i, r, call, organisations, groups, officers, reviewers, finance) -> dict:
    """One application and everything hanging on it, in memory."""
    state = state_for(i, r)
    path = PATHS[state]
    if state == S.REJECTED and r.random() < 0.3:
        path = ("submit", "reject")  # rejected at screening, before any review
    org_id, municipality_id, member_id = organisations[r.randrange(len(organisations))]
    year = timezone_year(call)
    created = call.opens_at + dt.timedelta(days=r.randrange(0, 50), hours=r.randrange(0, 8))
    app = Application(
        call=call,
        organisation_id=org_id,
        title=f"{r.choice(PROJECT_THEMES)} ({i + 1})",
        summary="Projekts stiprina kopienu un sniedz atbalstu tiem, kam tas visvairāk vajadzīgs.",
        municipality_id=municipality_id,
        community=f"{r.choice(ORG_WORDS_1)} {r.choice(ORG_WORDS_2)}s apkaime",
        planned_start=dt.date(year, 5, 1),
        planned_end=dt.date(year, 5 + r.randrange(1, 8), 28),
        status=state,
        created_by_id=member_id,
        created_at=created,
    )
    if has_field(Application, "reference"):
        app.reference = f"LV-{year}-{i + 1:06d}"
    lines = []
    for n, (category, description, unit, (low, high)) in enumerate(
        r.sample(BUDGET_ITEMS, r.randrange(2, len(BUDGET_ITEMS) + 1))
    ):
        quantity = Decimal(r.randrange(1, 13))
        unit_cost = Decimal(r.randrange(low * 100, high * 100)) / 100
        line_total = (quantity * unit_cost).quantize(CENT)
        requested = money(line_total * Decimal(r.choice(("0.8", "0.85", "0.9"))))
        lines.append(
            BudgetLine(
                category=category,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_cost=unit_cost,
                requested=requested,
                own=line_total - requested,
                sort_order=n,
            )
        )
    app.requested_amount = sum((line.requested for line in lines), Decimal("0.00"))
    app.own_contribution = sum((line.own for line in lines), Decimal("0.00"))
    app.total_cost = app.requested_amount + app.own_contribution

    at = created
    steps = []
    for action_name in path:
        at = at + dt.timedelta(days=r.randrange(1, 20), hours=r.randrange(0, 6))
        if action_name in APPLICANT_ACTIONS:
            user_id = member_id
        elif action_name == "approve_budget":
            user_id = r.choice(finance)
        else:
            user_id = r.choice(officers)
        steps.append((action_name, user_id, at))
        if action_name == "submit":
            app.submitted_at = at
        if action_name == "approve_budget":
            app.approved_amount = max(
                CENT, money(app.requested_amount * Decimal(r.randrange(70, 101)) / 100)
            )
            app.decision_reference = f"Domes lēmums Nr. {r.randrange(1, 40)}/{i + 1}"
            app.decision_date = at.astimezone(RIGA).date()

    reviews = []
    if "start_review" in path:
        start_review_at = next(at for name, _u, at in steps if name == "start_review")
        completed = 2 if state != S.IN_REVIEW else r.randrange(0, 3)
        for n, reviewer_id in enumerate(r.sample(reviewers, 2)):
            done = n < completed
            reviews.append(
                {
                    "reviewer_id": reviewer_id,
                    "assigned_at": start_review_at - dt.timedelta(hours=2),
                    "done": done,
                    "recommendation": r.choice(list(Recommendation.values)) if done else "",
                    "scores": [r.randrange(3, 11) for _c in CRITERIA] if done else [],
                    "completed_at": start_review_at + dt.timedelta(days=r.randrange(1, 5))
                    if done
                    else None,
                }
            )
    report = None
    if state in REPORT_STATES:
        submitted = next(at for name, _u, at in steps if name == "submit_report")
        accepted = next((at for name, _u, at in steps if name == "accept_report"), None)
        report = {
            "submitted_at": submitted,
            "accepted_at": accepted,
            "participants": r.randrange(10, 400),
            "actuals": [money(line.amount * Decimal(r.randrange(85, 106)) / 100) for line in lines],
        }
    return {
        "app": app,
        "lines": lines,
        "groups": r.sample(groups, min(len(groups), r.randrange(1, 3))),
        "steps": steps,
        "reviews": reviews,
        "report": report,
    }


def timezone_year(call: GrantCall) -> int:
    return call.opens_at.astimezone(RIGA).year


def _write(plans, criteria, transitions, content_type) -> None:
    """Write one chunk of planned applications: one ``bulk_create`` per table."""
    apps = bulk(Application, [p["app"] for p in plans])
    lines = []
    for plan, app in zip(plans, apps, strict=True):
        for line in plan["lines"]:
            line.application_id = app.pk
            lines.append(line)
    bulk(BudgetLine, lines)
    through = Application.target_groups.through
    bulk(
        through,
        [
            through(application_id=app.pk, targetgroup_id=group)
            for plan, app in zip(plans, apps, strict=True)
            for group in plan["groups"]
        ],
    )
    entries = []
    for plan, app in zip(plans, apps, strict=True):
        entries += history_entries(
            content_type,
            app,
            plan["steps"],
            start=S.DRAFT,
            transitions=transitions,
            details=lambda action, app=app: {
                "comment": COMMENTS.get(action, ""),
                "amount": app.approved_amount if action == "approve_budget" else None,
                "via": "portal" if action in APPLICANT_ACTIONS else "admin",
            },
        )
    bulk(ModelLogEntry, entries)

    review_rows, review_plans = [], []
    for plan, app in zip(plans, apps, strict=True):
        for review in plan["reviews"]:
            review_rows.append(
                ReviewAssignment(
                    application_id=app.pk,
                    reviewer_id=review["reviewer_id"],
                    assigned_at=review["assigned_at"],
                    declared_no_conflict=True,
                    conflict_declared_at=review["assigned_at"] + dt.timedelta(hours=1),
                    recommendation=review["recommendation"],
                    comment="Labi sagatavots pieteikums." if review["done"] else "",
                    completed_at=review["completed_at"],
                )
            )
            review_plans.append((review, criteria[app.call_id]))
    review_rows = bulk(ReviewAssignment, review_rows)
    bulk(
        CriterionScore,
        [
            CriterionScore(assignment_id=row.pk, criterion_id=criterion.pk, score=score)
            for row, (review, call_criteria) in zip(review_rows, review_plans, strict=True)
            for criterion, score in zip(call_criteria, review["scores"], strict=False)
        ],
    )

    reported = [(plan, app) for plan, app in zip(plans, apps, strict=True) if plan["report"]]
    reports = bulk(
        Report,
        [
            Report(
                application_id=app.pk,
                narrative="Projekta aktivitātes īstenotas atbilstoši plānam.",
                results="Iesaistīti kopienas iedzīvotāji, noorganizētas nodarbības.",
                participants_reached=plan["report"]["participants"],
                submitted_at=plan["report"]["submitted_at"],
                accepted_at=plan["report"]["accepted_at"],
            )
            for plan, app in reported
        ],
    )
    bulk(
        ReportLine,
        [
            ReportLine(report_id=report.pk, budget_line_id=line.pk, actual_amount=actual)
            for report, (plan, _app) in zip(reports, reported, strict=True)
            for line, actual in zip(plan["lines"], plan["report"]["actuals"], strict=True)
        ],
    )
