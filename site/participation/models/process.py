"""The process: its money, phases, categories and themes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopiena.casework.workflow import COMMENT, INTERNAL_COMMENT

ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2}
STAFF_INPUTS = (COMMENT, INTERNAL_COMMENT)


class BallotType(models.TextChoices):
    KNAPSACK = "knapsack", _("Choose projects within each category's money")
    UP_TO_N = "up_to_n", _("Choose up to a number of projects in each category")


class TieBreak(models.TextChoices):
    LOWER_COST = "lower_cost", _("The cheaper project first; then the earlier idea")
    EARLIER_IDEA = "earlier_idea", _("The earlier idea (lower number) first")


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Not started")
    IDEAS = "ideas", _("Ideas are accepted")
    CHECK = "check", _("The municipality checks the ideas")
    VOTING = "voting", _("Voting")
    COUNT = "count", _("Votes are being counted")
    DELIVERY = "delivery", _("Results and delivery")


class ProcessQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def for_listing(self):
        return self.select_related("municipality").order_by("-year", "municipality__name")


class Process(models.Model):
    """A municipality's participatory budget round in one year, with the rules in force."""

    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="participation_processes",
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    total = models.DecimalField(_("total money"), **MONEY, validators=[MinValueValidator(ZERO)])
    reserve = models.DecimalField(
        _("reserve for unforeseen costs"),
        **MONEY,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Kept apart for cost rises of the winning projects."),
    )
    ideas_open = models.DateField(_("ideas accepted from"))
    ideas_close = models.DateField(_("ideas accepted until"))
    check_close = models.DateField(_("the municipality's check until"))
    voting_open = models.DateField(_("voting from"))
    voting_close = models.DateField(_("voting until"))
    results_on = models.DateField(_("results published on"))
    delivery_until = models.DateField(_("projects delivered by"))
    ballot_type = models.CharField(
        _("ballot"), max_length=10, choices=BallotType.choices, default=BallotType.KNAPSACK
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most projects per category"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("For an up-to-N ballot: how many projects a person may choose per category."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age to vote"), default=16, validators=[MaxValueValidator(120)]
    )
    requires_code = models.BooleanField(
        _("voters enter a verification code"),
        default=False,
        help_text=_(
            "Each online voter enters a single-use code handed out at a support point or "
            "sent by post (generated on the process's page)."
        ),
    )
    tie_break = models.CharField(
        _("how ties are broken"),
        max_length=14,
        choices=TieBreak.choices,
        default=TieBreak.LOWER_COST,
    )
    rules = models.TextField(
        _("rules"),
        max_length=10000,
        blank=True,
        help_text=_("Who may take part and how, in the words residents read."),
    )
    published = models.BooleanField(_("published"), default=False)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "municipality__name"]
        verbose_name = _("participatory budget")
        verbose_name_plural = _("participatory budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="kopiena_participation_one_per_year"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        order = [
            "ideas_open",
            "ideas_close",
            "check_close",
            "voting_open",
            "voting_close",
            "results_on",
            "delivery_until",
        ]
        values = [getattr(self, name) for name in order]
        if all(values):
            for before, after, name in zip(values, values[1:], order[1:], strict=False):
                if after < before:
                    raise ValidationError(
                        {name: _("The phases follow one another: this date is too early.")}
                    )
        if self.total is not None and self.reserve is not None and self.reserve > self.total:
            raise ValidationError({"reserve": _("The reserve cannot exceed the total money.")})

    # --- phases -----------------------------------------------------------------------------

    def phase(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.ideas_open:
            return Phase.UPCOMING
        if today <= self.ideas_close:
            return Phase.IDEAS
        if today < self.voting_open:
            return Phase.CHECK
        if today <= self.voting_close:
            return Phase.VOTING
        if today < self.results_on:
            return Phase.COUNT
        return Phase.DELIVERY

    def phase_label(self) -> str:
        return Phase(self.phase()).label

    def accepts_ideas(self, today=None) -> bool:
        return self.published and self.phase(today) == Phase.IDEAS

    def voting_is_open(self, today=None) -> bool:
        return self.published and self.phase(today) == Phase.VOTING

    def results_public(self, today=None) -> bool:
        return self.published and self.phase(today) == Phase.DELIVERY

    def phases(self):
        """``[(label, from, until)]`` for the public page."""
        return [
            (_("Ideas"), self.ideas_open, self.ideas_close),
            (_("The municipality's check"), self.ideas_close, self.check_close),
            (_("Voting"), self.voting_open, self.voting_close),
            (_("Results"), self.results_on, self.results_on),
            (_("Delivery"), self.results_on, self.delivery_until),
        ]

    # --- money ------------------------------------------------------------------------------

    def money_figures(self) -> dict[str, Decimal]:
        """Committed (the winners' cost and approved reserve draws), spent (the winners'
        spending so far) and what is left in the reserve — the process page's figures."""
        from .ideas import Idea
        from .reserve import DrawStatus

        winners = self.ideas.filter(status__in=Idea.WINNING_STATES).aggregate(
            cost=Sum("cost_estimate"), spent=Sum("spent")
        )
        drawn = self.reserve_draws.filter(status=DrawStatus.APPROVED).aggregate(s=Sum("amount"))
        drawn = drawn["s"] or ZERO
        committed = (winners["cost"] or ZERO) + drawn
        return {
            "winners": winners["cost"] or ZERO,
            "committed": committed,
            "spent": winners["spent"] or ZERO,
            "reserve": self.reserve,
            "drawn": drawn,
            "reserve_left": self.reserve - drawn,
        }


class Category(models.Model):
    """A share of the process's money with its own count."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.CASCADE,
        related_name="categories",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    money = models.DecimalField(
        _("money"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["process", "order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "code"], name="kopiena_participation_category_code"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "lv")[:2]
        return getattr(self, f"name_{language}", "") or self.name


class Theme(models.Model):
    """What an idea is about (seed 001: eleven themes in Liepāja)."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.CASCADE,
        related_name="themes",
    )
    name = models.CharField(_("name"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["process", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "lv")[:2]
        return getattr(self, f"name_{language}", "") or self.name
