# ruff: noqa: E501  (demo data: long Latvian and Russian texts read better unbroken)
"""The social map of the demo: Liepāja from seed 000 and Viļāni (Rēzeknes novads, Latgale)
from seed 004, the map pages, named places and three accounts.

From the seeds: the residents' support points (October 2009) — two in two microdistricts
run by Liepājas Novada fonds, the Karosta one by biedrība "Ritums" — open every working day,
with information on support in Liepāja, educational and information events, the item
exchange (clothes, shoes, dishes, books), the notice board, support and self-help groups led
by volunteers, and volunteering; in Viļāni the support centre "Cerība", the seniors'
association and the residents' consultative council. INVENTED and marked so: which two
microdistricts (the seed does not name them), every address, coordinate, phone, e-mail and
opening hour, and all other organisations and services.

Idempotent: organisations are matched by name, entries by name within their organisation;
what exists is left as an editor may have changed it. Entries are written through
``entries.apply``, the same door as the import.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import Site

from demo.data.accounts import DEMO_PASSWORD
from kopiena.casework.models import Municipality
from kopiena.grants.models import Membership, MembershipRole
from kopiena.grants.models import Organisation as PortalOrganisation
from kopiena.social_map import entries
from kopiena.social_map.models import (
    Organization,
    OrganizationKind,
    Phone,
    Place,
    Service,
    SocialMapIndexPage,
    SocialMapPage,
)
from kopiena.social_map.roles import Role

INVENTED = "Demonstrācijas dati: adrese, koordinātas un darba laiks ir izdomāti."
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
EVERY_DAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def place(name, address, postal, lat, lon, *, city="Liepāja", district="", phone=""):
    return {
        "name": name,
        "address_1": address,
        "address_2": district,
        "city": city,
        "postal_code": postal,
        "latitude": lat,
        "longitude": lon,
        "phone": phone,
    }


def hours(days, opens, closes, *, appointment=False, note=""):
    grid = {day: ([opens, closes] if day in days else None) for day in EVERY_DAY}
    return {**grid, "by_appointment": appointment, "note": note}


# --- the places (invented addresses and coordinates) --------------------------------------------

EZERKRASTS = place(
    "Iedzīvotāju atbalsta punkts “Ezerkrasts”",
    "Ezerkrasta iela 12",
    "LV-3414",
    "56.5262",
    "21.0542",
    district="Ezerkrasts",
    phone="+371 63400101",
)
ZALA_BIRZS = place(
    "Iedzīvotāju atbalsta punkts “Zaļā birzs”",
    "Zaļā iela 7",
    "LV-3407",
    "56.4958",
    "21.0231",
    district="Zaļā birzs",
    phone="+371 63400102",
)
KAROSTA = place(
    "Iedzīvotāju atbalsta punkts Karostā",
    "Katedrāles iela 3",
    "LV-3402",
    "56.5468",
    "21.0196",
    district="Karosta",
    phone="+371 63400103",
)
SOCIAL_SERVICE = place(
    "Liepājas Sociālais dienests",
    "Klaipēdas iela 104",
    "LV-3416",
    "56.4885",
    "21.0158",
    phone="+371 63400200",
)
SOUP_KITCHEN = place(
    "Zupas virtuve", "Jaunā ostmala 20", "LV-3401", "56.5093", "21.0081", district="Vecliepāja"
)
SHELTER = place("Naktspatversme", "Brīvības iela 94", "LV-3401", "56.5182", "21.0301")
EMPLOYMENT = place("NVA Liepājas filiāle", "Lielā iela 22", "LV-3401", "56.5071", "21.0128")
DAY_CENTRE = place(
    "Dienas centrs “Saulespuķe”",
    "Ganību iela 120",
    "LV-3411",
    "56.5301",
    "21.0398",
    district="Jaunliepāja",
)
YOUTH = place("Jauniešu centrs", "Graudu iela 36", "LV-3401", "56.5102", "21.0175")
SENIORS = place("Senioru dienas centrs", "Vecā ostmala 35", "LV-3401", "56.5114", "21.0089")
NEIGHBOURS = place(
    "Kaimiņu telpa", "Ostas iela 9", "LV-3401", "56.5139", "21.0062", district="Jaunliepāja"
)
LAW = place("Juridisko konsultāciju telpa", "Rožu iela 4", "LV-3401", "56.5050", "21.0143")
VILANI_SD = place(
    "Sociālā dienesta Viļānu nodaļa",
    "Rēzeknes iela 5",
    "LV-4650",
    "56.5528",
    "26.9262",
    city="Viļāni",
    phone="+371 64600300",
)
CERIBA = place(
    "Atbalsta centrs “Cerība”", "Kultūras iela 3", "LV-4650", "56.5542", "26.9234", city="Viļāni"
)
VILANI_HOUSE = place(
    "Viļānu kultūras nams", "Kultūras iela 1", "LV-4650", "56.5547", "26.9249", city="Viļāni"
)


def service(
    name,
    description,
    areas,
    *,
    name_ru="",
    description_ru="",
    languages=("lv", "ru"),
    phones=(),
    free=True,
    fees="",
    apply="",
    documents=(),
    groups=(),
    eligibility="",
):
    return {
        "name": name,
        "name_ru": name_ru,
        "description": description,
        "description_ru": description_ru,
        "status": "active",
        "areas": list(areas),
        "target_groups": list(groups),
        "eligibility_description": eligibility,
        "free_of_charge": free,
        "fees_description": fees,
        "languages": sorted(languages),
        "application_process": apply,
        "required_documents": list(documents),
        "phones": [{"number": number, "description": ""} for number in phones],
    }


#: The seed's support-point activities, as one service each.
SUPPORT_POINT_SERVICES = [
    service(
        "Informācija par atbalstu Liepājā",
        "Kur un kā saņemt palīdzību: pašvaldības sociālā palīdzība, nevalstisko organizāciju piedāvājums.",
        ["information"],
        name_ru="Информация о помощи в Лиепае",
        description_ru="Где и как получить помощь: социальная помощь самоуправления, предложения общественных организаций.",
    ),
    service(
        "Izglītojoši un informatīvi pasākumi",
        "Izglītojoši un informatīvi pasākumi un sabiedriskās apspriešanas mikrorajonā.",
        ["information"],
        name_ru="Образовательные и информационные мероприятия",
    ),
    service(
        "Mantu apmaiņa",
        "Apģērbi, apavi, trauki, grāmatas un citas lietas, kas meklē jaunus saimniekus.",
        ["item-exchange", "clothing"],
        name_ru="Обмен вещами",
        description_ru="Одежда, обувь, посуда, книги и другие вещи, которые ищут новых хозяев.",
    ),
    service(
        "Sludinājumu siena",
        "Katram ir spējas, kas var noderēt arī citam: piedāvā vai meklē palīdzību.",
        ["volunteering", "information"],
        name_ru="Доска объявлений",
    ),
    service(
        "Atbalsta un pašpalīdzības grupas",
        "Atbalsta grupas, kuras vada brīvprātīgie, un pašpalīdzības grupas.",
        ["self-help-groups"],
        name_ru="Группы поддержки и самопомощи",
    ),
    service(
        "Pieteikšanās brīvprātīgajam darbam",
        "Iespēja pieteikties brīvprātīgajam darbam savā apkaimē.",
        ["volunteering"],
        name_ru="Запись в волонтёры",
    ),
]


def support_point(where):
    return {**where, "hours": hours(WEEKDAYS, "10:00", "17:00", note="Atvērts katru darba dienu.")}


#: organisation → (kind, municipality, description, e-mail, portal organisation name, entries)
DIRECTORY = [
    (
        "Liepājas Novada fonds",
        OrganizationKind.NGO,
        "liepaja",
        "Nodibinājums, kas kopš 2009. gada oktobra uztur iedzīvotāju atbalsta punktus divos Liepājas mikrorajonos un veido pilsētas sociālo karti.",
        "fonds@kopiena.example",
        None,
        [
            (s, [support_point(EZERKRASTS), support_point(ZALA_BIRZS)])
            for s in SUPPORT_POINT_SERVICES
        ],
    ),
    (
        "Biedrība “Ritums”",
        OrganizationKind.NGO,
        "liepaja",
        "Biedrība, kas veic iedzīvotāju atbalsta punkta funkcijas Karostas mikrorajonā.",
        "ritums@kopiena.example",
        None,
        [(s, [support_point(KAROSTA)]) for s in SUPPORT_POINT_SERVICES],
    ),
    (
        "Liepājas Sociālais dienests",
        OrganizationKind.MUNICIPAL,
        "liepaja",
        "Pašvaldības iestāde: sociālā palīdzība, sociālie pakalpojumi un konsultācijas.",
        "dienests@kopiena.example",
        None,
        [
            (
                service(
                    "Sociālā palīdzība un konsultācijas",
                    "Trūcīgas un maznodrošinātas mājsaimniecības statuss, pabalsti, sociālā darbinieka konsultācijas.",
                    ["information", "families"],
                    name_ru="Социальная помощь и консультации",
                    apply="Piesakieties pa tālruni vai ierodieties pieņemšanas laikā.",
                    documents=("Personu apliecinošs dokuments", "Ienākumus apliecinoši dokumenti"),
                ),
                [
                    {
                        **SOCIAL_SERVICE,
                        "hours": hours(("MO", "TU", "TH"), "08:00", "17:00", appointment=True),
                    }
                ],
            ),
            (
                service(
                    "Pārtikas pakas",
                    "Pārtikas un higiēnas preču komplekti trūcīgām personām.",
                    ["food-and-goods"],
                    name_ru="Продуктовые пакеты",
                    description_ru="Наборы продуктов и средств гигиены для малоимущих.",
                    eligibility="Personām ar trūcīgas vai krīzes situācijā esošas personas statusu.",
                ),
                [{**SOCIAL_SERVICE, "hours": hours(("TU", "TH"), "09:00", "12:00")}],
            ),
            (
                service(
                    "Naktspatversme",
                    "Nakts naktsmītne un vakariņas cilvēkiem bez pajumtes.",
                    ["housing"],
                    name_ru="Ночлежка",
                ),
                [
                    {
                        **SHELTER,
                        "hours": hours(
                            EVERY_DAY,
                            "20:00",
                            "23:30",
                            note="Ierašanās līdz 23:30; jāatstāj līdz 8:00.",
                        ),
                    }
                ],
            ),
            (
                service(
                    "Senioru dienas centrs",
                    "Kopā būšana, nodarbības un siltas pusdienas senioriem.",
                    ["seniors"],
                    name_ru="Дневной центр для пожилых",
                    groups=("seniori",),
                ),
                [{**SENIORS, "hours": hours(WEEKDAYS, "09:00", "16:00")}],
            ),
            (
                service(
                    "Dienas centrs cilvēkiem ar invaliditāti",
                    "Dienas aprūpe un nodarbības pieaugušajiem ar garīga rakstura traucējumiem.",
                    ["disability"],
                    name_ru="Дневной центр для людей с инвалидностью",
                    groups=("cilveki-ar-invaliditati",),
                ),
                [{**DAY_CENTRE, "hours": hours(WEEKDAYS, "09:00", "17:00")}],
            ),
            (
                service(
                    "Jauniešu centrs",
                    "Brīvā laika telpa, pulciņi un konsultācijas jauniešiem no 13 gadiem.",
                    ["children-and-youth"],
                    name_ru="Молодёжный центр",
                    groups=("berni-un-jauniesi",),
                ),
                [{**YOUTH, "hours": hours(WEEKDAYS, "12:00", "20:00")}],
            ),
        ],
    ),
    (
        "Biedrība “Siltā karote”",
        OrganizationKind.NGO,
        "liepaja",
        "Brīvprātīgo biedrība, kas katru dienu gatavo siltas pusdienas.",
        "karote@kopiena.example",
        None,
        [
            (
                service(
                    "Zupas virtuve",
                    "Siltas pusdienas bez maksas katru dienu; nav vajadzīgi dokumenti.",
                    ["food-and-goods"],
                    name_ru="Бесплатный обед (суповая кухня)",
                    description_ru="Бесплатный горячий обед каждый день; документы не нужны.",
                    phones=("+371 26000401",),
                ),
                [{**SOUP_KITCHEN, "hours": hours(EVERY_DAY, "12:00", "14:00")}],
            ),
        ],
    ),
    (
        "Nodarbinātības valsts aģentūras Liepājas filiāle",
        OrganizationKind.STATE,
        "liepaja",
        "Valsts iestāde: bezdarbnieka statuss, darba meklēšana, apmācības.",
        "nva@kopiena.example",
        None,
        [
            (
                service(
                    "Bezdarbnieka statuss un darba meklēšana",
                    "Reģistrācija, vakances, karjeras konsultācijas un apmācības.",
                    ["unemployment"],
                    name_ru="Статус безработного и поиск работы",
                    groups=("bezdarbnieki",),
                    documents=("Personu apliecinošs dokuments",),
                ),
                [{**EMPLOYMENT, "hours": hours(("MO", "TU", "WE", "TH"), "08:30", "17:00")}],
            ),
        ],
    ),
    (
        "Biedrība “Tiesību durvis”",
        OrganizationKind.NGO,
        "liepaja",
        "Jurisma studenti un brīvprātīgie juristi sniedz bezmaksas konsultācijas.",
        "tiesibas@kopiena.example",
        None,
        [
            (
                service(
                    "Bezmaksas juridiskās konsultācijas",
                    "Īres, darba, parādu un ģimenes tiesību jautājumi.",
                    ["legal-aid"],
                    name_ru="Бесплатные юридические консультации",
                    apply="Piesakieties pa tālruni; trešdienās bez pieraksta.",
                    phones=("+371 26000402",),
                ),
                [{**LAW, "hours": hours(("WE",), "16:00", "18:00", appointment=True)}],
            ),
        ],
    ),
    (
        "Atbalsta grupa “Jauns sākums”",
        OrganizationKind.OTHER,
        "liepaja",
        "Pašpalīdzības grupa cilvēkiem ar atkarībām un viņu tuviniekiem.",
        "",
        None,
        [
            (
                service(
                    "Atkarību pašpalīdzības grupa",
                    "Anonīmas tikšanās reizi nedēļā; var nākt arī tuvinieki.",
                    ["addiction", "self-help-groups"],
                    name_ru="Группа самопомощи при зависимостях",
                    groups=("cilveki-ar-atkaribas-problemam",),
                ),
                [{**SENIORS, "hours": hours(("MO",), "18:00", "19:30")}],
            ),
        ],
    ),
    (
        "Biedrība “Ostmalas kaimiņi”",
        OrganizationKind.NGO,
        "liepaja",
        "Kaimiņu biedrība, kas palīdz vientuļiem senioriem ikdienas darbos.",
        "ostmalas.kaimini@kopiena.example",
        'Biedrība "Ostmalas kaimiņi"',
        [
            (
                service(
                    "Kaimiņu palīdzība senioriem",
                    "Brīvprātīgie palīdz iepirkties, aiznest zāles, sarunāties.",
                    ["seniors", "volunteering"],
                    name_ru="Соседская помощь пожилым",
                    groups=("seniori",),
                    phones=("+371 26000403",),
                ),
                [{**NEIGHBOURS, "hours": hours(("TU", "TH"), "10:00", "13:00")}],
            ),
        ],
    ),
    (
        "Rēzeknes novada Sociālais dienests",
        OrganizationKind.MUNICIPAL,
        "rezeknes-novads",
        "Pašvaldības iestāde; Viļānu nodaļa apkalpo Viļānu pilsētu un pagastus.",
        "rezekne.sd@kopiena.example",
        None,
        [
            (
                service(
                    "Sociālā palīdzība Viļānos",
                    "Pabalsti, statusi un sociālā darbinieka konsultācijas Viļānu pilsētā.",
                    ["information"],
                    name_ru="Социальная помощь в Вилянах",
                    description_ru="Пособия, статусы и консультации социального работника в Вилянах.",
                ),
                [{**VILANI_SD, "hours": hours(("MO", "WE"), "08:00", "12:00", appointment=True)}],
            ),
            (
                service(
                    "Aprūpe mājās",
                    "Palīdzība senioriem un cilvēkiem ar invaliditāti ikdienas darbos mājās.",
                    ["seniors", "disability"],
                    name_ru="Уход на дому",
                    free=False,
                    fees="Pēc ienākumiem; trūcīgām personām bez maksas.",
                ),
                [{**VILANI_SD, "hours": hours(("MO", "WE"), "08:00", "12:00", appointment=True)}],
            ),
        ],
    ),
    (
        "Atbalsta centrs “Cerība”",
        OrganizationKind.NGO,
        "rezeknes-novads",
        "Atbalsta centrs Viļānu pilsētā ģimenēm ar bērniem.",
        "ceriba@kopiena.example",
        None,
        [
            (
                service(
                    "Atbalsts ģimenēm ar bērniem",
                    "Konsultācijas, bērnu pieskatīšana nodarbību laikā, mantu apmaiņa.",
                    ["families", "item-exchange"],
                    name_ru="Поддержка семей с детьми",
                    groups=("gimenes-ar-berniem",),
                ),
                [{**CERIBA, "hours": hours(WEEKDAYS, "10:00", "18:00")}],
            ),
        ],
    ),
    (
        "Viļānu senioru apvienība",
        OrganizationKind.NGO,
        "rezeknes-novads",
        "Senioru apvienība, dibināta pirmajā sapulcē, rīko nodarbības senioriem.",
        "",
        None,
        [
            (
                service(
                    "Senioru tikšanās un nodarbības",
                    "Kopā būšana, rokdarbi, pastaigas un lekcijas senioriem.",
                    ["seniors", "self-help-groups"],
                    name_ru="Встречи и занятия для пожилых",
                    groups=("seniori",),
                ),
                [{**VILANI_HOUSE, "hours": hours(("WE",), "14:00", "16:00")}],
            ),
        ],
    ),
    (
        "Viļānu iedzīvotāju konsultatīvā padome",
        OrganizationKind.OTHER,
        "rezeknes-novads",
        "Iedzīvotāju ievēlēta padome, kas sadarbojas ar pašvaldību un sociālajiem darbiniekiem.",
        "",
        None,
        [
            (
                service(
                    "Iedzīvotāju informācijas stunda",
                    "Kur vērsties dažādās dzīves situācijās: atbildes uz jautājumiem un pašpalīdzības tabula.",
                    ["information"],
                    name_ru="Информационный час для жителей",
                ),
                [{**VILANI_HOUSE, "hours": hours(("MO",), "17:00", "18:00")}],
            ),
        ],
    ),
]

#: Entries confirmed long ago, so that the freshness check has work: name → days ago.
AGED = {"Jauniešu centrs": 400, "Bezmaksas juridiskās konsultācijas": 580}

PLACES = {
    "liepaja": [
        ("Karosta", "56.5450", "21.0180"),
        ("Ezerkrasts", "56.5250", "21.0540"),
        ("Zaļā birzs", "56.4960", "21.0240"),
        ("Jaunliepāja", "56.5140", "21.0300"),
        ("Vecliepāja", "56.5045", "21.0105"),
        ("Tosmare", "56.5280", "21.0800"),
        ("Centrs", "56.5080", "21.0130"),
    ],
    "rezeknes-novads": [("Viļāni", "56.5530", "26.9260")],
}

ACCOUNTS = {
    # username: (first, last, role, preferred language)
    "kartes-redaktors": ("Dace", "Strautiņa", Role.SOCIAL_MAP_EDITORS, "lv"),
    "kaimini": ("Rūta", "Mežule", None, "lv"),
    "iedzivotajs": ("Sergejs", "Kozlovs", None, "ru"),
}


def load(stdout):
    municipalities = {
        m.slug: m for m in Municipality.objects.filter(slug__in=["liepaja", "rezeknes-novads"])
    }
    if len(municipalities) < 2:
        stdout.write("  Liepāja or Rēzeknes novads is missing: no social map")
        return
    users = _accounts()
    created = 0
    for name, kind, slug, description, email, portal_name, items in DIRECTORY:
        organization = _organization(
            name, kind, municipalities[slug], description, email, portal_name
        )
        for service_doc, places in items:
            if Service.objects.filter(organization=organization, name=service_doc["name"]).exists():
                continue
            document = {
                "service": service_doc,
                "locations": [
                    {
                        **p,
                        "id": _location_id(organization, p),
                        "location_type": "physical",
                        "municipality": slug,
                        "description": INVENTED,
                        "note": "",
                    }
                    for p in places
                ],
            }
            days = AGED.get(service_doc["name"], 20)
            entries.apply(
                document,
                organization,
                confirmed_on=timezone.localdate() - dt.timedelta(days=days),
            )
            created += 1
    _membership(users["kaimini"])
    _places(municipalities)
    _pages(municipalities)
    stdout.write(
        f"  social map: {Service.objects.count()} entries ({created} new), "
        f"{Organization.objects.count()} organisations, accounts kartes-redaktors, kaimini, iedzivotajs"
    )


def _location_id(organization, place_doc):
    location = organization.locations.filter(address_1=place_doc["address_1"]).first()
    return location.pk if location else None


def _organization(name, kind, municipality, description, email, portal_name):
    organization = Organization.objects.filter(name=name).first()
    if organization is not None:
        return organization
    portal = PortalOrganisation.objects.filter(name=portal_name).first() if portal_name else None
    organization = Organization.objects.create(
        name=name,
        kind=kind,
        municipality=municipality,
        description=description,
        email=email,
        grants_organisation=portal,
        registration_number=portal.registration_number if portal else "",
    )
    if name == "Liepājas Novada fonds":
        Phone.objects.create(organization=organization, number="+371 63400100")
    return organization


def _accounts():
    from wagtail.users.models import UserProfile

    users = {}
    for username, (first, last, role, language) in ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@kopiena.example.lv",
                "is_staff": role is not None,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role is not None:
            user.groups.add(Group.objects.get(name=role))
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
        users[username] = user
    return users


def _membership(user):
    portal = PortalOrganisation.objects.filter(name='Biedrība "Ostmalas kaimiņi"').first()
    if portal is None:
        return
    Membership.objects.get_or_create(
        user=user, organisation=portal, defaults={"role": MembershipRole.MEMBER}
    )
    ngo_group = Group.objects.filter(name="Kopiena NGO members").first()
    if ngo_group:
        user.groups.add(ngo_group)


def _places(municipalities):
    for slug, items in PLACES.items():
        for name, lat, lon in items:
            if not Place.objects.filter(municipality=municipalities[slug], name=name).exists():
                Place.objects.create(
                    municipality=municipalities[slug], name=name, latitude=lat, longitude=lon
                )


def _pages(municipalities):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    home = site.root_page.specific
    index = SocialMapIndexPage.objects.child_of(home).first()
    if index is None:
        index = SocialMapIndexPage(
            title="Sociālā karte",
            slug="socialas-karte",
            show_in_menus=True,
            intro="<p>Bezmaksas palīdzība pašvaldībās: kartē un sarakstā. Demonstrācijas dati.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for slug, title in (
        ("liepaja", "Liepājas sociālā karte"),
        ("rezeknes-novads", "Rēzeknes novada sociālā karte (Viļāni)"),
    ):
        if SocialMapPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = SocialMapPage(
            title=title,
            slug=slug,
            municipality=municipalities[slug],
            intro=(
                "<p>Bezmaksas palīdzība: pašvaldības iestādes un nevalstiskās organizācijas. "
                "Demonstrācijas dati – adreses, koordinātas un darba laiki ir izdomāti.</p>"
            ),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
