"""Demo pages for ``manage.py load_demo`` (``make run``): municipalities, target groups, the
home page in place of Wagtail's welcome page, the news and story indexes, the news and pilot
stories of ``fixtures/pages.json``, and a few generated hero images.

Idempotent: snippets are matched on their slug, pages on their slug under their parent,
images on their title; what exists is left as it is (an editor may have changed it), only
what is missing is created. Every page is published through a revision, so the consent rule
of ``pages.publishing`` applies to the demo as to anyone.
"""

import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from demo.home.models import HomeFeaturedPage, HomePage
from kopiena.casework.models import Municipality, TargetGroup
from kopiena.pages.blocks import BodyBlock
from kopiena.pages.models import (
    ConsentStatus,
    ImageConsent,
    NewsIndexPage,
    NewsPage,
    PilotStoryPage,
    PracticeApproach,
    StoryIndexPage,
    is_publishable,
)
from kopiena.pages.models.stories import SECTION_FIELDS

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pages.json"

#: The account the demo's news and stories are published by (created by
#: ``demo.data.accounts``), if it exists: a Kopiena editor, who may publish in Kopiena's
#: sections only.
PUBLISHER = "redaktors"
#: The account that builds the site itself (the home page, the section pages): the site's
#: administrator, as on any Wagtail site.
SITE_BUILDER = "admin"


#: Generated illustrations: title, alternative text, consent, background and shape colours.
#: The last has no consent: it is in the image library and attached to nothing published.
DEMO_IMAGES = [
    (
        "Kopienas centra pagalms",
        "Ilustrācija: zaļš laukums ar dzeltenu sauli un trīs apaļām figūrām pie mājas.",
        ConsentStatus.NOT_NEEDED,
        (46, 125, 80),
        (250, 204, 21),
    ),
    (
        "Senioru sarunu kafejnīca",
        "Ilustrācija: silti oranžs fons ar četriem apļiem ap apaļu galdu.",
        ConsentStatus.ADULT,
        (194, 94, 36),
        (255, 237, 213),
    ),
    (
        "Bērnu radošā darbnīca",
        "Ilustrācija: zils fons ar krāsainiem trijstūriem un apļiem kā zīmējumiem.",
        ConsentStatus.PARENTAL,
        (37, 99, 235),
        (253, 224, 71),
    ),
    (
        "Līdzdalības budžeta balsojums",
        "Ilustrācija: violets fons ar balsošanas urnu un trim paceltām rokām.",
        ConsentStatus.NOT_NEEDED,
        (109, 40, 217),
        (237, 233, 254),
    ),
    (
        "Nometnes dalībnieki (nav vecāku piekrišanas)",
        "Ilustrācija: pelēks fons ar pieciem apļiem rindā.",
        ConsentStatus.NONE,
        (75, 85, 99),
        (209, 213, 219),
    ),
]


def load(stdout, fixture_path=None):
    path = Path(fixture_path or FIXTURE)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if not data:
        stdout.write(f"  {path} not found: only the home page and the indexes")

    publisher = get_user_model().objects.filter(username=PUBLISHER).first()
    builder = get_user_model().objects.filter(username=SITE_BUILDER).first()
    municipalities = _municipalities(data.get("municipalities", []))
    target_groups = _target_groups(data.get("target_groups", []))
    images = _images()

    home = _home(builder)
    news_index = _index(
        home,
        NewsIndexPage,
        "jaunumi",
        builder,
        title="Jaunumi",
        intro="Jaunumi par kopienu sociālo darbu, līdzdalību un līdzfinansējumu pašvaldībās.",
        show_in_menus=True,
    )
    story_index = _index(
        home,
        StoryIndexPage,
        "stasti",
        builder,
        title="Pilotprojektu stāsti",
        intro=(
            "Ko sociālie darbinieki kopienā paveica un iemācījās pilotprojektos "
            "septiņās pašvaldībās (2022–2023)."
        ),
        show_in_menus=True,
    )

    shown = [image for image in images if is_publishable(image)]
    news = [
        _news(news_index, item, municipalities, target_groups, shown, n, publisher)
        for n, item in enumerate(data.get("news", []))
    ]
    stories = [
        _story(story_index, item, municipalities, target_groups, shown, n, publisher)
        for n, item in enumerate(data.get("stories", []))
    ]
    _feature(home, news, stories, builder)

    created_news = sum(created for _page, created in news)
    created_stories = sum(created for _page, created in stories)
    stdout.write(
        f"  {len(municipalities)} municipalities, {len(target_groups)} target groups, "
        f"{len(images)} images; {len(news)} news ({created_news} new), "
        f"{len(stories)} pilot stories ({created_stories} new)"
    )


# --- snippets and images ------------------------------------------------------------------


def _municipalities(items):
    found = {}
    for item in items:
        municipality = Municipality.objects.filter(slug=item["slug"]).first()
        if municipality is None:
            municipality = Municipality.objects.create(name=item["name"], slug=item["slug"])
        found[municipality.slug] = municipality
    return found


def _target_groups(items):
    found = {}
    for item in items:
        group = TargetGroup.objects.filter(slug=item["slug"]).first()
        if group is None:
            group = TargetGroup.objects.create(
                name=item["name"],
                slug=item["slug"],
                people_count=item.get("people_count"),
                description=item.get("description") or "",
            )
        found[group.slug] = group
    return found


#: Where the demo says the signed consent forms of its (invented) photos are kept.
CONSENT_FORMS_KEPT_AT = "Sociālā dienesta arhīvs, mape „Foto piekrišanas 2026” (piemērs)"


