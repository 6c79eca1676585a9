"""Doors every request passes (``MIDDLEWARE``, checked by ``kopiena.W009``):

:class:`HostileInputMiddleware` refuses, with 400 and a message, query parameters that no
view of Kopiena, Wagtail or Django can take: a NUL character (PostgreSQL refuses it in a
string literal), a value longer than :data:`MAX_PARAMETER_LENGTH`, and a whole number
beyond the database's 64-bit integers (an ``offset=10**20``, an id filter on an admin
list: SQLite raises ``OverflowError``). A path with a NUL or a segment that is such a number
answers 404 (no page or row has that address). The body is JSON under ``/api/``
(``{"detail", "errors"}`` on the case API, ``{"message"}`` as the page API's own errors),
a short page elsewhere.

:class:`DatabaseBusyMiddleware` turns "database is locked" (SQLite, once the busy timeout
has passed) into 503 with ``Retry-After``, never a 500; the write was rolled back.

:class:`SecurityHeadersMiddleware` adds ``Permissions-Policy`` (``kopiena.csp``); Django's
``SecurityMiddleware`` sends ``Referrer-Policy`` and django-csp the Content-Security-Policy.
"""

from __future__ import annotations

import logging
import re

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Longest query parameter value (a search, a slug, a list of ids) any view takes.
MAX_PARAMETER_LENGTH = 1000
#: Largest integer a database column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_INTEGER = 2**63 - 1
_INTEGER = re.compile(r"^\s*[-+]?[0-9]+\s*$")
_DIGITS = re.compile(r"^[0-9]+$")
RETRY_AFTER_SECONDS = 2


def _too_big(value: str) -> bool:
    return bool(_INTEGER.match(value)) and abs(int(value)) > MAX_INTEGER


def problem(request) -> tuple[int, str, str] | None:
    """``(status, message, parameter)`` when the request cannot be answered, else
    ``None``; ``parameter`` is ``""`` for the path."""
    if "\x00" in request.path or "%00" in request.path:
        return 404, _("There is no such record."), ""  # no address has a NUL in it
    for segment in request.path.split("/"):
        if len(segment) > 19 and _DIGITS.match(segment) and int(segment) > MAX_INTEGER:
            return 404, _("There is no such record."), ""
    for name, values in request.GET.lists():
        shown = name.replace("\x00", "")[:50]
        for value in [name, *values]:
            if "\x00" in value:
                message = _("The parameter “%(name)s” contains a NUL character.")
            elif len(value) > MAX_PARAMETER_LENGTH:
                message = _("The parameter “%(name)s” is longer than %(length)d characters.")
            elif len(value) > 18 and _too_big(value):
                message = _("The parameter “%(name)s” is a number too large to look up.")
            else:
                continue
            return 400, message % {"name": shown, "length": MAX_PARAMETER_LENGTH}, shown
    return None


def _answer(request, status: int, message: str, parameter: str = "") -> HttpResponse:
    if "/api/cases/" in request.path:  # the case API's one error body
        errors = {parameter: [message]} if parameter else {}
        return JsonResponse({"detail": message, "errors": errors}, status=status)
    if "/api/" in request.path or "json" in request.headers.get("Accept", ""):
        return JsonResponse({"message": message}, status=status)  # as Wagtail's API errors
    body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{escape(message)}</p>"
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = problem(request)
        if refused is not None:
            return _answer(request, *refused)
        return self.get_response(request)


def is_busy(exception) -> bool:
    return isinstance(exception, OperationalError) and "database is locked" in str(exception)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        logger.warning("Database busy: %s %s answered 503", request.method, request.path)
        response = _answer(
            request, 503, _("The database is busy with other changes; try again in a moment.")
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from kopiena.csp import PERMISSIONS_POLICY

        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
