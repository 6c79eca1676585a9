"""Model fields the page types need and Django lacks."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """Several values from a fixed set of choices, kept as a JSON list: a multiple choice that
    works the same on SQLite and PostgreSQL (no ArrayField) and in page revisions. Edited as
    checkboxes.

    The choices are code (a ``TextChoices``), not schema: they are left out of migrations,
    like a validator, so relabelling a choice needs no migration.
    """

    def __init__(self, *args, item_choices=None, **kwargs):
        self.item_choices = item_choices
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    @property
    def allowed_values(self):
        return {value for value, _label in (self.item_choices.choices if self.item_choices else [])}

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Choose from the list."), code="invalid")
        unknown = [item for item in value if item not in self.allowed_values]
        if unknown:
            raise ValidationError(
                _("Not an available choice: %(values)s."),
                code="invalid_choice",
                params={"values": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.item_choices.choices if self.item_choices else [],
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        return form_class(**defaults)

    def labels(self, value) -> list[str]:
        """The human-readable labels of ``value``, in the order of the choices."""
        chosen = set(value or [])
        return [label for key, label in self.item_choices.choices if key in chosen]
