"""The participatory budget's own admin views, beside the generic viewsets: a process's
counts (votes per project — never who voted for what), paper ballot entry, publishing the
results, an idea entered for a person, a merge (the transition with the other idea chosen)
and a reserve draw asked for. Wired in ``wagtail_hooks.py``; every write is a service call.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import HeaderButton

from kopiena.casework.views import CaseInspectView, TransitionView

from . import counting, services
from .forms import CodesForm, PaperBallotForm, ReserveDrawForm, StaffIdeaForm
from .models import Idea, IdeaStatus, Process
from .roles import is_staff


class _Titled:
    """The page's title as the last breadcrumb (the slim header shows the breadcrumbs)."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class _StaffOnly:
    def dispatch(self, request, *args, **kwargs):
        if not is_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProcessCountView(_Titled, WagtailAdminTemplateMixin, TemplateView):
    """Votes per project and the count as it stands (staff see it while the vote runs;
    the public after the results date)."""

    template_name = "kopiena_participation/admin/count.html"
    page_title = gettext_lazy("Ballot counts")
    header_icon = "list-ol"

    def get_context_data(self, **kwargs):
        process = get_object_or_404(Process, pk=self.kwargs["pk"])
        context = super().get_context_data(**kwargs)
        ideas = {i.number: i for i in Idea.objects.filter(process=process).on_ballot()}
        results = []
        for result in counting.count_process(process):
            won = set(result.winner_numbers)
            results.append(
                (
                    result,
                    [(p, ideas.get(p.number), p.number in won) for p in result.ranked],
                )
            )
        context.update(
            process=process,
            results=results,
            ballots=process.ballots.count(),
            paper=process.ballots.filter(paper=True).count(),
            may_publish=is_staff(self.request.user)
            and process.ideas.filter(status=IdeaStatus.FEASIBLE).exists(),
        )
        return context

    def get_page_subtitle(self):
        return str(get_object_or_404(Process, pk=self.kwargs["pk"]))

    def post(self, request, *args, **kwargs):
        process = get_object_or_404(Process, pk=self.kwargs["pk"])
        try:
            services.publish_results(process, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("The results are published: winners marked, authors told."))
        return redirect(request.path)


class PaperBallotView(_StaffOnly, _Titled, WagtailAdminTemplateMixin, FormView):
    template_name = "kopiena_participation/admin/form.html"
    page_title = gettext_lazy("Enter a paper ballot")
    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.process = get_object_or_404(Process, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.process)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "process": self.process}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.enter_paper_ballot(
                self.process,
                self.request.user,
                data["person_code"],
                [i.pk for i in data["ideas"]],
                services.Eligibility(
                    birth_year=data["birth_year"],
                    resident=data["resident"],
                    verification_code=data["verification_code"],
                ),
            )
        except ValidationError as exc:
            refusal = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for name, errors in refusal.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The paper ballot is entered."))
        return redirect(self.request.path)

    form_class = PaperBallotForm


class VerificationCodesView(_StaffOnly, _Titled, WagtailAdminTemplateMixin, FormView):
    """Single-use verification codes generated for a process: shown once, stored hashed."""

    template_name = "kopiena_participation/admin/codes.html"
    page_title = gettext_lazy("Verification codes")
    header_icon = "key"
    form_class = CodesForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.process = get_object_or_404(Process, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.process)

    def get_context_data(self, **kwargs):
        codes = self.process.verification_codes
        return super().get_context_data(
            process=self.process,
            generated=codes.count(),
            used=codes.filter(ballot__isnull=False).count(),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            codes = services.generate_codes(
                self.process, data["count"], data["channel"], self.request.user
            )
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=CodesForm(), codes=codes))


class StaffIdeaView(_StaffOnly, _Titled, WagtailAdminTemplateMixin, FormView):
    """An idea received on paper or at a support point, entered for the person."""

    template_name = "kopiena_participation/admin/form.html"
    page_title = gettext_lazy("Enter an idea for a person")
    header_icon = "doc-full"
    form_class = StaffIdeaForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.process = get_object_or_404(Process, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.process)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "process": self.process}

    def form_valid(self, form):
        try:
            idea = services.submit_idea(
                self.process, form.cleaned_data, entered_by=self.request.user
            )
        except ValidationError as exc:
            refusal = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for name, errors in refusal.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Idea %(ref)s entered.") % {"ref": idea.case_reference()})
        return redirect(reverse("kopiena_participation_idea:inspect", args=[idea.pk]))


class IdeaTransitionView(TransitionView):
    """The merge names the other idea; every other action is the generic form."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.action.name == "merge":
            form.fields["merged_into"] = forms.ModelChoiceField(
                label=_("Merge into"),
                queryset=Idea.objects.filter(process_id=self.object.process_id)
                .exclude(pk=self.object.pk)
                .exclude(status__in=[IdeaStatus.MERGED, IdeaStatus.NOT_FEASIBLE]),
            )
        return form

    def form_valid(self, form):
        if self.action.name == "merge":
            original = form.to_input
            target = form.cleaned_data["merged_into"].pk
            form.to_input = lambda **extra: original(merged_into=target, **extra)
        return super().form_valid(form)


class ReserveDrawRequestView(_StaffOnly, _Titled, WagtailAdminTemplateMixin, FormView):
    template_name = "kopiena_participation/admin/form.html"
    page_title = gettext_lazy("Ask finance for money from the reserve")
    header_icon = "resubmit"
    form_class = ReserveDrawForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.idea = get_object_or_404(Idea.objects.select_related("process"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.idea)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            draw = services.request_reserve_draw(
                self.idea, data["amount"], data["reason"], self.request.user
            )
        except ValidationError as exc:
            refusal = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for name, errors in refusal.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Sent to finance for a decision."))
        return redirect(reverse("kopiena_participation_draw:inspect", args=[draw.pk]))


class IdeaInspectView(CaseInspectView):
    """An idea's page with its actions, and for a winner the way to ask finance for money
    from the reserve."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.status in Idea.WINNING_STATES and is_staff(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Ask for money from the reserve"),
                    url=reverse("kopiena_participation_idea:reserve_draw", args=[self.object.pk]),
                    icon_name="resubmit",
                    attrs={"data-reserve-draw": "1"},
                )
            )
        return buttons


class ProcessInspectView(InspectView):
    """A process with the way to its counts, paper ballots and ideas entered for people."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        pk = self.object.pk
        for label, name in (
            (_("Ballot counts"), "count"),
            (_("Enter a paper ballot"), "paper_ballot"),
            (_("Verification codes"), "codes"),
            (_("Enter an idea for a person"), "staff_idea"),
        ):
            buttons.append(
                HeaderButton(label, url=reverse(f"kopiena_participation_process:{name}", args=[pk]))
            )
        return buttons
