"""Factories of the pages app: classifications, images with their consent and the page tree.

Pages are built where a host would put them: ``site_home()`` is the default site's root page
(whatever page type the host has there: Wagtail's own welcome page in a bare host, the demo's
home page in the demo); index pages go under it and news or stories under their index.
Images are of the host's image model (``WAGTAILIMAGES_IMAGE_MODEL``).
"""

import datetime as dt

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from kopiena.casework.models import Municipality, TargetGroup
from kopiena.pages.models import (
    ConsentStatus,
    ImageConsent,
    NewsIndexPage,
    NewsPage,
    PilotStoryPage,
    PracticeApproach,
    StoryIndexPage,
)

__all__ = [
    "ConsentImageFactory",
    "MunicipalityFactory",
    "NO_RECORD",
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


#: ``ConsentImageFactory(consent=NO_RECORD)``: an image with no consent on file.
NO_RECORD = "no-record"


class ConsentImageFactory(wagtail_factories.ImageFactory):
    """A small PNG of the host's image model with consent "not needed" on file; pass
    ``consent=ConsentStatus.NONE`` for one nobody agreed to show, ``consent=NO_RECORD`` for
    one whose consent was never recorded."""

    class Meta:
        model = get_image_model()
        skip_postgeneration_save = True

    # wagtail-factories would add a new root collection per image.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Kopienas centra foto {n}")
    description = factory.LazyAttribute(lambda o: f"{o.title}: cilvēki pie galda kopienas centrā")
    file = factory.django.ImageField(width=64, height=48, color="green")

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        status = ConsentStatus.NOT_NEEDED if extracted is None else extracted
        if create and status != NO_RECORD:
            signed = status in (ConsentStatus.ADULT, ConsentStatus.PARENTAL)
            ImageConsent.objects.update_or_create(
                image=self,
                defaults={
                    "status": status,
                    "given_on": dt.date(2026, 3, 2) if signed else None,
                    "form_kept_at": "Sociālā dienesta arhīvs, mape „Piekrišanas”" if signed else "",
                },
            )
            self.__dict__.pop("kopiena_consent", None)


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


def site_home(**kwargs) -> Page:
    """The default site's root page, where a host's own pages and Kopiena's sections live."""
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page, user=None):
    """Publish ``page`` the way the admin does: a new revision, then ``publish()``."""
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page
