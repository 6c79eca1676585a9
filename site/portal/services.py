"""The portal's writes that are not case transitions: accounts, organisations, invitations
and attachments. Each one checks who may do it and runs in one transaction; views call
these and nothing else. State changes of an application go through
``casework.service.perform_transition(..., source="portal")``, report text through
``grants.reports.save_report``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kopiena.casework.identifiers import normalize_email, normalize_username
from kopiena.grants.models import Membership, MembershipRole, Organisation
from kopiena.grants.roles import STAFF_ROLES, Role, has_role

from .files import check_upload
from .models import Attachment, Invitation
from .tokens import activation_token

User = get_user_model()


def find_user_by_email(email: str):
    return User.objects.filter(email__iexact=normalize_email(email)).order_by("pk").first()


def is_staff_account(user) -> bool:
    """Staff accounts belong to no organisation (docs/architecture.md: segregation of duties)."""
    return bool(user.is_staff or user.is_superuser or has_role(user, *STAFF_ROLES))


def _send(subject_template, body_template, context, to):
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    send_mail(subject, body, None, [to])


def _ngo_group() -> Group:
    return Group.objects.get_or_create(name=str(Role.NGO_MEMBERS))[0]


# --- accounts -----------------------------------------------------------------------------


def register(*, email: str, first_name: str, last_name: str, request) -> None:
    """Sign-up. Whatever the address, the caller answers the same ("we sent you a link"):

    - no account: an inactive one without a usable password, and the confirmation link;
    - an unconfirmed account: it is replaced (the names typed now, a new unusable password,
      which voids every earlier link) and a new link goes out;
    - a confirmed account: nothing changes, and the address gets an e-mail saying it already
      has an account (log in, or reset the password).

    The password is chosen on the page the link opens (:func:`confirm_account`), so only
    whoever reads the mailbox can set it.
    """
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).order_by("pk").first()
        if user is not None and (user.is_active or user.last_login is not None):
            transaction.on_commit(lambda: send_account_exists(user, request))
            return
        if user is None:
            user = User(username=normalize_username(email)[:150], email=email, is_active=False)
        user.first_name = first_name
        user.last_name = last_name
        user.set_unusable_password()
        user.save()
        transaction.on_commit(lambda: send_confirmation(user, request))


def send_account_exists(user, request) -> None:
    _send(
        "kopiena_portal/email/account_exists_subject.txt",
        "kopiena_portal/email/account_exists.txt",
        {
            "user": user,
            "login_url": request.build_absolute_uri(reverse("portal:login")),
            "reset_url": request.build_absolute_uri(reverse("portal:password_reset")),
        },
        user.email,
    )


def confirmation_url(user, request) -> str:
    path = reverse(
        "portal:signup_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_token.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def send_confirmation(user, request) -> None:
    _send(
        "kopiena_portal/email/confirm_subject.txt",
        "kopiena_portal/email/confirm.txt",
        {"user": user, "url": confirmation_url(user, request)},
        user.email,
    )


def confirm_account(user, *, password: str, first_name: str, last_name: str):
    """The confirmation link was opened and a password chosen: activate the account with
    that password and put it in the NGO members group."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.first_name = first_name
        user.last_name = last_name
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["first_name", "last_name", "password", "is_active"])
        user.groups.add(_ngo_group())
    return user


# --- organisations ------------------------------------------------------------------------


def create_organisation(form, user) -> Organisation:
    """Save the organisation form; its creator becomes the owner."""
    if is_staff_account(user):
        raise PermissionDenied(_("Staff accounts cannot act for an organisation."))
    with transaction.atomic():
        organisation = form.save()
        Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.OWNER)
        user.groups.add(_ngo_group())
    return organisation


def is_owner(organisation, user) -> bool:
    return Membership.objects.filter(
        organisation=organisation, user=user, role=MembershipRole.OWNER
    ).exists()