def _images():
    images = []
    for title, alt_text, consent, background, colour in DEMO_IMAGES:
        image = get_image_model().objects.filter(title=title).first()
        if image is None:
            image = get_image_model()(
                title=title,
                description=alt_text,
                file=ImageFile(
                    _illustration(background, colour), name=f"kopiena-demo-{len(images)}.png"
                ),
            )
            image._set_image_file_metadata()
            image.save()
            signed = consent in (ConsentStatus.ADULT, ConsentStatus.PARENTAL)
            ImageConsent.objects.create(
                image=image,
                status=consent,
                given_on=dt.date(2026, 3, 2) if signed else None,
                form_kept_at=CONSENT_FORMS_KEPT_AT if signed else "",
            )
        images.append(image)
    return images


def _illustration(background, colour, size=(1200, 800)) -> io.BytesIO:
    """Flat shapes on a flat background: a stand-in photo that shows nobody."""
    width, height = size
    picture = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width * 0.72, height * 0.1, width * 0.9, height * 0.37), fill=colour)
    draw.rectangle((0, height * 0.72, width, height), fill=tuple(c // 2 for c in background))
    for n in range(3):
        left = width * (0.15 + n * 0.17)
        draw.ellipse((left, height * 0.42, left + width * 0.1, height * 0.57), fill=colour)
        draw.rounded_rectangle(
            (left - 10, height * 0.58, left + width * 0.1 + 10, height * 0.8),
            radius=40,
            fill=colour,
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


# --- pages --------------------------------------------------------------------------------


def _publish(page, publisher):
    page.save_revision(user=publisher, log_action=True).publish(user=publisher)


def _home(publisher):
    """The default site's HomePage, made and put in the place of Wagtail's welcome page the
    first time."""
    root = Page.get_first_root_node()
    locale = Locale.get_default()
    home = HomePage.objects.child_of(root).filter(locale=locale).first()
    if home is None:
        home = HomePage(
            title="Kopiena",
            slug="kopiena",
            locale=locale,
            live=False,
            intro=(
                "<p>Kopienu sociālais darbs Latvijas pašvaldībās: jaunumi, pilotprojektu "
                "stāsti un līdzfinansējuma konkursi biedrībām.</p>"
            ),
        )
        root.add_child(instance=home)
        _publish(home, publisher)
        home.refresh_from_db()

    hostname, port = _served_at()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Kopiena"
        )
    elif site.root_page_id != home.pk:
        previous = site.root_page
        site.root_page = home
        site.site_name = site.site_name or "Kopiena"
        if (site.hostname, site.port) == ("localhost", 80):  # Wagtail's initial site
            site.hostname, site.port = hostname, port
        site.save()
        if previous.specific_class is Page and not previous.get_children().exists():
            previous.delete()  # Wagtail's "Welcome to your new Wagtail site!"
    return home


def _served_at():
    """Host and port of ``WAGTAILADMIN_BASE_URL`` (``make run`` serves 127.0.0.1:8000), so
    that the page API's ``html_url`` of the demo pages can be opened."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def _child(parent, model, slug, publisher, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    return page, True


def _index(home, model, slug, publisher, **fields):
    index, created = _child(home, model, slug, publisher, **fields)
    if created:
        _publish(index, publisher)
    return index


def _news(index, item, municipalities, target_groups, images, n, publisher):
    page, created = _child(
        index,
        NewsPage,
        item["slug"],
        publisher,
        title=item["title"],
        date=dt.date.fromisoformat(item["date"]),
        intro=item.get("intro", ""),
        municipality=municipalities.get(item.get("municipality")),
        hero_image=images[n % len(images)] if n % 2 == 0 else None,
        body=_body(item.get("body", [])),
    )
    if created:
        page.target_groups.set(
            [target_groups[slug] for slug in item.get("target_groups", []) if slug in target_groups]
        )
        page.tags.add(*item.get("tags", []))
        _publish(page, publisher)
        published = timezone.make_aware(dt.datetime.combine(page.date, dt.time(9)))
        NewsPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
    return page, created


def _body(items):
    """The fixture's blocks that the body knows; a quote may be given as a plain string."""
    known = BodyBlock().child_blocks
    body = []
    for block in items:
        kind, value = block.get("type"), block.get("value")
        if kind not in known:
            continue
        if kind == "quote" and isinstance(value, str):
            value = {"quote": value, "attribution": ""}
        body.append({"type": kind, "value": value})
    return body


def _story(index, item, municipalities, target_groups, images, n, publisher):
    approaches = [a for a in item.get("practice_approaches", []) if a in PracticeApproach.values]
    main = item.get("main_approach") if item.get("main_approach") in approaches else ""
    page, created = _child(
        index,
        PilotStoryPage,
        item["slug"],
        publisher,
        title=item["title"],
        intro=item.get("intro", ""),
        municipality=municipalities.get(item.get("municipality")),
        community=item.get("community") or "",
        centre=item.get("centre") or "",
        pilot_start=_date(item.get("pilot_start")),
        pilot_end=_date(item.get("pilot_end")),
        practice_approaches=approaches,
        main_approach=main,
        hero_image=images[n % len(images)] if n < len(images) else None,
        **{name: item.get(name) or "" for name in SECTION_FIELDS},
    )
    if created:
        page.target_groups.set(
            [target_groups[slug] for slug in item.get("target_groups", []) if slug in target_groups]
        )
        _publish(page, publisher)
    return page, created


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _feature(home, news, stories, publisher):
    """The newest two news and the first story on the home page, the first time only."""
    if home.featured_pages.exists():
        return
    newest = sorted((page for page, _created in news), key=lambda page: page.date, reverse=True)
    chosen = newest[:2] + [page for page, _created in stories[:1]]
    if not chosen:
        return
    home.featured_pages = [HomeFeaturedPage(page=page) for page in chosen]
    _publish(home, publisher)
