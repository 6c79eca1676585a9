"""Indicators and the registry of their providers.

An *indicator* is one figure of seed 002's monitoring questions (:data:`QUESTIONS`), e.g.
"money approved" or "decisions within the deadline". A *provider* computes a set of them
from its app's cases, per municipality (or target group) and year, in a fixed number of SQL
queries whatever the number of cases, and lists the cases behind each figure.

Providers register here; monitoring registers those of grants, community work and its own
surveys (``providers/``). Another app registers its own from its ``AppConfig.ready()``::

    from django.apps import apps
    if apps.is_installed("kopiena.monitoring"):
        from kopiena.monitoring.registry import register_provider
        register_provider(MyProvider())

so monitoring never imports it.

Every figure is a :class:`Figure` — a numerator, a denominator (``None`` for counts and
sums) and the number of cases it counts — so figures of several municipalities or years add
up exactly (Σnum / Σden), and a ratio whose denominator is 0 is "not measured", never 0 %.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.aggregates import Aggregate
from django.utils.translation import gettext_lazy as _

#: Seed 002's questions ("Ko un cik labi darām? Vai kādam ir labāk? Kā jūtas saņēmējs? Cik
#: daudz tas maksāja?"), the first split in two as Results-Based Accountability does.
QUESTIONS = (
    ("what_we_do", _("What do we do?")),
    ("how_well", _("How well do we do it?")),
    ("better_off", _("Is anyone better off?")),
    ("feel", _("How does the recipient feel?")),
    ("cost", _("How much did it cost?")),
)
QUESTION_LABELS = dict(QUESTIONS)

COUNT, EUR, PERCENT, DAYS, SCORE = "count", "eur", "percent", "days", "score"
UNITS = (COUNT, EUR, PERCENT, DAYS, SCORE)
TWO = Decimal("0.01")
ONE = Decimal("0.1")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: object
    question: str
    unit: str = COUNT
    #: "up" when more is better, "down" when less is, None when neither (a count).
    better: str | None = None
    help_text: object = ""
    #: Indicators of one group are shown together (e.g. applications per state).
    group: str = ""
    #: Shown on dashboards by default (others appear in the full report).
    main: bool = True
    #: Counted per target group too.
    by_target_group: bool = False
    #: A ratio of two sums (e.g. money per participant) in a unit that is not one already.
    ratio: bool = False
    #: Counted only where a case records it (volunteers in evaluations): with no such case
    #: the figure is "not recorded", not 0.
    recorded_only: bool = False

    @property
    def is_ratio(self) -> bool:
        return self.ratio or self.unit in (PERCENT, DAYS, SCORE)


@dataclass
class Figure:
    num: Decimal = Decimal(0)
    den: Decimal | None = None
    cases: int = 0

    def __add__(self, other: Figure) -> Figure:
        den = None
        if self.den is not None or other.den is not None:
            den = (self.den or 0) + (other.den or 0)
        return Figure(self.num + other.num, den, self.cases + other.cases)

    def value(self, unit: str) -> Decimal | None:
        """The figure as a person reads it; ``None`` when there is nothing to measure (a
        ratio or mean over no cases)."""
        if self.den is None:
            if unit == COUNT:
                return Decimal(int(self.num))
            return Decimal(self.num).quantize(TWO, ROUND_HALF_UP)
        if not self.den:
            return None
        value = Decimal(self.num) / Decimal(self.den)
        if unit == PERCENT:
            return (value * 100).quantize(ONE, ROUND_HALF_UP)
        return value.quantize(ONE if unit in (DAYS, SCORE) else TWO, ROUND_HALF_UP)

    def as_json(self, unit: str, *, recorded_only: bool = False) -> dict:
        value = None if recorded_only and not self.cases else self.value(unit)
        return {
            "num": str(self.num),
            "den": None if self.den is None else str(self.den),
            "cases": self.cases,
            "value": None if value is None else str(value),
        }

    @classmethod
    def from_json(cls, data: dict) -> Figure:
        den = data.get("den")
        return cls(Decimal(data["num"]), None if den is None else Decimal(den), data["cases"])


def to_decimal(value) -> Decimal:
    """An aggregate's result as a Decimal: durations in days, ``None`` as 0."""
    if value is None:
        return Decimal(0)
    if isinstance(value, dt.timedelta):
        return Decimal(value.total_seconds()) / Decimal(86400)
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


@dataclass(frozen=True)
class Definition:
    """An indicator computed as SQL aggregates over one source's annotated queryset.

    ``cases`` is the filter of the cases the figure counts (the drill-down lists exactly
    these); ``num`` is ``None`` (count them), a ``Q`` (count those of them that match) or an
    expression (its sum); ``den`` likewise, or ``"cases"`` (their count)."""

    indicator: Indicator
    cases: Q = field(default_factory=Q)
    num: object = None
    den: object = None

    def aggregates(self, prefix: str) -> dict:
        cases = self.cases
        result = {f"{prefix}__cases": Count("pk", filter=cases, distinct=False)}
        result[f"{prefix}__num"] = self._aggregate(self.num, cases)
        if self.den is not None:
            result[f"{prefix}__den"] = (
                Count("pk", filter=cases)
                if self.den == "cases"
                else self._aggregate(self.den, cases)
            )
        return result

    @staticmethod
    def _aggregate(spec, cases):
        if spec is None:
            return Count("pk", filter=cases)
        if isinstance(spec, Aggregate):
            return spec  # written with its own filter (e.g. a distinct count)
        if isinstance(spec, Q):
            return Count("pk", filter=cases & spec)
        return Sum(spec, filter=cases)


@dataclass
class CaseList:
    """The cases behind a figure, for the drill-down listing."""

    queryset: object
    #: (attribute or callable, heading) columns besides the reference and the title.
    columns: list = field(default_factory=list)
    #: Annotation name holding each case's contribution (e.g. events counted), if any.
    contribution: str | None = None
    contribution_label: object = ""
    #: Or each case's contribution by primary key, when it is counted apart.
    contribution_rows: dict | None = None


class Provider:
    """Base of a provider. Subclasses set ``key``, ``label`` and implement the methods."""

    key = ""
    label = ""
    #: Keys of the indicators that say "there were cases": a year in which all of them are
    #: 0 has no data (and is not shown as zeros).
    activity_keys: tuple[str, ...] = ()

    def indicators(self) -> list[Indicator]:
        raise NotImplementedError

    def compute(
        self, municipality_ids: Iterable[int], years: Iterable[int]
    ) -> dict[tuple[int, int], dict[str, Figure]]:
        """``{(municipality id, year): {indicator key: Figure}}``."""
        raise NotImplementedError

    def compute_by_target_group(
        self, municipality_ids: Iterable[int], years: Iterable[int]
    ) -> dict[tuple[int, int], dict[str, Figure]]:
        """``{(target group id, year): {key: Figure}}`` for the indicators counted per
        target group; empty when the provider's cases have no target groups."""
        return {}

    def cases(
        self, key: str, municipality_ids: Iterable[int], year: int, target_group_id=None
    ) -> CaseList:
        raise NotImplementedError


_providers: dict[str, Provider] = {}


def register_provider(provider: Provider) -> None:
    _providers[provider.key] = provider


def unregister_provider(key: str) -> None:
    _providers.pop(key, None)


def providers() -> list[Provider]:
    return list(_providers.values())


def indicators() -> dict[str, Indicator]:
    return {ind.key: ind for provider in providers() for ind in provider.indicators()}


def provider_of(key: str) -> Provider | None:
    return next((p for p in providers() if key in {i.key for i in p.indicators()}), None)
