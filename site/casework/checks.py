"""System checks of what Kopiena needs from the host's settings and URLs (the host contract
in the README's "Add Kopiena to an existing Wagtail site"). Each says what to add; none of
these is discovered by a crash. Registered in ``CaseworkConfig.ready()``; the pages app
registers its own (``kopiena.pages.checks``)."""

from django.conf import settings
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

from kopiena import REQUIRED_APPS
from kopiena.conf import kopiena_setting

THROTTLED_BACKEND = "kopiena.casework.throttle.ThrottledModelBackend"


@checks.register(checks.Tags.compatibility)
def check_required_apps(app_configs=None, **kwargs):
    from django.apps import apps

    missing = [app for app in REQUIRED_APPS if not apps.is_installed(app)]
    if not missing:
        return []
    return [
        checks.Error(
            "Kopiena needs these apps in INSTALLED_APPS: " + ", ".join(missing) + ".",
            hint="Use INSTALLED_APPS = kopiena.installed_apps([...your apps...]), or add "
            "kopiena.INSTALLED_APPS.",
            id="kopiena.E001",
        )
    ]


@checks.register(checks.Tags.compatibility)
def check_private_storage(app_configs=None, **kwargs):
    name = kopiena_setting("PRIVATE_STORAGE")
    if name in getattr(settings, "STORAGES", {}):
        return []
    return [
        checks.Error(
            f"STORAGES has no {name!r} storage for NGOs' attachments and uploaded imports.",
            hint=f'Add STORAGES["{name}"] = {{"BACKEND": '
            '"django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": '
            '"/srv/kopiena/private"}}: a folder outside MEDIA_ROOT that the web server does '
            'not serve (or set KOPIENA["PRIVATE_STORAGE"] to the name of one you have).',
            id="kopiena.E002",
        )
    ]


@checks.register(checks.Tags.security)
def check_throttled_sign_in(app_configs=None, **kwargs):
    from django.utils.module_loading import import_string

    from kopiena.casework.throttle import ThrottledModelBackend

    for path in getattr(settings, "AUTHENTICATION_BACKENDS", []):
        try:
            backend = import_string(path)
        except ImportError:
            continue
        if isinstance(backend, type) and issubclass(backend, ThrottledModelBackend):
            return []
    return [
        checks.Error(
            "Sign-in throttling is off: no authentication backend counts failed sign-ins.",
            hint=f'Put "{THROTTLED_BACKEND}" in AUTHENTICATION_BACKENDS in place of '
            '"django.contrib.auth.backends.ModelBackend".',
            id="kopiena.E003",
        )
    ]


@checks.register(checks.Tags.templates)
def check_base_template(app_configs=None, **kwargs):
    name = kopiena_setting("BASE_TEMPLATE")
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return [
            checks.Error(
                f"KOPIENA['BASE_TEMPLATE'] names {name!r}, which the template loaders cannot find.",
                hint="Name the site's base template (it needs a {% block content %}), or "
                'leave the key out to use "kopiena/base.html".',
                id="kopiena.E005",
            )
        ]
    source = getattr(getattr(template, "template", None), "source", "")
    if source and "block content" not in source:
        return [
            checks.Warning(
                f"The base template {name!r} has no {{% block content %}}; Kopiena's pages "
                "put everything they show in that block.",
                id="kopiena.W001",
            )
        ]
    return []


@checks.register(checks.Tags.urls)
def check_urls(app_configs=None, **kwargs):
    try:
        reverse("portal:dashboard")
        reverse("set_language")
    except NoReverseMatch:
        return [
            checks.Error(
                "Kopiena's URLs are not included.",
                hint='Add path("", include("kopiena.urls")) to the host\'s urlpatterns, '
                "before Wagtail's own catch-all page URLs.",
                id="kopiena.E006",
            )
        ]
    return []


@checks.register(checks.Tags.templates)
def check_context_processor(app_configs=None, **kwargs):
    processor = "kopiena.context_processors.kopiena"
    if kopiena_setting("BASE_TEMPLATE") == "kopiena/base.html":
        return []  # the default needs no context processor
    for engine in getattr(settings, "TEMPLATES", []):
        if processor in engine.get("OPTIONS", {}).get("context_processors", []):
            return []
    return [
        checks.Error(
            "KOPIENA['BASE_TEMPLATE'] is set, but Kopiena's pages cannot see it.",
            hint=f'Add "{processor}" to the context_processors of TEMPLATES.',
            id="kopiena.E008",
        )
    ]


SECURITY_MIDDLEWARE = [
    "kopiena.casework.middleware.SecurityHeadersMiddleware",
    "kopiena.casework.middleware.HostileInputMiddleware",
    "kopiena.casework.middleware.DatabaseBusyMiddleware",
]


@checks.register(checks.Tags.security)
def check_security_middleware(app_configs=None, **kwargs):
    missing = [m for m in SECURITY_MIDDLEWARE if m not in getattr(settings, "MIDDLEWARE", [])]
    if not missing:
        return []
    return [
        checks.Warning(
            "Kopiena's input and database guards are not in MIDDLEWARE: " + ", ".join(missing),
            hint="Add them right after django.middleware.security.SecurityMiddleware; without "
            "them an offset of 10**20, a NUL character in a search or a locked SQLite database "
            "can answer 500.",
            id="kopiena.W009",
        )
    ]


@checks.register(checks.Tags.compatibility)
def check_ascii_slugs(app_configs=None, **kwargs):
    """Wagtail keeps "Jaunumi par kopienām" as ``jaunumi-par-kopienām`` unless told
    otherwise; in a shared or printed link that becomes ``%C4%81``. Transliterated ASCII
    slugs (Wagtail's editor transliterates Latvian and Russian letters) read everywhere."""
    if getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
        return [
            checks.Warning(
                "New pages get Unicode slugs, which links show percent-encoded.",
                hint="Set WAGTAIL_ALLOW_UNICODE_SLUGS = False (see README, Deployment).",
                id="kopiena.W002",
            )
        ]
    return []
