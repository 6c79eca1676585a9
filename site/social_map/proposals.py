"""The writes of proposals that are not one transition: making one (created as a draft and
sent in the same transaction, so its creation is audited and the editors are told), an
editor's own edit (made and published at once), and a returned proposal sent again with
new content. Views (portal, admin) and nothing else call these; every state change inside
runs through ``casework.service.perform_transition``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput

from . import entries
from .models import Organization, Proposal, ProposalKind, ProposedAs, Service
from .roles import is_editor


def role_for(user, organization: Organization, kind: str) -> str:
    """As whom ``user`` proposes for ``organization``; raises ``PermissionDenied`` when
    they may not (a new entry: members and editors only)."""
    if is_editor(user):
        return ProposedAs.EDITOR
    if organization.has_member(user):
        return ProposedAs.MEMBER
    if kind == ProposalKind.CORRECTION and has_confirmed_email(user):
        return ProposedAs.RESIDENT
    raise PermissionDenied(_("You may not propose entries for this organisation."))


def has_confirmed_email(user) -> bool:
    """A portal account is active only once its e-mail address was confirmed (sign-up link
    or invitation link), so an active account with an address is a confirmed resident."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.email)


def propose(
    *,
    user,
    organization: Organization,
    document: dict,
    service: Service | None = None,
    base_digest: str = "",
    base_data: dict | None = None,
    note: str = "",
    source: str = "portal",
) -> Proposal:
    """Make a proposal and send it. An editor's proposal is published at once (their edit).

    Raises :class:`~kopiena.casework.workflow.TransitionRefused` (e.g. ``GuardFailed`` with
    the form's messages, or the entry changed since ``base_digest``); nothing is written
    then.
    """
    kind = ProposalKind.CORRECTION if service is not None else ProposalKind.NEW
    proposed_as = role_for(user, organization, kind)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            kind=kind,
            organization=organization,
            service=service,
            proposer=user,
            proposed_as=proposed_as,
            note=note[:2000],
            base_data=base_data if base_data is not None else {},
            base_digest=base_digest,
            data=document,
        )
        perform_transition(proposal, "submit", user, TransitionInput(comment=note), source=source)
        if proposed_as == ProposedAs.EDITOR:
            perform_transition(proposal, "publish", user, source=source)
    proposal.refresh_from_db()
    return proposal


def resubmit(proposal: Proposal, *, user, document: dict, note: str = "", source="portal"):
    """Send a returned proposal again with new content. A correction is compared with the
    entry as it is now (the person saw the current entry beside their own values)."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        locked.data = document
        locked.note = note[:2000] or locked.note
        if locked.service_id:
            current = entries.snapshot(locked.service)
            locked.base_data = current
            locked.base_digest = entries.digest(current)
        locked.save(update_fields=["data", "note", "base_data", "base_digest", "updated_at"])
        perform_transition(locked, "submit", user, TransitionInput(comment=note), source=source)
    proposal.refresh_from_db()
    return proposal


def new_organization_for(grants_organisation) -> Organization:
    """The directory's organisation of a portal organisation, made the first time one of
    its members proposes an entry (it is not public by itself: only published entries are)."""
    existing = Organization.objects.filter(grants_organisation=grants_organisation).first()
    if existing is not None:
        return existing
    return Organization.objects.create(
        grants_organisation=grants_organisation,
        municipality=grants_organisation.municipality,
        name=grants_organisation.name,
        description=grants_organisation.name,
        email=grants_organisation.contact_email,
        registration_number=grants_organisation.registration_number,
    )
