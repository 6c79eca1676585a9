"""Ideas, the municipality's check, milestones of the winners and who follows them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.images import get_image_model_string

from kopiena.casework.notifications import APPLICANT, STAFF
from kopiena.casework.workflow import AMOUNT, COMMENT, INTERNAL_COMMENT, CaseModel, action
from kopiena.grants.money import format_eur

from ..roles import Role, is_staff
from .process import MONEY, STAFF_INPUTS, ZERO, Category, Process, Theme


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
                        % {"money": format_eur(category.money)}
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
