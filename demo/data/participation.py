"""Demo participatory budgets for ``manage.py load_demo``.

**Liepāja's round** (seed 001): ideas in eleven themes (dog-walking and training areas 4,
park improvements 2, urban environment 9, environmental objects 4, sport and playgrounds 6,
active leisure infrastructure 7, events for different target groups 4, social services 2,
a volunteer-tracking system 1, a cultural event 1, other 3 — 43 ideas), the vote from
19 May to 1 June, and the result: 6 infrastructure projects for 184 937,53 €, 6 event
projects for 50 264,00 €, 235 201,53 € in all, 22 024,47 € kept for unforeseen costs and
price rises. Those figures are the seed's; everything else is invented: the year (2025),
the categories' money (185 000,00 € and 50 300,00 €), the titles, authors, costs of each
project, which ideas were found feasible, and the ballots. The ballots are generated so
that the count yields exactly the seed's winners (one skipped project shows the rule: the
third most voted does not fit the money left after the first two). They are written as
historic records (the vote closed long ago, so the ballot service would refuse them); the
checks and the results go through the transition service.

**A current round with voting open** (Liepāja) where the demo resident can vote, and **one
in the idea phase** (Daugavpils) where they can propose an idea: their phase dates are
counted from the day the demo is loaded (``VOTING_NOW``, ``IDEAS_NOW``), and a later load
moves them to that day, so the vote is open whenever the demo was (re)loaded. Their year is
the load date's, never the seed round's 2025 (one round per municipality and year).

Idempotent: the processes are made once; a second load adds nothing (it only moves the
current rounds' dates). Liepāja's seed round keeps its seed dates.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from kopiena.casework.models import Municipality
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.participation import services
from kopiena.participation.models import (
    Ballot,
    BallotChoice,
    Category,
    Channel,
    Follow,
    Idea,
    Process,
    Theme,
)
from kopiena.participation.roles import Role

D = Decimal
LIEPAJA_SLUG = "liepaja-lidzdalibas-budzets-2025"

#: (theme lv, ru, en, ideas in the seed)
THEMES = [
    (
        "Suņu pastaigu un apmācību laukumi",
        "Площадки для выгула и дрессировки собак",
        "Dog-walking and training areas",
        4,
    ),
    ("Pilsētas parku labiekārtošana", "Благоустройство городских парков", "Park improvements", 2),
    ("Pilsētvides labiekārtošana", "Благоустройство городской среды", "Urban environment", 9),
    ("Vides objekti", "Объекты среды", "Environmental objects", 4),
    ("Sporta un bērnu rotaļu laukumi", "Спортивные и детские площадки", "Sport and playgrounds", 6),
    (
        "Aktīvās atpūtas un fiziskās aktivitātes veicināšanas infrastruktūra",
        "Инфраструктура активного отдыха",
        "Active leisure infrastructure",
        7,
    ),
    (
        "Pasākumi dažādām mērķa grupām",
        "Мероприятия для разных целевых групп",
        "Events for different target groups",
        4,
    ),
    ("Sociālās ievirzes pakalpojumi", "Социальные услуги", "Social services", 2),
    (
        "Brīvprātīgā darba uzskaites sistēma",
        "Система учёта волонтёрской работы",
        "Volunteer-tracking system",
        1,
    ),
    ("Kultūras pasākums", "Культурное мероприятие", "Cultural event", 1),
    ("Citas tēmas", "Другие темы", "Other", 3),
]

#: Infrastructure projects on the ballot: (title, theme index, cost, votes). The six
#: winners add up to 184 937,53 €; the third (98 000 €) is skipped by the rule.
INFRA = [
    ("Jūrmalas parka celiņu apgaismojums", 1, D("48500.00"), 612),
    ("Suņu apmācību laukums Ezerkrastā", 0, D("41250.75"), 540),
    ("Slidotava Vecliepājā", 5, D("98000.00"), 498),
    ("Āra trenažieri pie Liepājas ezera", 5, D("35980.40"), 455),
    ("Bērnu rotaļu laukums Karostā", 4, D("27406.38"), 401),
    ("Dzeramā ūdens strūklakas pilsētā", 2, D("19800.00"), 377),
    ("Putnu vērošanas tornis", 3, D("12000.00"), 350),
    ("Velonovietnes pie skolām", 2, D("14500.00"), 300),
    ("Soliņi Rožu laukumā", 2, D("9800.00"), 262),
    ("Basketbola laukuma atjaunošana", 4, D("31000.00"), 214),
    ("Suņu pastaigu laukums Zaļajā birzī", 0, D("22000.00"), 181),
    ("Kukaiņu viesnīcas parkos", 3, D("3500.00"), 150),
    ("Skeitparka paplašināšana", 5, D("64000.00"), 95),
]

#: Event projects: the six winners add up to 50 264,00 €.
EVENTS = [
    ("Senioru deju vakari", 6, D("12000.00"), 520),
    ("Jūras svētki bērniem", 9, D("10500.00"), 470),
    ("Kaimiņu dienas pagalmos", 6, D("9264.00"), 430),
    ("Atbalsta grupa jaunajiem vecākiem", 7, D("8000.00"), 390),
    ("Brīvprātīgo apmācību cikls", 6, D("6000.00"), 345),
    ("Ielu vingrošana vasarā", 6, D("4500.00"), 300),
    ("Pilsētas orientēšanās spēle", 10, D("7200.00"), 250),
    ("Lasīšanas pēcpusdienas bibliotēkā", 7, D("5100.00"), 190),
]

#: Ideas that did not reach the ballot, to make up the seed's 43: (title, theme, category,
#: cost, action, public reason). Themes keep the seed's counts.
NOT_ON_BALLOT = [
    (
        "Suņu peldvieta jūrā",
        0,
        "infrastructure",
        D("15000.00"),
        "find_not_feasible",
        "Pludmales noteikumi suņus peldvietās neļauj.",
    ),
    (
        "Suņu laukums pie stacijas",
        0,
        "infrastructure",
        D("18000.00"),
        "merge",
        "Apvienota ar ideju par suņu apmācību laukumu.",
    ),
    (
        "Strūklaka Peldu ielā",
        1,
        "infrastructure",
        D("90000.00"),
        "find_not_feasible",
        "Zeme nepieder pašvaldībai.",
    ),
    (
        "Ietves remonts Graudu ielā",
        2,
        "infrastructure",
        D("40000.00"),
        "find_not_feasible",
        "Iekļauts pašvaldības ielu remonta plānā.",
    ),
    (
        "Ziedu podi Lielajā ielā",
        2,
        "infrastructure",
        D("6000.00"),
        "find_not_feasible",
        "Uzturēšanas izmaksas pārsniedz ieguvumu.",
    ),
    (
        "Publiskās tualetes pludmalē",
        2,
        "infrastructure",
        D("120000.00"),
        "find_not_feasible",
        "Izmaksas pārsniedz kategorijas līdzekļus pēc pašvaldības tāmes.",
    ),
    (
        "Stāvvieta velosipēdiem tirgū",
        2,
        "infrastructure",
        D("7000.00"),
        "find_not_feasible",
        "Tirgus teritorija ir iznomāta.",
    ),
    (
        "Mākslas objekts krastmalā",
        2,
        "infrastructure",
        D("25000.00"),
        "find_not_feasible",
        "Nepieciešama būvatļauja, ko nevar saņemt termiņā.",
    ),
    (
        "Koku stādīšana Karostā",
        3,
        "infrastructure",
        D("8000.00"),
        "find_not_feasible",
        "Jau paredzēts pašvaldības budžetā.",
    ),
    (
        "Šūpoles Jūrmalas parkā",
        4,
        "infrastructure",
        D("9000.00"),
        "find_not_feasible",
        "Drošības prasības neļauj šajā vietā.",
    ),
    (
        "Volejbola laukums pludmalē",
        4,
        "infrastructure",
        D("20000.00"),
        "find_not_feasible",
        "Kāpu aizsargjosla.",
    ),
    (
        "Āra galda teniss",
        4,
        "infrastructure",
        D("4000.00"),
        "find_not_feasible",
        "Jau uzstādīts tuvumā.",
    ),
    (
        "Velotrase mežā",
        5,
        "infrastructure",
        D("150000.00"),
        "find_not_feasible",
        "Mežs nav pašvaldības īpašums.",
    ),
    (
        "Kāpšanas siena",
        5,
        "infrastructure",
        D("70000.00"),
        "find_not_feasible",
        "Nav piemērotas ēkas.",
    ),
    (
        "Brīvprātīgā darba uzskaites lietotne",
        8,
        "events",
        D("30000.00"),
        "find_not_feasible",
        "Nav pasākums; sistēma tiek veidota valsts līmenī.",
    ),
    (
        "Gājēju pāreja pie tirgus",
        2,
        "infrastructure",
        D("12000.00"),
        "find_not_feasible",
        "Satiksmes organizācija nav līdzdalības budžeta joma.",
    ),
    (
        "Lietus dārzs pie skolas",
        3,
        "infrastructure",
        D("5000.00"),
        "find_not_feasible",
        "Skolas teritorija tiek pārbūvēta.",
    ),
    (
        "Futbola vārti skolas laukumā",
        4,
        "infrastructure",
        D("3000.00"),
        "find_not_feasible",
        "Skola tos jau iegādājas.",
    ),
    (
        "Peldvieta Liepājas ezerā",
        5,
        "infrastructure",
        D("60000.00"),
        "find_not_feasible",
        "Ūdens kvalitāte neatbilst peldvietas prasībām.",
    ),
    (
        "Nūjošanas taka gar ezeru",
        5,
        "infrastructure",
        D("7000.00"),
        "find_not_feasible",
        "Taka jau iezīmēta.",
    ),
    (
        "Pilsētas dārzi daudzdzīvokļu pagalmos",
        10,
        "infrastructure",
        D("11000.00"),
        "find_not_feasible",
        "Zeme pieder dzīvokļu īpašniekiem.",
    ),
    (
        "Bezmaksas autobuss svētkos",
        10,
        "events",
        D("20000.00"),
        "find_not_feasible",
        "Sabiedriskais transports nav līdzdalības budžeta joma.",
    ),
]

AUTHORS = [
    "Anna Kalniņa",
    "Jānis Ozols",
    "Olga Ivanova",
    "Pēteris Liepa",
    "Ieva Zariņa",
    "Sergejs Petrovs",
    "Marta Krūze",
    "Kristaps Bērziņš",
]

RULES = (
    "Balsot var Liepājas iedzīvotāji no 16 gadu vecuma. Katrs var iesniegt vairākas idejas. "
    "Viens balsojums katram iedzīvotājam; to var mainīt līdz balsošanas beigām. "
    "Katrā kategorijā izvēlas projektus, kamēr to izmaksas iekļaujas kategorijas līdzekļos."
)


def staff_user() -> User:
    user, created = User.objects.get_or_create(
        username="lb_darbinieks",
        defaults={
            "first_name": "Dace",
            "last_name": "Rozīte",
            "is_staff": True,
            "email": "lb_darbinieks@kopiena.example.lv",
        },
    )
    if created:
        from .accounts import DEMO_PASSWORD

        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=str(Role.PARTICIPATION_STAFF)))
    return user


def resident_user() -> User:
    """The demo resident who votes and proposes (password as every demo account)."""
    user, created = User.objects.get_or_create(
        username="iedzivotajs",
        defaults={
            "first_name": "Aija",
            "last_name": "Liepiņa",
            "email": "iedzivotajs@kopiena.example.lv",
        },
    )
    if created:
        from .accounts import DEMO_PASSWORD

        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _municipality(slug, name):
    return Municipality.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def _themes(process, subset=None):
    themes = []
    for order, (lv, ru, en, _n) in enumerate(THEMES):
        if subset is None or order in subset:
            themes.append(
                Theme.objects.create(process=process, name=lv, name_ru=ru, name_en=en, order=order)
            )
    return themes


def _categories(process, infra_money, events_money):
    infra = Category.objects.create(
        process=process,
        code="infrastructure",
        name="Infrastruktūra",
        name_ru="Инфраструктура",
        name_en="Infrastructure",
        money=infra_money,
        order=1,
    )
    events = Category.objects.create(
        process=process,
        code="events",
        name="Pasākumi",
        name_ru="Мероприятия",
        name_en="Events",
        money=events_money,
        order=2,
    )
    return infra, events


def _idea(process, number, title, theme, category, cost, rng, when):
    """An idea received on paper or at a support point (the demo's authors are invented
    names, not accounts)."""
    return Idea.objects.create(
        process=process,
        number=number,
        title=title,
        description=f"{title}: iedzīvotāja ideja līdzdalības budžetam.",
        theme=theme,
        category=category,
        estimated_cost=cost,
        author_name=rng.choice(AUTHORS),
        channel=Channel.PAPER if number % 5 == 0 else Channel.SUPPORT_POINT,
        submitted_at=when,
    )


def load_liepaja(stdout, staff):
    if Process.objects.filter(slug=LIEPAJA_SLUG).exists():
        stdout.write("  Liepāja 2025: already there")
        return
    rng = random.Random(1)
    process = Process.objects.create(
        municipality=_municipality("liepaja", "Liepāja"),
        year=2025,
        title="Liepājas līdzdalības budžets 2025",
        slug=LIEPAJA_SLUG,
        summary="Iedzīvotāji iesaka un izvēlas projektus pilsētvides uzlabošanai un pasākumiem.",
        total=D("257324.47"),
        reserve=D("22024.47"),
        ideas_open=dt.date(2025, 2, 3),
        ideas_close=dt.date(2025, 3, 14),
        check_close=dt.date(2025, 5, 2),
        voting_open=dt.date(2025, 5, 19),
        voting_close=dt.date(2025, 6, 1),
        results_on=dt.date(2025, 6, 10),
        delivery_until=dt.date(2026, 12, 31),
        min_age=16,
        tie_break="lower_cost",
        rules=RULES,
        published=True,
    )
    themes = _themes(process)
    infra, events = _categories(process, D("185000.00"), D("50300.00"))
    when = timezone.make_aware(dt.datetime(2025, 3, 1, 12, 0))
    number = 0
    on_ballot = []
    for items, category in ((INFRA, infra), (EVENTS, events)):
        for title, theme, cost, votes in items:
            number += 1
            idea = _idea(process, number, title, themes[theme], category, cost, rng, when)
            perform_transition(
                idea, "find_feasible", staff, TransitionInput(amount=cost), source="import"
            )
            on_ballot.append((idea, votes))
    first = on_ballot[1][0]
    for title, theme, code, cost, action, reason in NOT_ON_BALLOT:
        number += 1
        category = infra if code == "infrastructure" else events
        idea = _idea(
            process, number, title, themes[theme], category, min(cost, category.money), rng, when
        )
        extra = {"merged_into": first.pk} if action == "merge" else {}
        perform_transition(
            idea, action, staff, TransitionInput(comment=reason, extra=extra), source="import"
        )
    _historic_ballots(process, on_ballot, rng)
    services.publish_results(process, staff)
    _delivery(process, staff)
    stdout.write(f"  Liepāja 2025: {number} ideas, {process.ballots.count()} ballots")


def _delivery(process, staff):
    """Two winners under way with milestones; one asks finance for a reserve draw (waiting
    for ``finanses``, so the seed's reserve figure stands until someone decides)."""
    from kopiena.participation.models import Milestone

    lights, dogs = process.ideas.filter(status="selected").order_by("number")[:2]
    for idea, percent, spent in ((lights, 100, D("48500.00")), (dogs, 60, D("22000.00"))):
        perform_transition(idea, "start_delivery", staff, TransitionInput(), source="import")
        Idea.objects.filter(pk=idea.pk).update(delivery_percent=percent, spent=spent)
        Milestone.objects.create(
            idea=idea, date=dt.date(2025, 9, 1), title="Iepirkums noslēgts", done=True
        )
        Milestone.objects.create(
            idea=idea, date=dt.date(2026, 5, 1), title="Būvdarbi pabeigti", done=percent == 100
        )
    perform_transition(lights, "complete", staff, TransitionInput(), source="import")
    _delivery_photo_and_news(lights, dogs)
    services.request_reserve_draw(
        dogs, D("3150.00"), "Žoga materiālu cenas pieauga par 15 %.", staff
    )


#: The demo's news about the round's delivery (the projects' fixture and the tests' one).
DELIVERY_NEWS_SLUGS = [
    "liepajas-lidzdalibas-budzeta-projekti-sak-istenoties",
    "lidzdalibas-budzets",
]


def _delivery_photo_and_news(lights, dogs):
    """A photo of the finished path lighting (a drawn stand-in that shows nobody, so its
    consent is "not needed") and the demo's news page about the round's delivery, when the
    pages demo made it."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from kopiena.pages.models import ImageConsent, NewsPage
    from kopiena.pages.models.images import ConsentStatus
    from kopiena.participation.models import DeliveryNews, DeliveryPhoto

    from .pages import _illustration

    image = get_image_model()(
        title="Jūrmalas parka celiņu apgaismojums",
        description="Izgaismots parka celiņš vakarā",
        file=ImageFile(_illustration((38, 52, 84), (245, 208, 92)), name="lb-apgaismojums.png"),
    )
    image._set_image_file_metadata()
    image.save()
    ImageConsent.objects.create(image=image, status=ConsentStatus.NOT_NEEDED)
    DeliveryPhoto.objects.create(idea=lights, image=image, caption="Celiņi izgaismoti, 2026")
    for page in NewsPage.objects.filter(slug__in=DELIVERY_NEWS_SLUGS):
        for idea in (lights, dogs):
            DeliveryNews.objects.create(idea=idea, page=page)


def _historic_ballots(process, on_ballot, rng):
    """Ballots that give each project its votes: ballot i takes the i-th infrastructure
    vote and the i-th event vote of two shuffled piles (one project per category per
    ballot, always within the money)."""
    piles = {"infrastructure": [], "events": []}
    for idea, votes in on_ballot:
        piles[idea.category.code].extend([idea] * votes)
    for pile in piles.values():
        rng.shuffle(pile)
    count = max(len(p) for p in piles.values())
    cast = timezone.make_aware(dt.datetime(2025, 5, 19, 9, 0))
    ballots = Ballot.objects.bulk_create(
        Ballot(
            process=process,
            voter_key=f"demo:{i}",
            public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            paper=i % 10 == 0,
            cast_at=cast + dt.timedelta(minutes=4 * i),
            changed_at=cast + dt.timedelta(minutes=4 * i),
        )
        for i in range(count)
    )
    choices = []
    for i, ballot in enumerate(ballots):
        for pile in piles.values():
            if i < len(pile):
                choices.append(BallotChoice(ballot=ballot, idea=pile[i]))
    BallotChoice.objects.bulk_create(choices, batch_size=2000)


#: The current rounds' phases, in days from the day the demo is loaded: Liepāja's vote is
#: open, Daugavpils takes ideas. A second load moves them again, so whenever the demo is
#: (re)loaded the vote is open and ideas are accepted.
VOTING_NOW = {
    "ideas_open": -60,
    "ideas_close": -40,
    "check_close": -15,
    "voting_open": -3,
    "voting_close": 14,
    "results_on": 21,
    "delivery_until": 400,
}
IDEAS_NOW = {
    "ideas_open": -7,
    "ideas_close": 30,
    "check_close": 50,
    "voting_open": 55,
    "voting_close": 70,
    "results_on": 75,
    "delivery_until": 450,
}


def _phase_dates(today, offsets) -> dict:
    return {name: today + dt.timedelta(days=days) for name, days in offsets.items()}


def _current(municipality, today, offsets):
    """The municipality's current demo round (any year but the seed's), its phases moved
    to ``today``; ``None`` when there is none yet."""
    process = (
        Process.objects.filter(municipality=municipality)
        .exclude(slug=LIEPAJA_SLUG)
        .order_by("-year")
        .first()
    )
    if process is not None:
        Process.objects.filter(pk=process.pk).update(**_phase_dates(today, offsets))
        process.refresh_from_db()
    return process


def _current_year(today) -> int:
    """The current round's year: this year, but never the seed round's (one per year)."""
    return max(today.year, 2026)


def load_current(stdout, staff, resident, today=None):
    today = today or timezone.localdate()
    year = _current_year(today)
    liepaja = _municipality("liepaja", "Liepāja")
    process = _current(liepaja, today, VOTING_NOW)
    if process is None:
        process = Process.objects.create(
            municipality=liepaja,
            year=year,
            title=f"Liepājas līdzdalības budžets {year}",
            slug=f"liepaja-lidzdalibas-budzets-{year}",
            summary="Balsošana ir atvērta: izvēlieties projektus katrā kategorijā.",
            total=D("120000.00"),
            reserve=D("10000.00"),
            rules=RULES,
            published=True,
            **_phase_dates(today, VOTING_NOW),
        )
        themes = _themes(process, {2, 4, 6})
        infra, events = _categories(process, D("80000.00"), D("30000.00"))
        rng = random.Random(2)
        plan = [
            ("Apgaismots celiņš gar kanālu", themes[0], infra, D("32000.00")),
            ("Āra trenažieri Dienvidrietumos", themes[1], infra, D("24000.00")),
            ("Rotaļu laukums Ziemeļu priekšpilsētā", themes[1], infra, D("41000.00")),
            ("Soliņi un atkritumu urnas promenādē", themes[0], infra, D("9500.00")),
            ("Kaimiņu svētki", themes[2], events, D("8000.00")),
            ("Koncertu cikls senioriem", themes[2], events, D("14000.00")),
            ("Sporta diena ģimenēm", themes[2], events, D("11000.00")),
        ]
        when = timezone.now() - dt.timedelta(days=50)
        for number, (title, theme, category, cost) in enumerate(plan, start=1):
            idea = _idea(process, number, title, theme, category, cost, rng, when)
            perform_transition(
                idea, "find_feasible", staff, TransitionInput(amount=cost), source="import"
            )
    stdout.write(f"  {process.title}: voting open until {process.voting_close}")
    daugavpils = _municipality("daugavpils", "Daugavpils")
    process = _current(daugavpils, today, IDEAS_NOW)
    if process is None:
        process = Process.objects.create(
            municipality=daugavpils,
            year=year,
            title=f"Daugavpils līdzdalības budžets {year}",
            slug=f"daugavpils-lidzdalibas-budzets-{year}",
            summary="Ideju iesniegšana ir atvērta.",
            total=D("60000.00"),
            reserve=D("5000.00"),
            ballot_type="up_to_n",
            max_choices=3,
            tie_break="earlier_idea",
            rules=RULES.replace("Liepājas", "Daugavpils"),
            published=True,
            **_phase_dates(today, IDEAS_NOW),
        )
        themes = _themes(process, {2, 4, 6})
        infra, events = _categories(process, D("40000.00"), D("15000.00"))
        # The resident's idea, written as the idea service writes it (the service checks
        # the phase against the real date; the loader may be given another day).
        idea = Idea.objects.create(
            process=process,
            number=1,
            author=resident,
            title="Rotaļu laukums Jaunbūvē",
            description="Jauns laukums bērniem.",
            theme=themes[1],
            category=infra,
            estimated_cost=D("18000.00"),
        )
        Follow.objects.get_or_create(idea=idea, user=resident)
    stdout.write(f"  {process.title}: ideas accepted until {process.ideas_close}")


def load(stdout):
    with transaction.atomic():
        staff = staff_user()
        resident = resident_user()
        load_liepaja(stdout, staff)
        load_current(stdout, staff, resident)
