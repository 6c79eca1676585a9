"""The demo site's URLs: what any host has (admin, documents, Wagtail's pages per locale),
Kopiena's one line, and the load balancer's probe."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from demo import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("kopiena.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages last: Wagtail's catch-all serves whatever the page tree holds. Latvian pages live at
# the root, English and Russian under /en/ and /ru/; kopiena.pages.urls is wagtail.urls with
# a view that serves the Latvian original of a page not translated yet.
urlpatterns += i18n_patterns(
    path("", include("kopiena.pages.urls")),
    prefix_default_language=False,
)
