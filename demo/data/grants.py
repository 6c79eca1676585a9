"""Demo calls, organisations and applications from ``fixtures/grants.json``, loaded by
``manage.py load_demo`` (``make run``) after the accounts (casework) and the pages.

Idempotent: every object is looked up by its natural key first (call slug, registration
number, membership, application = call + organisation + title) and an application that
exists is left as it is, so a second run creates nothing.

How applications get their status:

* the call that is open now (``"open_now": true`` in the fixture, else the one that closed
  last; its dates are moved so that it is open) gets one application in every state,
  each moved there through :func:`casework.service.perform_transition` by the demo users
  whose job it is (NGO member, koordinators, vertetajs/vertetajs2, finanses), so the
  audit trail and the notifications are real;
* the closed calls get their applications through the historic-import path DESIGN.md
  allows: created with their final status and written to the audit trail as coming from
  this fixture (:func:`casework.audit.log_import`); where the seeds say who applied and
  what came of it, as the call lists them (``historic_applications``).

Applicants come from the call's ``applicants_from`` municipalities, else its own (Liepāja's
calls fund Liepāja's organisations); what the seeds do not give (amounts, rates, dates,
criteria) is an example, and the call page says so (``example_notice``).

The open call names ``koordinators`` as its responsible officer: the applicants' messages,
declared conflicts and reports of its applications are mailed to him.

``biedriba1`` and ``biedriba2`` are members of the first two organisations eligible for the
open call; its other applicants act through an account for their contact person.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from kopiena.casework import audit
from kopiena.casework.models import Municipality
from kopiena.casework.workflow import TransitionRefused
from kopiena.grants.models import (
    RIGA,
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    CallIndexPage,
    DocumentKind,
    GrantCall,
    LegalForm,
    Membership,
    MembershipRole,
    Organisation,
    Report,
    ReportLine,
    ScoringCriterion,
    months_between,
)
from kopiena.grants.roles import Role
from kopiena.grants.validators import lv_iban, validate_registration_number

from .grants_workflow import move

S = ApplicationStatus
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "grants.json"
PAGES_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pages.json"
CENT = Decimal("0.01")
BANKS = ("HABA", "UNLA", "RIKO", "PARX", "NDEA")

#: The open call's applications, one per state, handed out to the applicant organisations
#: in this order (each organisation takes as many as it has project ideas).
OPEN_CALL_STATES = (
    S.APPROVED,
    S.IN_REVIEW,
    S.CHANGES_REQUESTED,
    S.REPORT_SUBMITTED,
    S.DRAFT,
    S.RECOMMENDED,
    S.SUBMITTED,
    S.COMPLETED,
    S.REJECTED,
    S.WITHDRAWN,
)
#: States of the imported applications of each closed call, in turn.
HISTORIC_STATES = (S.COMPLETED, S.REJECTED, S.COMPLETED, S.APPROVED)
#: Share of the grant range each application requests, in turn (varied amounts).
REQUEST_FRACTIONS = (Decimal("0.5"), Decimal("0.62"), Decimal("0.41"), Decimal("0.73"))

#: (category, description, quantity, unit, share of the total cost)
BUDGET_TEMPLATE = (
    (BudgetCategory.STAFF, "Projekta koordinatora darba samaksa", "unit_months", "mēn.", "0.45"),
    (BudgetCategory.SERVICES, "Speciālistu un lektoru pakalpojumi", 8, "nodarb.", "0.25"),
    (BudgetCategory.MATERIALS, "Materiāli un inventārs", 1, "kompl.", "0.17"),
    (BudgetCategory.TRANSPORT, "Transporta izdevumi", 4, "brauc.", "0.10"),
)


class _Out:
    def __init__(self, stdout):
        self.stdout = stdout

    def __call__(self, message):
        self.stdout.write(f"  {message}")


def load(stdout, path: Path | str | None = None):
    out = _Out(stdout)
    path = Path(path) if path else FIXTURE
    if not path.exists():
        out(f"grants: {path} not found, no grant demo data loaded")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    index = _call_index(out)
    calls = [_call(index, spec, out) for spec in data.get("calls", [])]
    calls = [c for c in calls if c is not None]
    organisations = [
        (org, spec)
        for spec in data.get("organisations", [])
        if (org := _organisation(spec, out)) is not None
    ]
    if not calls or not organisations:
        out("grants: no calls or no organisations in the fixture")
        return
    open_call = _open_call(calls, data.get("calls", []))
    specs = {spec.get("slug"): spec for spec in data.get("calls", [])}
    users = _demo_users()
    applicants = _eligible(open_call, organisations, specs.get(open_call.slug))
    _memberships(applicants, users, out)
    _responsible_officers(open_call, users, out)
    created = _open_call_applications(open_call, applicants, users, out)
    imported = 0
    for call in calls:
        if call.pk != open_call.pk:
            imported += _historic_applications(
                call, organisations, specs.get(call.slug) or {}, path.name, out
            )
    out(
        f"{len(calls)} calls ({open_call.title} open), {len(organisations)} organisations, "
        f"{created} applications through the workflow, {imported} imported"
    )


# --- pages --------------------------------------------------------------------------------


def _call_index(out) -> CallIndexPage:
    existing = CallIndexPage.objects.first()
    if existing:
        return existing
    parent = _home_page()
    index = CallIndexPage(
        title="Konkursi",
        slug="konkursi",
        show_in_menus=True,
        intro="<p>Pašvaldību un programmu līdzfinansējuma konkursi nevalstiskajām "
        "organizācijām.</p>",
    )
    parent.add_child(instance=index)
    index.save_revision().publish()
    out(f"call index page under “{parent.title}”")
    return index


def _home_page() -> Page:
    """The Latvian home page (the pages demo creates it); else the default site's root
    page; else the tree's root."""
    from demo.home.models import HomePage

    home = (
        HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or HomePage.objects.first()
    )
    if home:
        return home
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site:
        return site.root_page
    return Page.get_first_root_node()


