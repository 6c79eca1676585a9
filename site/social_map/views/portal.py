"""The social map in the portal: members see and confirm their organisations' entries and
propose new ones and corrections; any signed-in person with a confirmed e-mail address
proposes corrections. Another person's proposal, or an entry that is neither public nor the
member's own, answers 404. Writes go through :mod:`kopiena.social_map.proposals` and
``casework.service.perform_transition`` only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kopiena.casework import audit
from kopiena.casework.service import available_actions, perform_transition
from kopiena.casework.workflow import GuardFailed, TransitionRefused
from kopiena.portal import access
from kopiena.portal.views.common import portal_login_required

from .. import entries, freshness, proposals
from ..forms import EntryForm, ProposalNoteForm
from ..models import Organization, Proposal, ProposalStatus, Publication, Service
from ..urls import public_service_url


def _own_proposal(user, pk) -> Proposal:
    proposal = Proposal.objects.of_proposer(user).for_listing().filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def _correctable_service(user, pk) -> Service:
    """A public entry, or one of the member's own organisations (flagged or hidden ones
    too); anything else is 404."""
    service = (
        Service.objects.select_related("organization", "organization__municipality")
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    if service.is_public or service.organization.has_member(user):
        return service
    raise Http404


@portal_login_required
def overview(request):
    user = request.user
    organizations = list(
        Organization.objects.for_member(user).select_related("municipality").order_by("name")
    )
    services = (
        Service.objects.filter(organization__in=organizations)
        .exclude(publication=Publication.WITHDRAWN)
        .select_related("organization")
        .order_by("organization__name", "name")
    )
    by_org = {org.pk: [] for org in organizations}
    for service in services:
        by_org[service.organization_id].append(service)
    without_entry = access.organisations(user).filter(directory_entry__isnull=True)
    return render(
        request,
        "kopiena_social_map/portal/overview.html",
        {
            "organizations": [(org, by_org[org.pk]) for org in organizations],
            "without_entry": list(without_entry),
            "proposals": list(Proposal.objects.of_proposer(user).for_listing()[:50]),
            "has_confirmed_email": proposals.has_confirmed_email(user),
        },
    )


def _render_form(request, template_context):
    return render(request, "kopiena_social_map/portal/entry_form.html", template_context)


@portal_login_required
@require_http_methods(["GET", "POST"])
def propose_new(request, org_pk):
    portal_org = access.get_organisation(request.user, org_pk)
    organization = Organization.objects.filter(
        grants_organisation=portal_org
    ).first() or Organization(
        grants_organisation=portal_org,
        municipality=portal_org.municipality,
        name=portal_org.name,
    )
    form = EntryForm(request.POST or None, organization=organization)
    note_form = ProposalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and note_form.is_valid():
        if organization.pk is None:
            organization = proposals.new_organization_for(portal_org)
        try:
            proposal = proposals.propose(
                user=request.user,
                organization=organization,
                document=form.to_document(),
                note=note_form.cleaned_data["note"],
            )
        except TransitionRefused as exc:
            for message in exc.errors.get("__all__", [exc.message]):
                form.service.add_error(None, message)
        else:
            messages.success(request, _("Your proposal is sent. An editor will look at it."))
            return redirect("social_map_portal:proposal", proposal.pk)
    return _render_form(
        request,
        {"form": form, "note_form": note_form, "organization": organization, "new": True},
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def propose_correction(request, pk):
    service = _correctable_service(request.user, pk)
    if not (
        proposals.has_confirmed_email(request.user) or service.organization.has_member(request.user)
    ):
        raise Http404
    current = entries.snapshot(service)
    current_digest = entries.digest(current)
    form = EntryForm(request.POST or None, organization=service.organization, document=current)
    note_form = ProposalNoteForm(request.POST or None, initial={"base_digest": current_digest})
    conflict = None
    if request.method == "POST" and form.is_valid() and note_form.is_valid():
        try:
            proposal = proposals.propose(
                user=request.user,
                organization=service.organization,
                document=form.to_document(),
                service=service,
                base_data=current,
                base_digest=note_form.cleaned_data["base_digest"],
                note=note_form.cleaned_data["note"],
            )
        except GuardFailed as exc:
            messages_ = exc.errors.get("__all__", [exc.message])
            if entries.conflict_message() in messages_:
                conflict = entries.diff(current, form.to_document())
                note_form = ProposalNoteForm(
                    {"note": note_form.cleaned_data["note"], "base_digest": current_digest}
                )
            for message in messages_:
                form.service.add_error(None, message)
        except TransitionRefused as exc:
            form.service.add_error(None, exc.message)
        else:
            messages.success(request, _("Your proposal is sent. An editor will look at it."))
            return redirect("social_map_portal:proposal", proposal.pk)
    return _render_form(
        request,
        {
            "form": form,
            "note_form": note_form,
            "organization": service.organization,
            "service": service,
            "conflict": conflict,
            "public_url": public_service_url(service),
        },
    )


@portal_login_required
@require_POST
def confirm_entry(request, pk):
    service = Service.objects.select_related("organization").filter(pk=pk).first()
    if service is None or not service.organization.has_member(request.user):
        raise Http404
    try:
        perform_transition(service, "confirm", request.user, source="portal")
    except TransitionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: the entry is confirmed as correct."))
    return redirect("social_map_portal:overview")


@portal_login_required
def proposal_detail(request, pk):
    proposal = _own_proposal(request.user, pk)
    return render(
        request,
        "kopiena_social_map/portal/proposal.html",
        {
            "proposal": proposal,
            "diff": entries.diff(proposal.base_data, proposal.data),
            "history": audit.entries_for(proposal, audience="applicant"),
            "actions": {a.name for a in available_actions(proposal, request.user)},
            "public_url": public_service_url(proposal.service) if proposal.service_id else None,
        },
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _own_proposal(request.user, pk)
    if proposal.status != ProposalStatus.RETURNED:
        raise Http404
    form = EntryForm(
        request.POST or None, organization=proposal.organization, document=proposal.data
    )
    note_form = ProposalNoteForm(request.POST or None, initial={"note": proposal.note})
    if request.method == "POST" and form.is_valid() and note_form.is_valid():
        try:
            proposals.resubmit(
                proposal,
                user=request.user,
                document=form.to_document(),
                note=note_form.cleaned_data["note"],
            )
        except TransitionRefused as exc:
            for message in exc.errors.get("__all__", [exc.message]):
                form.service.add_error(None, message)
        else:
            messages.success(request, _("Your proposal is sent again."))
            return redirect("social_map_portal:proposal", proposal.pk)
    return _render_form(
        request,
        {
            "form": form,
            "note_form": note_form,
            "organization": proposal.organization,
            "service": proposal.service,
            "proposal": proposal,
        },
    )


@portal_login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = _own_proposal(request.user, pk)
    try:
        perform_transition(proposal, "withdraw", request.user, source="portal")
    except TransitionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.info(request, _("The proposal is withdrawn."))
    return redirect("social_map_portal:proposal", proposal.pk)


@require_http_methods(["GET", "POST"])
def confirm_by_link(request, token):
    """The "still correct" link of a reminder: a page with the entry and one button (a GET
    that changed data would be "confirmed" by mail scanners opening the link)."""
    link = freshness.read_link(token)
    if link is None:
        return render(request, "kopiena_social_map/portal/link_invalid.html", status=400)
    service, user = link
    if request.method == "POST":
        try:
            perform_transition(service, "confirm", user, source="email")
        except TransitionRefused:
            return render(request, "kopiena_social_map/portal/link_invalid.html", status=400)
        return render(request, "kopiena_social_map/portal/confirmed.html", {"service": service})
    return render(
        request,
        "kopiena_social_map/portal/confirm_link.html",
        {"service": service, "rows": entries.diff(None, entries.snapshot(service)), "token": token},
    )


def changes_by_link(request, token):
    """The "needs changes" link: the correction form (the portal asks to log in first)."""
    link = freshness.read_link(token)
    if link is None:
        return render(request, "kopiena_social_map/portal/link_invalid.html", status=400)
    service, _user = link
    return redirect("social_map_portal:propose_correction", service.pk)
