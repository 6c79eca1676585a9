"""Grant applications, the grant case, and their budget lines.

The lifecycle is the table in docs/architecture.md, declared with django-fsm
``@transition``s below; the one door through which a transition runs is
:func:`casework.service.perform_transition`.
Transition bodies only set fields that follow from the action; role checks are the
``permission=`` callables (with segregation of duties), rules that need a message are in
:meth:`Application.transition_errors`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from kopiena import conf
from kopiena.casework.notifications import APPLICANT, STAFF
from kopiena.casework.workflow import AMOUNT, COMMENT, INTERNAL_COMMENT, CaseModel, action
from kopiena.grants.roles import Role, has_role

from ..money import format_eur, format_percent
from ..querysets import ApplicationQuerySet
from .calls import CENT, RIGA, ZERO, GrantCall, money_field


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    IN_REVIEW = "in_review", _("In review")
    RECOMMENDED = "recommended", _("Recommended")
    APPROVED = "approved", _("Approved")
    REPORT_SUBMITTED = "report_submitted", _("Report submitted")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
#: States whose approved amount counts against the call's budget.
COMMITTED_STATES = (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED)
#: States in which the applicant edits the application and its budget.
EDITABLE_STATES = (S.DRAFT, S.CHANGES_REQUESTED)
#: States from which the applicant may withdraw ("draft … recommended").
WITHDRAWABLE_STATES = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.IN_REVIEW, S.RECOMMENDED)
FINAL_STATES = (S.COMPLETED, S.REJECTED, S.WITHDRAWN)

REFERENCE_PREFIX = "PIE"  # pieteikums


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months a project from ``start`` to ``end`` (both days included) runs in:
    1 January – 31 December is 12, 15 January – 14 January a year later is 12, and one
    day more is 13."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (1 if end.day >= start.day else 0)


# --- permissions: who may take an action (segregation of duties included) -------------------


def _is_member(app: Application, user) -> bool:
    return app.organisation.has_member(user)


def applicant(app: Application, user) -> bool:
    """NGO actions: a member of the application's organisation."""
    return _is_member(app, user)


def grant_officer(app: Application, user) -> bool:
    """A grant officer who is not a member of the applying organisation."""
    return has_role(user, Role.GRANT_OFFICERS) and not _is_member(app, user)


def officer_or_finance(app: Application, user) -> bool:
    return has_role(user, Role.GRANT_OFFICERS, Role.FINANCE) and not _is_member(app, user)


