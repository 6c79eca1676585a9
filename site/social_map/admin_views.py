"""The social map's admin views: a proposal's inspect page with the diff (and the entry as
it is now when it changed meanwhile), an entry's inspect page, and the entry form for
editors, whose save publishes an editor's proposal (one door for every content change).

Wired in ``wagtail_hooks.py``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from kopiena.casework.views import CaseIndexView, CaseInspectView
from kopiena.casework.workflow import TransitionRefused

from . import entries, proposals
from .forms import EntryForm
from .models import Organization, Proposal, ProposalStatus, Service
from .roles import is_editor
from .urls import public_service_url


class ProposalInspectView(CaseInspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        current = None
        if proposal.service_id and proposal.status == ProposalStatus.SUBMITTED:
            now = entries.snapshot(proposal.service)
            if entries.digest(now) != proposal.base_digest:
                current = now
        context.update(
            diff=entries.diff(proposal.base_data, proposal.data, current),
            conflict=current is not None,
            proposal=proposal,
        )
        return context


class ServiceIndexView(CaseIndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if is_editor(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Add an entry"),
                    url=reverse("kopiena_social_map_service:entry_new"),
                    icon_name="plus",
                )
            )
        return buttons


class ServiceInspectView(CaseInspectView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if is_editor(self.request.user):
            buttons.insert(
                0,
                HeaderButton(
                    _("Edit the entry"),
                    url=reverse("kopiena_social_map_service:entry_edit", args=[self.object.pk]),
                    icon_name="edit",
                ),
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.object
        context.update(
            document_rows=entries.diff(None, entries.snapshot(service)),
            proposals=Proposal.objects.filter(service=service).for_listing()[:20],
            public_url=public_service_url(service),
        )
        return context


class OrganizationChoiceForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organization.objects.order_by("name")
    )


class EntryEditorMixin(WagtailAdminTemplateMixin):
    template_name = "kopiena_social_map/admin/entry_form.html"
    header_icon = "edit"

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save(self, form, organization, service=None):
        document = form.to_document()
        base = entries.snapshot(service) if service is not None else None
        try:
            proposals.propose(
                user=self.request.user,
                organization=organization,
                document=document,
                service=service,
                base_data=base or {},
                base_digest=self.request.POST.get("base_digest", "") if service else "",
                source="admin",
            )
        except TransitionRefused as exc:
            for message in exc.errors.get("__all__", [exc.message]):
                form.service.add_error(None, message)
            return None
        return True


class EntryCreateView(EntryEditorMixin, TemplateView):
    page_title = gettext_lazy("New directory entry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("chooser", OrganizationChoiceForm(self.request.GET or None))
        chooser = context["chooser"]
        if chooser.is_bound and chooser.is_valid():
            organization = chooser.cleaned_data["organization"]
            context.setdefault("form", EntryForm(organization=organization))
            context["organization"] = organization
        return context

    def post(self, request, *args, **kwargs):
        organization = get_object_or_404(Organization, pk=request.POST.get("organization"))
        form = EntryForm(request.POST, organization=organization)
        if form.is_valid() and self.save(form, organization):
            messages.success(request, _("The entry is published."))
            return redirect("kopiena_social_map_service:index")
        chooser = OrganizationChoiceForm({"organization": organization.pk})
        return self.render_to_response(
            self.get_context_data(form=form, chooser=chooser, organization=organization)
        )


class EntryEditView(EntryEditorMixin, TemplateView):
    page_title = gettext_lazy("Edit the directory entry")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.service = get_object_or_404(
            Service.objects.select_related("organization"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.service.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = entries.snapshot(self.service)
        context.setdefault(
            "form", EntryForm(organization=self.service.organization, document=document)
        )
        context.update(
            organization=self.service.organization,
            service=self.service,
            base_digest=entries.digest(document),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = EntryForm(request.POST, organization=self.service.organization)
        if form.is_valid() and self.save(form, self.service.organization, self.service):
            messages.success(request, _("The entry is published."))
            return redirect("kopiena_social_map_service:inspect", self.service.pk)
        return self.render_to_response(self.get_context_data(form=form))
