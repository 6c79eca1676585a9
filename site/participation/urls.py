"""The participatory budget's pages, at ``/portal/participation/`` (namespace
``participation``), included by ``kopiena.urls``; the portal's menu links here through the
``register_portal_menu_item`` hook. Public pages and the resident's (propose, follow, vote)
share these addresses; the language comes from the portal's switch."""

from django.urls import path

from kopiena.portal.urls import IdConverter  # noqa: F401  (registers "portal_id")
from kopiena.portal.views.common import latvian_by_default

from . import views

app_name = "participation"


def _path(route, view, name):
    return path(route, latvian_by_default(view), name=name)


urlpatterns = [
    _path("", views.process_list, "list"),
    _path("following/", views.following, "following"),
    _path("<slug:slug>/", views.process_detail, "process"),
    _path("<slug:slug>/ideas/", views.idea_list, "ideas"),
    _path("<slug:slug>/ideas/<portal_id:number>/", views.idea_detail, "idea"),
    _path("<slug:slug>/ideas/<portal_id:number>/follow/", views.idea_follow, "follow"),
    _path("<slug:slug>/ideas/<portal_id:number>/change/", views.idea_change, "change"),
    _path("<slug:slug>/propose/", views.propose, "propose"),
    _path("<slug:slug>/vote/", views.vote, "vote"),
    _path("<slug:slug>/results/", views.results, "results"),
    _path("<slug:slug>/ballots.csv", views.ballots_csv, "ballots_csv"),
]