def _riga(day: dt.date, hour=0, minute=0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=RIGA)


def _date(value, default: dt.date) -> dt.date:
    if not value:
        return default
    return dt.date.fromisoformat(str(value)[:10])


def _money(value, default="0") -> Decimal:
    return Decimal(str(value if value not in (None, "") else default)).quantize(CENT)


def _call(index: CallIndexPage, spec: dict, out) -> GrantCall | None:
    slug = spec.get("slug")
    if not slug or not spec.get("title"):
        out(f"grants: call without title or slug skipped: {spec!r:.80}")
        return None
    existing = GrantCall.objects.filter(slug=slug).first()
    if existing:
        return existing
    year = int(spec.get("year") or timezone.localdate().year)
    opens = _date(spec.get("opens_at"), dt.date(year, 2, 1))
    closes = _date(spec.get("closes_at"), dt.date(year, 3, 31))
    forms = [f for f in spec.get("eligible_legal_forms") or [] if f in LegalForm.values]
    call = GrantCall(
        title=spec["title"],
        slug=slug,
        summary=spec.get("summary", ""),
        body=_example_notice(spec.get("example_notice")),
        municipality=_municipality(spec.get("owner")),
        opens_at=_riga(opens),
        closes_at=_riga(closes, 23, 59),
        total_budget=_money(spec.get("total_budget")),
        reserve=_money(spec.get("reserve")),
        min_grant=_money(spec.get("min_grant")),
        max_grant=_money(spec.get("max_grant"), spec.get("total_budget")),
        funding_rate=Decimal(str(spec.get("funding_rate") or "1")),
        infrastructure_share=Decimal(str(spec.get("infrastructure_share") or "0")),
        max_duration_months=int(spec.get("max_duration_months") or 12),
        eligible_legal_forms=forms or list(LegalForm.values),
        public_benefit_required=bool(spec.get("public_benefit_required")),
        social_service_provider_required=bool(
            spec.get("requires_social_service_provider_register")
        ),
        reviews_required=max(1, int(spec.get("reviews_required") or 1)),
        required_documents="\n".join(spec.get("documents") or []),
        # Only where the seeds name the document (a cost estimate, price quotes).
        required_document_kinds=[
            kind for kind in spec.get("document_kinds") or [] if kind in DocumentKind.values
        ],
    )
    try:
        index.add_child(instance=call)
    except ValidationError as error:
        out(f"grants: call “{spec['title']}” skipped: {'; '.join(error.messages)}")
        return None
    for order, criterion in enumerate(spec.get("criteria") or []):
        ScoringCriterion.objects.create(
            call=call,
            name=criterion["name"],
            weight=Decimal(str(criterion["weight"])),
            max_score=int(criterion.get("max_score") or 5),
            sort_order=order,
        )
    if call.criteria_errors():
        out(f"grants: {call.title}: {call.criteria_errors()}")
    call.save_revision().publish()
    return call


