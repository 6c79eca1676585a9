"""What the scale generators share: Latvian-looking names, fast inserts, generated staff and
audit entries in the shape the transition service writes. Used by ``grants_scale``,
``community_work_scale`` and ``monitoring_scale`` (``manage.py generate_scale_data``)."""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils.text import slugify
from wagtail.models import ModelLogEntry

from kopiena.casework.audit import TRANSITION, transition_data
from kopiena.casework.models import Municipality, TargetGroup
from kopiena.grants.models import RIGA

CENT = Decimal("0.01")
BATCH = 2000
#: Rows written per round: memory and queries per round stay the same at any size.
CHUNK = 2000
USER_PREFIX = "scale-"

# --- Latvian-looking names ------------------------------------------------------------------

MUNICIPALITIES = (
    "Rīga", "Daugavpils", "Jelgava", "Jēkabpils", "Jūrmala", "Liepāja", "Rēzekne",
    "Valmiera", "Ventspils", "Aizkraukles novads", "Alūksnes novads", "Augšdaugavas novads",
    "Ādažu novads", "Balvu novads", "Bauskas novads", "Cēsu novads", "Dienvidkurzemes novads",
    "Dobeles novads", "Gulbenes novads", "Jelgavas novads", "Jēkabpils novads",
    "Krāslavas novads", "Kuldīgas novads", "Ķekavas novads", "Limbažu novads",
    "Līvānu novads", "Ludzas novads", "Madonas novads", "Mārupes novads", "Ogres novads",
    "Olaines novads", "Preiļu novads", "Rēzeknes novads", "Ropažu novads",
    "Salaspils novads", "Saldus novads", "Saulkrastu novads", "Siguldas novads",
    "Smiltenes novads", "Talsu novads", "Tukuma novads", "Valkas novads",
    "Valmieras novads", "Varakļānu novads", "Ventspils novads",
)  # fmt: skip
TARGET_GROUPS = (
    "Seniori", "Bērni un jaunieši", "Personas ar invaliditāti", "Daudzbērnu ģimenes",
    "Bezdarbnieki", "Personas ar atkarībām", "Bēgļi un patvēruma meklētāji",
    "Vientuļie vecāki",
)  # fmt: skip
FIRST_NAMES = (
    "Anna", "Inese", "Ilze", "Līga", "Kristīne", "Dace", "Laura", "Santa", "Zane", "Agnese",
    "Jānis", "Andris", "Māris", "Edgars", "Artūrs", "Kārlis", "Raivis", "Uldis", "Gints",
    "Roberts",
)  # fmt: skip
LAST_NAMES = (
    "Bērziņš", "Kalniņš", "Ozoliņš", "Liepiņš", "Krūmiņš", "Zariņš", "Vītols", "Priede",
    "Eglītis", "Jansons", "Pētersons", "Kļaviņš", "Lapiņš", "Siliņš", "Vanags", "Grīnbergs",
)  # fmt: skip


def rng(seed: int, kind: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{index}")


def person_name(r: random.Random) -> tuple[str, str]:
    first = r.choice(FIRST_NAMES)
    last = r.choice(LAST_NAMES)
    if first.endswith(("a", "e")) and last.endswith("š"):
        last = last[:-1] + "a"  # Bērziņš → Bērziņa
    elif first.endswith(("a", "e")) and last.endswith("s"):
        last = last[:-1] + "a"  # Vītols → Vītola
    return first, last


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_DOWN)


def riga(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIGA)