def _scored(app: Application, user) -> bool:
    """``user`` scored this application (now or an earlier version of it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return app.reviews.filter(reviewer=user, scores__isnull=False).exists()


def rejecter(app: Application, user) -> bool:
    """Grant officers reject from any reviewable state; finance only a recommended one
    (a recommendation it will not fund). Whoever scored the application takes no finance
    decision on it, a rejection included."""
    if _is_member(app, user) or _scored(app, user):
        return False
    if has_role(user, Role.GRANT_OFFICERS):
        return True
    return app.status == S.RECOMMENDED and has_role(user, Role.FINANCE)


def budget_approver(app: Application, user) -> bool:
    """Finance, not a member of the organisation and not one of the application's reviewers
    (the reviewer who scored cannot also approve the money)."""
    if not has_role(user, Role.FINANCE) or _is_member(app, user):
        return False
    return not app.reviews.filter(reviewer=user).exists()


def _action(label, **kwargs):
    return action(label, **kwargs)


#: What the applicant writes; staff do not edit it once the application is submitted.
APPLICANT_CONTENT_FIELDS = (
    "title",
    "summary",
    "municipality",
    "community",
    "target_groups",
    "planned_start",
    "planned_end",
)

APPLICANT_INPUTS = (COMMENT,)
STAFF_INPUTS = (COMMENT, INTERNAL_COMMENT)


class Application(CaseModel, ClusterableModel):
    """An organisation's application to a call: the grant case.

    ``requested_amount``, ``own_contribution`` and ``total_cost`` are kept equal to the sums
    of the budget lines by :meth:`recalculate_totals`, the one place they are computed
    (wired to every budget-line save and delete in ``grants.signals``); a database
    constraint keeps ``total_cost = requested + own``.
    """

    call = models.ForeignKey(
        GrantCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "kopiena_grants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title = models.CharField(_("project title"), max_length=255)
    #: The municipality's own case number (e.g. from its document system or an earlier
    #: spreadsheet); imports match existing applications by it. Unique when given.
    reference = models.CharField(_("reference number"), max_length=50, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("Where the project takes place."),
    )
    community = models.CharField(
        _("community"),
        max_length=255,
        blank=True,
        help_text=_("The neighbourhood, parish or community the project is for."),
    )
    target_groups = ParentalManyToManyField(
        "kopiena_casework.TargetGroup",
        verbose_name=_("target groups"),
        related_name="applications",
        blank=True,
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)

    requested_amount = money_field(_("requested amount (EUR)"), default=ZERO, editable=False)
    own_contribution = money_field(_("own contribution (EUR)"), default=ZERO, editable=False)
    total_cost = money_field(_("total cost (EUR)"), default=ZERO, editable=False)
    approved_amount = money_field(_("approved amount (EUR)"), null=True, blank=True, editable=False)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    #: Changed only by the transitions (``protected``) and never shown in an edit form.
    status = FSMField(
        _("status"),
        choices=ApplicationStatus.choices,
        default=S.DRAFT,
        protected=True,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    #: Counts the versions reviewers score: raised when the application comes back after
    #: "request changes" with a changed text or budget (see :meth:`submit`).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    #: What was submitted last (:meth:`content_snapshot`), to tell a changed resubmission.
    submitted_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    #: Required reviews the officer waived, each with a reason in the case history.
    reviews_waived = models.PositiveSmallIntegerField(
        _("reviews waived"), default=0, editable=False
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["call", "status"], name="kopiena_grants_app_call_status"),
            models.Index(fields=["organisation", "status"], name="kopiena_grants_app_org_status"),
            # The listings' order: a page of the newest is read from the index, not by
            # sorting every application.
            models.Index(fields=["-created_at", "-id"], name="kopiena_grants_app_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="kopiena_grants_application_unique_reference",
                violation_error_message=_("An application with this reference number exists."),
            ),
            # Round(): SQLite adds decimals as floating point.
            models.CheckConstraint(
                condition=Q(total_cost=Round(F("requested_amount") + F("own_contribution"), 2)),
                name="kopiena_grants_application_total_is_requested_plus_own",
                violation_error_message=_("Total cost must equal requested plus own."),
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0, own_contribution__gte=0),
                name="kopiena_grants_application_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | Q(approved_amount__gt=0, approved_amount__lte=F("requested_amount")),
                name="kopiena_grants_application_approved_within_requested",
                violation_error_message=_("The approved amount cannot exceed the requested."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """What an edit form can check on its own; the call's rules are checked at submit."""
        super().clean()
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The project must end after it starts.")})

    # --- derived ---------------------------------------------------------------------------

    def case_reference(self) -> str:
        """The reference number it came with (an import's ``LS-2024-001``), else
        ``PIE-2026-0042``: the year the application was started and its number."""
        if self.reference:
            return self.reference
        year = timezone.localtime(self.created_at, RIGA).year if self.created_at else ""
        return f"{REFERENCE_PREFIX}-{year}-{self.pk or 0:04d}"

    def staff_locked_fields(self) -> tuple[str, ...]:
        """Once submitted, what the applicant wrote is theirs: staff ask for changes
        instead of editing it (the reference and the decision record stay editable)."""
        return () if self.status == S.DRAFT else APPLICANT_CONTENT_FIELDS

    @property
    def budget_editable(self) -> bool:
        """The applicant edits the application and its budget lines only in these states."""
        return self.status in EDITABLE_STATES

    def duration_months(self) -> int | None:
        if not (self.planned_start and self.planned_end):
            return None
        return months_between(self.planned_start, self.planned_end)

    def recalculate_totals(self) -> None:
        """Set requested, own and total from the saved budget lines — the only place that
        computes them. Writes with ``update()`` (no ``save()``: the state field and the
        concurrency check stay out of it)."""
        requested = own = ZERO
        for line_requested, line_own in BudgetLine.objects.filter(
            application_id=self.pk
        ).values_list("requested", "own"):
            requested += line_requested
            own += line_own
        self.requested_amount = requested
        self.own_contribution = own
        self.total_cost = requested + own
        if self.pk:
            type(self).objects.filter(pk=self.pk).update(
                requested_amount=requested, own_contribution=own, total_cost=requested + own
            )

    def completed_reviews(self):
        """The completed reviews of the current version (a changed resubmission reopens
        the earlier ones: :meth:`submit`)."""
        return self.reviews.completed().prefetch_related("scores__criterion")

    @property
    def required_reviews(self) -> int:
        """The reviews the call requires less those the officer waived (at least one)."""
        return max(self.call.reviews_required - self.reviews_waived, 1)

    def content_snapshot(self) -> dict:
        """What the applicant submitted, as text: compared at the next submit to tell
        whether reviewers must score a new version."""
        lines = [
            [
                line.category,
                line.description,
                str(line.quantity),
                line.unit,
                str(line.unit_cost),
                str(line.requested),
                str(line.own),
            ]
            for line in self.budget_lines.all()
        ]
        return {
            "title": self.title,
            "summary": self.summary,
            "community": self.community,
            "municipality": self.municipality_id,
            "planned_start": self.planned_start.isoformat() if self.planned_start else "",
            "planned_end": self.planned_end.isoformat() if self.planned_end else "",
            "requested_amount": str(self.requested_amount),
            "total_cost": str(self.total_cost),
            "budget_lines": lines,
        }

    def snapshot_changes(self, before: dict, after: dict) -> list[str]:
        """What changed between two snapshots, as a person reads it."""
        labels = {
            "title": gettext("title"),
            "summary": gettext("summary"),
            "community": gettext("community"),
            "municipality": gettext("municipality"),
            "planned_start": gettext("planned start"),
            "planned_end": gettext("planned end"),
            "budget_lines": gettext("budget lines"),
        }
        changes = []
        for key in ("requested_amount", "total_cost"):
            if before.get(key) != after.get(key):
                if key == "requested_amount":
                    label = gettext("requested amount")
                else:
                    label = gettext("total cost")
                changes.append(
                    f"{label}: {format_eur(Decimal(before.get(key) or 0))} → "
                    f"{format_eur(Decimal(after.get(key) or 0))}"
                )
        changes += [label for key, label in labels.items() if before.get(key) != after.get(key)]
        return changes

    def _start_new_version(self, user, changes: list[str]) -> None:
        """The application came back changed: the completed reviews scored the earlier
        version, stay visible as such, and no longer count until they are done again."""
        from kopiena.casework import audit

        previous = self.version
        self.version += 1
        for review in self.reviews.completed().prefetch_related("scores__criterion"):
            review.earlier_version = previous
            review.earlier_total = review.weighted_total
            review.completed_at = None
            review.save(update_fields=["earlier_version", "earlier_total", "completed_at"])
        audit.log_note(
            self,
            user,
            event="new_version",
            text=gettext(
                "Version %(version)d submitted; reviews of version %(previous)d no longer "
                "count. Changed: %(changes)s."
            )
            % {"version": self.version, "previous": previous, "changes": "; ".join(changes)},
            changes=changes,
        )

    def review_totals(self) -> list[Decimal]:
        """Each completed review's weighted total (0–100)."""
        return [review.weighted_total for review in self.completed_reviews()]

    @property
    def weighted_total(self) -> Decimal | None:
        """The mean of the completed reviews' weighted totals, as a percentage (2 places);
        ``None`` before the first review is completed."""
        totals = self.review_totals()
        if not totals:
            return None
        return (sum(totals) / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def spread(self) -> Decimal | None:
        """Highest minus lowest weighted total of the completed reviews: a large spread
        means the reviewers disagree and the officer should look closer."""
        totals = self.review_totals()
        if not totals:
            return None
        return max(totals) - min(totals)

    # --- the lifecycle ---------------------------------------------------------------------

    @transition(
        field=status,
        source=[S.DRAFT, S.CHANGES_REQUESTED],
        target=S.SUBMITTED,
        permission=applicant,
        custom=_action(_("Submit"), inputs=APPLICANT_INPUTS),
    )
    def submit(self, *, user, inputs):
        self.submitted_at = timezone.now()
        snapshot = self.content_snapshot()
        if self.status == S.CHANGES_REQUESTED and self.submitted_snapshot:
            changes = self.snapshot_changes(self.submitted_snapshot, snapshot)
            if changes:
                self._start_new_version(user, changes)
        self.submitted_snapshot = snapshot

    @transition(
        field=status,
        source=[S.SUBMITTED, S.IN_REVIEW],
        target=S.CHANGES_REQUESTED,
        permission=grant_officer,
        custom=_action(
            _("Request changes"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("What to change"),
            style="secondary",
        ),
    )
    def request_changes(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.IN_REVIEW,
        permission=grant_officer,
        custom=_action(_("Start review"), inputs=STAFF_INPUTS),
    )
    def start_review(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=S.IN_REVIEW,
        target=S.RECOMMENDED,
        permission=grant_officer,
        custom=_action(_("Recommend for funding"), inputs=STAFF_INPUTS),
    )
    def recommend(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=[S.SUBMITTED, S.IN_REVIEW, S.RECOMMENDED],
        target=S.REJECTED,
        permission=rejecter,
        custom=_action(
            _("Reject"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason"),
            style="warning",
            confirm=_("Reject this application? The applicant is told the reason."),
        ),
    )
    def reject(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=S.RECOMMENDED,
        target=S.APPROVED,
        permission=budget_approver,
        custom=_action(_("Approve budget"), inputs=(AMOUNT, *STAFF_INPUTS), required=(AMOUNT,)),
    )
    def approve_budget(self, *, user, inputs):
        self.approved_amount = inputs.amount
        if inputs.extra.get("decision_reference"):
            self.decision_reference = str(inputs.extra["decision_reference"])[:100]
        decision_date = inputs.extra.get("decision_date")
        if isinstance(decision_date, str):
            decision_date = dt.date.fromisoformat(decision_date)
        self.decision_date = decision_date or timezone.localdate(timezone=RIGA)

    @transition(
        field=status,
        source=S.APPROVED,
        target=S.REPORT_SUBMITTED,
        permission=applicant,
        custom=_action(_("Submit report"), inputs=APPLICANT_INPUTS),
    )
    def submit_report(self, *, user, inputs):
        self.report.submitted_at = timezone.now()
        self.report.save(update_fields=["submitted_at"])

    @transition(
        field=status,
        source=S.REPORT_SUBMITTED,
        target=S.APPROVED,
        permission=officer_or_finance,
        custom=_action(
            _("Return report"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("What to correct"),
            style="secondary",
        ),
    )
    def return_report(self, *, user, inputs):
        self.report.submitted_at = None
        self.report.save(update_fields=["submitted_at"])

    @transition(
        field=status,
        source=S.REPORT_SUBMITTED,
        target=S.COMPLETED,
        permission=grant_officer,
        custom=_action(_("Accept report"), inputs=STAFF_INPUTS),
    )
    def accept_report(self, *, user, inputs):
        self.report.accepted_at = timezone.now()
        self.report.save(update_fields=["accepted_at"])

    @transition(
        field=status,
        source=list(WITHDRAWABLE_STATES),
        target=S.WITHDRAWN,
        permission=applicant,
        custom=_action(
            _("Withdraw"),
            inputs=APPLICANT_INPUTS,
            style="warning",
            confirm=_("Withdraw this application? This cannot be undone."),
        ),
    )
    def withdraw(self, *, user, inputs):
        pass

    # --- guards ----------------------------------------------------------------------------

    def transition_errors(self, action, user, inputs):
        """Field-level messages refusing ``action`` (see the ``_<action>_errors`` methods);
        the service calls this inside its transaction after the row lock."""
        check = getattr(self, f"_{action}_errors", None)
        if check is None:
            return {}
        return {field: messages for field, messages in check(user, inputs).items() if messages}

    def _submit_errors(self, user, inputs) -> dict[str, list]:
        errors: dict[str, list] = defaultdict(list)
        call = self.call
        # Only the first submission must be on time: a resubmission after "changes
        # requested" answers the officer and may come after the deadline.
        if self.status == S.DRAFT and not call.is_open():
            if timezone.now() < call.opens_at:
                message = gettext("The call opens on %(date)s (Latvian time).")
                moment = call.opens_at_riga()
            else:
                message = gettext("The call closed on %(date)s (Latvian time).")
                moment = call.closes_at_riga()
            errors["call"].append(message % {"date": date_format(moment, "DATETIME_FORMAT")})

        lines = list(self.budget_lines.all())
        if not lines:
            errors["budget_lines"].append(gettext("Add at least one budget line."))
        for number, line in enumerate(lines, start=1):
            if line.line_total != line.amount:
                errors["budget_lines"].append(
                    gettext("Line %(number)d: %(message)s")
                    % {"number": number, "message": line.total_mismatch_message()}
                )
        if lines:
            self._budget_rule_errors(call, lines, errors)
        self._date_errors(call, errors)

        organisation = self.organisation
        if not call.accepts_legal_form(organisation.legal_form):
            errors["organisation"].append(
                gettext("Organisations of the legal form “%(form)s” cannot apply to this call.")
                % {"form": organisation.get_legal_form_display()}
            )
        if call.public_benefit_required and not organisation.public_benefit:
            errors["organisation"].append(
                gettext("This call is only for organisations with public-benefit status.")
            )
        if (
            call.social_service_provider_required
            and not organisation.registered_social_service_provider
        ):
            errors["organisation"].append(
                gettext("This call is only for registered social service providers.")
            )
        return errors

    def _budget_rule_errors(self, call, lines, errors) -> None:
        requested = sum((line.requested for line in lines), ZERO)
        total = sum((line.amount for line in lines), ZERO)
        if requested > call.max_grant:
            errors["requested_amount"].append(
                gettext(
                    "The requested amount (%(amount)s) is above the call's maximum grant (%(max)s)."
                )
                % {"amount": format_eur(requested), "max": format_eur(call.max_grant)}
            )
        if requested < call.min_grant:
            errors["requested_amount"].append(
                gettext(
                    "The requested amount (%(amount)s) is below the call's minimum grant (%(min)s)."
                )
                % {"amount": format_eur(requested), "min": format_eur(call.min_grant)}
            )
        # Exact comparison: 90 % of 333.33 is 299.997, so 299.99 passes and 300.00 does not.
        if requested > call.funding_rate * total:
            errors["requested_amount"].append(
                gettext(
                    "The call pays at most %(rate)s of the total cost, i.e. %(limit)s; "
                    "increase your own contribution."
                )
                % {
                    "rate": format_percent(call.funding_rate),
                    "limit": format_eur((call.funding_rate * total).quantize(CENT, ROUND_DOWN)),
                }
            )
        # Infrastructure counts with its co-financing: the share is of the project's cost.
        infrastructure = sum(
            (line.amount for line in lines if line.category == BudgetCategory.INFRASTRUCTURE),
            ZERO,
        )
        if infrastructure > call.infrastructure_share * total:
            errors["budget_lines"].append(
                gettext(
                    "Infrastructure costs (%(amount)s) exceed %(share)s of the total cost "
                    "(at most %(limit)s)."
                )
                % {
                    "amount": format_eur(infrastructure),
                    "share": format_percent(call.infrastructure_share),
                    "limit": format_eur(
                        (call.infrastructure_share * total).quantize(CENT, ROUND_DOWN)
                    ),
                }
            )

    def _date_errors(self, call, errors) -> None:
        if not self.planned_start:
            errors["planned_start"].append(gettext("Enter the planned start date."))
        if not self.planned_end:
            errors["planned_end"].append(gettext("Enter the planned end date."))
        if self.planned_start and self.planned_end:
            if self.planned_end < self.planned_start:
                errors["planned_end"].append(gettext("The project must end after it starts."))
            elif self.duration_months() > call.max_duration_months:
                errors["planned_end"].append(
                    gettext("The project runs %(months)d months; the call allows at most %(max)d.")
                    % {"months": self.duration_months(), "max": call.max_duration_months}
                )

    def _start_review_errors(self, user, inputs):
        if not self.reviews.without_conflict().exists():
            message = gettext("Assign at least one reviewer without a conflict of interest.")
            return {"reviews": [message]}
        return {}

    def _review_count_errors(self) -> list:
        done = self.reviews.completed().count()
        required = self.required_reviews
        if done >= required:
            return []
        message = gettext("%(done)d of the %(required)d required reviews are completed.") % {
            "done": done,
            "required": required,
        }
        if self.version > 1:
            message += " " + gettext(
                "Reviews of an earlier version do not count; the reviewers score version "
                "%(version)d."
            ) % {"version": self.version}
        return [message]

    def _recommend_errors(self, user, inputs):
        errors = self._review_count_errors()
        return {"reviews": errors} if errors else {}

    def _approve_budget_errors(self, user, inputs):
        amount = inputs.amount
        if amount is None:
            return {}  # the service reports the missing amount
        stale = self.reviews.filter(earlier_version__isnull=False, completed_at__isnull=True)
        if stale.exists():
            # Recommended on reviews of an earlier version: they do not carry a new amount.
            return {
                "reviews": [
                    gettext(
                        "Reviews of an earlier version are not yet done again for version "
                        "%(version)d; the budget cannot be approved on them."
                    )
                    % {"version": self.version}
                ]
            }
        if amount <= 0:
            return {AMOUNT: [gettext("The amount must be greater than zero.")]}
        if amount > self.requested_amount:
            return {
                AMOUNT: [
                    gettext(
                        "The approved amount cannot exceed the amount requested (%(requested)s)."
                    )
                    % {"requested": format_eur(self.requested_amount)}
                ]
            }
        # Lock the call's row for the rest of the transaction: approvals of the same call
        # queue here, and each computes the committed total after the previous one commits.
        call = GrantCall.objects.select_for_update(of=("self",)).get(pk=self.call_id)
        remaining = call.remaining_budget
        if amount > remaining:
            return {
                AMOUNT: [
                    gettext(
                        "The call has %(remaining)s left (budget %(budget)s, reserve "
                        "%(reserve)s, committed %(committed)s)."
                    )
                    % {
                        "remaining": format_eur(max(remaining, ZERO)),
                        "budget": format_eur(call.total_budget),
                        "reserve": format_eur(call.reserve),
                        "committed": format_eur(call.available_budget - remaining),
                    }
                ]
            }
        return {}

    def _submit_report_errors(self, user, inputs):
        report = getattr(self, "report", None)  # RelatedObjectDoesNotExist is an AttributeError
        if report is None:
            return {"report": [gettext("Write the report before submitting it.")]}
        errors: dict[str, list] = defaultdict(list)
        if not report.narrative.strip():
            errors["narrative"].append(gettext("Describe what the project did."))
        missing = report.missing_lines()
        if missing:
            errors["report_lines"].append(
                gettext("Enter the actual spending for every budget line; missing: %(lines)s.")
                % {"lines": "; ".join(line.description for line in missing)}
            )
        for row in report.lines_needing_justification():
            errors["report_lines"].append(
                gettext(
                    "“%(line)s”: %(actual)s spent against %(planned)s approved, more than "
                    "%(tolerance)s over; explain this line."
                )
                % {
                    "line": row.budget_line.description,
                    "actual": format_eur(row.actual_amount),
                    "planned": format_eur(row.planned_amount),
                    "tolerance": format_percent(self.call.overspend_tolerance),
                }
            )
        return errors

    # --- what a decision is made on ---------------------------------------------------------

    def transition_facts(self, action, user):
        """Finance and the officer decide with the facts on the form: the amounts, every
        completed review, the officer's recommendation and the call's money."""
        if action not in ("approve_budget", "recommend", "reject"):
            return []
        from kopiena.casework import audit

        facts = [
            (gettext("Requested"), format_eur(self.requested_amount)),
            (gettext("Own contribution"), format_eur(self.own_contribution)),
            (gettext("Total cost"), format_eur(self.total_cost)),
        ]
        reviews = list(self.completed_reviews().select_related("reviewer"))
        lines = [
            f"{r.reviewer.get_full_name() or r.reviewer.get_username()}: "
            f"{number_format(r.weighted_total, 2)} %, {r.get_recommendation_display()}"
            for r in reviews
        ]
        facts.append(
            (
                gettext("Reviews (%(done)d of %(required)d required)")
                % {"done": len(reviews), "required": self.required_reviews},
                "\n".join(lines) or gettext("none completed"),
            )
        )
        if reviews:
            facts.append((gettext("Weighted total"), f"{number_format(self.weighted_total, 2)} %"))
        recommended = [e for e in audit.entries_for(self) if e.data.get("action") == "recommend"]
        if recommended:
            data = recommended[-1].data
            comment = " · ".join(
                part for part in (data.get("comment"), data.get("internal_comment")) if part
            )
            facts.append((gettext("The officer's recommendation"), comment or "—"))
        call = self.call
        facts += [
            (gettext("Call budget"), format_eur(call.total_budget)),
            (gettext("Reserve"), format_eur(call.reserve)),
            (gettext("Committed"), format_eur(call.committed_amount)),
            (gettext("Remaining"), format_eur(call.remaining_budget)),
        ]
        return facts

    # --- notifications ----------------------------------------------------------------------

    def notification_recipients(self, action, source, target):
        """Members of the organisation on every change; grant officers when an application
        or its report is submitted; finance when one is recommended."""
        users = get_user_model().objects.filter(is_active=True)
        recipients = [
            (user, APPLICANT)
            for user in users.filter(memberships__organisation=self.organisation_id)
        ]
        if action in ("submit", "submit_report"):
            officers = users.filter(groups__name=Role.GRANT_OFFICERS).distinct()
            recipients += [(user, STAFF) for user in officers]
        if target == S.RECOMMENDED:
            finance = users.filter(groups__name=Role.FINANCE).distinct()
            recipients += [(user, STAFF) for user in finance]
        return recipients

    def notification_url(self, audience: str) -> str:
        """Where the e-mail links: the portal's page of the application for applicants,
        the admin's inspect view for staff (once the grants admin registers the case type);
        "" when the URL is not wired."""
        base = conf.base_url()
        if audience != STAFF:
            try:
                return base + reverse("portal:application_detail", args=[self.pk])
            except NoReverseMatch:
                return ""
        from wagtail import hooks

        from kopiena.casework.registry import case_types

        hooks.search_for_hooks()  # the case types register themselves in wagtail_hooks
        for case_type in case_types():
            if case_type.model is type(self):
                try:
                    return base + reverse(case_type.inspect_url_name(), args=[self.pk])
                except NoReverseMatch:
                    return ""
        return ""


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    SERVICES = "services", _("Services")
    MATERIALS = "materials", _("Materials")
    TRANSPORT = "transport", _("Transport")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    OTHER = "other", _("Other")


class BudgetLine(Orderable):
    """One line of the cost estimate (izdevumu tāme): quantity × unit cost, split into the
    amount requested from the call and the applicant's own co-financing."""

    application = ParentalKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(
        _("category"), max_length=20, choices=BudgetCategory.choices, default=BudgetCategory.OTHER
    )
    description = models.CharField(_("description"), max_length=255)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. h, pcs, month"))
    unit_cost = money_field(_("unit cost (EUR)"))
    requested = money_field(_("requested from the call (EUR)"), default=ZERO)
    own = money_field(_("own contribution (EUR)"), default=ZERO)

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested__gte=0, own__gte=0, unit_cost__gte=0, quantity__gt=0),
                name="kopiena_grants_budgetline_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def line_total(self) -> Decimal:
        """Quantity × unit cost, rounded to cents."""
        return (self.quantity * self.unit_cost).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def amount(self) -> Decimal:
        """Requested + own: what the line costs the project."""
        return (self.requested or ZERO) + (self.own or ZERO)

    def total_mismatch_message(self) -> str:
        message = gettext(
            "requested + own (%(amount)s) must equal quantity × unit cost (%(total)s)."
        )
        return message % {
            "amount": format_eur(self.amount),
            "total": format_eur(self.line_total),
        }

    def clean(self):
        super().clean()
        if None in (self.quantity, self.unit_cost, self.requested, self.own):
            return
        if self.line_total != self.amount:
            raise ValidationError({"requested": self.total_mismatch_message()})