def _example_notice(text) -> str:
    """What of the call comes from the seeds and what is an example, on the page."""
    if not text:
        return ""
    return f"<p><b>Demonstrācijas dati.</b> {escape(text)}</p>"


def _open_call(calls: list[GrantCall], specs: list[dict]) -> GrantCall:
    """The flagged call, else the one that closed last; its dates are moved (on creation
    only: this is idempotent) so it opened 30 days ago and closes in 60."""
    flagged = {s.get("slug") for s in specs if s.get("open_now")}
    candidates = [c for c in calls if c.slug in flagged] or sorted(
        calls, key=lambda c: c.closes_at, reverse=True
    )
    call = candidates[0]
    if not call.is_open() and not call.applications.exists():
        today = timezone.localdate(timezone=RIGA)
        call.opens_at = _riga(today - dt.timedelta(days=30))
        call.closes_at = _riga(today + dt.timedelta(days=60), 23, 59)
        call.save(update_fields=["opens_at", "closes_at"])
        revision = call.save_revision()
        revision.publish()
    return call


# --- organisations and people -------------------------------------------------------------


def _municipality(slug: str | None) -> Municipality | None:
    if not slug:
        return None
    existing = Municipality.objects.filter(slug=slug).first()
    if existing:
        return existing
    name = slug.replace("-", " ").title()
    if PAGES_FIXTURE.exists():
        pages = json.loads(PAGES_FIXTURE.read_text(encoding="utf-8"))
        name = next(
            (m["name"] for m in pages.get("municipalities", []) if m.get("slug") == slug), name
        )
    return Municipality.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def _organisation(spec: dict, out) -> Organisation | None:
    number = str(spec.get("registration_number") or "")
    municipality = _municipality(spec.get("municipality"))
    try:
        validate_registration_number(number)
    except ValidationError:
        number = ""
    if not number or not spec.get("name") or municipality is None:
        out(
            f"grants: organisation without name, valid number or municipality skipped: {spec!r:.80}"
        )
        return None
    bank = BANKS[int(number) % len(BANKS)]
    organisation, _created = Organisation.objects.get_or_create(
        registration_number=number,
        defaults={
            "name": spec["name"],
            "legal_form": spec.get("legal_form") or LegalForm.BIEDRIBA,
            "public_benefit": bool(spec.get("public_benefit")),
            "registered_social_service_provider": bool(
                spec.get("registered_social_service_provider")
            ),
            "e_address": spec.get("e_address", ""),
            "iban": lv_iban(bank, f"{number}00"),
            "municipality": municipality,
            "contact_name": spec.get("contact_name", ""),
            "contact_email": spec.get("contact_email", ""),
            "contact_phone": spec.get("contact_phone", ""),
        },
    )
    return organisation


def _eligible(call: GrantCall, organisations, call_spec: dict | None = None):
    """Organisations that may apply to ``call``, its own municipality's first. Where they
    come from is the fixture's ``applicants_from`` (municipality slugs), else the call's own
    municipality (a municipality's call funds its own organisations), else anywhere."""
    places = (call_spec or {}).get("applicants_from")
    if places is None and call.municipality_id:
        places = [call.municipality.slug]
    eligible = [
        (org, spec)
        for org, spec in organisations
        if (places is None or org.municipality.slug in places)
        and call.accepts_legal_form(org.legal_form)
        and (org.public_benefit or not call.public_benefit_required)
        and (org.registered_social_service_provider or not call.social_service_provider_required)
        and spec.get("project_ideas")
    ]
    return sorted(eligible, key=lambda pair: pair[0].municipality_id != call.municipality_id)


def _demo_users() -> dict[str, User]:
    from demo.data.accounts import ACCOUNTS

    return {u.username: u for u in User.objects.filter(username__in=ACCOUNTS)}