def invite(organisation, *, email: str, role: str, by, request) -> Invitation:
    """E-mail an invitation to join ``organisation``. Owners only."""
    if not is_owner(organisation, by):
        raise PermissionDenied(_("Only the organisation's owners invite members."))
    email = normalize_email(email)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": [_("This person is already a member.")]})
    with transaction.atomic():
        invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=by)
        token = invitation.set_new_token()
        invitation.save()
        url = request.build_absolute_uri(reverse("portal:invitation", args=[token]))
        context = {"invitation": invitation, "url": url, "inviter": by}
        transaction.on_commit(
            lambda: _send(
                "kopiena_portal/email/invitation_subject.txt",
                "kopiena_portal/email/invitation.txt",
                context,
                email,
            )
        )
    return invitation


def revoke_invitation(invitation: Invitation, *, by) -> None:
    """Withdraw a pending invitation: its link stops working at once. Owners only."""
    if not is_owner(invitation.organisation, by):
        raise PermissionDenied(_("Only the organisation's owners may do this."))
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at or locked.revoked_at:
            raise ValidationError(_("This invitation has already been used or withdrawn."))
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])


def remove_member(membership: Membership, *, by) -> None:
    """End a membership: owners remove anyone, a member may leave. The last owner stays,
    so that someone can always invite and edit the profile."""
    organisation = membership.organisation
    if membership.user_id != by.pk and not is_owner(organisation, by):
        raise PermissionDenied(_("Only the organisation's owners may do this."))
    with transaction.atomic():
        # Lock the organisation's owner rows: two owners removing each other at once must
        # not leave it with none.
        owners = list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=MembershipRole.OWNER)
            .values_list("pk", flat=True)
        )
        if membership.role == MembershipRole.OWNER and owners == [membership.pk]:
            raise ValidationError(
                _(
                    "%(name)s is the organisation's only owner. Make another member an owner "
                    "first (invite them as an owner)."
                )
                % {"name": membership.user.get_full_name() or membership.user.email}
            )
        Membership.objects.filter(pk=membership.pk).delete()


def invitation_email_matches(invitation, user) -> bool:
    return (user.email or "").strip().lower() == invitation.email.strip().lower()


def accept_invitation(invitation: Invitation, user) -> Membership:
    """Make ``user`` a member. The invitation is for one address: the account must have it."""
    if is_staff_account(user):
        raise PermissionDenied(_("Staff accounts cannot act for an organisation."))
    if not invitation_email_matches(invitation, user):
        raise PermissionDenied(
            _("This invitation was sent to %(email)s; log in with that address.")
            % {"email": invitation.email}
        )
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at or locked.revoked_at:
            raise ValidationError(_("This invitation has already been used."))
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    user=user, organisation=locked.organisation, role=locked.role
                )
        except IntegrityError:
            membership = Membership.objects.get(user=user, organisation=locked.organisation)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        user.groups.add(_ngo_group())
    return membership


def register_invited(invitation: Invitation, *, password, first_name, last_name) -> object:
    """An account opened from an invitation link: the link reached the mailbox, so the
    address is confirmed and the account is active at once."""
    with transaction.atomic():
        if find_user_by_email(invitation.email) is not None:
            raise ValidationError(
                {"email": [_("An account with this e-mail address exists: log in instead.")]}
            )
        user = User(
            username=normalize_username(invitation.email)[:150],
            email=normalize_email(invitation.email),
            first_name=first_name,
            last_name=last_name,
            is_active=True,
        )
        user.set_password(password)
        user.save()
        accept_invitation(invitation, user)
    return user


# --- attachments --------------------------------------------------------------------------


def add_attachment(application, *, upload, kind, user) -> Attachment:
    """Store a checked file in the private storage. The view checked membership and the
    state the kind needs."""
    checked = check_upload(upload)
    with transaction.atomic():
        attachment = Attachment(
            application=application,
            kind=kind,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=user,
        )
        attachment.file.save(checked.name, upload, save=False)
        attachment.save()
    return attachment


def delete_attachment(attachment: Attachment) -> None:
    with transaction.atomic():
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
