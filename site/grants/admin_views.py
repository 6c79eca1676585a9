"""Grants admin views that are not plain CRUD: assigning reviewers, a reviewer's own
assignments, and the review form (conflict-of-interest declaration, scores,
recommendation). They call :mod:`grants.reviews`, which checks who may act and validates;
the views only turn its ``ValidationError`` into field messages.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kopiena.casework import audit
from kopiena.casework.registry import inspect_url_for
from kopiena.casework.views import CaseInspectView
from kopiena.grants.roles import Role, has_role

from . import reviews
from .models import Application, Recommendation, ReviewAssignment, ScoringCriterion
from .money import format_percent
from .officers import officers_of
from .querysets import sees_every_application


def _inspect_url(application) -> str:
    return reverse("grants_applications:inspect", args=[application.pk])


def case_documents(application) -> list:
    """The application's attachments (its documents and the report's evidence), when the
    portal that stores them is installed: ``portal.Attachment`` points here, so grants
    reads them through the reverse relation and never imports the portal."""
    related = getattr(application, "attachments", None)
    if related is None:
        return []
    # The conversation's own files are shown with their messages, to those who read them.
    documents = related.exclude(kind="message").select_related("uploaded_by")
    return list(documents.order_by("kind", "uploaded_at", "pk"))


def _apply_errors(form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show a ``ValidationError`` from :mod:`grants.reviews` on the form's fields."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, field_messages in errors.items():
        field = (aliases or {}).get(field, field)
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label=gettext_lazy("Reviewer")
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        assigned = application.reviews.values("reviewer_id")
        members = application.organisation.memberships.values("user_id")
        self.fields["reviewer"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=Role.REVIEWERS)
            .exclude(pk__in=assigned)
            .exclude(pk__in=members)
            .order_by("last_name", "first_name", "username")
            .distinct()
        )
        self.fields["reviewer"].label_from_instance = lambda u: u.get_full_name() or u.username


class AssignReviewerView(WagtailAdminTemplateMixin, FormView):
    """Grant officers assign a reviewer to a submitted or in-review application."""

    template_name = "kopiena_grants/admin/assign_reviewer.html"
    form_class = AssignReviewerForm
    page_title = gettext_lazy("Assign a reviewer")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, Role.GRANT_OFFICERS):
            raise PermissionDenied
        self.application = get_object_or_404(
            Application.objects.visible_to(request.user).select_related("organisation", "call"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("grants_applications:index"),
                "label": Application._meta.verbose_name_plural.capitalize(),
            },
            {"url": _inspect_url(self.application), "label": str(self.application)},
            {"url": "", "label": str(self.page_title)},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.application}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.application,
            assignments=self.application.reviews.select_related("reviewer"),
            not_offered=reviews.not_offered(self.application),
            offered_count=context["form"].fields["reviewer"].queryset.count(),
            required=self.application.required_reviews,
            stale_reviews=[
                a for a in self.application.reviews.all() if a.is_stale and not a.has_conflict
            ],
            version=self.application.version,
            step_url=reverse("grants_applications:review_step", args=[self.application.pk]),
            cancel_url=_inspect_url(self.application),
            action_url=self.request.path,
        )
        return context

    def form_valid(self, form):
        try:
            assignment = reviews.assign_reviewer(
                self.application, form.cleaned_data["reviewer"], by=self.request.user
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(reviewer)s will review “%(application)s”.")
            % {
                "reviewer": assignment.reviewer.get_full_name() or assignment.reviewer.username,
                "application": self.application,
            },
        )
        return redirect(_inspect_url(self.application))


class ReviewStepView(View):
    """POST only: a grant officer reopens a reviewer's declared conflict, waives one
    required review, or confirms that the reviews of an earlier version still stand, each
    with a reason that goes into the case history."""

    def post(self, request, pk):
        if not has_role(request.user, Role.GRANT_OFFICERS):
            raise PermissionDenied
        application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
        reason = request.POST.get("reason", "")[:2000]
        back = reverse("grants_applications:assign_reviewer", args=[pk])
        try:
            if request.POST.get("step") == "reopen":
                assignment = get_object_or_404(
                    application.reviews.all(), pk=request.POST.get("assignment") or 0
                )
                reviews.reopen_conflict(assignment, request.user, reason=reason)
                messages.success(request, _("The conflict of interest is withdrawn."))
            elif request.POST.get("step") == "waive":
                application = reviews.waive_review(application, request.user, reason=reason)
                required = application.required_reviews
                messages.success(
                    request,
                    ngettext(
                        "One required review is waived; %(required)d review is now required.",
                        "One required review is waived; %(required)d reviews are now required.",
                        required,
                    )
                    % {"required": required},
                )
            elif request.POST.get("step") == "confirm":
                count = reviews.confirm_earlier_reviews(application, request.user, reason=reason)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d review of an earlier version counts again.",
                        "%(count)d reviews of an earlier version count again.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(back)


class MyReviewsView(WagtailAdminTemplateMixin, TemplateView):
    """A reviewer's assignments: open ones first, then completed."""

    template_name = "kopiena_grants/admin/my_reviews.html"
    page_title = gettext_lazy("My review assignments")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, Role.REVIEWERS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        # Without an item of its own the header names the page "Home".
        return self.breadcrumbs_items + [{"url": "", "label": str(self.page_title)}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments = (
            ReviewAssignment.objects.for_reviewer(self.request.user)
            .select_related("application__call", "application__organisation")
            .prefetch_related("scores__criterion")  # the completed ones show their total
            .order_by("completed_at", "-assigned_at")
        )
        context["open_assignments"] = [a for a in assignments if not a.is_completed]
        context["completed_assignments"] = [a for a in assignments if a.is_completed]
        return context


NO_CONFLICT = "none"
CONFLICT = "conflict"


class ReviewForm(forms.Form):
    """The declaration comes first and is one choice (no conflict, or a conflict with its
    reason); then the scores and the recommendation."""

    declaration = forms.ChoiceField(
        label=gettext_lazy("Conflict of interest"),
        choices=[
            (
                NO_CONFLICT,
                gettext_lazy(
                    "I declare that I have no conflict of interest with the applicant or the "
                    "project."
                ),
            ),
            (
                CONFLICT,
                gettext_lazy("I have a conflict of interest and withdraw from this review."),
            ),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    conflict_reason = forms.CharField(
        label=gettext_lazy("The conflict of interest (if you have one)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    recommendation = forms.ChoiceField(
        label=gettext_lazy("Recommendation"),
        choices=[("", "—"), *Recommendation.choices],
        required=False,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment to the grant officer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                help_text=_("Weight %(weight)s") % {"weight": format_percent(criterion.weight)},
            )

    def clean(self):
        data = super().clean()
        if data.get("declaration") == CONFLICT and not data.get("conflict_reason", "").strip():
            self.add_error("conflict_reason", _("Say what the conflict of interest is."))
        return data

    def score_fields(self):
        return [self[f"score_{c.pk}"] for c in self.criteria]


class ReviewView(WagtailAdminTemplateMixin, FormView):
    """The assigned reviewer declares a conflict (or none), scores each criterion and
    recommends. Another user's assignment answers 404."""

    template_name = "kopiena_grants/admin/review_form.html"
    form_class = ReviewForm
    page_title = gettext_lazy("Review")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.assignment = get_object_or_404(
            ReviewAssignment.objects.for_reviewer(request.user)
            .select_related("application__call", "application__organisation")
            .prefetch_related(Prefetch("scores")),
            pk=kwargs["pk"],
        )
        self.application = self.assignment.application
        if self.assignment.has_conflict:
            # The declaration ended the assignment: nothing of the application is shown.
            messages.info(
                request,
                _(
                    "You declared a conflict of interest for “%(application)s”; you are "
                    "excluded from its review. Only a grant officer can reopen it."
                )
                % {"application": self.application},
            )
            return redirect("grants_my_reviews")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("grants_my_reviews"), "label": str(MyReviewsView.page_title)},
            {"url": "", "label": f"{self.page_title}: {self.application}"},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = ScoringCriterion.objects.filter(call=self.application.call_id)
        if self.request.method == "GET":
            kwargs["initial"] = {
                "declaration": NO_CONFLICT if self.assignment.has_declared else None,
                "recommendation": self.assignment.recommendation,
                "comment": self.assignment.comment,
                **{f"score_{s.criterion_id}": s.score for s in self.assignment.scores.all()},
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            assignment=self.assignment,
            application=self.application,
            budget_lines=self.application.budget_lines.all(),
            documents=case_documents(self.application),
            cancel_url=reverse("grants_my_reviews"),
            action_url=self.request.path,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["declaration"] == CONFLICT:
                reviews.declare_conflict(
                    self.assignment,
                    self.request.user,
                    has_conflict=True,
                    reason=data["conflict_reason"],
                )
                messages.success(
                    self.request, _("Conflict declared: you are excluded from this review.")
                )
                return redirect("grants_my_reviews")
            if data["declaration"] == NO_CONFLICT:
                self.assignment = reviews.declare_conflict(
                    self.assignment, self.request.user, has_conflict=False
                )
            reviews.complete_review(
                self.assignment,
                self.request.user,
                scores={c.pk: data.get(f"score_{c.pk}") for c in form.criteria},
                recommendation=data.get("recommendation") or "",
                comment=data.get("comment", ""),
            )
        except ValidationError as exc:
            _apply_errors(form, exc, aliases={"declared_no_conflict": "declaration"})
            return self.form_invalid(form)
        messages.success(self.request, _("Review completed. Thank you!"))
        return redirect("grants_my_reviews")


class ApplicationInspectView(CaseInspectView):
    """The case view of an application: budget table, documents, reviews with the weighted
    total and spread, the report with over- and underspend per line, and the history.

    A reviewer (who is neither officer nor finance) reads the other reviews only once their
    own is completed, and the history without internal comments."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        user = self.request.user
        office = sees_every_application(user)
        assignments = list(
            application.reviews.select_related("reviewer").prefetch_related("scores__criterion")
        )
        if not office:
            own_done = any(a.reviewer_id == user.pk and a.is_completed for a in assignments)
            if not own_done:
                assignments = [a for a in assignments if a.reviewer_id == user.pk]
            context["history"] = audit.entries_for(application, audience="reviewer")
        report = getattr(application, "report", None)
        # Initiatives this application co-finances (community_work links them, if installed).
        initiatives = getattr(application, "community_initiatives", None)
        context["initiatives"] = [
            (initiative, inspect_url_for(initiative))
            for initiative in (initiatives.all() if initiatives is not None else [])
        ]
        context.update(
            budget_lines=application.budget_lines.all(),
            documents=case_documents(application),
            assignments=assignments,
            completed_count=sum(1 for a in assignments if a.is_completed and not a.has_conflict),
            required_reviews=application.required_reviews,
            can_assign=has_role(user, Role.GRANT_OFFICERS)
            and application.status in reviews.ASSIGNABLE_STATES,
            report=report,
            report_lines=report.lines.with_variance() if report else [],
            # Screening: the call's administrative checks, for the office (not reviewers).
            eligibility_checks=application.eligibility_checks() if office else [],
            # Who the officer-bound e-mails go to (grants.officers.officers_of).
            responsible_officers=list(officers_of(application).order_by("last_name", "first_name")),
            officers_named=application.call.officers.exists(),
        )
        return context