def _responsible_officers(call: GrantCall, users, out):
    """The open call names ``koordinators`` as its responsible officer, when it names
    none yet (officers an editor has named are left as they are)."""
    officer = users.get("koordinators")
    if officer is None or call.officers.exists():
        return
    call.officers.set([officer])
    call.save()
    call.save_revision().publish()
    out(f"grants: {officer.get_full_name()} is the responsible officer of {call.title}")


def _memberships(applicants, users, out):
    """biedriba1 and biedriba2 join the first two applicant organisations."""
    for username, (org, _spec) in zip(("biedriba1", "biedriba2"), applicants, strict=False):
        user = users.get(username)
        if user is None:
            out(f"grants: demo user {username} missing (casework demo not loaded?)")
            continue
        Membership.objects.get_or_create(
            user=user, organisation=org, defaults={"role": MembershipRole.OWNER}
        )


def _acting_member(org: Organisation) -> User:
    """A member who acts for ``org``: a demo account if one is a member, else the
    organisation's contact person (created without a usable password)."""
    membership = org.memberships.select_related("user").order_by("pk").first()
    if membership:
        return membership.user
    first, _, last = (org.contact_name or "Kontaktpersona").partition(" ")
    user, created = User.objects.get_or_create(
        username=f"nvo-{org.registration_number}",
        defaults={"first_name": first, "last_name": last, "email": org.contact_email},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=Role.NGO_MEMBERS))
    Membership.objects.get_or_create(
        user=user, organisation=org, defaults={"role": MembershipRole.OWNER}
    )
    return user


# --- applications -------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _plan(call: GrantCall, start_after: dt.date) -> tuple[dt.date, dt.date]:
    start = _add_months(start_after.replace(day=1), 1)
    months = min(call.max_duration_months, 6)
    return start, _add_months(start, months) - dt.timedelta(days=1)


def _requested_target(call: GrantCall, n: int) -> Decimal:
    fraction = REQUEST_FRACTIONS[n % len(REQUEST_FRACTIONS)]
    amount = call.min_grant + (call.max_grant - call.min_grant) * fraction
    return max(call.min_grant, amount.quantize(Decimal("10"), rounding=ROUND_DOWN))


def _budget(application: Application, call: GrantCall, requested: Decimal, months: int):
    """Budget lines whose requested amounts add up to about ``requested`` and keep every
    rule of the call (funding rate, infrastructure share): each line rounds down."""
    rate = call.funding_rate
    total = requested / rate
    template = list(BUDGET_TEMPLATE)
    if call.infrastructure_share > 0:
        template.append(
            (
                BudgetCategory.INFRASTRUCTURE,
                "Telpu pielāgošana",
                1,
                "kompl.",
                str(call.infrastructure_share * Decimal("0.6")),
            )
        )
    lines = []
    for order, (category, description, quantity, unit, share) in enumerate(template):
        quantity = months if quantity == "unit_months" else quantity
        unit_cost = (total * Decimal(share) / quantity).quantize(CENT, rounding=ROUND_DOWN)
        line_total = unit_cost * quantity
        line_requested = (line_total * rate).quantize(CENT, rounding=ROUND_DOWN)
        lines.append(
            BudgetLine(
                application=application,
                category=category,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_cost=unit_cost,
                requested=line_requested,
                own=line_total - line_requested,
                sort_order=order,
            )
        )
    for line in lines:
        line.save()  # each save recalculates the application's totals
    application.refresh_from_db()


def _new_application(call, org, idea, n, *, created_by, created_at, start_after, status=None):
    start, end = _plan(call, start_after)
    kwargs = {"status": status} if status else {}
    application = Application.objects.create(
        call=call,
        organisation=org,
        title=idea["title"],
        summary=idea.get("description", ""),
        municipality=org.municipality,
        planned_start=start,
        planned_end=end,
        created_by=created_by,
        created_at=created_at,
        **kwargs,
    )
    _budget(application, call, _requested_target(call, n), months_between(start, end))
    return application


