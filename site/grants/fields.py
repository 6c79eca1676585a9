"""Model fields the grant models need beyond Django's own."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import (
    normalise_iban,
    normalise_registration_number,
    validate_lv_iban,
    validate_registration_number,
)


class IBANField(models.CharField):
    """A Latvian IBAN, stored without spaces and in upper case whichever way it was typed
    (model forms call ``to_python`` before the validators; direct saves go through
    ``pre_save``)."""

    default_validators = [validate_lv_iban]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 34)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_iban(value) if value else value

    def pre_save(self, model_instance, add):
        value = normalise_iban(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class RegistrationNumberField(models.CharField):
    """An organisation's registration number, canonical (NFKC, no spaces) before it is
    validated, compared for uniqueness and saved, so full-width digits cannot slip past
    the unique constraint."""

    default_validators = [validate_registration_number]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_registration_number(value) if value else value

    def pre_save(self, model_instance, add):
        value = normalise_registration_number(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        # The form field keeps room for spaces and full-width digits, which to_python folds.
        kwargs.setdefault("max_length", 40)
        return super().formfield(**kwargs)


class ChoiceListField(models.JSONField):
    """Several values of a ``TextChoices`` stored as a JSON list (portable between SQLite
    and PostgreSQL, unlike ``ArrayField``), edited as checkboxes.

    ``item_choices`` rather than ``choices``: Django would otherwise check the whole list
    against the choices as if it were one value.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {str(key) for key, _label in self.item_choices}
        unknown = [v for v in value or [] if str(v) not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(values)s.") % {"values": ", ".join(map(str, unknown))},
                code="invalid_choice",
            )

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder", "max_length"):
            defaults.pop(key, None)
        return form_class(**defaults)
