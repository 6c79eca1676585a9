"""The organisation profile, its members and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kopiena.grants.models import Membership, Organisation

from .. import access, services
from ..forms import InvitationForm, OrganisationForm
from ..models import Invitation
from .common import add_validation_error, portal_login_required


@portal_login_required
def organisation_list(request):
    organisations = access.organisations(request.user).select_related("municipality")
    return render(
        request,
        "kopiena_portal/organisations/list.html",
        {
            "organisations": organisations,
            "is_staff_account": services.is_staff_account(request.user),
        },
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if services.is_staff_account(request.user):
        raise PermissionDenied(_("Staff accounts cannot act for an organisation."))
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(form, request.user)
        messages.success(
            request, _("%(name)s is registered in the portal.") % {"name": organisation.name}
        )
        return redirect("portal:organisation_detail", organisation.pk)
    return render(
        request, "kopiena_portal/organisations/form.html", {"form": form, "creating": True}
    )


@portal_login_required
def organisation_detail(request, pk):
    organisation = access.get_organisation(request.user, pk)
    memberships = organisation.memberships.select_related("user").order_by("role", "user__email")
    applications = access.applications(request.user).filter(organisation=organisation).for_listing()
    is_owner = services.is_owner(organisation, request.user)
    invitations = Invitation.objects.pending().filter(organisation=organisation) if is_owner else []
    return render(
        request,
        "kopiena_portal/organisations/detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "applications": applications,
            "invitations": invitations,
            "is_owner": is_owner,
            "invite_form": InvitationForm() if is_owner else None,
        },
    )


def _owned(request, pk) -> Organisation:
    organisation = access.get_organisation(request.user, pk)
    if not services.is_owner(organisation, request.user):
        raise PermissionDenied(_("Only the organisation's owners may do this."))
    return organisation


@portal_login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = _owned(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The profile is saved."))
        return redirect("portal:organisation_detail", organisation.pk)
    return render(
        request,
        "kopiena_portal/organisations/form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def organisation_invite(request, pk):
    organisation = _owned(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(
                organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(
                request, _("An invitation is sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("portal:organisation_detail", organisation.pk)
    return render(
        request,
        "kopiena_portal/organisations/invite.html",
        {"form": form, "organisation": organisation},
    )


@portal_login_required
@require_http_methods(["POST"])
def invitation_revoke(request, pk, invitation_pk):
    """Withdraw an invitation that has not been accepted yet (owners)."""
    organisation = _owned(request, pk)
    invitation = get_object_or_404(
        Invitation.objects.pending(), pk=invitation_pk, organisation=organisation
    )
    try:
        services.revoke_invitation(invitation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("portal:organisation_detail", organisation.pk)


@portal_login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, pk, membership_pk):
    """Remove a member (owners), or leave the organisation (anyone, for themselves): a
    confirmation page, then the removal."""
    organisation = access.get_organisation(request.user, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organisation=organisation
    )
    leaving = membership.user_id == request.user.pk
    if not leaving and not services.is_owner(organisation, request.user):
        raise PermissionDenied(_("Only the organisation's owners may do this."))
    error = None
    if request.method == "POST":
        try:
            services.remove_member(membership, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if leaving:
                messages.success(
                    request, _("You have left %(name)s.") % {"name": organisation.name}
                )
                return redirect("portal:organisation_list")
            messages.success(
                request,
                _("%(person)s no longer acts for %(name)s.")
                % {
                    "person": membership.user.get_full_name() or membership.user.email,
                    "name": organisation.name,
                },
            )
            return redirect("portal:organisation_detail", organisation.pk)
    return render(
        request,
        "kopiena_portal/organisations/member_remove.html",
        {
            "organisation": organisation,
            "membership": membership,
            "leaving": leaving,
            "error": error,
        },
        status=400 if error else 200,
    )
