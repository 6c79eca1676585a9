"""The headless page API (Wagtail API v2) at /api/v2/.

Endpoints are registered here; the page types declare their ``api_fields`` themselves
(``pages.models``), and the pages endpoint with its municipality and target-group filters
and its bounded-query listings, and the images endpoint without images lacking consent, live in
``pages.api``.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from pages.api import ConsentImagesAPIViewSet, KopienaDocumentsAPIViewSet, KopienaPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KopienaPagesAPIViewSet)
api_router.register_endpoint("images", ConsentImagesAPIViewSet)
api_router.register_endpoint("documents", KopienaDocumentsAPIViewSet)
