"""What the built-in providers share: a *source* is one model's queryset annotated with
``mon_municipality`` and ``mon_year`` (and whatever its definitions read), from which every
figure is one aggregate of one ``GROUP BY municipality, year`` query."""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Min, OuterRef, Subquery, Sum
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry

from kopiena.casework.audit import TRANSITION

from ..registry import Definition, Figure, to_decimal

RIGA = ZoneInfo("Europe/Riga")
GROUP = "mon_municipality"
YEAR = "mon_year"


def transition_entries(model):
    """The audit log's transition entries of the case in ``OuterRef("pk")`` (for a
    correlated subquery), by the index Wagtail keeps on ``object_id``."""
    return ModelLogEntry.objects.filter(
        content_type_id=ContentType.objects.get_for_model(model, for_concrete_model=False).pk,
        action=TRANSITION,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )


def first_entry_at(model, **data_lookups):
    """The time of the case's first transition entry whose data matches ``data_lookups``
    (e.g. ``action__in=[...]``), as a subquery.

    ``MIN(timestamp)`` grouped by the case, not ``ORDER BY timestamp LIMIT 1``: with the
    limit, PostgreSQL walks the timestamp index of the whole log for every case (42 ms a
    case at 10 000 applications); the minimum reads the case's few entries by
    ``object_id``."""
    lookups = {f"data__{name}": value for name, value in data_lookups.items()}
    return Subquery(
        transition_entries(model)
        .filter(**lookups)
        .order_by()
        .values("object_id")
        .annotate(first=Min("timestamp"))
        .values("first")[:1]
    )


def count_of(queryset, field: str = "pk"):
    """A correlated subquery counting ``queryset`` (filtered on ``OuterRef``)."""
    return Subquery(queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1])


def sum_of(queryset, group_field: str, value_field: str):
    return Subquery(
        queryset.order_by().values(group_field).annotate(total=Sum(value_field)).values("total")[:1]
    )


class Source:
    """One queryset and the definitions computed from it."""

    def __init__(self, definitions: list[Definition]):
        self.definitions = definitions

    def base(self, municipality_ids, years):
        """The queryset annotated with ``mon_municipality`` and ``mon_year``, limited to
        ``municipality_ids`` and ``years``."""
        raise NotImplementedError

    def group_by_target_group(self) -> str | None:
        """The relation to group by for target groups, or ``None``."""
        return None

    def compute(self, municipality_ids, years, *, by_target_group=False):
        definitions = self.definitions
        group = GROUP
        if by_target_group:
            group = self.group_by_target_group()
            definitions = [d for d in definitions if d.indicator.by_target_group]
            if not group or not definitions:
                return {}
        aggregates = {}
        names = {}
        for n, definition in enumerate(definitions):
            prefix = f"d{n}"
            names[prefix] = definition
            aggregates.update(definition.aggregates(prefix))
        rows = (
            self.base(list(municipality_ids), list(years))
            .order_by()
            .values(group, YEAR)
            .annotate(**aggregates)
        )
        result = defaultdict(dict)
        for row in rows:
            if row[group] is None:
                continue
            figures = result[(row[group], row[YEAR])]
            for prefix, definition in names.items():
                den = row.get(f"{prefix}__den")
                figures[definition.indicator.key] = Figure(
                    num=to_decimal(row[f"{prefix}__num"]),
                    den=None if definition.den is None else to_decimal(den),
                    cases=row[f"{prefix}__cases"] or 0,
                )
        return result

    def definition(self, key: str) -> Definition | None:
        return next((d for d in self.definitions if d.indicator.key == key), None)

    def cases(self, definition, municipality_ids, year, target_group_id=None):
        queryset = self.base(list(municipality_ids), [year]).filter(definition.cases)
        if target_group_id is not None:
            relation = self.group_by_target_group()
            queryset = (
                queryset.filter(**{relation: target_group_id}) if relation else queryset.none()
            )
        return queryset


class SourcesProvider:
    """A provider made of sources: indicators, compute and cases follow from them."""

    sources: list[Source] = []

    def indicators(self):
        return [d.indicator for source in self.sources for d in source.definitions]

    def compute(self, municipality_ids, years):
        result = defaultdict(dict)
        for source in self.sources:
            for key, figures in source.compute(municipality_ids, years).items():
                result[key].update(figures)
        return result

    def compute_by_target_group(self, municipality_ids, years):
        result = defaultdict(dict)
        for source in self.sources:
            for key, figures in source.compute(
                municipality_ids, years, by_target_group=True
            ).items():
                result[key].update(figures)
        return result

    def latest_year(self, municipality_ids, up_to: int) -> int | None:
        """The most recent year up to ``up_to`` with any of this provider's cases."""
        from django.db.models import Max

        years = list(range(2000, up_to + 1))
        found = [
            source.base(list(municipality_ids), years).aggregate(latest=Max(YEAR))["latest"]
            for source in self.sources
        ]
        found = [year for year in found if year]
        return max(found) if found else None

    def source_of(self, key):
        for source in self.sources:
            definition = source.definition(key)
            if definition is not None:
                return source, definition
        raise KeyError(key)
