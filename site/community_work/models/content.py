"""What an initiative holds, following the pilot-summary template and the weekly logs of
seed 004: the assessment (sections 3), the practice approaches (4), the action plan with its
tasks, corrections and partners (5), the weekly activity logs, and the evaluation (6).

Rows that the initiative's admin form edits inline hang on a ``ParentalKey``; the assessment
and the evaluation are one-to-one and edited through fields of the same form.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .initiatives import Initiative

# --- 3. Assessment --------------------------------------------------------------------------


class Assessment(models.Model):
    """The study of the community in three stages — initial study, in-depth study, field
    definition — each with its findings and the methods used (and how they worked)."""

    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="assessment",
    )
    initial_study_findings = models.TextField(_("initial study: findings"), blank=True)
    initial_study_methods = models.TextField(_("initial study: methods"), blank=True)
    in_depth_study_findings = models.TextField(_("in-depth study: findings"), blank=True)
    in_depth_study_methods = models.TextField(_("in-depth study: methods"), blank=True)
    field_definition_findings = models.TextField(_("field definition: findings"), blank=True)
    field_definition_methods = models.TextField(_("field definition: methods"), blank=True)

    #: (stage key, heading, findings field, methods field), in the order of the template.
    STAGES = (
        ("initial_study", _("Initial study"), "initial_study_findings", "initial_study_methods"),
        (
            "in_depth_study",
            _("In-depth study"),
            "in_depth_study_findings",
            "in_depth_study_methods",
        ),
        (
            "field_definition",
            _("Definition of the field of work"),
            "field_definition_findings",
            "field_definition_methods",
        ),
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return str(_("Assessment of “%(initiative)s”") % {"initiative": self.initiative})

    def stages(self):
        """``[{"key", "heading", "findings", "methods"}]`` for templates and the story."""
        return [
            {
                "key": key,
                "heading": heading,
                "findings": getattr(self, findings),
                "methods": getattr(self, methods),
            }
            for key, heading, findings, methods in self.STAGES
        ]

    @property
    def is_empty(self) -> bool:
        return not any(s["findings"].strip() or s["methods"].strip() for s in self.stages())


# --- 4. Practice approaches -----------------------------------------------------------------


class PracticeApproach(models.TextChoices):
    COMMUNITY_DEVELOPMENT = (
        "community_development",
        _("Community development and capacity building"),
    )
    SOCIAL_PLANNING = "social_planning", _("Social planning / community organising")
    COMMUNITY_EDUCATION = "community_education", _("Community education")
    ADVOCACY = "advocacy", _("Social activism and advocacy")
    SOCIAL_MARKETING = "social_marketing", _("Social marketing")
    OTHER = "other", _("Other")


class ChosenApproach(Orderable):
    """A practice approach chosen for the initiative; exactly one is the main one (checked
    by the admin form; the database refuses a second main one)."""

    initiative = ParentalKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="approaches",
    )
    approach = models.CharField(_("approach"), max_length=30, choices=PracticeApproach.choices)
    other_description = models.CharField(
        _("which other approach"), max_length=200, blank=True, help_text=_("Only for “Other”.")
    )
    is_main = models.BooleanField(_("main approach"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("practice approach")
        verbose_name_plural = _("practice approaches")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "approach"], name="kopiena_community_work_approach_once"
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(is_main=True),
                name="kopiena_community_work_one_main_approach",
            ),
        ]

    def __str__(self):
        if self.approach == PracticeApproach.OTHER and self.other_description:
            return f"{self.get_approach_display()}: {self.other_description}"
        return str(self.get_approach_display())

    def clean(self):
        super().clean()
        if self.approach == PracticeApproach.OTHER and not self.other_description.strip():
            raise ValidationError({"other_description": _("Say which other approach.")})


# --- 5. Action plan -------------------------------------------------------------------------


class Task(Orderable):
    """A task of the action plan (the plan's goal is ``Initiative.goal``)."""

    initiative = ParentalKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=255)
    responsible = models.CharField(
        _("responsible"),
        max_length=200,
        blank=True,
        help_text=_("Who does it: a person, a role or a partner, e.g. “social worker”."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return self.title


class PlanCorrection(models.Model):
    """A change made to the plan while carrying it out, with its reason."""

    initiative = ParentalKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="plan_corrections",
    )
    date = models.DateField(_("date"))
    change = models.TextField(_("change"))
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("plan correction")
        verbose_name_plural = _("plan corrections")

    def __str__(self):
        return f"{date_format(self.date, 'SHORT_DATE_FORMAT')}: {self.change[:60]}"


class Partner(Orderable):
    """A partner in carrying out the plan (a parish administration, an NGO, a business)."""

    initiative = ParentalKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role in the plan"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


# --- Weekly logs ----------------------------------------------------------------------------


class ActivityLog(ClusterableModel):
    """A weekly log (nedēļas atskaite): the period, the dated activities, the difficulties
    and the next week's tasks.

    Periods are inclusive date ranges and may not overlap within one initiative; sharing a
    boundary day counts as overlapping (a day belongs to one week's log). Checked with a
    field message by :meth:`clean` (or, when the initiative's form edits several logs at
    once, by ``forms.ActivityLogFormSet``), and on PostgreSQL also by an exclusion
    constraint (migration 0003).
    """

    initiative = ParentalKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="logs"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    difficulties = models.TextField(_("difficulties"), blank=True)
    next_week_tasks = models.TextField(_("next week's tasks"), blank=True)

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("weekly log")
        verbose_name_plural = _("weekly logs")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="kopiena_community_work_log_period_order",
            ),
        ]

    def __str__(self):
        return str(
            _("%(start)s – %(end)s")
            % {
                "start": date_format(self.period_start, "SHORT_DATE_FORMAT"),
                "end": date_format(self.period_end, "SHORT_DATE_FORMAT"),
            }
        )

    #: Set by a form that checks the periods of all the initiative's logs together.
    periods_checked_together = False

    def overlaps(self, start, end) -> bool:
        return self.period_start <= end and start <= self.period_end

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.periods_checked_together or not (
            self.initiative_id and self.period_start and self.period_end
        ):
            return
        clash = (
            ActivityLog.objects.filter(
                initiative_id=self.initiative_id,
                period_start__lte=self.period_end,
                period_end__gte=self.period_start,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError({"period_start": overlap_message(clash)})


def overlap_message(other) -> str:
    return str(
        _(
            "This period overlaps the weekly log %(period)s; a day belongs to one log "
            "only (a period may start the day after another ends)."
        )
        % {"period": other}
    )


class LogActivity(models.Model):
    """One dated activity of a weekly log; its date lies within the log's period."""

    log = ParentalKey(
        ActivityLog,
        verbose_name=_("weekly log"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("activity"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return f"{date_format(self.date, 'SHORT_DATE_FORMAT')}: {self.description[:60]}"


def activity_date_errors(log, activity_date) -> list[str]:
    """Messages for an activity dated outside its log's period (empty when it is inside)."""
    if (
        log.period_start
        and log.period_end
        and activity_date
        and not (log.period_start <= activity_date <= log.period_end)
    ):
        return [str(_("The date must lie within the log's period (%(period)s).") % {"period": log})]
    return []


# --- 6. Evaluation --------------------------------------------------------------------------

SATISFACTION_MIN, SATISFACTION_MAX = 1, 10


class GoalAchievement(models.TextChoices):
    NOT_ASSESSED = "", _("Not assessed")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class Evaluation(models.Model):
    """The evaluation of the change (section 6 of the pilot summary), with the participants'
    satisfaction on a 1–10 scale. Complete enough for the report when it has the results and
    the satisfaction score (:meth:`completeness_errors`)."""

    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    methods = models.TextField(_("methods used to identify the change"), blank=True)
    results = models.TextField(_("results achieved"), blank=True)
    helping_factors = models.TextField(_("what helped"), blank=True)
    hindering_factors = models.TextField(_("what hindered"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("participants' satisfaction (1–10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SATISFACTION_MIN), MaxValueValidator(SATISFACTION_MAX)],
    )
    #: Outcomes counted by monitoring ("is anyone better off?"); empty means not recorded,
    #: which is not the same as 0.
    goal_achievement = models.CharField(
        _("goal of the plan"),
        max_length=20,
        choices=GoalAchievement.choices,
        blank=True,
        default="",
    )
    volunteers = models.PositiveIntegerField(
        _("volunteers"), null=True, blank=True, help_text=_("People who volunteered.")
    )
    new_leaders = models.PositiveIntegerField(_("new community leaders"), null=True, blank=True)
    new_organisations = models.PositiveIntegerField(
        _("new organisations"),
        null=True,
        blank=True,
        help_text=_("Associations or groups founded by the community."),
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=SATISFACTION_MIN, satisfaction__lte=SATISFACTION_MAX),
                name="kopiena_community_work_satisfaction_1_to_10",
            ),
        ]

    def __str__(self):
        return str(_("Evaluation of “%(initiative)s”") % {"initiative": self.initiative})

    def completeness_errors(self) -> dict[str, list]:
        """Field messages (keyed like the admin form's evaluation fields) for what the report
        still needs."""
        errors = {}
        if not self.results.strip():
            errors["evaluation_results"] = [_("Describe the results in the evaluation.")]
        if self.satisfaction is None:
            errors["evaluation_satisfaction"] = [
                _("Give the participants' satisfaction score (1–10).")
            ]
        elif not SATISFACTION_MIN <= self.satisfaction <= SATISFACTION_MAX:
            errors["evaluation_satisfaction"] = [_("The satisfaction score is from 1 to 10.")]
        return errors
