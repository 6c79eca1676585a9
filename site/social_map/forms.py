"""Forms of the social map.

:class:`EntryForm` is the one form a directory entry is written with — by an NGO member or a
resident in the portal, by an editor in the admin — and the one a proposal's document is
checked with again when it is sent and when it is published: every door refuses the same
input with the same words. It works without JavaScript: the service's fields, up to three
phones, and up to :data:`MAX_LOCATIONS` places, each with a 7-day hours grid.

:class:`SocialMapFilterForm` reads the public list's query string (bounded, validated: a bad
value is a field message, never a 500).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kopiena.casework.models import Municipality, TargetGroup

from . import hours, validators
from .models import Language, Location, LocationType, ServiceStatus, TaxonomyTerm

MAX_LOCATIONS = 5
MAX_PHONES = 3
TEXT = {"max_length": 4000, "required": False}


class ErrorSummaryMixin:
    def error_list(self):
        """``[(anchor id, message)]`` for the summary at the top of the page."""
        items = []
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                items += [("", e) for e in errors]
                continue
            anchor = self[name].auto_id if name in self.fields else ""
            items += [(anchor, e) for e in errors]
        return items


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ServiceForm(ErrorSummaryMixin, forms.Form):
    """The service part of an entry."""

    name = forms.CharField(label=_("Name of the service"), max_length=255)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=255, required=False)
    description = forms.CharField(label=_("What the help is"), max_length=4000, widget=_textarea(4))
    description_ru = forms.CharField(label=_("In Russian"), widget=_textarea(3), **TEXT)
    description_en = forms.CharField(label=_("In English"), widget=_textarea(3), **TEXT)
    status = forms.ChoiceField(
        label=_("Is it offered now?"), choices=ServiceStatus.choices, initial=ServiceStatus.ACTIVE
    )
    areas = TermChoiceField(
        label=_("Areas of help"),
        queryset=TaxonomyTerm.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one area of help.")},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("For whom especially"),
        queryset=TargetGroup.objects.order_by("name"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligibility_description = forms.CharField(
        label=_("Who may use it"), widget=_textarea(2), **TEXT
    )
    eligibility_description_ru = forms.CharField(label=_("In Russian"), widget=_textarea(2), **TEXT)
    minimum_age = forms.IntegerField(
        label=_("From age"), min_value=0, max_value=120, required=False
    )
    maximum_age = forms.IntegerField(
        label=_("Up to age"), min_value=0, max_value=120, required=False
    )
    free_of_charge = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    fees_description = forms.CharField(label=_("What it costs"), widget=_textarea(2), **TEXT)
    fees_description_ru = forms.CharField(label=_("In Russian"), widget=_textarea(2), **TEXT)
    cost_amount = forms.DecimalField(
        label=_("Price (EUR)"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        localize=True,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages_other = forms.CharField(
        label=_("Which other languages"), max_length=200, required=False
    )
    application_process = forms.CharField(label=_("How to apply"), widget=_textarea(3), **TEXT)
    application_process_ru = forms.CharField(label=_("In Russian"), widget=_textarea(2), **TEXT)
    required_documents = forms.CharField(
        label=_("Documents needed"),
        help_text=_("One document per line."),
        widget=_textarea(3),
        **TEXT,
    )
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    url = forms.CharField(
        label=_("Web address"),
        max_length=500,
        required=False,
        validators=[validators.validate_web_url],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = TaxonomyTerm.objects.active().order_by("order", "name")
        for n in range(1, MAX_PHONES + 1):
            self.fields[f"phone_{n}"] = forms.CharField(
                label=_("Phone %(n)s") % {"n": n}, max_length=30, required=False
            )
            self.fields[f"phone_{n}_description"] = forms.CharField(
                label=_("Note on phone %(n)s") % {"n": n}, max_length=200, required=False
            )
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def phone_fields(self):
        return [
            (self[f"phone_{n}"], self[f"phone_{n}_description"]) for n in range(1, MAX_PHONES + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for n in range(1, MAX_PHONES + 1):
            value = cleaned.get(f"phone_{n}")
            if value:
                try:
                    cleaned[f"phone_{n}"] = validators.normalise_phone(value)
                except ValidationError as exc:
                    self.add_error(f"phone_{n}", exc)
        if (
            not cleaned.get("free_of_charge")
            and not (cleaned.get("fees_description") or "").strip()
        ):
            self.add_error("fees_description", _("Say what it costs, or mark it free of charge."))
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The upper age limit is below the lower one."))
        if "other" in (cleaned.get("languages") or []) and not cleaned.get("languages_other"):
            self.add_error("languages_other", _("Name the other languages."))
        return cleaned


class LocationForm(ErrorSummaryMixin, forms.Form):
    """One place of an entry, with the service's hours there."""

    id = forms.TypedChoiceField(
        label=_("Place"), coerce=int, empty_value=None, required=False, choices=()
    )
    location_type = forms.ChoiceField(
        label=_("Kind of place"), choices=LocationType.choices, initial=LocationType.PHYSICAL
    )
    name = forms.CharField(label=_("Name of the place"), max_length=255, required=False)
    address_1 = forms.CharField(label=_("Street and number"), max_length=255, required=False)
    address_2 = forms.CharField(label=_("Neighbourhood or parish"), max_length=255, required=False)
    city = forms.CharField(label=_("City or village"), max_length=120, required=False)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=7,
        required=False,
        validators=[validators.validate_postal_code],
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        max_digits=8,
        decimal_places=6,
        required=False,
        validators=[validators.validate_latitude],
        help_text=_("Degrees north, e.g. 56.5110"),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        required=False,
        validators=[validators.validate_longitude],
        help_text=_("Degrees east, e.g. 21.0130"),
    )
    transportation = forms.CharField(label=_("How to get there"), widget=_textarea(2), **TEXT)
    transportation_ru = forms.CharField(label=_("In Russian"), widget=_textarea(2), **TEXT)
    accessibility = forms.CharField(
        label=_("Accessibility"),
        help_text=_("Step-free entrance, lift, toilet, induction loop…"),
        widget=_textarea(2),
        **TEXT,
    )
    accessibility_ru = forms.CharField(label=_("In Russian"), widget=_textarea(2), **TEXT)
    url = forms.CharField(
        label=_("Web address of an online place"),
        max_length=500,
        required=False,
        validators=[validators.validate_web_url],
    )
    phone = forms.CharField(label=_("Phone of the place"), max_length=30, required=False)
    note = forms.CharField(label=_("Note for this place"), max_length=1000, required=False)
    by_appointment = forms.BooleanField(label=_("Also by appointment"), required=False)
    hours_note = forms.CharField(
        label=_("Note on the hours"),
        max_length=500,
        required=False,
        help_text=_("E.g. closed on public holidays."),
    )
    DELETE = forms.BooleanField(label=_("Remove this place from the entry"), required=False)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("A new place"))]
        if organization is not None and organization.pk:
            choices += [
                (location.pk, str(location))
                for location in Location.objects.filter(organization=organization).order_by(
                    "address_1", "pk"
                )
            ]
            self.fields["municipality"].initial = organization.municipality.slug
        self.fields["id"].choices = choices
        for day in hours.DAYS:
            name = hours.DAY_NAMES[day]
            self.fields[f"{day}_opens"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": name},
                required=False,
                widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            )
            self.fields[f"{day}_closes"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": name},
                required=False,
                widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            )

    def day_rows(self):
        return [
            (day, hours.DAY_NAMES[day], self[f"{day}_opens"], self[f"{day}_closes"])
            for day in hours.DAYS
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        if cleaned.get("phone"):
            try:
                cleaned["phone"] = validators.normalise_phone(cleaned["phone"])
            except ValidationError as exc:
                self.add_error("phone", exc)
        kind = cleaned.get("location_type")
        if kind == LocationType.PHYSICAL:
            if not cleaned.get("address_1"):
                self.add_error("address_1", _("A place to visit needs its street and number."))
            if not cleaned.get("city"):
                self.add_error("city", _("Name the city or village."))
            if not cleaned.get("postal_code") and not self.has_error("postal_code"):
                self.add_error("postal_code", _("Give the postal code, e.g. LV-3401."))
        elif kind == LocationType.VIRTUAL and not (cleaned.get("url") or cleaned.get("phone")):
            self.add_error("url", _("Give the web address or the phone of an online place."))
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (
            (lat is None) != (lon is None)
            and not self.has_error("latitude")
            and not self.has_error("longitude")
        ):
            self.add_error(
                "longitude" if lon is None else "latitude", _("Give both coordinates, or neither.")
            )
        for day in hours.DAYS:
            opens, closes = cleaned.get(f"{day}_opens"), cleaned.get(f"{day}_closes")
            try:
                hours.check_interval(opens, closes)
            except hours.HoursError as exc:
                self.add_error(f"{day}_closes", str(exc))
        return cleaned

    @property
    def is_blank(self) -> bool:
        """An extra form nobody filled in (ignored, not an error)."""
        if not self.has_changed():
            return True
        return not any(
            self.data.get(self.add_prefix(name))
            for name in ("address_1", "name", "city", "url", "phone", "latitude", "MO_opens")
        ) and not self.data.get(self.add_prefix("id"))


class BaseLocationFormSet(forms.BaseFormSet):
    def __init__(self, *args, organization=None, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"organization": self.organization}

    def clean(self):
        if any(self.errors):
            return
        ids = [
            form.cleaned_data.get("id")
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("id")
            and not form.cleaned_data.get("DELETE")
        ]
        if len(ids) != len(set(ids)):
            raise ValidationError(_("The same place is listed twice."))


class EntryForm:
    """The service form and its places' formset, read and checked together."""

    def __init__(self, data=None, *, organization, document=None, prefix=None):
        from . import entries

        self.organization = organization
        initial_service, initial_locations = entries.to_initial(document) if document else ({}, [])
        self.service = ServiceForm(data, initial=initial_service, prefix=prefix)
        extra = 1 if len(initial_locations) < MAX_LOCATIONS else 0
        formset_class = forms.formset_factory(
            LocationForm,
            formset=BaseLocationFormSet,
            extra=extra,
            max_num=MAX_LOCATIONS,
            validate_max=True,
            absolute_max=MAX_LOCATIONS,
        )
        self.locations = formset_class(
            data, initial=initial_locations, prefix="loc", organization=organization
        )

    def is_valid(self) -> bool:
        service_ok = self.service.is_valid()
        locations_ok = self.locations.is_valid()
        if (
            service_ok
            and locations_ok
            and not self.location_forms_used()
            and not any(
                self.service.cleaned_data.get(f"phone_{n}") for n in range(1, MAX_PHONES + 1)
            )
        ):
            self.service.add_error(
                None, _("Give at least one place, or a phone number where help is given.")
            )
            return False
        return service_ok and locations_ok

    def location_forms_used(self):
        return [
            form
            for form in self.locations.forms
            if form.is_valid() and not form.is_blank and not form.cleaned_data.get("DELETE")
        ]

    def error_list(self):
        items = self.service.error_list()
        items += [("", e) for e in self.locations.non_form_errors()]
        for index, form in enumerate(self.locations.forms, start=1):
            for anchor, message in form.error_list():
                items.append(
                    (anchor, _("Place %(n)s: %(message)s") % {"n": index, "message": message})
                )
        return items

    def to_document(self) -> dict:
        from . import entries

        return entries.from_forms(
            self.service.cleaned_data, [f.cleaned_data for f in self.location_forms_used()]
        )


class SocialMapFilterForm(forms.Form):
    """The public list's filters, from the query string."""

    OPEN_CHOICES = [("", _("Any time")), ("today", _("Open today")), ("now", _("Open now"))]
    RADIUS_CHOICES = [("1", "1 km"), ("2", "2 km"), ("5", "5 km"), ("10", "10 km")]

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    area = forms.MultipleChoiceField(
        label=_("Area of help"), required=False, widget=forms.CheckboxSelectMultiple
    )
    group = forms.MultipleChoiceField(
        label=_("For whom"), required=False, widget=forms.CheckboxSelectMultiple
    )
    free = forms.BooleanField(label=_("Free of charge only"), required=False)
    lang = forms.MultipleChoiceField(
        label=_("Language"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    open = forms.ChoiceField(label=_("When"), choices=OPEN_CHOICES, required=False)
    near = forms.CharField(
        label=_("Near an address or a neighbourhood"), max_length=200, required=False
    )
    radius = forms.ChoiceField(
        label=_("Within"), choices=RADIUS_CHOICES, required=False, initial="2"
    )
    lat = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.HiddenInput,
        validators=[validators.validate_latitude],
    )
    lon = forms.DecimalField(
        required=False,
        max_digits=10,
        decimal_places=6,
        widget=forms.HiddenInput,
        validators=[validators.validate_longitude],
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=10000, widget=forms.HiddenInput
    )

    def __init__(self, data=None, *, municipality=None, terms=None, groups=None, **kwargs):
        super().__init__(data, **kwargs)
        self.municipality = municipality
        self.terms = list(terms if terms is not None else TaxonomyTerm.objects.active())
        self.fields["area"].choices = [(t.code, t.display_name) for t in self.terms]
        groups = list(groups if groups is not None else TargetGroup.objects.order_by("name"))
        self.fields["group"].choices = [(g.slug, g.name) for g in groups]
        self.place = None

    def clean(self):
        cleaned = super().clean()
        near = (cleaned.get("near") or "").strip()
        if near and cleaned.get("lat") is None:
            from .geocoding import locate

            found = locate(near, self.municipality)
            if found is None:
                self.add_error(
                    "near",
                    _(
                        "“%(near)s” was not found; try a street or a neighbourhood name, or "
                        "use your location."
                    )
                    % {"near": near},
                )
            else:
                self.place = found
        return cleaned

    def to_filters(self, at: dt.datetime | None = None):
        from .querysets import Filters

        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        latitude = data.get("lat")
        longitude = data.get("lon")
        if self.place is not None:
            latitude, longitude = self.place.latitude, self.place.longitude
        radius = float(data.get("radius") or 2)
        return Filters(
            q=(data.get("q") or "").strip(),
            areas=list(data.get("area") or []),
            groups=list(data.get("group") or []),
            free=bool(data.get("free")),
            languages=list(data.get("lang") or []),
            open=data.get("open") or "",
            latitude=latitude,
            longitude=longitude,
            radius_km=radius if latitude is not None else None,
            at=at,
        )


class ProposalNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong or new (for the editor)"),
        max_length=2000,
        required=False,
        widget=_textarea(3),
    )
    base_digest = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
