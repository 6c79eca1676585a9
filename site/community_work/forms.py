"""Admin forms of community work: the initiative's one edit form (content, never the status)
and the weekly log's form with its dated activities.

Rules that span rows live in formsets, because only they see every row being submitted:
exactly one main practice approach, weekly-log periods that do not overlap, activities dated
within their log's period. Wired to the edit handlers through :class:`RuleInlinePanel`.
Every error is a field message (or the inline panel's message) and the view saves nothing.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.widgets import AdminAutoHeightTextInput

from .models import Assessment, Evaluation, Initiative
from .models.content import activity_date_errors, overlap_message


class RuleInlinePanel(InlinePanel):
    """An ``InlinePanel`` whose formset class checks rules across its rows."""

    def __init__(self, relation_name, *args, formset_class=None, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.formset_class = formset_class

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "formset_class": self.formset_class}

    def get_form_options(self):
        options = super().get_form_options()
        if self.formset_class is not None:
            options["formsets"][self.relation_name]["formset"] = self.formset_class
        return options


def _live_forms(formset):
    """The valid, not-deleted forms of a bound formset, with their cleaned data."""
    return [
        form
        for form in formset.forms
        if form.is_valid()
        and form.cleaned_data
        and not (formset.can_delete and formset._should_delete_form(form))
    ]


class ApproachFormSet(BaseChildFormSet):
    """Chosen practice approaches: when any are chosen, exactly one is the main one."""

    def clean(self):
        super().clean()
        chosen = [f for f in _live_forms(self) if f.cleaned_data.get("approach")]
        if not chosen:
            return
        main = [f for f in chosen if f.cleaned_data.get("is_main")]
        if len(main) == 1:
            return
        message = (
            _("Mark one of the chosen approaches as the main one.")
            if not main
            else _("Only one approach can be the main one.")
        )
        for form in main[1:] or chosen[:1]:
            form.add_error("is_main", message)
        raise ValidationError(message)


class ActivityLogFormSet(BaseChildFormSet):
    """The initiative's weekly logs, checked together: periods may not overlap (sharing a
    boundary day overlaps), and a saved log's period must still hold its activities."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.periods_checked_together = True
        return form

    def clean(self):
        super().clean()
        periods = []
        for form in _live_forms(self):
            start = form.cleaned_data.get("period_start")
            end = form.cleaned_data.get("period_end")
            if start and end and start <= end:
                periods.append((start, end, form))
        periods.sort(key=lambda p: (p[0], p[1]))
        clashes = 0
        for index, (start, end, form) in enumerate(periods):
            for other_start, other_end, other in periods[:index]:
                if other_start <= end and start <= other_end:
                    form.add_error("period_start", overlap_message(other.instance))
                    clashes += 1
                    break
            instance = form.instance
            if instance.pk:
                outside = instance.activities.exclude(date__range=(start, end)).first()
                if outside is not None:
                    form.add_error(
                        "period_end",
                        _(
                            "The activity of %(date)s would fall outside the period; "
                            "change or move it on the log's own page first."
                        )
                        % {"date": outside.date.strftime("%d.%m.%Y")},
                    )
                    clashes += 1
        if clashes:
            raise ValidationError(_("Correct the weekly log periods marked below."))


class LogActivityFormSet(BaseChildFormSet):
    """A weekly log's activities: each dated within the log's period (the parent form has
    already applied the submitted period to ``self.instance``)."""

    def clean(self):
        super().clean()
        bad = 0
        for form in _live_forms(self):
            for message in activity_date_errors(self.instance, form.cleaned_data.get("date")):
                form.add_error("date", message)
                bad += 1
        if bad:
            raise ValidationError(_("Some activities are dated outside the log's period."))


# --- the initiative's form ------------------------------------------------------------------

ASSESSMENT_FIELDS = tuple(name for _key, _heading, *fields in Assessment.STAGES for name in fields)
EVALUATION_FIELDS = (
    "methods",
    "results",
    "helping_factors",
    "hindering_factors",
    "recommendations",
    "participants",
    "satisfaction",
    "goal_achievement",
    "volunteers",
    "new_leaders",
    "new_organisations",
)
#: One-to-one parts of an initiative edited through prefixed fields of its form.
SECTIONS = {
    "assessment": (Assessment, ASSESSMENT_FIELDS),
    "evaluation": (Evaluation, EVALUATION_FIELDS),
}


