"""A person's case-API tokens: when each was made, last used and expires, and a button
to revoke it (``casework.tokens``)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import APIToken

from kopiena.casework.tokens import tokens_of

from .common import portal_login_required


@portal_login_required
def token_list(request):
    return render(
        request, "kopiena_portal/accounts/tokens.html", {"tokens": tokens_of(request.user)}
    )


@portal_login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(APIToken, pk=pk, user=request.user)  # another's: 404
    if token.revoked_at is None:
        APIToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("portal:tokens")
