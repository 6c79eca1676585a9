"""The case API at /api/cases/: one NinjaAPI the core owns, built from the routers the
domain apps register.

Its OpenAPI document is /api/cases/openapi.json and the interactive docs /api/cases/docs.
The routers live with their domain (``kopiena.grants.api``, ...) and are registered with
:func:`register_router` from each app's ``AppConfig.ready()``; the shared parts (auth, the
error body, pages, transitions and history) live beside this module. ``kopiena.urls`` mounts
:func:`urls` at ``api/cases/``. This
API has its own ``urls_namespace`` ("cases_api"), apart from Wagtail's own ninja API.

Every operation needs a bearer token or a signed-in session unless it says ``auth=None``
(the public calls and funded projects, and the token exchange).
"""

from functools import wraps

from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from kopiena.casework.api import auth, errors


class CaseAPI(NinjaAPI):
    """The document says what the server takes: an optional body (a transition's) is
    optional by being left out, and when sent it must be a JSON object — ``null`` is
    malformed (``errors.ObjectParser``), so the ``null`` alternative ninja derives from the
    ``= None`` default is taken out of the request body's schema."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                content = (operation.get("requestBody") or {}).get("content", {})
                for media in content.values():
                    body = media.get("schema", {})
                    options = [o for o in body.get("anyOf", []) if o != {"type": "null"}]
                    if "anyOf" in body and len(options) == 1:
                        media["schema"] = options[0]
        return schema


cases_api = CaseAPI(
    title="Kopiena case API",
    version="1.0.0",
    description=(
        "Grant applications and community initiatives of Latvian municipalities.\n\n"
        "Authenticate with `POST /api/cases/auth/token` and send "
        "`Authorization: Bearer <token>`, or use a signed-in browser session (unsafe "
        "methods then need the CSRF token in `X-CSRFToken`).\n\n"
        'Every error answers `{"detail": "...", "errors": {"field": ["..."]}}`: '
        "400 malformed, 401 no or bad credentials, 403 not allowed, 404 not found or not "
        "yours, 409 not possible in the present status, 422 invalid fields or a refused "
        "rule. Lists take `limit` (1–100) and `offset` and answer `count` and `items`."
    ),
    urls_namespace="cases_api",
    parser=errors.ObjectParser(),
    auth=auth.api_auth,
)
errors.install(cases_api)

cases_api.add_router("/auth", auth.router)


def register_router(router, prefix: str = "") -> None:
    """Add a case type's router to the API; called once per router from its app's
    ``ready()``, before the URLs are built."""
    cases_api.add_router(prefix, router)


def not_found(request, rest=""):
    """Any other path under /api/cases/: the API's own 404, in JSON like every error."""
    return JsonResponse(errors.error_body(_("Not found.")), status=404)


def _json_method_not_allowed(view):
    """ninja answers a method a path does not have with a plain-text 405; answer it in
    the API's error body, keeping the ``Allow`` header."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = JsonResponse(
                errors.error_body(_("Method not allowed; this path takes %s.") % allowed),
                status=405,
            )
            response["Allow"] = allowed
        return response

    return wrapper


def urls():
    """``cases_api.urls`` with JSON 405s; mounted at /api/cases/ by ``kopiena.urls``."""
    patterns, app_name, namespace = cases_api.urls
    for pattern in patterns:
        pattern.callback = _json_method_not_allowed(pattern.callback)
    return patterns, app_name, namespace
