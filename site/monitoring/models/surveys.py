"""Participant surveys: a questionnaire (scale 1–10, single and multiple choice, free text)
in Latvian, Russian and English, attached to an initiative or a funded project, answered
anonymously through links (one per channel: a WhatsApp group, a printed QR code).

The survey's state (draft → open → closed) changes only through
``casework.service.perform_transition``. Questions are edited while it is a draft: once
answers come in, changing a question would change what the answers mean.

Anonymity: a response keeps the link, the language, the time and — when the link allows
one answer per device — a keyed hash of the device's random token (see
:mod:`kopiena.monitoring.devices`), never an address, a name or the token itself.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from kopiena.casework.workflow import CaseModel, action

from ..roles import Role, has_role

SCALE_MIN, SCALE_MAX = 1, 10
#: Languages a participant answers in; Latvian first.
SURVEY_LANGUAGES = (("lv", "Latviešu"), ("ru", "Русский"), ("en", "English"))
TEXT_MAX = 2000
CHOICES_MAX = 20


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("survey", "Open")
    CLOSED = "closed", pgettext_lazy("survey", "Closed")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–10")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class QuestionIndicator(models.TextChoices):
    """What a scale question measures, for the indicators (seed 004's three averages)."""

    NONE = "", _("(not an indicator)")
    WORKER_RATING = "worker_rating", _("Rating of the social worker's work")
    OWN_INVOLVEMENT = "own_involvement", _("Members' own involvement")
    CHANGE_ACHIEVED = "change_achieved", _("Change achieved")
    SATISFACTION = "satisfaction", _("Satisfaction")


def _in_language(obj, field: str, language: str | None = None) -> str:
    """``field`` in ``language`` (``field_ru``, ``field_en``), falling back to Latvian."""
    language = (language or translation.get_language() or "lv")[:2]
    if language in ("ru", "en"):
        value = getattr(obj, f"{field}_{language}", "")
        if value and value.strip():
            return value
    return getattr(obj, field)


# --- who may run a survey ---------------------------------------------------------------------


def may_run(survey: Survey, user) -> bool:
    """Heads of social services; the initiative's own social worker; grant officers for a
    funded project's survey; and whoever created it, while they hold one of these roles."""
    if not getattr(user, "is_active", False):
        return False
    if has_role(user, Role.SERVICE_HEADS):
        return True
    if survey.initiative_id and has_role(user, Role.SOCIAL_WORKERS):
        return survey.initiative.social_worker_id == user.pk or survey.created_by_id == user.pk
    if survey.application_id and has_role(user, Role.GRANT_OFFICERS):
        return True
    return survey.created_by_id == user.pk and has_role(
        user, Role.SOCIAL_WORKERS, Role.GRANT_OFFICERS
    )


class SurveyQuerySet(models.QuerySet):
    def in_municipalities(self, ids):
        return self.filter(municipality_id__in=ids)

    def visible_to(self, user):
        """Superusers: all. Heads: their municipalities' surveys. Regional coordinators:
        their regions'. Social workers: those of their initiatives. Grant officers: those of
        funded projects. Everyone: the surveys they created."""
        from ..scope import coordinated_region_ids, monitored_municipality_ids

        if not getattr(user, "is_active", False):
            return self.none()
        if user.is_superuser:
            return self
        condition = Q(created_by=user)
        if has_role(user, Role.SERVICE_HEADS):
            condition |= Q(municipality_id__in=monitored_municipality_ids(user))
        regions = coordinated_region_ids(user)
        if regions:
            condition |= Q(municipality__planning_region_id__in=regions)
        if has_role(user, Role.SOCIAL_WORKERS):
            condition |= Q(initiative__social_worker=user)
        if has_role(user, Role.GRANT_OFFICERS):
            condition |= Q(application__isnull=False)
        return self.filter(condition)

    def for_listing(self):
        return self.select_related("municipality", "initiative", "application").annotate(
            response_count=Count("responses", distinct=True)
        )


class Survey(CaseModel, ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    title_ru = models.CharField(_("title in Russian"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the survey is about and how the answers are used; shown on top."),
    )
    intro_ru = models.TextField(_("introduction in Russian"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    initiative = models.ForeignKey(
        "kopiena_community_work.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    application = models.ForeignKey(
        "kopiena_grants.Application",
        verbose_name=_("funded project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closes_at = models.DateTimeField(
        _("answers accepted until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept answers until the survey is closed."),
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=SurveyStatus.choices,
        default=SurveyStatus.DRAFT,
        protected=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) | Q(application__isnull=True),
                name="kopiena_monitoring_survey_one_attachment",
                violation_error_message=_("Attach the survey to an initiative or a project."),
            )
        ]

    def __str__(self):
        return self.title

    # --- lifecycle ----------------------------------------------------------------------

    @transition(
        field=status,
        source=SurveyStatus.DRAFT,
        target=SurveyStatus.OPEN,
        permission=may_run,
        custom=action(_("Open for answers"), inputs=()),
    )
    def open(self, *, user, inputs):
        """Guarded by :meth:`open_errors`; a first link is made when there is none."""
        if not self.links.exists():
            SurveyLink.objects.create(survey=self, label=str(_("Main link")))

    @transition(
        field=status,
        source=SurveyStatus.OPEN,
        target=SurveyStatus.CLOSED,
        permission=may_run,
        custom=action(
            pgettext_lazy("survey", "Close"),
            inputs=(),
            style="secondary",
            confirm=_("Participants cannot answer a closed survey."),
        ),
    )
    def close(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=SurveyStatus.CLOSED,
        target=SurveyStatus.OPEN,
        permission=may_run,
        custom=action(_("Reopen"), inputs=(), style="secondary"),
    )
    def reopen(self, *, user, inputs):
        pass

    def transition_errors(self, action, user, inputs):
        if action == "open":
            return self.open_errors()
        if action == "reopen" and self.closes_at and self.closes_at <= timezone.now():
            return {
                "closes_at": [
                    _("The survey's end date has passed: change it before reopening the survey.")
                ]
            }
        return {}

    def open_errors(self) -> dict[str, list]:
        questions = list(self.questions.all())
        if not questions:
            return {"questions": [_("Add at least one question.")]}
        messages = []
        for number, question in enumerate(questions, start=1):
            for message in question.definition_errors():
                messages.append(
                    _("Question %(number)d: %(message)s") % {"number": number, "message": message}
                )
        return {"questions": messages} if messages else {}

    def notification_recipients(self, action, source, target):
        return []

    def case_reference(self) -> str:
        year = timezone.localtime(self.created_at).year if self.created_at else ""
        return f"APT-{year}-{self.pk or 0:04d}"

    def get_admin_url(self):
        from django.urls import reverse

        return reverse("kopiena_monitoring_surveys:inspect", args=[self.pk])

    # --- reading ------------------------------------------------------------------------

    def title_in(self, language=None) -> str:
        return _in_language(self, "title", language)

    def intro_in(self, language=None) -> str:
        return _in_language(self, "intro", language)

    def accepts_answers(self, at=None) -> bool:
        at = at or timezone.now()
        return self.status == SurveyStatus.OPEN and not (self.closes_at and self.closes_at <= at)

    @property
    def attachment(self):
        return self.initiative or self.application


class Question(Orderable, models.Model):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    text = models.CharField(_("question"), max_length=500)
    text_ru = models.CharField(_("question in Russian"), max_length=500, blank=True)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice question: one choice per line.")
    )
    choices_ru = models.TextField(
        _("choices in Russian"),
        blank=True,
        help_text=_("The same choices in the same order, one per line."),
    )
    choices_en = models.TextField(_("choices in English"), blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    indicator = models.CharField(
        _("indicator"),
        max_length=20,
        choices=QuestionIndicator.choices,
        blank=True,
        default="",
        help_text=_("For a scale question: what it measures in the monitoring figures."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)

    def text_in(self, language=None) -> str:
        return _in_language(self, "text", language)

    @staticmethod
    def _lines(value: str) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def choice_list(self, language=None) -> list[str]:
        """The choices in ``language`` (Latvian where that language's list is missing or
        has another number of lines)."""
        base = self._lines(self.choices)
        language = (language or translation.get_language() or "lv")[:2]
        if language in ("ru", "en"):
            translated = self._lines(getattr(self, f"choices_{language}"))
            if len(translated) == len(base):
                return translated
        return base

    def definition_errors(self) -> list[str]:
        errors = []
        if self.is_choice:
            base = self._lines(self.choices)
            if len(base) < 2:
                errors.append(str(_("a choice question needs at least two choices.")))
            if len(base) > CHOICES_MAX:
                errors.append(str(_("at most %(max)d choices.") % {"max": CHOICES_MAX}))
            for language, label in (("ru", _("Russian")), ("en", _("English"))):
                translated = self._lines(getattr(self, f"choices_{language}"))
                if translated and len(translated) != len(base):
                    errors.append(
                        str(
                            _("the %(language)s choices must be as many as the Latvian ones.")
                            % {"language": label}
                        )
                    )
        if self.indicator and self.kind != QuestionKind.SCALE:
            errors.append(str(_("only a scale question can be an indicator.")))
        return errors


def new_token() -> str:
    return secrets.token_urlsafe(12)


class SurveyLink(models.Model):
    """One way the survey reaches people (a WhatsApp group, a printed QR code): its own
    address, its own count of answers, and whether a device may answer through it once or
    more often."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(_("token"), max_length=32, unique=True, default=new_token)
    label = models.CharField(
        _("label"), max_length=120, help_text=_("Where the link is shared, e.g. “WhatsApp grupa”.")
    )
    once_per_device = models.BooleanField(
        _("one answer per device"),
        default=True,
        help_text=_(
            "Untick to let one phone answer several times (a shared family phone, answers "
            "typed in from paper)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")

    def __str__(self):
        return f"{self.survey}: {self.label}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("kopiena_monitoring:survey", args=[self.token])


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    link = models.ForeignKey(SurveyLink, on_delete=models.PROTECT, related_name="responses")
    language = models.CharField(_("language"), max_length=2, choices=SURVEY_LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    #: A keyed hash of the device's token and the link; empty when the link allows repeats.
    device_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["link", "device_hash"],
                condition=~Q(device_hash=""),
                name="kopiena_monitoring_response_once_per_device",
            )
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class AnswerQuerySet(models.QuerySet):
    def scale_summary(self):
        """Per scale question: count and average (one query)."""
        return (
            self.filter(question__kind=QuestionKind.SCALE, number__isnull=False)
            .values("question_id")
            .annotate(n=Count("pk"), average=Avg("number"))
        )


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    #: The scale value (1–10) or the index of the chosen choice (0-based).
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=100),
                name="kopiena_monitoring_answer_number_range",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "number"],
                name="kopiena_monitoring_answer_once",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.number if self.number is not None else self.text[:40]}"
