"""API tokens under their owner's control (Wagtail's ``APIToken``, used by the case API).

* A token expires ``KOPIENA["API_TOKEN_DAYS"]`` days after it was created (90 unless the
  host says otherwise; ``None``: never): the case API's bearer check refuses it like a
  revoked one (:func:`active_tokens`).
* Changing or resetting a password revokes every token of the account: whoever held the
  old password may have made them (:func:`revoke_on_password_change`, connected in
  ``CaseworkConfig.ready``; it sees every door that calls ``set_password()`` and saves —
  the portal's reset, the admin, ``manage.py changepassword``).
* People list their tokens (created, last used, expires) and revoke them: on the portal's
  "API tokens" page and in the admin's Settings → API tokens (Wagtail's own screens,
  registered by ``casework.wagtail_hooks`` when the host has not installed
  ``wagtail.api.v3``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.models import APIToken

from kopiena.conf import kopiena_setting


def lifetime() -> dt.timedelta | None:
    days = kopiena_setting("API_TOKEN_DAYS")
    return None if days in (None, 0) else dt.timedelta(days=days)


def expires_at(token: APIToken):
    life = lifetime()
    return None if life is None else token.created + life


def active_tokens():
    """Tokens that still authenticate: not revoked, not expired."""
    tokens = APIToken.objects.filter(revoked_at__isnull=True)
    life = lifetime()
    if life is not None:
        tokens = tokens.filter(created__gt=timezone.now() - life)
    return tokens


def tokens_of(user):
    """The user's tokens for their own list, newest first, the expiry on each."""
    tokens = list(APIToken.objects.filter(user=user).order_by("-created"))
    now = timezone.now()
    for token in tokens:
        token.expires_at = expires_at(token)
        token.is_active = token.revoked_at is None and (
            token.expires_at is None or token.expires_at > now
        )
    return tokens


def revoke_all(user) -> int:
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def revoke_on_password_change(sender, instance, created, **kwargs):
    """``post_save`` of the user model: ``set_password()`` leaves the new raw password on
    ``_password`` until the save has finished, which is how Django itself knows to tell
    the password validators (``password_changed``)."""
    if not created and getattr(instance, "_password", None) is not None:
        revoke_all(instance)