def bulk(model, objects: list, batch_size: int = BATCH) -> list:
    """Insert ``objects`` and give them their primary keys. On PostgreSQL with ``COPY``
    (the keys drawn from the table's sequence first): ``bulk_create`` spends most of its time
    compiling SQL, which made 50 000 applications take many minutes; elsewhere
    ``bulk_create``. Like ``bulk_create``, no ``save()`` and no signals."""
    if not objects:
        return objects
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=batch_size)
    meta = model._meta
    fields = list(meta.concrete_fields)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        missing = [obj for obj in objects if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(missing)],
            )
            for obj, (pk,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([_copy_value(field, obj) for field in fields])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def _copy_value(field, obj):
    value = field.pre_save(obj, add=True)  # auto_now and auto_now_add, as an insert would
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(field, models.JSONField) and value is not None:
        from psycopg.types.json import Jsonb  # only on PostgreSQL

        return Jsonb(value)
    return value


def has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


# --- shared setup: places, groups, staff ------------------------------------------------------


def municipalities() -> list[int]:
    """The ids of the municipalities, creating the standard list when there are none."""
    ids = list(Municipality.objects.values_list("pk", flat=True))
    if not ids:
        bulk(Municipality, [Municipality(name=n, slug=slugify(n)) for n in MUNICIPALITIES])
        ids = list(Municipality.objects.values_list("pk", flat=True))
    return sorted(ids)


def target_groups() -> list[int]:
    ids = list(TargetGroup.objects.values_list("pk", flat=True))
    if not ids:
        bulk(TargetGroup, [TargetGroup(name=n, slug=slugify(n)) for n in TARGET_GROUPS])
        ids = list(TargetGroup.objects.values_list("pk", flat=True))
    return sorted(ids)


def staff_users(role: str, key: str, count: int, seed: int) -> list[int]:
    """``count`` generated staff accounts of ``role`` (``scale-<key>-N``), without a usable
    password; created when missing."""
    names = [f"{USER_PREFIX}{key}-{n:02d}" for n in range(1, count + 1)]
    existing = dict(User.objects.filter(username__in=names).values_list("username", "pk"))
    missing = [name for name in names if name not in existing]
    if missing:
        users = []
        for name in missing:
            first, last = person_name(rng(seed, key, names.index(name)))
            users.append(
                User(
                    username=name,
                    first_name=first,
                    last_name=last,
                    email=f"{name}@kopiena.example.lv",
                    is_staff=True,
                    password=make_password(None),
                )
            )
        created = bulk(User, users)
        group = Group.objects.get(name=role)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in created]
        )
        existing.update({u.username: u.pk for u in created})
    return [existing[name] for name in names]


def transition_table(model) -> dict[str, tuple[str, str]]:
    """Action name → (the label a person reads, the state it leads to), from the model's
    django-fsm transitions (each action here leads to one state, whatever its source)."""
    field = model._meta.get_field("status")
    return {
        t.name: (str((t.custom or {}).get("label", t.name)), t.target)
        for t in field.get_all_transitions(model)
    }


def log_entry(
    content_type: ContentType,
    obj,
    *,
    action: str,
    label: str,
    source: str,
    target: str,
    user_id: int | None,
    at: dt.datetime,
    comment: str = "",
    amount: Decimal | None = None,
    via: str = "admin",
) -> ModelLogEntry:
    """An audit entry of the shape :func:`casework.audit.log_transition` writes."""
    return ModelLogEntry(
        content_type=content_type,
        object_id=str(obj.pk),
        label=str(obj)[:255],
        action=TRANSITION,
        timestamp=at,
        user_id=user_id,
        data=transition_data(
            action=action,
            label=label,
            source_state=source,
            target_state=target,
            comment=comment,
            amount=amount,
            source=via,
        ),
    )


def history_entries(
    content_type: ContentType,
    obj,
    steps,
    *,
    start: str,
    transitions: dict[str, tuple[str, str]],
    details: Callable[[str], dict] = lambda action: {},
) -> list[ModelLogEntry]:
    """The audit trail of a case that took ``steps`` (``[(action, user id, when)]``) from
    ``start``; ``transitions`` is :func:`transition_table`, ``details(action)`` gives an
    entry's comment, amount or source."""
    entries, source = [], start
    for action_name, user_id, at in steps:
        label, target = transitions[action_name]
        entries.append(
            log_entry(
                content_type,
                obj,
                action=action_name,
                label=label,
                source=source,
                target=target,
                user_id=user_id,
                at=at,
                **details(action_name),
            )
        )
        source = target
    return entries
