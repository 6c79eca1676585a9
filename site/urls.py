"""Everything a host includes with one line, before Wagtail's own page URLs::

    path("", include("kopiena.urls")),

* ``portal/`` — the portal for NGO members and residents (never the Wagtail admin), with the
  social map's part at ``portal/social-map/`` and the participatory budget's at
  ``portal/participation/`` (its public pages too);
* ``api/cases/`` — the case API (django-ninja), its OpenAPI document at
  ``api/cases/openapi.json``;
* ``api/v2/`` — the page API for a headless front end (Wagtail API v2: pages, images,
  documents), at ``KOPIENA["PAGE_API_PATH"]``; ``None`` leaves it out (a host with its own
  Wagtail API router registers Kopiena's endpoints there with
  ``kopiena.api.register_endpoints(router)``);
* ``i18n/`` — Django's ``set_language`` view, which the portal's language switch posts to
  (harmless if the host includes it too);
* ``favicon.ico`` — the site's icon (browsers ask for it at the root whatever the pages
  link);
* ``aptauja/<token>/`` — a participant survey answered on a phone, and
  ``api/monitoring/`` — the open data of the published annual reports (``kopiena.monitoring``).
"""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.urls import include, path
from django.views.decorators.cache import cache_control

from kopiena.casework.api import site as cases_api
from kopiena.conf import kopiena_setting


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """``/favicon.ico``: Kopiena's icon from the static files (also where a host's pages
    link it), so the root request browsers make is not a 404 in every log."""
    path = finders.find("kopiena/favicon.ico")
    if path is None:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("portal/social-map/", include("kopiena.social_map.portal_urls")),
    path("portal/participation/", include("kopiena.participation.urls")),
    path("portal/", include("kopiena.portal.urls")),
    path("api/cases/", cases_api.urls()),
    path("api/cases/<path:rest>", cases_api.not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("kopiena.monitoring.urls")),
]

if kopiena_setting("PAGE_API_PATH"):
    from kopiena.api import api_router

    urlpatterns.append(path(kopiena_setting("PAGE_API_PATH"), api_router.urls))
