"""The participatory budget's models. Imports point one way: these import the core
(``kopiena.casework``: Municipality, CaseModel) and nothing outside this app imports them.

* :class:`Process` — one municipality's round in one year: its money, reserve, phases and
  rules, all shown to residents;
* :class:`Category` — a share of the money with its own count (Liepāja: infrastructure and
  events); :class:`Theme` — what an idea is about;
* :class:`Idea` — a case (the transition service changes its status): proposed, checked,
  voted on, and, when it wins, delivered with :class:`Milestone` s;
* :class:`Ballot` / :class:`BallotChoice` — one ballot per person per process (a database
  constraint on ``voter_key``), changed in place until the vote closes;
* :class:`ReserveDraw` — a cost rise paid from the reserve, a finance decision on the record;
* :class:`Follow` — a resident following an idea.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.images import get_image_model_string

from kopiena.casework.notifications import APPLICANT, STAFF
from kopiena.casework.workflow import AMOUNT, COMMENT, INTERNAL_COMMENT, CaseModel, action

from .roles import Role, is_finance, is_staff

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


class Channel(models.TextChoices):
    PORTAL = "portal", _("On the website")
    PAPER = "paper", _("On paper")
    SUPPORT_POINT = "support_point", _("At a support point")


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the municipality's check")
    RETURNED = "returned", _("Returned to the author for a change")
    FEASIBLE = "feasible", _("Feasible: goes to the vote")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")
    MERGED = "merged", _("Merged with another idea")
    SELECTED = "selected", _("Won the vote")
    NOT_SELECTED = "not_selected", _("Did not win")
    IN_DELIVERY = "in_delivery", _("Being delivered")
    DELIVERED = "delivered", _("Delivered")


S = IdeaStatus


def _staff(idea, user) -> bool:
    return is_staff(user)


def _author(idea, user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and idea.author_id == user.pk
    )


class IdeaQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("process", "process__municipality", "theme", "category")

    def public(self):
        """What anyone may read: every idea but those waiting or returned (their text is
        the author's draft until the municipality has looked at it)."""
        return self.exclude(status__in=[S.SUBMITTED, S.RETURNED])

    def on_ballot(self):
        return self.filter(status__in=Idea.BALLOT_STATES)

    def awaiting(self, user):
        if not is_staff(user):
            return self.none()
        return self.filter(status=S.SUBMITTED).order_by("submitted_at", "pk")


class Idea(CaseModel):
    """A resident's idea: checked by the municipality, put to the vote when feasible, and
    delivered in public when it wins."""

    #: States whose ideas are on the ballot (the vote is over once they leave them).
    BALLOT_STATES = (S.FEASIBLE, S.SELECTED, S.NOT_SELECTED, S.IN_DELIVERY, S.DELIVERED)
    WINNING_STATES = (S.SELECTED, S.IN_DELIVERY, S.DELIVERED)

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ideas",
    )
    author_name = models.CharField(
        _("entered for"),
        max_length=200,
        blank=True,
        help_text=_("The person an idea received on paper or at a support point is from."),
    )
    channel = models.CharField(
        _("received"), max_length=14, choices=Channel.choices, default=Channel.PORTAL
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="ideas"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="ideas"
    )
    estimated_cost = models.DecimalField(
        _("estimated cost"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    cost_estimate = models.DecimalField(
        _("the municipality's cost estimate"), **MONEY, null=True, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
    )
    public_reason = models.TextField(_("public reason"), max_length=2000, blank=True)
    status = FSMField(
        _("status"),
        max_length=14,
        choices=IdeaStatus.choices,
        default=S.SUBMITTED,
        protected=True,
    )
    delivery_percent = models.PositiveSmallIntegerField(
        _("delivered (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    spent = models.DecimalField(_("spent so far"), **MONEY, default=ZERO)
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="kopiena_participation_idea_number"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="kopiena_part_idea_status")]

    def __str__(self):
        return f"{self.case_reference()} {self.title}"

    def case_reference(self) -> str:
        return f"LB-{self.process.year}-{self.number:03d}" if self.number else "LB"

    @property
    def ballot_cost(self) -> Decimal:
        """What the idea costs on the ballot and in the count: the municipality's estimate
        once it has one, the author's until then."""
        return self.cost_estimate if self.cost_estimate is not None else self.estimated_cost

    @property
    def proposer_label(self) -> str:
        if self.author_id and self.channel == Channel.PORTAL:
            return self.author.get_full_name() or str(_("a resident"))
        return self.author_name or str(_("a resident"))

    # --- lifecycle ----------------------------------------------------------------------------

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.FEASIBLE,
        permission=_staff,
        custom=action(
            _("Feasible"), inputs=(COMMENT, INTERNAL_COMMENT, AMOUNT), required=(AMOUNT,)
        ),
    )
    def find_feasible(self, *, user, inputs):
        self.cost_estimate = inputs.amount
        self._checked(user)

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.NOT_FEASIBLE,
        permission=_staff,
        custom=action(
            _("Not feasible"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Public reason"),
            style="warning",
        ),
    )
    def find_not_feasible(self, *, user, inputs):
        self.public_reason = inputs.comment.strip()
        self._checked(user)

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.MERGED,
        permission=_staff,
        custom=action(
            _("Merge with another idea"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Why, and with which idea"),
            style="secondary",
        ),
    )
    def merge(self, *, user, inputs):
        self.merged_into_id = int(inputs.extra["merged_into"])
        self.public_reason = inputs.comment.strip()
        self._checked(user)

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.RETURNED,
        permission=_staff,
        custom=action(
            _("Return to the author"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("What to change"),
            style="secondary",
        ),
    )
    def return_to_author(self, *, user, inputs):
        self._checked(user)

    @transition(
        field=status,
        source=S.RETURNED,
        target=S.SUBMITTED,
        permission=_author,
        custom=action(_("Send again"), inputs=(COMMENT,)),
    )
    def resubmit(self, *, user, inputs):
        self.submitted_at = timezone.now()

    @transition(
        field=status,
        source=S.FEASIBLE,
        target=S.SELECTED,
        permission=_staff,
        custom=action(_("Won the vote"), inputs=(COMMENT,)),
    )
    def select(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=S.FEASIBLE,
        target=S.NOT_SELECTED,
        permission=_staff,
        custom=action(_("Did not win"), inputs=(COMMENT,), style="secondary"),
    )
    def not_select(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=S.SELECTED,
        target=S.IN_DELIVERY,
        permission=_staff,
        custom=action(_("Start delivery"), inputs=STAFF_INPUTS),
    )
    def start_delivery(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=S.IN_DELIVERY,
        target=S.DELIVERED,
        permission=_staff,
        custom=action(_("Delivered"), inputs=STAFF_INPUTS),
    )
    def complete(self, *, user, inputs):
        self.delivery_percent = 100

    def _checked(self, user):
        self.checked_at = timezone.now()
        self.checked_by = user

    def transition_errors(self, action_name, user, inputs):
        if action_name == "find_feasible" and inputs.amount is not None:
            category = Category.objects.get(pk=self.category_id)
            if Decimal(inputs.amount) > category.money:
                return {
                    AMOUNT: [
                        _("The estimate is above the category's money (%(money)s).")
                        % {"money": _eur(category.money)}
                    ]
                }
        if action_name == "merge":
            target = inputs.extra.get("merged_into")
            ok = (
                str(target or "").isdigit()
                and Idea.objects.filter(process_id=self.process_id, pk=int(target))
                .exclude(pk=self.pk)
                .exclude(status__in=[S.MERGED, S.NOT_FEASIBLE])
                .exists()
            )
            if not ok:
                return {"merged_into": [_("Choose another idea of the same budget.")]}
        return {}

    def notification_recipients(self, action_name, source, target):
        from django.contrib.auth import get_user_model

        recipients = []
        if self.author_id and action_name in (
            "find_feasible",
            "find_not_feasible",
            "merge",
            "return_to_author",
            "select",
            "not_select",
            "start_delivery",
            "complete",
        ):
            recipients.append((self.author, APPLICANT))
        if action_name == "resubmit":
            staff = get_user_model().objects.filter(
                is_active=True, groups__name=str(Role.PARTICIPATION_STAFF)
            )
            recipients.extend((person, STAFF) for person in staff)
        return recipients

    def notification_url(self, audience):
        from django.urls import reverse

        from kopiena.conf import base_url

        if audience == APPLICANT:
            return base_url() + reverse("participation:idea", args=[self.process.slug, self.number])
        return base_url() + reverse("kopiena_participation_idea:inspect", args=[self.pk])


class Milestone(models.Model):
    """A step of a winning project's delivery, shown on its public page."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("what happened"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    news_url = models.URLField(_("news link"), blank=True)

    class Meta:
        ordering = ["idea", "date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class Follow(models.Model):
    """A resident following an idea (its status changes are e-mailed to the author; a
    follower sees the idea among theirs)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="kopiena_participation_follow_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.idea}"


class BallotQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(choices__isnull=False).distinct()


class Ballot(models.Model):
    """One person's ballot in one process. ``voter_key`` names the person without saying
    who they are in the published data (``u:<user id>`` for a portal account, ``p:<hash>``
    for a paper ballot's person); the unique constraint is what makes "one ballot per
    person" hold under concurrency. The published CSV carries ``public_id`` only."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    voter_key = models.CharField(max_length=80, editable=False)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ballots",
    )
    paper = models.BooleanField(_("paper ballot"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "voter_key"], name="kopiena_participation_one_ballot"
            ),
        ]

    def __str__(self):
        return str(self.public_id)


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="ballot_choices")

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "idea"], name="kopiena_participation_choice_once"
            ),
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.idea_id}"


class DrawStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for finance")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


def _finance(draw, user) -> bool:
    return is_finance(user)


class ReserveDraw(CaseModel):
    """A winning project's cost rise paid from the process's reserve: asked for by the
    participatory budget staff, decided by finance with a reason — both on the record."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.PROTECT,
        related_name="reserve_draws",
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("project"), on_delete=models.PROTECT, related_name="reserve_draws"
    )
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reason = models.TextField(_("why the cost rose"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = FSMField(
        _("status"),
        max_length=10,
        choices=DrawStatus.choices,
        default=DrawStatus.REQUESTED,
        protected=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reserve draw")
        verbose_name_plural = _("reserve draws")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="kopiena_participation_draw_positive"
            ),
        ]

    def __str__(self):
        return f"{self.idea.title}: {_eur(self.amount)}"

    def case_reference(self) -> str:
        return f"LBR-{self.pk:04d}" if self.pk else "LBR"

    @transition(
        field=status,
        source=DrawStatus.REQUESTED,
        target=DrawStatus.APPROVED,
        permission=_finance,
        custom=action(
            _("Approve the draw"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason for the decision"),
        ),
    )
    def approve(self, *, user, inputs):
        self.decided_at = timezone.now()

    @transition(
        field=status,
        source=DrawStatus.REQUESTED,
        target=DrawStatus.REFUSED,
        permission=_finance,
        custom=action(
            _("Refuse the draw"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason for the decision"),
            style="warning",
        ),
    )
    def refuse(self, *, user, inputs):
        self.decided_at = timezone.now()

    def transition_errors(self, action_name, user, inputs):
        if action_name != "approve":
            return {}
        process = Process.objects.select_for_update().get(pk=self.process_id)
        left = process.money_figures()["reserve_left"]
        if self.amount > left:
            return {
                "__all__": [
                    _("The reserve has %(left)s left; this draw asks for %(amount)s.")
                    % {"left": _eur(left), "amount": _eur(self.amount)}
                ]
            }
        return {}

    def notification_recipients(self, action_name, source, target):
        if self.requested_by_id:
            return [(self.requested_by, STAFF)]
        return []


def _eur(amount) -> str:
    from kopiena.grants.money import format_eur

    return format_eur(amount)
