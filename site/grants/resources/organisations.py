"""The organisations' import: one row per organisation, keyed by registration number."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
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
    LatvianDecimalWidget,
    TextWidget,
    YesNoWidget,
)

from ..models import (
    LegalForm,
    Organisation,
)
from ..validators import validate_registration_number

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
BATCH = 1000


def money(**kwargs):
    return LatvianDecimalWidget(places=2, **kwargs)


def _registration_number(row: Row, key_name: str) -> str:
    """The row's registration number, with a message under its column when it is not one."""
    number = row.value(key_name, "")
    if not number:
        row.error(key_name, _("Enter the registration number (11 digits)."))
        return ""
    try:
        validate_registration_number(number)
    except ValidationError as exc:
        row.error(key_name, exc.messages[0])
        return ""
    return number


class OrganisationResource(ImportResource):
    """Organisations, matched by registration number: a known number updates the
    organisation's other columns (blank cells keep what is there), a new one creates it."""

    kind = "organisations"
    model = Organisation
    index_url_name = "grants_organisations:index"
    required_columns = ("registration_number", "name")

    registration_number = Column(
        "registration_number",
        "Reģistrācijas nr.",
        aliases=("Reģistrācijas numurs", "Reģ. nr.", "Reg. nr."),
        required=True,
        widget=TextWidget(),
    )
    name = Column(
        "name",
        "Nosaukums",
        aliases=("Organizācijas nosaukums", "Organizācija"),
        required=True,
        widget=TextWidget(),
    )
    legal_form = Column("legal_form", "Juridiskā forma", widget=ChoiceWidget(LegalForm.choices))
    public_benefit = Column(
        "public_benefit",
        "Sabiedriskā labuma organizācija",
        aliases=("SLO", "Sabiedriskā labuma statuss"),
        widget=YesNoWidget(),
    )
    registered_social_service_provider = Column(
        "registered_social_service_provider",
        "Sociālo pakalpojumu sniedzējs",
        widget=YesNoWidget(),
    )
    e_address = Column("e_address", "E-adrese", widget=TextWidget())
    iban = Column("iban", "IBAN", aliases=("Konta numurs", "Konts"), widget=TextWidget())
    municipality = Column(
        "municipality__name", "Pašvaldība", aliases=("municipality",), widget=TextWidget()
    )
    contact_name = Column("contact_name", "Kontaktpersona", widget=TextWidget())
    contact_email = Column("contact_email", "E-pasts", aliases=("E-mail",), widget=TextWidget())
    contact_phone = Column("contact_phone", "Tālrunis", aliases=("Telefons",), widget=TextWidget())

    #: Model fields set from the column of the same key.
    PLAIN = (
        "name",
        "legal_form",
        "public_benefit",
        "registered_social_service_provider",
        "e_address",
        "iban",
        "contact_name",
        "contact_email",
        "contact_phone",
    )

    def prepare(self, rows):
        numbers = [row.value("registration_number") for row in rows]
        self.existing = {
            o.registration_number: o
            for o in fetch_in(Organisation.objects.all(), "registration_number", numbers)
        }
        self.municipalities = municipalities()

    def validate(self, rows):
        seen: dict[str, int] = {}
        field_keys = {name: name for name in self.PLAIN}
        field_keys.update(registration_number="registration_number", municipality="municipality")
        for row in rows:
            number = _registration_number(row, "registration_number")
            row.label = " ".join(filter(None, [number, row.value("name", "")]))
            if number in seen:
                row.error(
                    "registration_number",
                    _("This registration number is already on row %(row)d.")
                    % {"row": seen[number]},
                )
                row.record = (None, [])
                continue
            elif number:
                seen[number] = row.number
            municipality = None
            if row.given("municipality"):
                municipality = self.municipalities.get(key(row.values["municipality"]))
                if municipality is None:
                    row.error(
                        "municipality",
                        _("Unknown municipality “%(name)s”.")
                        % {"name": row.values["municipality"]},
                    )
            existing = self.existing.get(number)
            changed: list[str] = []
            if existing is None:
                obj = Organisation(registration_number=number, municipality=municipality)
                for name in self.PLAIN:
                    if row.given(name):
                        setattr(obj, name, row.values[name])
                if not row.given("name"):
                    row.error("name", _("Enter the organisation's name."))
                if municipality is None and not row.given("municipality"):
                    row.error("municipality", _("Enter the municipality."))
                row.status = NEW
            else:
                obj = existing
                for name in self.PLAIN:
                    if row.given(name) and getattr(obj, name) != row.values[name]:
                        setattr(obj, name, row.values[name])
                        changed.append(name)
                if municipality is not None and municipality.pk != obj.municipality_id:
                    obj.municipality = municipality
                    changed.append("municipality")
                row.status = CHANGED if changed else UNCHANGED
            try:
                obj.clean_fields(exclude=["municipality", "registration_number", "created_at"])
            except ValidationError as exc:
                self.model_errors(row, exc, field_keys)
            row.record = (obj, changed)
            self.record_counts[row.status] += 1

    def write(self, rows, progress=None):
        new = [row.record[0] for row in rows if row.status == NEW]
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        changed = [row.record for row in rows if row.status == CHANGED]
        if changed:
            fields = sorted({name for _obj, names in changed for name in names})
            Organisation.objects.bulk_update([obj for obj, _n in changed], fields, batch_size=BATCH)
        if progress:
            progress(len(rows), len(rows))


# --- applications ---------------------------------------------------------------------------
