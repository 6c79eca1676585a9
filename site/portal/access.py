"""What a signed-in person sees in the portal: only their organisations' data.

Every view that takes an id looks it up through these functions, so another organisation's
application, report, file or profile answers 404 whatever id is tried (a garbage id too:
the URL patterns take digits only).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from kopiena.grants.models import (
    Application,
    GrantCall,
    Membership,
    Organisation,
    original_calls,
)

from .models import Attachment


def organisations(user):
    return Organisation.objects.for_user(user)


def applications(user):
    """The applications of ``user``'s organisations (staff see none here: the portal is the
    applicant's side; they work in the admin)."""
    return Application.objects.filter(organisation__in=organisations(user).values("pk"))


def get_organisation(user, pk) -> Organisation:
    organisation = organisations(user).filter(pk=pk).select_related("municipality").first()
    if organisation is None:
        raise Http404
    return organisation


def get_application(user, pk, *, lock=False) -> Application:
    """One of ``user``'s applications, or 404. ``lock`` takes the row lock (inside a
    transaction) before anything is checked or written."""
    qs = applications(user)
    if lock:
        qs = qs.select_for_update(of=("self",))
    application = qs.select_related("call", "organisation", "municipality").filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def get_attachment(user, pk) -> Attachment:
    """A file of an application ``user`` may see: members of the organisation and grant
    staff (who open it from the admin)."""
    attachment = Attachment.objects.visible_to(user).select_related("application").filter(pk=pk)
    attachment = attachment.first()
    if attachment is None:
        raise Http404
    return attachment


def get_own_attachment(user, pk) -> Attachment:
    """A file of one of ``user``'s organisations (for changes: staff never change files)."""
    attachment = (
        Attachment.objects.filter(application__in=applications(user).values("pk"), pk=pk)
        .select_related("application")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def open_calls():
    """Live calls accepting submissions now (to the end of the closing minute, as
    ``GrantCall.is_open``), the soonest deadline first."""
    now = timezone.now()
    return (
        original_calls(GrantCall.objects.live())
        .filter(opens_at__lte=now, closes_at__gt=now - dt.timedelta(minutes=1))
        .select_related("municipality")
        .order_by("closes_at", "pk")
    )


def get_open_call(pk) -> GrantCall:
    call = open_calls().filter(pk=pk).first()
    if call is None or not call.is_open():
        raise Http404
    return call


def memberships_prefetch():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("user").order_by("role", "user__first_name"),
    )
