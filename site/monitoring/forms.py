"""Forms of monitoring: the participant's answer form (built from the survey's questions, in
the participant's language), the annual report's creation form, and the survey link form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import SCALE_MAX, SCALE_MIN, TEXT_MAX, QuestionKind


class AnswerForm(forms.Form):
    """One field per question (``q<pk>``): a scale 1–10 and a single choice as radio
    buttons, a multiple choice as checkboxes, free text as a text area. Values outside the
    scale or the choices are refused with a message, whatever the browser sent."""

    def __init__(self, *args, questions, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.field_name(question)] = self._field(question, language)

    @staticmethod
    def field_name(question) -> str:
        return f"q{question.pk}"

    def _field(self, question, language):
        label = question.text_in(language)
        required = question.required
        if question.kind == QuestionKind.SCALE:
            return forms.TypedChoiceField(
                label=label,
                required=required,
                coerce=int,
                choices=[(n, str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={
                    "invalid_choice": _("Choose a number from 1 to 10."),
                    "required": _("Please choose a number from 1 to 10."),
                },
            )
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            choices = list(enumerate(question.choice_list(language)))
            multiple = question.kind == QuestionKind.MULTIPLE
            field_class = forms.TypedMultipleChoiceField if multiple else forms.TypedChoiceField
            return field_class(
                label=label,
                required=required,
                coerce=int,
                choices=choices,
                widget=forms.CheckboxSelectMultiple if multiple else forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose one of the answers given."),
                    "required": _("Please choose an answer."),
                },
            )
        return forms.CharField(
            label=label,
            required=required,
            max_length=TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={
                "max_length": _("Please keep the answer within %(max)d characters.")
                % {"max": TEXT_MAX},
                "required": _("Please write an answer."),
            },
        )

    def answers(self):
        """``[(question, number or None, text)]`` for the answered questions."""
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if value in (None, "", []):
                continue
            if question.kind == QuestionKind.MULTIPLE:
                result += [(question, number, "") for number in sorted(set(value))]
            elif question.kind == QuestionKind.TEXT:
                result.append((question, None, value.strip()))
            else:
                result.append((question, value, ""))
        return result


class ReportCreateForm(forms.Form):
    """A new annual report: the place (among the user's) and the year."""

    scope = forms.ChoiceField(label=gettext_lazy("Municipality or region"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.scopes = {scope.key: scope for scope in scopes}
        self.fields["scope"].choices = [
            (scope.key, f"{scope.name} ({scope.kind_label})") for scope in scopes
        ]
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean(self):
        from .models import AnnualReport
        from .snapshot import build

        cleaned = super().clean()
        scope = self.scopes.get(cleaned.get("scope"))
        year = cleaned.get("year")
        if scope is None or year is None:
            return cleaned
        lookup = {"region_id": scope.pk} if scope.is_region else {"municipality_id": scope.pk}
        if AnnualReport.objects.filter(year=year, **lookup).exists():
            self.add_error(
                "year",
                _("%(place)s already has a report for %(year)d.")
                % {"place": scope.name, "year": year},
            )
            return cleaned
        data = build(scope, year, with_municipalities=False)
        if year not in data["data_years"]:
            self.add_error(
                "year",
                _(
                    "%(place)s has no cases recorded in %(year)d: the report would show only "
                    "zeros. Choose a year with cases."
                )
                % {"place": scope.name, "year": year},
            )
        cleaned["scope_object"] = scope
        cleaned["data"] = data
        return cleaned
