"""System checks of the image-consent rule's wiring (see ``kopiena.casework.checks`` for
the others). Registered in ``PagesConfig.ready()``."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

MIDDLEWARE = "kopiena.pages.middleware.ConsentRefusalMiddleware"
IMAGE_FORM = "kopiena.pages.forms.ConsentImageForm"


@checks.register(checks.Tags.compatibility)
def check_consent_image_form(app_configs=None, **kwargs):
    from kopiena.pages.forms import ConsentImageFormMixin

    path = getattr(settings, "WAGTAILIMAGES_IMAGE_FORM_BASE", "")
    try:
        form = import_string(path) if path else None
    except ImportError:
        form = None
    if isinstance(form, type) and issubclass(form, ConsentImageFormMixin):
        return []
    return [
        checks.Error(
            "Image consent cannot be recorded: the image form has no consent fields.",
            hint=f'Set WAGTAILIMAGES_IMAGE_FORM_BASE = "{IMAGE_FORM}", or mix '
            "kopiena.pages.forms.ConsentImageFormMixin into the base form you use.",
            id="kopiena.E004",
        )
    ]


@checks.register(checks.Tags.compatibility)
def check_consent_middleware(app_configs=None, **kwargs):
    if MIDDLEWARE in getattr(settings, "MIDDLEWARE", []):
        return []
    return [
        checks.Error(
            "Approving a page with an image without consent from the dashboard would end "
            "in an error page.",
            hint=f'Add "{MIDDLEWARE}" to MIDDLEWARE, after MessageMiddleware.',
            id="kopiena.E007",
        )
    ]