def _section_field(model, name):
    field = model._meta.get_field(name).formfield(required=False)
    if isinstance(field.widget, forms.Textarea):
        # The widget Wagtail gives a model's TextField: grows with its text.
        field.widget = AdminAutoHeightTextInput()
    return field


class InitiativeForm(WagtailAdminModelForm):
    """The initiative with its assessment and evaluation (one-to-one records, edited here as
    ``assessment_*`` / ``evaluation_*`` fields and validated by their models) and, through
    inline panels, its approaches, tasks, corrections, partners and weekly logs. The status
    is never a field."""

    assessment_initial_study_findings = _section_field(Assessment, "initial_study_findings")
    assessment_initial_study_methods = _section_field(Assessment, "initial_study_methods")
    assessment_in_depth_study_findings = _section_field(Assessment, "in_depth_study_findings")
    assessment_in_depth_study_methods = _section_field(Assessment, "in_depth_study_methods")
    assessment_field_definition_findings = _section_field(Assessment, "field_definition_findings")
    assessment_field_definition_methods = _section_field(Assessment, "field_definition_methods")
    evaluation_methods = _section_field(Evaluation, "methods")
    evaluation_results = _section_field(Evaluation, "results")
    evaluation_helping_factors = _section_field(Evaluation, "helping_factors")
    evaluation_hindering_factors = _section_field(Evaluation, "hindering_factors")
    evaluation_recommendations = _section_field(Evaluation, "recommendations")
    evaluation_participants = _section_field(Evaluation, "participants")
    evaluation_satisfaction = _section_field(Evaluation, "satisfaction")
    evaluation_goal_achievement = _section_field(Evaluation, "goal_achievement")
    evaluation_volunteers = _section_field(Evaluation, "volunteers")
    evaluation_new_leaders = _section_field(Evaluation, "new_leaders")
    evaluation_new_organisations = _section_field(Evaluation, "new_organisations")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._section_objects = {}
        for relation, (_model, names) in SECTIONS.items():
            obj = self._existing_section(relation)
            self._section_objects[relation] = obj
            if obj is not None:
                for name in names:
                    self.initial.setdefault(f"{relation}_{name}", getattr(obj, name))
        if "social_worker" in self.fields and not self.instance.pk and self.for_user:
            from kopiena.community_work.roles import Role, has_role

            if has_role(self.for_user, Role.SOCIAL_WORKERS):
                self.initial.setdefault("social_worker", self.for_user.pk)

    def _existing_section(self, relation):
        if not self.instance.pk:
            return None
        try:
            return getattr(self.instance, relation)
        except ObjectDoesNotExist:
            return None

    def _section_values(self, relation):
        _model, names = SECTIONS[relation]
        return {name: self.cleaned_data.get(f"{relation}_{name}") for name in names}

    @staticmethod
    def _is_blank(values) -> bool:
        return all(v in (None, "") or (isinstance(v, str) and not v.strip()) for v in values)

    def _section_instance(self, relation):
        """The section's record with the submitted values applied (unsaved), or ``None``
        when it does not exist and nothing was filled in."""
        model, _names = SECTIONS[relation]
        values = self._section_values(relation)
        obj = self._section_objects.get(relation)
        if obj is None:
            if self._is_blank(values.values()):
                return None
            obj = model(initiative=self.instance)
        for name, value in values.items():
            if value is None and isinstance(getattr(obj, name), str):
                value = ""  # an emptied text field, not a missing number
            setattr(obj, name, value)
        return obj

    def clean(self):
        cleaned = super().clean()
        for relation in SECTIONS:
            obj = self._section_instance(relation)
            if obj is None:
                continue
            try:
                obj.full_clean(exclude=["initiative"], validate_unique=False)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    field = f"{relation}_{name}"
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            for relation in SECTIONS:
                obj = self._section_instance(relation)
                if obj is not None:
                    obj.initiative = instance
                    obj.save()
        return instance


class ActivityLogForm(WagtailAdminModelForm):
    """A weekly log on its own page: its period is checked against the initiative's other
    logs by ``ActivityLog.clean`` and its activities by :class:`LogActivityFormSet`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # modelcluster gives a new log's formset an instance of its own; the activities are
        # checked against the period submitted on *this* log.
        for formset in self.formsets.values():
            formset.instance = self.instance
        field = self.fields.get("initiative")
        if field is None:
            return
        if self.instance.pk:
            # A log stays with its initiative; it is deleted, not moved.
            field.disabled = True
        elif self.for_user is not None:
            field.queryset = Initiative.objects.editable_by(self.for_user)
