"""Factories of the pages app: snippets, consent images and the page tree.

Pages are built where Wagtail would put them: ``site_home()`` makes the default site's root
a ``HomePage``; index pages go under it and news or stories under their index.
"""

import datetime as dt

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from pages.models import (
    ConsentImage,
    ConsentStatus,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    PilotStoryPage,
    PracticeApproach,
    StoryIndexPage,
    TargetGroup,
)

__all__ = [
    "ConsentImageFactory",
    "HomePageFactory",
    "MunicipalityFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "PilotStoryPageFactory",
    "StoryIndexPageFactory",
    "TargetGroupFactory",
    "publish",
    "site_home",
]


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Pilotu novads {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Mērķgrupa {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    people_count = 120


class ConsentImageFactory(wagtail_factories.ImageFactory):
    """A small PNG with consent not needed; pass ``consent=ConsentStatus.NONE`` for one
    nobody agreed to show."""

    class Meta:
        model = ConsentImage

    # wagtail-factories would add a new root collection per image.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Kopienas centra foto {n}")
    alt_text = factory.LazyAttribute(lambda o: f"{o.title}: cilvēki pie galda kopienas centrā")
    consent = ConsentStatus.NOT_NEEDED
    file = factory.django.ImageField(width=64, height=48, color="green")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Kopiena"
    slug = "kopiena"
    intro = "<p>Kopienu sociālais darbs Latvijas pašvaldībās.</p>"
    parent = factory.LazyFunction(lambda: Page.get_first_root_node())


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Jaunumi"
    slug = "jaunumi"
    show_in_menus = True


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Pilotprojektu stāsti"
    slug = "stasti"
    show_in_menus = True


class _ClassifiedPageFactory(wagtail_factories.PageFactory):
    intro = "Īss ievads par notikušo."

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
            self.save()


class NewsPageFactory(_ClassifiedPageFactory):
    """A live news page; give it a ``parent`` (a ``NewsIndexPage``)."""

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kopienas centrā atklāta jauna darbnīca {n}")
    slug = factory.Sequence(lambda n: f"jaunums-{n}")
    date = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=n))
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "Kas notika"},
            {
                "type": "paragraph",
                "value": "<p>Iedzīvotāji kopā plānoja pagalma labiekārtošanu.</p>",
            },
            {
                "type": "quote",
                "value": {
                    "quote": "Beidzot mūs uzklausīja.",
                    "attribution": "Apkaimes iedzīvotāja",
                },
            },
        ]
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()


class PilotStoryPageFactory(_ClassifiedPageFactory):
    """A live pilot story; give it a ``parent`` (a ``StoryIndexPage``)."""

    class Meta:
        model = PilotStoryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pilotprojekts apkaimē {n}")
    slug = factory.Sequence(lambda n: f"stasts-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    community = "Apkaimes seniori"
    centre = "Kopienas centrs “Ābeles”"
    pilot_start = dt.date(2022, 9, 1)
    pilot_end = dt.date(2023, 6, 30)
    practice_approaches = factory.LazyFunction(
        lambda: [PracticeApproach.COMMUNITY_DEVELOPMENT, PracticeApproach.ADVOCACY]
    )
    main_approach = PracticeApproach.COMMUNITY_DEVELOPMENT
    current_situation = "<p>Sociālais dienests atbalstīja pilotprojektu.</p>"
    initial_study = "<p>Sākotnējā izpētē aptaujājām iedzīvotājus.</p>"
    in_depth_study = "<p>Padziļinātajā izpētē rīkojām fokusgrupas.</p>"
    field_definition = "<p>Darba lauks: apkaimes seniori.</p>"
    intervention = "<p>Kopīgi rīkojām tikšanās reizes.</p>"
    action_plan = "<p>Mērķis: izveidot iedzīvotāju padomi.</p>"
    partners = "<p>Biedrība un bibliotēka.</p>"
    community_participation = "<p>Iedzīvotāji paši vadīja tikšanās.</p>"
    change_evaluation = "<p>Iedzīvotāju aktivitāte pieauga.</p>"
    recommendations = "<p>Sākt ar neformālām sarunām.</p>"


def site_home(**kwargs) -> HomePage:
    """The default site's home page: a ``HomePage`` in place of Wagtail's welcome page."""
    home = HomePage.objects.filter(depth=2).first() or HomePageFactory(**kwargs)
    site = Site.objects.get(is_default_site=True)
    if site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if type(welcome.specific) is Page:
            welcome.delete()
    return home


def publish(page, user=None):
    """Publish ``page`` the way the admin does: a new revision, then ``publish()``."""
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page