def _open_call_applications(call: GrantCall, applicants, users, out) -> int:
    needed = ("koordinators", "vertetajs", "vertetajs2", "finanses")
    if any(name not in users for name in needed):
        out("grants: demo staff accounts missing; open-call applications skipped")
        return 0
    slots = []
    states = list(OPEN_CALL_STATES)
    for org, spec in applicants:
        for idea in spec["project_ideas"]:
            if not states:
                break
            slots.append((org, idea, states.pop(0)))
    created = 0
    for n, (org, idea, target) in enumerate(slots):
        if Application.objects.filter(call=call, organisation=org, title=idea["title"]).exists():
            continue
        member = _acting_member(org)
        application = _new_application(
            call,
            org,
            idea,
            n,
            created_by=member,
            created_at=timezone.now(),
            start_after=timezone.localdate(timezone=RIGA),
        )
        try:
            move(application, target, member, users, n)
        except TransitionRefused as refused:
            out(
                f"grants: “{application}” stopped before {target}: {refused.message} "
                f"{refused.errors}"
            )
        created += 1
    return created


def _historic_plan(call: GrantCall, organisations, call_spec: dict):
    """(organisation, idea, status) of a closed call's applications: the fixture's
    ``historic_applications`` where the seeds say who applied and what became of it, else
    at most one per eligible organisation, up to four, in :data:`HISTORIC_STATES`."""
    listed = call_spec.get("historic_applications")
    if listed is None:
        recent = call.closes_at > timezone.now() - dt.timedelta(days=365)
        plan = []
        eligible = _eligible(call, organisations, call_spec)[: len(HISTORIC_STATES)]
        for n, (org, spec) in enumerate(eligible):
            status = HISTORIC_STATES[n]
            if status == S.APPROVED and not recent:
                status = S.COMPLETED  # an old project still running would be odd
            plan.append((org, spec["project_ideas"][-1], status, True))
        return plan
    ideas = {
        (org.registration_number, idea["title"]): (org, idea)
        for org, spec in organisations
        for idea in spec.get("project_ideas") or []
    }
    return [
        (*ideas[key], item["status"], False)
        for item in listed
        if (key := (str(item.get("organisation")), item.get("title"))) in ideas
        and item.get("status") in S.values
    ]


def _historic_applications(call: GrantCall, organisations, call_spec, file_name, out) -> int:
    """Applications of a closed call, imported with their final status (see the module
    docstring)."""
    created = 0
    system_user = None
    committed = call.committed_amount
    for n, (org, idea, status, flexible) in enumerate(
        _historic_plan(call, organisations, call_spec)
    ):
        if Application.objects.filter(call=call, organisation=org, title=idea["title"]).exists():
            continue
        if (
            flexible
            and status in (S.COMPLETED, S.APPROVED)
            and committed + call.max_grant > call.available_budget
        ):
            status = S.REJECTED
        closes = timezone.localtime(call.closes_at, RIGA)
        application = _new_application(
            call,
            org,
            idea,
            n,
            created_by=None,
            created_at=call.opens_at + dt.timedelta(days=3 + n),
            start_after=closes.date(),
            status=status,
        )
        submitted_at = call.closes_at - dt.timedelta(days=2 + n)
        update = {"submitted_at": submitted_at}
        if status in (S.COMPLETED, S.APPROVED):
            update.update(
                approved_amount=application.requested_amount,
                decision_reference=f"{closes.year}/{n + 1}",
                decision_date=(closes + dt.timedelta(days=30)).date(),
            )
            committed += application.requested_amount
        elif status == S.REJECTED:
            update["decision_date"] = (closes + dt.timedelta(days=30)).date()
        Application.objects.filter(pk=application.pk).update(**update)
        application.refresh_from_db()
        if status == S.COMPLETED:
            _historic_report(application)
        audit.log_import(application, system_user, file_name=file_name, row=n)
        created += 1
    return created


def _historic_report(application: Application) -> None:
    end = application.planned_end or timezone.localdate()
    at = _riga(end + dt.timedelta(days=20), 12)
    report = Report.objects.create(
        application=application,
        narrative="Projekts īstenots pilnā apjomā.",
        results="Sasniegti plānotie rezultāti.",
        participants_reached=60,
    )
    Report.objects.filter(pk=report.pk).update(
        submitted_at=at, accepted_at=at + dt.timedelta(days=14)
    )
    for i, line in enumerate(application.budget_lines.all()):
        factor = Decimal("0.95") if i % 2 else Decimal("1.00")
        ReportLine.objects.create(
            report=report, budget_line=line, actual_amount=(line.amount * factor).quantize(CENT)
        )
