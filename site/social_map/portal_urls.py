"""The social map in the portal (``/portal/social-map/``, namespace ``social_map_portal``):
an organisation's entries, proposals of new entries and corrections, the "still correct"
button and the links of the reminder e-mails. Included by ``kopiena.urls``; the portal's
menu links here through the ``register_portal_menu_item`` hook."""

from django.urls import path

from kopiena.portal.urls import IdConverter  # noqa: F401  (registers "portal_id")
from kopiena.portal.views.common import latvian_by_default

from .views import portal

app_name = "social_map_portal"


def _path(route, view, name):
    return path(route, latvian_by_default(view), name=name)


urlpatterns = [
    _path("", portal.overview, "overview"),
    _path("new/<portal_id:org_pk>/", portal.propose_new, "propose_new"),
    _path("entries/<portal_id:pk>/propose/", portal.propose_correction, "propose_correction"),
    _path("entries/<portal_id:pk>/confirm/", portal.confirm_entry, "confirm"),
    _path("proposals/<portal_id:pk>/", portal.proposal_detail, "proposal"),
    _path("proposals/<portal_id:pk>/edit/", portal.proposal_edit, "proposal_edit"),
    _path("proposals/<portal_id:pk>/withdraw/", portal.proposal_withdraw, "proposal_withdraw"),
    _path("confirm/<str:token>/", portal.confirm_by_link, "confirm_link"),
    _path("changes/<str:token>/", portal.changes_by_link, "changes_link"),
]
