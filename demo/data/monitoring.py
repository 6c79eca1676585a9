"""Demo monitoring for ``manage.py load_demo``: planning regions, who monitors what, two
years (2022 and 2023) of grant cases for Liepāja, Daugavpils and Rēzeknes novads, the
outcomes the seeds give for the pilots' evaluations, the Daugavpils survey whose averages are
seed 004's, the annual report index page and two reports (Daugavpils 2022 published,
Daugavpils 2023 a draft for ``vaditajs`` to finish).

Figures and rules from the seeds where they give them:

* Latgale's target groups (seed 002): people with disabilities 22 500, families with
  children 6 300, older people 75 000, children and youth 54 000, unemployed 36 000;
* Liepāja's social inclusion competition 130 000 € a year, 3–4 projects funded; the civil
  society competition 50 000 € a year, 15–22 funded (seed 001, DESIGN.md);
* Daugavpils' co-financing fund co-financed the families' creative workshop in 2023;
* the Daugavpils survey: 10 questions, scale 1–10, averages 9.2 / 6.2 / 8.2, all felt they
  belonged, cooperation "izcili, teicami, ļoti labi", all will keep taking part (seed 004).

Everything else is an example: the other applications (organisations, titles, amounts, dates),
the number of survey respondents (10), their free-text answers, the Rēzeknes novads
competition. The historic applications are written as historic records with their audit
trail dated in those years (the transition service cannot submit to a call that closed in
2022); the reports go through the transition service.

Latgale: the seed counts 21 municipalities (2010, after the 2009 reform); since the 2021
reform it has 9, and the demo's cases use today's municipalities, so the region lists those 9.

Idempotent: regions, users, calls (by slug), organisations (by registration number), the
survey (by title and initiative) and the reports (by place and year) are created once.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from kopiena.casework.audit import TRANSITION, transition_data
from kopiena.casework.models import Municipality, PlanningRegion, TargetGroup
from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.community_work.models import Evaluation, GoalAchievement, Initiative
from kopiena.grants.models import (
    RIGA,
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    GrantCall,
    LegalForm,
    Organisation,
    Report,
    ReportLine,
    ScoringCriterion,
)
from kopiena.grants.validators import lv_iban
from kopiena.monitoring.devices import device_hash
from kopiena.monitoring.models import (
    AnnualReport,
    AnnualReportIndexPage,
    Answer,
    MonitoringAccess,
    RegionTargetGroup,
    Response,
    Survey,
    SurveyLink,
)
from kopiena.monitoring.survey_templates import TITLE, create_from_template

from .accounts import DEMO_PASSWORD

S = ApplicationStatus
CENT = Decimal("0.01")

LATGALE = [
    ("daugavpils", "Daugavpils"),
    ("rezekne", "Rēzekne"),
    ("augsdaugavas-novads", "Augšdaugavas novads"),
    ("balvu-novads", "Balvu novads"),
    ("kraslavas-novads", "Krāslavas novads"),
    ("livanu-novads", "Līvānu novads"),
    ("ludzas-novads", "Ludzas novads"),
    ("preilu-novads", "Preiļu novads"),
    ("rezeknes-novads", "Rēzeknes novads"),
]
KURZEME = [
    ("liepaja", "Liepāja"),
    ("dienvidkurzemes-novads", "Dienvidkurzemes novads"),
    ("tukuma-novads", "Tukuma novads"),
]
#: Seed 002's Latgale counts, by the demo's target-group slugs (pages fixture).
LATGALE_COUNTS = {
    "cilveki-ar-invaliditati": 22500,
    "gimenes-ar-berniem": 6300,
    "seniori": 75000,
    "berni-un-jauniesi": 54000,
    "bezdarbnieki": 36000,
    "cilveki-ar-atkaribas-problemam": None,
    "socialas-atstumtibas-riska-grupas": None,
}
COORDINATOR = ("regkoordinators", "Aija", "Gailīte")
HEAD = "vaditajs"
SOCIAL_WORKER = "socdarbinieks"

#: (municipality, slug stem, title, budget, funded per year {year: n}, rejected per year,
#:  grant range, target-group slugs, note)
CALLS = [
    (
        "liepaja",
        "liepaja-socialas-ieklausanas-konkurss",
        "Sociālās iekļaušanas veicināšanas projektu konkurss",
        Decimal("130000.00"),
        {2022: 4, 2023: 3},
        {2022: 2, 2023: 2},
        (22000, 40000),
        ["cilveki-ar-invaliditati", "seniori", "gimenes-ar-berniem"],
    ),
    (
        "liepaja",
        "liepaja-pilsoniskas-sabiedribas-konkurss",
        "Pilsoniskās sabiedrības organizāciju projektu konkurss",
        Decimal("50000.00"),
        {2022: 16, 2023: 18},
        {2022: 4, 2023: 3},
        (1800, 3200),
        ["berni-un-jauniesi", "seniori", "vietejo-kopienu-iedzivotaji"],
    ),
    (
        "daugavpils",
        "daugavpils-sabiedrisko-organizaciju-atbalsta-fonds",
        "Sabiedrisko organizāciju atbalsta fonds",
        Decimal("60000.00"),
        {2022: 3, 2023: 4},
        {2022: 1, 2023: 1},
        (3000, 9000),
        ["gimenes-ar-berniem-ar-invaliditati", "seniori", "berni-un-jauniesi"],
    ),
    (
        "rezeknes-novads",
        "rezeknes-novada-nvo-projektu-konkurss",
        "Rēzeknes novada NVO projektu konkurss (piemērs)",
        Decimal("20000.00"),
        {2022: 2, 2023: 3},
        {2022: 0, 2023: 1},
        (2000, 5000),
        ["seniori", "vietejo-kopienu-iedzivotaji"],
    ),
]
PROJECTS = (
    "Atbalsta grupa ģimenēm", "Senioru digitālās prasmes", "Radošā darbnīca bērniem",
    "Kopienas dārzs", "Brīvprātīgo kustība apkaimē", "Vasaras nometne", "Sporta nodarbības",
    "Sarunu klubs", "Informatīvās tikšanās", "Pārtikas atbalsta punkts",
)  # fmt: skip
ORG_WORDS = (
    "Saules", "Dzintara", "Kopā", "Atbalsta", "Draudzības", "Cerību", "Zaļā", "Mājas",
    "Gaismas", "Tilts",
)  # fmt: skip

#: On the page of each historic call: only its name and purpose (and Liepāja's yearly budgets)
#: come from the seeds.
HISTORIC_CALL_NOTICE = (
    "<p><b>Demonstrācijas dati.</b> No avotiem ir tikai konkursa nosaukums un mērķis "
    "(Liepājas konkursiem arī gada budžets). "
    "Termiņi, piešķīruma robežas, 90 % finansējuma likme, 5 % infrastruktūrai, ilgums, "
    "pieteicēji, projekti un summas ir izdomāti, lai parādītu uzraudzības skaitļus.</p>"
)

#: The outcomes seed 004 states for the pilots, by initiative title (nothing invented).
PILOT_OUTCOMES = {
    "Daugavpils ģimeņu ar bērniem ar invaliditāti kopiena": {
        "goal_achievement": GoalAchievement.ACHIEVED,  # "plāni ... tika izpildīti"
        "new_organisations": 1,  # biedrība „FORTE” dibināta
    },
    "Bauskas kopienas centra iniciatīva un biedrību stiprināšana": {
        "goal_achievement": GoalAchievement.PARTLY,  # "Mērķis tika sasniegts daļēji"
        "new_leaders": 1,  # invalīdu biedrībai jauns līderis
    },
}

#: The Daugavpils survey's answers, one list per question, one value per respondent: the
#: sums of the first three are 92, 62 and 82, so their averages are seed 004's.
SURVEY_ANSWERS = [
    [10, 10, 9, 9, 9, 9, 9, 9, 9, 9],  # social worker's work → 9.2
    [8, 7, 7, 6, 6, 6, 6, 6, 5, 5],  # own involvement → 6.2
    [9, 9, 9, 8, 8, 8, 8, 8, 8, 7],  # change achieved → 8.2
    [8, 9, 7, 8, 9, 8, 7, 9, 8, 8],  # knows where to get support (example)
    [0] * 10,  # belonging: all "Jā"
    [0, 0, 0, 0, 1, 1, 1, 2, 2, 2],  # cooperation: izcili ×4, teicami ×3, ļoti labi ×3
    [0] * 10,  # will keep taking part: all "Jā"
    [[0, 2], [2, 4], [0, 1], [4], [2], [0, 2, 4], [1], [0], [2, 4], [0, 1]],  # activities
    [
        "Kopīgās tikšanās un WhatsApp grupa.",
        "",
        "Другие родители рядом.",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    ["Vairāk tikšanos vakaros.", "", "", "Больше занятий в бассейне.", "", "", "", "", "", ""],
]
SURVEY_LANGUAGES = ["lv", "lv", "ru", "ru", "lv", "ru", "lv", "lv", "ru", "lv"]


def load(stdout):
    regions = _regions()
    coordinator = _coordinator(regions["latgale"])
    head = User.objects.filter(username=HEAD).first()
    if head is not None:
        _access(head, municipality=Municipality.objects.get(slug="daugavpils"))
    created = _historic_grants()
    outcomes = _pilot_outcomes()
    survey = _survey()
    index = _report_index()
    reports = _reports(index, head)
    stdout.write(
        f"  regions Latgale ({regions['latgale'].municipalities.count()} municipalities) and "
        f"Kurzeme; monitoring access for {HEAD} and {coordinator.username}; {created} historic "
        f"applications; {outcomes} pilot outcomes; survey "
        f"“{survey.title if survey else '—'}”; reports: {', '.join(reports) or '—'}"
    )


# --- regions and people ----------------------------------------------------------------------


def _regions():
    latgale, _ = PlanningRegion.objects.get_or_create(
        slug="latgale",
        defaults={
            "name": "Latgales plānošanas reģions",
            "description": (
                "Sēklā 002 (2010. gads): 21 pašvaldība pēc 2009. gada reformas; kopš 2021. "
                "gada reformas — 9 pašvaldības."
            ),
        },
    )
    kurzeme, _ = PlanningRegion.objects.get_or_create(
        slug="kurzeme", defaults={"name": "Kurzemes plānošanas reģions"}
    )
    for region, members in ((latgale, LATGALE), (kurzeme, KURZEME)):
        for slug, name in members:
            municipality = Municipality.objects.filter(
                slug=slug
            ).first() or Municipality.objects.create(slug=slug, name=name)
            if municipality.planning_region_id is None:
                municipality.planning_region = region
                municipality.save(update_fields=["planning_region"])
    for slug, count in LATGALE_COUNTS.items():
        group = TargetGroup.objects.filter(slug=slug).first()
        if group is not None:
            RegionTargetGroup.objects.get_or_create(
                region=latgale,
                target_group=group,
                defaults={"people_count": count, "source": "Sēkla 002 (2010)" if count else ""},
            )
    return {"latgale": latgale, "kurzeme": kurzeme}


def _coordinator(region):
    username, first, last = COORDINATOR
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@kopiena.example.lv",
            "is_staff": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.REGIONAL_COORDINATORS))
    _access(user, region=region)
    return user


def _access(user, *, municipality=None, region=None):
    MonitoringAccess.objects.get_or_create(user=user, municipality=municipality, region=region)


# --- two years of grant cases ------------------------------------------------------------------


def _riga(day: dt.date, hour=10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=RIGA)


def _call_index():
    from kopiena.grants.models import CallIndexPage

    return CallIndexPage.objects.first()


def _call(index, municipality, slug, title, budget, year, grant_range):
    existing = GrantCall.objects.filter(slug=slug).first()
    if existing:
        return existing, False
    low, high = grant_range
    call = GrantCall(
        title=f"{title} {year}",
        slug=slug,
        summary="Noslēdzies konkurss (demonstrācijas vēsturiskie dati).",
        body=HISTORIC_CALL_NOTICE,
        municipality=municipality,
        opens_at=_riga(dt.date(year, 2, 1), 0),
        closes_at=_riga(dt.date(year, 3, 15), 23),
        total_budget=budget,
        reserve=Decimal("0.00"),
        min_grant=Decimal(low // 2),
        max_grant=Decimal(high + 5000),
        funding_rate=Decimal("0.90"),
        infrastructure_share=Decimal("0.05"),
        max_duration_months=12,
        eligible_legal_forms=[LegalForm.BIEDRIBA, LegalForm.NODIBINAJUMS],
        reviews_required=1,
    )
    index.add_child(instance=call)
    ScoringCriterion.objects.create(
        call=call, name="Atbilstība konkursa mērķim", weight=1, max_score=10
    )
    call.save_revision().publish()
    return call, True


def _organisations(municipality, count, r):
    prefix = {"liepaja": "40008", "daugavpils": "40009", "rezeknes-novads": "40007"}[
        municipality.slug
    ]
    result = []
    for n in range(count):
        number = f"{prefix}{n:06d}"
        org = Organisation.objects.filter(registration_number=number).first()
        if org is None:
            org = Organisation.objects.create(
                name=(
                    f"Biedrība „{ORG_WORDS[n % len(ORG_WORDS)]} "
                    f"{municipality.name.split()[0]} {n + 1}”"
                ),
                legal_form=LegalForm.BIEDRIBA,
                registration_number=number,
                public_benefit=True,
                iban=lv_iban("HABA", f"{int(number):013d}"),
                municipality=municipality,
                contact_name="Kontaktpersona (piemērs)",
                contact_email=f"biedriba{number}@biedribas.example.lv",
            )
        result.append(org)
    return result


def _historic_grants() -> int:
    index = _call_index()
    if index is None:
        return 0
    officer = User.objects.filter(username="koordinators").first()
    finance = User.objects.filter(username="finanses").first()
    content_type = ContentType.objects.get_for_model(Application)
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    created = 0
    for place, stem, title, budget, funded, rejected, grant_range, group_slugs in CALLS:
        municipality = Municipality.objects.filter(slug=place).first()
        if municipality is None:
            continue
        for year in (2022, 2023):
            call, new = _call(
                index, municipality, f"{stem}-{year}", title, budget, year, grant_range
            )
            if not new:
                continue
            r = random.Random(f"{stem}:{year}")
            total = funded[year] + rejected[year]
            organisations = _organisations(municipality, max(total, 4) + 2, r)
            r.shuffle(organisations)
            share = budget / funded[year]
            for n in range(total):
                is_funded = n < funded[year]
                amount = (
                    min(Decimal(grant_range[1]), share) * Decimal(r.randrange(85, 100)) / 100
                ).quantize(CENT, ROUND_DOWN)
                title_text = PROJECTS[(n + year) % len(PROJECTS)]
                if stem.startswith("daugavpils") and year == 2023 and n == 0:
                    title_text = "Ģimeņu radošā darbnīca"  # seed 004: co-financed in 2023
                _application(
                    call,
                    organisations[n],
                    municipality,
                    f"{title_text} ({municipality.name}, {year})",
                    amount,
                    is_funded,
                    year,
                    r,
                    officer,
                    finance,
                    content_type,
                    [groups[s] for s in group_slugs[: 1 + n % 2] if s in groups],
                )
                created += 1
    return created


def _application(
    call,
    org,
    municipality,
    title,
    requested,
    funded,
    year,
    r,
    officer,
    finance,
    content_type,
    groups,
):
    own = (requested * Decimal("0.10")).quantize(CENT, ROUND_DOWN)
    submitted = _riga(dt.date(year, 3, 1) + dt.timedelta(days=r.randrange(0, 14)), 11)
    decided = submitted + dt.timedelta(days=r.randrange(18, 45))
    approved = (requested * Decimal(r.randrange(90, 101)) / 100).quantize(CENT, ROUND_DOWN)
    app = Application(
        call=call,
        organisation=org,
        title=title,
        summary="Vēsturisks demonstrācijas pieteikums.",
        municipality=municipality,
        planned_start=dt.date(year, 5, 1),
        planned_end=dt.date(year, 10, 31),
        requested_amount=requested,
        own_contribution=own,
        total_cost=requested + own,
        approved_amount=approved if funded else None,
        decision_reference=f"Lēmums Nr. {year}/{r.randrange(1, 90)}" if funded else "",
        decision_date=decided.astimezone(RIGA).date() if funded else None,
        status=S.COMPLETED if funded else S.REJECTED,
        created_at=submitted - dt.timedelta(days=3),
        submitted_at=submitted,
    )
    app.save()
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                application=app,
                category=BudgetCategory.SERVICES,
                description="Nodarbību vadītāju pakalpojumi",
                quantity=Decimal("1"),
                unit="kompl.",
                unit_cost=requested + own,
                requested=requested,
                own=own,
            )
        ]
    )
    app.target_groups.set(groups)
    steps = [
        ("submit", None, submitted),
        ("start_review", officer, submitted + dt.timedelta(days=5)),
    ]
    if funded:
        report_at = _riga(dt.date(year, 11, 1) + dt.timedelta(days=r.randrange(0, 45)), 14)
        steps += [
            ("recommend", officer, decided - dt.timedelta(days=3)),
            ("approve_budget", finance, decided),
            ("submit_report", None, report_at),
            ("accept_report", officer, report_at + dt.timedelta(days=r.randrange(3, 20))),
        ]
        line = app.budget_lines.first()
        report = Report.objects.create(
            application=app,
            narrative="Projekts īstenots atbilstoši plānam.",
            results="Nodarbības notika regulāri.",
            participants_reached=r.randrange(15, 120),
            submitted_at=report_at,
            accepted_at=steps[-1][2],
        )
        actual = (line.amount * Decimal(r.randrange(92, 106)) / 100).quantize(CENT, ROUND_DOWN)
        ReportLine.objects.create(report=report, budget_line=line, actual_amount=actual)
    else:
        steps.append(("reject", officer, decided))
    _trail(app, steps, content_type)


def _trail(app, steps, content_type):
    field = Application._meta.get_field("status")
    targets = {
        t.name: (str((t.custom or {}).get("label", t.name)), t.target)
        for t in field.get_all_transitions(Application)
    }
    source = S.DRAFT
    entries = []
    for action, user, at in steps:
        label, target = targets[action]
        entries.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(app.pk),
                label=str(app)[:255],
                action=TRANSITION,
                timestamp=at,
                user=user,
                data=transition_data(
                    action=action,
                    label=label,
                    source_state=source,
                    target_state=target,
                    comment="Vēsturisks ieraksts (demonstrācijas dati).",
                    amount=app.approved_amount if action == "approve_budget" else None,
                    source="import",
                ),
            )
        )
        source = target
    ModelLogEntry.objects.bulk_create(entries)


# --- pilots' outcomes and the Daugavpils survey --------------------------------------------------


def _pilot_outcomes() -> int:
    updated = 0
    for title, fields in PILOT_OUTCOMES.items():
        evaluation = Evaluation.objects.filter(initiative__title=title).first()
        if evaluation is None:
            continue
        changed = [
            name for name, value in fields.items() if getattr(evaluation, name) in (None, "")
        ]
        for name in changed:
            setattr(evaluation, name, fields[name])
        if changed:
            evaluation.save(update_fields=changed)
            updated += 1
    return updated


def _survey():
    initiative = Initiative.objects.filter(
        title="Daugavpils ģimeņu ar bērniem ar invaliditāti kopiena"
    ).first()
    if initiative is None:
        return None
    existing = Survey.objects.filter(initiative=initiative, title=TITLE[0]).first()
    if existing is not None:
        return existing
    worker = initiative.social_worker
    survey = create_from_template(
        municipality=initiative.municipality, initiative=initiative, user=worker
    )
    Survey.objects.filter(pk=survey.pk).update(created_at=_riga(dt.date(2023, 5, 8)))
    link = SurveyLink.objects.create(survey=survey, label="Kopienas WhatsApp grupa")
    perform_transition(survey, "open", worker, TransitionInput(), source="admin")
    questions = list(survey.questions.all())
    for respondent in range(10):
        response = Response.objects.create(
            survey=survey,
            link=link,
            language=SURVEY_LANGUAGES[respondent],
            submitted_at=_riga(dt.date(2023, 5, 10) + dt.timedelta(days=respondent % 6), 19),
            device_hash=device_hash(link.pk, f"demo-device-{respondent}"),
        )
        answers = []
        for question, values in zip(questions, SURVEY_ANSWERS, strict=True):
            value = values[respondent]
            if isinstance(value, list):
                answers += [Answer(response=response, question=question, number=v) for v in value]
            elif isinstance(value, str):
                if value:
                    answers.append(Answer(response=response, question=question, text=value))
            else:
                answers.append(Answer(response=response, question=question, number=value))
        Answer.objects.bulk_create(answers)
    survey.refresh_from_db()
    perform_transition(survey, "close", worker, TransitionInput(), source="admin")
    return survey


# --- annual reports -------------------------------------------------------------------------------


def _report_index():
    from demo.home.models import HomePage

    existing = AnnualReportIndexPage.objects.first()
    if existing:
        return existing
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        return None
    index = AnnualReportIndexPage(
        title="Gada pārskati",
        slug="parskati",
        show_in_menus=True,
        intro=(
            "<p>Sociālo dienestu gada pārskati: ko un cik labi darām, vai kādam ir labāk, kā "
            "jūtas saņēmējs un cik tas maksāja. Skaitļi ņemti no lietām un iesaldēti "
            "publicēšanas brīdī.</p>"
        ),
    )
    home.add_child(instance=index)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    index.save_revision(user=admin).publish(user=admin)
    return index


def _reports(index, head) -> list[str]:
    if index is None or head is None:
        return []
    daugavpils = Municipality.objects.get(slug="daugavpils")
    made = []
    published, created = AnnualReport.objects.get_or_create(
        municipality=daugavpils,
        year=2022,
        defaults={
            "title": "Daugavpils: 2022. gada pārskats",
            "summary": (
                "<p>2022. gada nogalē Daugavpilī sākās divi sociālā darba kopienā pilotprojekti "
                "— ar ģimenēm, kas audzina bērnus ar invaliditāti, un ar Križu senioriem. "
                "Sabiedrisko organizāciju atbalsta fonds līdzfinansēja biedrību projektus.</p>"
            ),
            "went_well": (
                "<ul><li>Kopienas WhatsApp grupa kļuva par galveno saziņas rīku.</li></ul>"
            ),
            "hindered": "<ul><li>Lielākās mērķa grupas daļas zemā līdzdalība.</li></ul>",
            "plans": "<p>Turpināt darbu ar abām kopienām 2023. gadā.</p>",
            "created_by": head,
        },
    )
    if created:
        perform_transition(
            published, "submit_for_approval", head, TransitionInput(), source="admin"
        )
        published.refresh_from_db()
        perform_transition(
            published,
            "approve",
            head,
            TransitionInput(comment="Apstiprināts un publicēts."),
            source="admin",
        )
    made.append("Daugavpils 2022 (publicēts)")
    from kopiena.monitoring.views.reports import suggested_factors

    if not AnnualReport.objects.filter(municipality=daugavpils, year=2023).exists():
        report = AnnualReport(municipality=daugavpils, year=2023, created_by=head)
        went_well, hindered = suggested_factors(report.scope, 2023)
        report.title = "Daugavpils: 2023. gada pārskats"
        report.went_well = went_well
        report.hindered = hindered
        report.summary = (
            "<p>Melnraksts: abi pilotprojekti noslēdzās 2023. gada maijā; ģimeņu kopiena "
            "nodibināja biedrību „FORTE”.</p>"
        )
        report.save()
    made.append("Daugavpils 2023 (melnraksts)")
    return made
