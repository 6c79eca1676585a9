"""The applications' import: one row per budget line, the rows of an application grouped by
``Lietas numurs`` (reference); totals are the sums of the lines, computed here as
:meth:`Application.recalculate_totals` does, because ``bulk_create`` sends no signals."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kopiena.casework.importing.lookups import fetch_in, key, municipalities
from kopiena.casework.importing.resources import (
    CHANGED,
    NEW,
    UNCHANGED,
    Column,
    ImportResource,
    Row,
)
from kopiena.casework.importing.widgets import (
    ChoiceWidget,
    LatvianDateWidget,
    LatvianDecimalWidget,
    MultilineTextWidget,
    TextWidget,
)
from kopiena.grants.roles import Role, has_role

from ..models import (
    RIGA,
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    GrantCall,
    Organisation,
    original_calls,
)
from ..models.application_rules import EDITABLE_STATES, REFERENCE_PREFIX
from ..money import format_eur
from ..validators import validate_registration_number
from .organisations import BATCH, CENT, ZERO, money

S = ApplicationStatus
#: Statuses an imported application may be created in: a draft, a pending submission, or a
#: historic record with its outcome.
IMPORT_STATES = (S.DRAFT, S.SUBMITTED, S.APPROVED, S.COMPLETED, S.REJECTED, S.WITHDRAWN)
#: Statuses that need the approved amount.
FUNDED_STATES = (S.APPROVED, S.COMPLETED)

#: ``PIE-2026-0042``: an application's case reference when it has no imported one.
CASE_REFERENCE = re.compile(rf"^{REFERENCE_PREFIX}-\d{{4}}-(\d+)$")

APPLICATION_KEYS = (
    "organisation",
    "call",
    "title",
    "summary",
    "municipality",
    "community",
    "planned_start",
    "planned_end",
    "status",
    "approved_amount",
    "decision_reference",
    "decision_date",
)
LINE_KEYS = ("category", "description", "quantity", "unit", "unit_cost", "requested", "own")
#: Fields an import may change on an existing application (blank cells keep the value).
UPDATABLE = (
    "title",
    "summary",
    "community",
    "planned_start",
    "planned_end",
    "decision_reference",
    "decision_date",
)


class ApplicationResource(ImportResource):
    """Applications with their budget lines, one row per line (see the module docstring).

    An application whose reference is known is matched: its organisation, call, status
    and approved amount must agree with the file (the status is never changed by an
    import), its descriptive fields are updated, and its budget is replaced only while the
    applicant may still edit it (draft, changes requested).
    """

    kind = "applications"
    model = Application
    index_url_name = "grants_applications:index"
    required_columns = ("organisation", "call", "title", "description")

    reference = Column("reference", "Lietas numurs", aliases=("Lietas nr.",), widget=TextWidget(50))
    organisation = Column(
        "organisation__registration_number",
        "Reģistrācijas nr.",
        aliases=("organisation", "Organizācijas reģ. nr.", "Reģistrācijas numurs"),
        required=True,
        widget=TextWidget(),
    )
    call = Column("call__title", "Konkurss", aliases=("call",), required=True, widget=TextWidget())
    title = Column(
        "title", "Projekta nosaukums", aliases=("Nosaukums",), required=True, widget=TextWidget()
    )
    summary = Column("summary", "Kopsavilkums", widget=MultilineTextWidget())
    municipality = Column(
        "municipality__name", "Pašvaldība", aliases=("municipality",), widget=TextWidget()
    )
    community = Column("community", "Kopiena", widget=TextWidget())
    planned_start = Column("planned_start", "Sākums", widget=LatvianDateWidget())
    planned_end = Column("planned_end", "Beigas", widget=LatvianDateWidget())
    status = Column("status", "Statuss", widget=ChoiceWidget(ApplicationStatus.choices))
    approved_amount = Column("approved_amount", "Piešķirtā summa", widget=money())
    decision_reference = Column(
        "decision_reference", "Lēmuma nr.", aliases=("Lēmuma numurs",), widget=TextWidget()
    )
    decision_date = Column("decision_date", "Lēmuma datums", widget=LatvianDateWidget())
    category = Column(
        "category", "Izdevumu kategorija", widget=ChoiceWidget(BudgetCategory.choices)
    )
    description = Column(
        "description",
        "Izdevumu pozīcija",
        aliases=("Pozīcija",),
        required=True,
        widget=TextWidget(),
    )
    quantity = Column("quantity", "Daudzums", widget=LatvianDecimalWidget(places=2))
    unit = Column("unit", "Mērvienība", widget=TextWidget())
    unit_cost = Column("unit_cost", "Vienības cena", widget=money())
    requested = Column("requested", "Pieprasītā summa", aliases=("Summa",), widget=money())
    own = Column("own", "Līdzfinansējums", aliases=("Pašu finansējums",), widget=money())

    #: The template's example row (``casework.importing.views.import_template``).
    example_row = {
        "reference": "LS-2026-001",
        "organisation": "40008012345",
        "call": "Kopienu iniciatīvu konkurss 2026",
        "title": "Kopienas dārzs",
        "summary": "Dobes, soliņi un kopīgas talkas",
        "planned_start": "01.04.2026",
        "planned_end": "30.11.2026",
        "status": "Melnraksts",
        "category": "Materiāli",
        "description": "Dēļi dobēm",
        "quantity": "40",
        "unit": "gab.",
        "unit_cost": "25,50",
        "requested": "900,00",
        "own": "120,00",
    }

    @classmethod
    def export_rows(cls, applications):
        """``applications`` (with ``budget_lines`` prefetched) in exactly this import's
        layout: the headings, then one row per budget line, the application's own cells on
        its first row and its reference on every row, so an export edited in Excel goes
        back in as an import. Always in Latvian, the language the import reads."""
        columns = cls.columns()
        keys = ["reference", *APPLICATION_KEYS, *LINE_KEYS]
        with translation.override("lv"):
            yield [columns[key].column_name for key in keys]
            for application in applications:
                lines = list(application.budget_lines.all()) or [None]
                for index, line in enumerate(lines):
                    row = [application.case_reference()]
                    for key in APPLICATION_KEYS:
                        row.append(columns[key].export(application) if index == 0 else "")
                    for key in LINE_KEYS:
                        row.append(columns[key].export(line) if line is not None else "")
                    yield row

    @classmethod
    def user_may_import(cls, user) -> bool:
        """Grant officers (who screen applications but do not create them one by one in
        the admin) and anyone with the add permission."""
        if not getattr(user, "is_active", False) or not user.is_staff:
            return False
        return has_role(user, Role.GRANT_OFFICERS) or super().user_may_import(user)

    # --- lookups ---------------------------------------------------------------------------

    def prepare(self, rows):
        self.organisations = {
            o.registration_number: o
            for o in fetch_in(
                Organisation.objects.select_related("municipality"),
                "registration_number",
                (r.value("organisation") for r in rows),
            )
        }
        self.calls = {}
        for call in original_calls().only(
            "pk", "title", "slug", "opens_at", "closes_at", "max_duration_months"
        ):
            self.calls.setdefault(key(call.title), call)
            self.calls.setdefault(key(call.slug), call)
            self.calls.setdefault(str(call.pk), call)
        self.municipalities = municipalities()
        self.existing = {
            a.reference: a
            for a in fetch_in(
                Application.objects.all(), "reference", (r.value("reference") for r in rows)
            )
        }
        # An export names applications started in the portal by their case reference
        # (PIE-2026-0042); such a row updates that application.
        by_pk = {}
        for row in rows:
            match = CASE_REFERENCE.match(str(row.value("reference") or ""))
            if match and row.value("reference") not in self.existing:
                by_pk[int(match.group(1))] = row.value("reference")
        for app in Application.objects.filter(pk__in=by_pk, reference=""):
            if app.case_reference() == by_pk[app.pk]:
                self.existing[by_pk[app.pk]] = app
        self.existing_lines: dict[int, list] = defaultdict(list)
        for line in fetch_in(
            BudgetLine.objects.order_by("sort_order", "pk"),
            "application_id",
            (a.pk for a in self.existing.values()),
        ):
            self.existing_lines[line.application_id].append(line)

    # --- validation --------------------------------------------------------------------------

    def validate(self, rows):
        groups: dict[tuple, list[Row]] = {}
        fingerprints: dict[tuple, int] = {}
        for row in rows:
            fingerprint = tuple(sorted((k, str(v).strip()) for k, v in row.raw.items()))
            if fingerprint in fingerprints:
                row.error(
                    "reference" if row.given("reference") else "description",
                    _("This row repeats row %(row)d.") % {"row": fingerprints[fingerprint]},
                )
            else:
                fingerprints[fingerprint] = row.number
            reference = row.value("reference", "")
            groups.setdefault(("ref", reference) if reference else ("row", row.number), []).append(
                row
            )
        self.plans = []
        for group in groups.values():
            self.plans.append(self._validate_group(group))
        self._check_call_budgets()

    def _check_call_budgets(self):
        """Historic approvals must fit in their call as finance's approvals do: what the
        call had committed plus the file's approved amounts, in file order, stay within the
        call's budget less its reserve. A row that does not fit is an error on its approved
        amount (and, like a refused approval, takes nothing from what is left)."""
        funded = [
            plan
            for plan in self.plans
            if plan[1] == NEW and plan[0].status in FUNDED_STATES and plan[0].approved_amount
        ]
        if not funded:
            return
        call_ids = {plan[0].call_id for plan in funded if plan[0].call_id}
        room = {
            pk: total - reserve
            for pk, total, reserve in GrantCall.objects.filter(pk__in=call_ids).values_list(
                "pk", "total_budget", "reserve"
            )
        }
        for call_id, amount in (
            Application.objects.filter(call_id__in=call_ids)
            .committed()
            .values_list("call_id", "approved_amount")
        ):
            room[call_id] -= amount or 0
        for app, _kind, _lines, group, _extra in funded:
            if app.call_id not in room:
                continue
            if app.approved_amount <= room[app.call_id]:
                room[app.call_id] -= app.approved_amount
                continue
            row = next((r for r in group if r.given("approved_amount")), group[0])
            row.error(
                "approved_amount",
                _(
                    "The call has %(left)s left for approvals (its budget less the reserve, "
                    "the applications already holding money and the rows above); %(amount)s "
                    "does not fit."
                )
                % {
                    "left": format_eur(max(room[app.call_id], 0)),
                    "amount": format_eur(app.approved_amount),
                },
            )

    def _merged(self, group: list[Row]) -> tuple[dict, dict]:
        """The application's values (first non-blank cell of each column) and the row each
        came from; a later row giving a different value is an error on that row."""
        values, source = {}, {}
        for row in group:
            for name in APPLICATION_KEYS:
                if not row.given(name):
                    continue
                if name not in values:
                    values[name], source[name] = row.values[name], row
                elif row.values[name] != values[name]:
                    row.error(
                        name,
                        _("Differs from row %(row)d of the same application (%(ref)s).")
                        % {"row": source[name].number, "ref": row.value("reference")},
                    )
        return values, source

    def _line(self, row: Row) -> BudgetLine | None:
        if not any(row.given(name) for name in ("description", "unit_cost", "requested", "own")):
            return None
        if not row.given("description"):
            row.error("description", _("Describe the budget line."))
        quantity = row.value("quantity", Decimal("1"))
        requested = row.value("requested", ZERO)
        own = row.value("own", ZERO)
        if quantity <= 0:
            row.error("quantity", _("The quantity must be greater than zero."))
            return None
        for name, amount in (("requested", requested), ("own", own)):
            if amount < 0:
                row.error(name, _("Amounts cannot be negative."))
        unit_cost = row.value("unit_cost")
        if unit_cost is None:
            unit_cost = ((requested + own) / quantity).quantize(CENT, rounding=ROUND_HALF_UP)
            if (unit_cost * quantity).quantize(CENT, rounding=ROUND_HALF_UP) != requested + own:
                row.error(
                    "unit_cost",
                    _("Enter the unit cost: the amounts do not divide evenly by the quantity."),
                )
        line = BudgetLine(
            category=row.value("category", BudgetCategory.OTHER),
            description=row.value("description", ""),
            quantity=quantity,
            unit=row.value("unit", ""),
            unit_cost=unit_cost,
            requested=requested,
            own=own,
        )
        if row.given("unit_cost") and line.line_total != line.amount:
            row.error("requested", line.total_mismatch_message())
        try:
            line.clean_fields(exclude=["application", "sort_order"])
        except ValidationError as exc:
            self.model_errors(row, exc, {name: name for name in LINE_KEYS})
        line._import_row = row.number
        return line

    def _lookup_errors(self, values, source, first):
        organisation = call = municipality = None
        at = lambda name: source.get(name, first)  # noqa: E731
        number = values.get("organisation", "")
        if number:
            try:
                validate_registration_number(number)
            except ValidationError as exc:
                at("organisation").error("organisation", exc.messages[0])
            else:
                organisation = self.organisations.get(number)
                if organisation is None:
                    at("organisation").error(
                        "organisation",
                        _(
                            "No organisation has the registration number %(number)s; import "
                            "the organisations first."
                        )
                        % {"number": number},
                    )
        else:
            first.error("organisation", _("Enter the organisation's registration number."))
        if values.get("call"):
            call = self.calls.get(key(values["call"]))
            if call is None:
                at("call").error("call", _("Unknown call “%(call)s”.") % {"call": values["call"]})
        else:
            first.error("call", _("Enter the call (its title as published)."))
        if values.get("municipality"):
            municipality = self.municipalities.get(key(values["municipality"]))
            if municipality is None:
                at("municipality").error(
                    "municipality",
                    _("Unknown municipality “%(name)s”.") % {"name": values["municipality"]},
                )
        elif organisation is not None:
            municipality = organisation.municipality
        return organisation, call, municipality

    def _validate_group(self, group: list[Row]):
        first = group[0]
        reference = first.value("reference", "")
        values, source = self._merged(group)
        at = lambda name: source.get(name, first)  # noqa: E731
        organisation, call, municipality = self._lookup_errors(values, source, first)
        _period_warnings(values, at, call)
        lines = [line for line in (self._line(row) for row in group) if line is not None]
        requested = sum((line.requested for line in lines), ZERO)
        own = sum((line.own for line in lines), ZERO)
        label = " · ".join(filter(None, [reference, values.get("title", "")]))
        for row in group:
            row.label = label
        existing = self.existing.get(reference) if reference else None
        if existing is None:
            plan = self._new(group, values, at, organisation, call, municipality, lines)
        else:
            plan = self._existing(group, existing, values, at, organisation, call, lines)
        app, status = plan[0], plan[1]
        if status == NEW:
            app.requested_amount, app.own_contribution = requested, own
            app.total_cost = requested + own
        approved = values.get("approved_amount")
        # Compare with the requested total only when every line's amounts could be read.
        if status == NEW and approved is not None and not any(r.errors for r in group):
            if app.status not in FUNDED_STATES:
                at("approved_amount").error(
                    "approved_amount",
                    _("An approved amount is given only for approved or completed applications."),
                )
            elif approved <= 0:
                at("approved_amount").error(
                    "approved_amount", _("The amount must be greater than zero.")
                )
            elif approved > requested:
                at("approved_amount").error(
                    "approved_amount",
                    _("The approved amount (%(approved)s) exceeds the requested (%(requested)s).")
                    % {"approved": approved, "requested": requested},
                )
        for row in group:
            row.status = status
        self.record_counts[status] += 1
        return plan

    def _new(self, group, values, at, organisation, call, municipality, lines):
        first = group[0]
        state = values.get("status") or S.DRAFT
        if state not in IMPORT_STATES:
            at("status").error(
                "status",
                _("An import creates applications only as: %(states)s.")
                % {"states": ", ".join(str(S(s).label) for s in IMPORT_STATES)},
            )
            state = S.DRAFT
        if state in FUNDED_STATES and values.get("approved_amount") is None:
            at("status").error(
                "approved_amount",
                _("Give the approved amount of an approved or completed application."),
            )
        if not values.get("title"):
            first.error("title", _("Enter the project title."))
        app = Application(
            reference=first.value("reference", ""),
            organisation=organisation,
            call=call,
            municipality=municipality,
            title=values.get("title", ""),
            summary=values.get("summary", ""),
            community=values.get("community", ""),
            planned_start=values.get("planned_start"),
            planned_end=values.get("planned_end"),
            approved_amount=values.get("approved_amount") if state in FUNDED_STATES else None,
            decision_reference=values.get("decision_reference", ""),
            decision_date=values.get("decision_date"),
            created_by=self.user if getattr(self.user, "pk", None) else None,
            status=state,
        )
        if state != S.DRAFT:
            app.submitted_at = None  # not known for a historic record
        self._model_errors(app, at)
        return (app, NEW, lines, group, [])

    def _model_errors(self, app, at):
        keys = {name: name for name in APPLICATION_KEYS}
        try:
            app.clean_fields(
                exclude=["call", "organisation", "municipality", "created_by", "target_groups"]
            )
            app.clean()
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        at(name).error(keys.get(name), message)
            else:
                for message in exc.messages:
                    at("title").error(None, message)

    def _existing(self, group, app, values, at, organisation, call, lines):
        if organisation is not None and organisation.pk != app.organisation_id:
            at("organisation").error(
                "organisation",
                _("Application %(ref)s belongs to another organisation; it is not moved.")
                % {"ref": app.reference},
            )
        if call is not None and call.pk != app.call_id:
            at("call").error(
                "call",
                _("Application %(ref)s is in another call; it is not moved.")
                % {"ref": app.reference},
            )
        if values.get("status") and values["status"] != app.status:
            at("status").error(
                "status",
                _(
                    "Application %(ref)s is “%(state)s”; an import never changes the status "
                    "of an existing application."
                )
                % {"ref": app.reference, "state": app.get_state_display_label()},
            )
        approved = values.get("approved_amount")
        if approved is not None and approved != app.approved_amount:
            at("approved_amount").error(
                "approved_amount",
                _("An import does not change the approved amount of an existing application."),
            )
        changed = []
        for name in UPDATABLE:
            if name in values and getattr(app, name) != values[name]:
                setattr(app, name, values[name])
                changed.append(name)
        if values.get("municipality"):
            municipality = self.municipalities.get(key(values["municipality"]))
            if municipality is not None and municipality.pk != app.municipality_id:
                app.municipality = municipality
                changed.append("municipality")
        self._model_errors(app, at)
        replace = False
        if lines and self._fingerprint(lines) != self._fingerprint(self.existing_lines[app.pk]):
            if app.status in EDITABLE_STATES:
                replace = True
            else:
                at("description").error(
                    "description",
                    _(
                        "The budget of application %(ref)s (“%(state)s”) differs from the "
                        "file; an import changes a budget only while the applicant may edit it."
                    )
                    % {"ref": app.reference, "state": app.get_state_display_label()},
                )
        status = CHANGED if (changed or replace) else UNCHANGED
        return (app, status, lines if replace else [], group, changed)

    @staticmethod
    def _fingerprint(lines) -> list[tuple]:
        return sorted(
            (
                line.category,
                line.description,
                Decimal(line.quantity).normalize(),
                line.unit,
                Decimal(line.unit_cost),
                Decimal(line.requested),
                Decimal(line.own),
            )
            for line in lines
        )

    # --- writing -------------------------------------------------------------------------------

    def write(self, rows, progress=None):
        from wagtail.models import ModelLogEntry

        from kopiena.casework.audit import import_entries

        total = len(self.plans)
        new = [plan for plan in self.plans if plan[1] == NEW]
        apps = [plan[0] for plan in new]
        for start in range(0, len(apps), BATCH):
            Application.objects.bulk_create(apps[start : start + BATCH])
            if progress:
                progress(min(start + BATCH, len(apps)), total)
        BudgetLine.objects.bulk_create(_attached_lines(new), batch_size=BATCH)
        ModelLogEntry.objects.bulk_create(
            import_entries(
                ((plan[0], plan[3][0].number) for plan in new), self.user, file_name=self.file_name
            ),
            batch_size=BATCH,
        )
        changed = [plan for plan in self.plans if plan[1] == CHANGED]
        if changed:
            now = timezone.now()
            fields = {"updated_at"}
            for app, _status, _lines, _group, names in changed:
                app.updated_at = now
                fields.update(names)
            Application.objects.bulk_update(
                [p[0] for p in changed], sorted(fields), batch_size=BATCH
            )
            replaced = [p for p in changed if p[2]]
            if replaced:
                BudgetLine.objects.filter(application__in=[p[0] for p in replaced]).delete()
                BudgetLine.objects.bulk_create(_attached_lines(replaced), batch_size=BATCH)
                for app, *_rest in replaced:
                    app.recalculate_totals()
        if progress:
            progress(total, total)


def _attached_lines(plans) -> list[BudgetLine]:
    """The budget lines of the planned applications, each pointed at its (saved)
    application and numbered in file order."""
    lines = []
    for app, _status, app_lines, _group, _extra in plans:
        for order, line in enumerate(app_lines):
            line.application = app
            line.sort_order = order
            lines.append(line)
    return lines


def call_period(call) -> tuple[dt.date, dt.date]:
    """The days a call's projects may run, in Latvian time: from the day the call opens to
    the end of the longest project (``max_duration_months``) begun the day it closes."""
    opens = timezone.localtime(call.opens_at, RIGA).date()
    closes = timezone.localtime(call.closes_at, RIGA).date()
    month = closes.month - 1 + call.max_duration_months
    year, month = closes.year + month // 12, month % 12 + 1
    day = min(closes.day, calendar.monthrange(year, month)[1])
    return opens, dt.date(year, month, day)


def _period_warnings(values, at, call) -> None:
    """A project dated outside its call's period is a warning, not an error: a historic
    file has the dates the project really had, but a typo in a year looks the same."""
    if call is None:
        return
    first, last = call_period(call)
    start, end = values.get("planned_start"), values.get("planned_end")
    if start and start < first:
        at("planned_start").warning(
            "planned_start",
            _("The project starts on %(start)s, before the call opened (%(opened)s).")
            % {"start": _day(start), "opened": _day(first)},
        )
    if end and end > last:
        at("planned_end").warning(
            "planned_end",
            _("The project ends on %(end)s, after the call's period: its projects end by %(last)s.")
            % {"end": _day(end), "last": _day(last)},
        )


def _day(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")
