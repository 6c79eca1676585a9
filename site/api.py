"""The headless page API (Wagtail API v2), mounted by ``kopiena.urls`` at
``KOPIENA["PAGE_API_PATH"]`` (``/api/v2/`` by default).

The page types declare their ``api_fields`` themselves (``kopiena.pages.models``,
``kopiena.grants.models``); the pages endpoint with its municipality and target-group filters
and bounded-query listings, and the images endpoint without images lacking consent, live in
``kopiena.pages.api``. ``docs/architecture.md`` documents the API for a front end.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from kopiena.pages.api import (
    ConsentImagesAPIViewSet,
    KopienaDocumentsAPIViewSet,
    KopienaPagesAPIViewSet,
    PagePreviewAPIViewSet,
)

ENDPOINTS = {
    "pages": KopienaPagesAPIViewSet,
    "images": ConsentImagesAPIViewSet,
    "documents": KopienaDocumentsAPIViewSet,
    "page_preview": PagePreviewAPIViewSet,
}


def register_endpoints(router: WagtailAPIRouter) -> None:
    """Register Kopiena's endpoints on a host's own Wagtail API router (then set
    ``KOPIENA["PAGE_API_PATH"] = None``)."""
    for name, viewset in ENDPOINTS.items():
        router.register_endpoint(name, viewset)


api_router = WagtailAPIRouter("kopiena_page_api")
register_endpoints(api_router)
