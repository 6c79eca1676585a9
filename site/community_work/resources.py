"""Spreadsheet import of community initiatives, one row each, matched by reference.

Registered with :mod:`casework.importing` (autodiscovered); the runner reads the file and
calls ``prepare``, ``validate`` and ``write`` in one transaction. Communities and centres
are found by name within the initiative's municipality, people by user name or e-mail,
the co-financing application by its reference. Headers: README, "Importing spreadsheets".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kopiena.casework.importing import register
from kopiena.casework.importing.lookups import fetch_in, key, municipalities
from kopiena.casework.importing.resources import CHANGED, NEW, UNCHANGED, Column, ImportResource
from kopiena.casework.importing.widgets import (
    ChoiceWidget,
    LatvianDateWidget,
    MultilineTextWidget,
    TextWidget,
)
from kopiena.community_work.roles import Role

from .models import Community, CommunityCentre, Initiative, InitiativeStatus

S = InitiativeStatus
#: Statuses an imported initiative may be created in: a new idea or plan, or a historic
#: record with its outcome.
IMPORT_STATES = (S.IDEA, S.PLANNING, S.CLOSED, S.CANCELLED)
BATCH = 1000
#: Fields an import may change on an existing initiative (blank cells keep the value).
UPDATABLE = ("title", "community", "centre", "social_worker", "head", "goal", "grant_application")
RIGA = ZoneInfo("Europe/Riga")


class InitiativeResource(ImportResource):
    """Community initiatives. A known reference updates the initiative (never its status or
    municipality); a new row creates one, historic ones with their final status."""

    kind = "initiatives"
    model = Initiative
    index_url_name = "community_initiatives:index"
    required_columns = ("title", "municipality", "community", "social_worker")

    reference = Column("reference", "Lietas numurs", aliases=("Lietas nr.",), widget=TextWidget(50))
    title = Column("title", "Nosaukums", required=True, widget=TextWidget())
    municipality = Column(
        "municipality__name",
        "Pašvaldība",
        aliases=("municipality",),
        required=True,
        widget=TextWidget(),
    )
    community = Column(
        "community__name", "Kopiena", aliases=("community",), required=True, widget=TextWidget()
    )
    centre = Column("centre__name", "Kopienas centrs", aliases=("centre",), widget=TextWidget())
    social_worker = Column(
        "social_worker__username",
        "Sociālais darbinieks",
        aliases=("social_worker",),
        required=True,
        widget=TextWidget(),
    )
    head = Column("head__username", "Vadītājs", aliases=("head",), widget=TextWidget())
    status = Column("status", "Statuss", widget=ChoiceWidget(InitiativeStatus.choices))
    goal = Column("goal", "Mērķis", widget=MultilineTextWidget())
    grant_application = Column(
        "grant_application__reference",
        "Pieteikuma lietas numurs",
        aliases=("grant_application",),
        widget=TextWidget(),
    )
    created_at = Column("created_at", "Izveidots", widget=LatvianDateWidget())

    # --- lookups ---------------------------------------------------------------------------

    def prepare(self, rows):
        from kopiena.grants.models import Application

        self.municipalities = municipalities()
        ids = {m.pk for m in self.municipalities.values()}
        self.communities = {
            (c.municipality_id, key(c.name)): c
            for c in Community.objects.filter(municipality_id__in=ids)
        }
        self.centres = {
            (c.municipality_id, key(c.name)): c
            for c in CommunityCentre.objects.filter(municipality_id__in=ids)
        }
        people = {r.value(name) for r in rows for name in ("social_worker", "head")} - {None}
        users = (
            get_user_model()
            .objects.filter(Q(username__in=people) | Q(email__in=people), is_active=True)
            .prefetch_related("groups")
        )
        self.users = {}
        for user in users:
            user._kopiena_roles = frozenset(g.name for g in user.groups.all())
            self.users.setdefault(user.username, user)
            if user.email:
                self.users.setdefault(user.email.casefold(), user)
        self.existing = {
            i.reference: i
            for i in fetch_in(
                Initiative.objects.all(), "reference", (r.value("reference") for r in rows)
            )
        }
        titles = [r.value("title") for r in rows]
        self.taken_titles = {
            (i.municipality_id, key(i.title)): i.pk
            for i in fetch_in(
                Initiative.objects.only("pk", "municipality_id", "title"), "title", titles
            )
        }
        self.applications = {
            a.reference: a
            for a in fetch_in(
                Application.objects.only("pk", "reference"),
                "reference",
                (r.value("grant_application") for r in rows),
            )
        }

    def _user(self, row, name, role):
        value = row.value(name)
        if value is None:
            return None
        user = self.users.get(value) or self.users.get(value.casefold())
        if user is None:
            row.error(name, _("No active user “%(user)s”.") % {"user": value})
        elif role not in user._kopiena_roles:
            row.error(
                name,
                _("%(user)s is not in the group “%(group)s”.")
                % {"user": value, "group": Role(role).label},
            )
        return user

    # --- validation --------------------------------------------------------------------------

    def validate(self, rows):
        seen_refs: dict[str, int] = {}
        seen_titles: dict[tuple, int] = {}
        for row in rows:
            reference = row.value("reference", "")
            row.label = " · ".join(filter(None, [reference, row.value("title", "")]))
            if reference in seen_refs:
                row.error(
                    "reference",
                    _("This reference is already on row %(row)d.") % {"row": seen_refs[reference]},
                )
            elif reference:
                seen_refs[reference] = row.number
            existing = self.existing.get(reference) if reference else None
            municipality = self.municipalities.get(key(row.value("municipality", "")))
            if municipality is None:
                row.error(
                    "municipality",
                    _("Unknown municipality “%(name)s”.") % {"name": row.value("municipality", "")}
                    if row.given("municipality")
                    else _("Enter the municipality."),
                )
            elif existing is not None and existing.municipality_id != municipality.pk:
                row.error(
                    "municipality",
                    _("Initiative %(ref)s belongs to another municipality; it is not moved.")
                    % {"ref": reference},
                )
            values = {}
            if municipality is not None:
                for name, lookup in (("community", self.communities), ("centre", self.centres)):
                    if row.given(name):
                        found = lookup.get((municipality.pk, key(row.values[name])))
                        if found is None:
                            row.error(
                                name,
                                _("“%(name)s” is not known in %(municipality)s.")
                                % {"name": row.values[name], "municipality": municipality},
                            )
                        values[name] = found
            values["social_worker"] = self._user(row, "social_worker", Role.SOCIAL_WORKERS)
            values["head"] = self._user(row, "head", Role.SERVICE_HEADS)
            if row.given("grant_application"):
                values["grant_application"] = self.applications.get(row.values["grant_application"])
                if values["grant_application"] is None:
                    row.error(
                        "grant_application",
                        _("No application has the reference %(ref)s.")
                        % {"ref": row.values["grant_application"]},
                    )
            for name in ("title", "goal"):
                if row.given(name):
                    values[name] = row.values[name]
            if not row.given("title"):
                row.error("title", _("Enter the title."))
            if municipality is not None and row.given("title"):
                title_key = (municipality.pk, key(row.values["title"]))
                other = self.taken_titles.get(title_key)
                if title_key in seen_titles:
                    row.error(
                        "title",
                        _("This title is already on row %(row)d.")
                        % {"row": seen_titles[title_key]},
                    )
                elif other is not None and (existing is None or other != existing.pk):
                    row.error(
                        "title",
                        _("%(municipality)s already has an initiative with this title.")
                        % {"municipality": municipality},
                    )
                seen_titles[title_key] = row.number
            if existing is None:
                obj = self._new(row, values, municipality)
                changed = []
            else:
                obj, changed = self._update(row, existing, values)
            row.record = (obj, changed)
            self.record_counts[row.status] += 1

    def _new(self, row, values, municipality):
        state = row.value("status", S.IDEA)
        if state not in IMPORT_STATES:
            row.error(
                "status",
                _("An import creates initiatives only as: %(states)s.")
                % {"states": ", ".join(str(S(s).label) for s in IMPORT_STATES)},
            )
            state = S.IDEA
        for name in ("community", "social_worker"):
            if not row.given(name):
                row.error(name, _("This field is required."))
        created = row.value("created_at")
        obj = Initiative(
            reference=row.value("reference", ""),
            municipality=municipality,
            status=state,
            created_at=(
                timezone.make_aware(dt.datetime.combine(created, dt.time(12)), RIGA)
                if created
                else timezone.now()
            ),
            **{k: v for k, v in values.items() if v is not None},
        )
        row.status = NEW
        return obj

    def _update(self, row, obj, values):
        if row.given("status") and row.values["status"] != obj.status:
            row.error(
                "status",
                _(
                    "Initiative %(ref)s is “%(state)s”; an import never changes the status of "
                    "an existing initiative."
                )
                % {"ref": obj.reference, "state": obj.get_state_display_label()},
            )
        changed = []
        for name in UPDATABLE:
            value = values.get(name)
            if value is None:
                continue
            current = getattr(obj, f"{name}_id", None) if hasattr(obj, f"{name}_id") else None
            if hasattr(value, "pk"):
                if current != value.pk:
                    setattr(obj, name, value)
                    changed.append(name)
            elif getattr(obj, name) != value:
                setattr(obj, name, value)
                changed.append(name)
        row.status = CHANGED if changed else UNCHANGED
        return obj, changed

    # --- writing -------------------------------------------------------------------------------

    def write(self, rows, progress=None):
        from wagtail.models import ModelLogEntry

        from kopiena.casework.audit import import_entries

        new = [row for row in rows if row.status == NEW]
        Initiative.objects.bulk_create([row.record[0] for row in new], batch_size=BATCH)
        ModelLogEntry.objects.bulk_create(
            import_entries(
                ((row.record[0], row.number) for row in new), self.user, file_name=self.file_name
            ),
            batch_size=BATCH,
        )
        changed = [row.record for row in rows if row.status == CHANGED]
        if changed:
            now = timezone.now()
            fields = {"updated_at"}
            for obj, names in changed:
                obj.updated_at = now
                fields.update(names)
            Initiative.objects.bulk_update([obj for obj, _n in changed], sorted(fields), BATCH)
        if progress:
            progress(len(rows), len(rows))


register(InitiativeResource)
