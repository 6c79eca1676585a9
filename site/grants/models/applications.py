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
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from kopiena import conf
from kopiena.casework.notifications import APPLICANT, STAFF
from kopiena.casework.workflow import AMOUNT, COMMENT, CaseModel
from kopiena.grants.roles import Role

from ..money import format_eur
from ..querysets import ApplicationQuerySet
from .application_guards import ApplicationGuards
from .application_rules import (
    APPLICANT_CONTENT_FIELDS,
    APPLICANT_INPUTS,
    EDITABLE_STATES,
    REFERENCE_PREFIX,
    STAFF_INPUTS,
    WITHDRAWABLE_STATES,
    ApplicationStatus,
    S,
    _action,
    applicant,
    budget_approver,
    grant_officer,
    months_between,
    officer_or_finance,
    rejecter,
)
from .budget_lines import BudgetLine
from .calls import CENT, RIGA, ZERO, GrantCall, money_field
from .conversation import ApplicationConversation


def _final_report_not_open(application) -> bool:
    return not application.final_report_open()


class Application(ApplicationGuards, ApplicationConversation, CaseModel, ClusterableModel):
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
    #: Set when a grant officer let the final report in before the planned end (the
    #: ``allow_early_report`` step, with its reason in the case history).
    report_allowed_early_at = models.DateTimeField(
        _("final report allowed early at"), null=True, blank=True, editable=False
    )
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

    def final_report_open(self, today: dt.date | None = None) -> bool:
        """The final report may be submitted from the project's planned end (Latvian
        date), or earlier once a grant officer allowed it (``allow_early_report``)."""
        if self.report_allowed_early_at or not self.planned_end:
            return True
        return (today or timezone.localdate(timezone=RIGA)) >= self.planned_end

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
            review.confirmed_for_version = None
            review.save(
                update_fields=[
                    "earlier_version",
                    "earlier_total",
                    "completed_at",
                    "confirmed_for_version",
                ]
            )
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
        source=S.APPROVED,
        target=S.APPROVED,
        permission=grant_officer,
        conditions=[_final_report_not_open],
        custom=_action(
            _("Allow the final report early"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason"),
            style="secondary",
        ),
    )
    def allow_early_report(self, *, user, inputs):
        self.report_allowed_early_at = timezone.now()

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

    # --- what a decision is made on ---------------------------------------------------------

    def transition_facts(self, action, user):
        """Finance and the officer decide with the facts on the form: the amounts, every
        completed review, the officer's recommendation and the call's money; accepting or
        returning a report, planned against actual per line."""
        if action in ("accept_report", "return_report"):
            return self.report_facts()
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
        """Members of the organisation on every change; the application's officers
        (:func:`~kopiena.grants.officers.officers_of`) when it is submitted or resubmitted
        after changes, or its report is submitted; finance when one is recommended."""
        from ..officers import officers_of

        users = get_user_model().objects.filter(is_active=True)
        recipients = [
            (user, APPLICANT)
            for user in users.filter(memberships__organisation=self.organisation_id)
        ]
        if action in ("submit", "submit_report"):
            recipients += [(user, STAFF) for user in officers_of(self)]
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
        from kopiena.casework.registry import inspect_url_for

        try:
            url = inspect_url_for(self)
        except NoReverseMatch:
            return ""
        return base + url if url else ""
