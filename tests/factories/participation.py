"""Factories of the participatory budget. ``budget(...)`` builds a published process in
Liepāja with two categories (infrastructure, events) and a theme, in the phase asked for."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from kopiena.participation.models import Category, Idea, Process, Theme

from .pages import MunicipalityFactory

__all__ = [
    "CategoryFactory",
    "IdeaFactory",
    "ProcessFactory",
    "ThemeFactory",
    "budget",
    "eligible",
    "feasible_idea",
    "person_code",
]


def _dates(phase: str) -> dict:
    """Phase dates around today so that ``phase`` is the current one."""
    today = timezone.localdate()
    start = {
        "ideas": today - dt.timedelta(days=5),
        "check": today - dt.timedelta(days=25),
        "voting": today - dt.timedelta(days=45),
        "delivery": today - dt.timedelta(days=120),
    }[phase]
    d = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    return {
        "ideas_open": d(0),
        "ideas_close": d(20),
        "check_close": d(35),
        "voting_open": d(40),
        "voting_close": d(53),
        "results_on": d(60),
        "delivery_until": d(400),
    }


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    municipality = factory.SubFactory(MunicipalityFactory, name="Liepāja", slug="liepaja")
    year = factory.Sequence(lambda n: 2020 + n % 80)
    title = factory.LazyAttribute(lambda o: f"Līdzdalības budžets {o.year}")
    slug = factory.Sequence(lambda n: f"lb-{n}")
    total = Decimal("100000.00")
    reserve = Decimal("10000.00")
    published = True
    ideas_open = factory.LazyFunction(lambda: _dates("voting")["ideas_open"])
    ideas_close = factory.LazyFunction(lambda: _dates("voting")["ideas_close"])
    check_close = factory.LazyFunction(lambda: _dates("voting")["check_close"])
    voting_open = factory.LazyFunction(lambda: _dates("voting")["voting_open"])
    voting_close = factory.LazyFunction(lambda: _dates("voting")["voting_close"])
    results_on = factory.LazyFunction(lambda: _dates("voting")["results_on"])
    delivery_until = factory.LazyFunction(lambda: _dates("voting")["delivery_until"])


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    process = factory.SubFactory(ProcessFactory)
    code = factory.Sequence(lambda n: f"cat{n}")
    name = factory.Sequence(lambda n: f"Kategorija {n}")
    money = Decimal("50000.00")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    process = factory.SubFactory(ProcessFactory)
    name = "Pilsētvides labiekārtošana"
    name_ru = "Благоустройство городской среды"


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    process = factory.SubFactory(ProcessFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Ideja {n}")
    description = "Soliņi un apgaismojums."
    theme = factory.LazyAttribute(lambda o: o.process.themes.first())
    category = factory.LazyAttribute(lambda o: o.process.categories.first())
    estimated_cost = Decimal("10000.00")


def budget(phase: str = "voting", **kwargs) -> Process:
    process = ProcessFactory(**{**_dates(phase), **kwargs})
    CategoryFactory(
        process=process,
        code="infrastructure",
        name="Infrastruktūra",
        name_ru="Инфраструктура",
        name_en="Infrastructure",
        money=Decimal("50000.00"),
        order=1,
    )
    CategoryFactory(
        process=process,
        code="events",
        name="Pasākumi",
        name_ru="Мероприятия",
        name_en="Events",
        money=Decimal("10000.00"),
        order=2,
    )
    ThemeFactory(process=process)
    return process


def feasible_idea(process, category_code="infrastructure", cost="10000.00", **kwargs) -> Idea:
    """An idea the municipality found feasible at ``cost`` (its estimate), written as such
    (the transition is tested on its own)."""
    idea = IdeaFactory(
        process=process,
        category=process.categories.get(code=category_code),
        estimated_cost=Decimal(cost),
        **kwargs,
    )
    Idea.objects.filter(pk=idea.pk).update(status="feasible", cost_estimate=Decimal(cost))
    idea.refresh_from_db()
    return idea


def person_code(n: int) -> str:
    """A well-formed personal code (old form, born in 1980), different for each ``n``."""
    return f"{1 + n % 28:02d}{1 + (n // 28) % 12:02d}80-1{n % 10000:04d}"


def eligible(user=None, n=None, **kwargs):
    """An eligible voter's declaration, with a personal code of their own (``user.pk`` or
    ``n`` picks it)."""
    from kopiena.participation.services import Eligibility

    number = n if n is not None else (user.pk if user is not None else 0)
    return Eligibility(birth_year=1980, resident=True, person_code=person_code(number), **kwargs)
