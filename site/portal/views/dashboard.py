"""The portal's front page: what is waiting for the organisation, its applications."""

from django.shortcuts import render

from .. import access, services
from .common import portal_login_required


@portal_login_required
def dashboard(request):
    user = request.user
    mine = access.applications(user)
    return render(
        request,
        "kopiena_portal/dashboard.html",
        {
            "organisations": list(access.organisations(user)),
            "waiting": list(mine.awaiting(user).for_listing().order_by("-updated_at", "-pk")),
            "recent": list(mine.for_listing().order_by("-updated_at", "-pk")[:10]),
            "open_call_count": access.open_calls().count(),
            "is_staff_account": services.is_staff_account(user),
        },
    )
