"""One error body for the whole case API, and the handlers that produce it.

Every refusal answers ``{"detail": "<one sentence>", "errors": {"<field>": ["<message>"]}}``
(``errors`` is ``{}`` when no field is at fault):

===  ===================================================================================
400  malformed: the body is not JSON or not an object, a query or path parameter has the
     wrong type or is out of range
401  no credentials, or bad ones, where the operation needs them
403  signed in but not allowed (a role or segregation-of-duties check, a failed CSRF check)
404  not found — or not yours: another organisation's record answers exactly like an id
     that does not exist
409  the action or edit is not possible in the record's current state
422  a field is invalid or a transition's guard refused; ``errors`` says which field
429  too many failed sign-ins for this user name or address (``POST /auth/token``)
===  ===================================================================================

:func:`install` puts the handlers on a ``NinjaAPI``; :func:`responses` builds the
``response=`` mapping of an operation so the OpenAPI document declares every code it can
answer. An unexpected exception is logged and answered as a JSON 500 — a last resort the
tests make sure malformed input never reaches.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from kopiena.casework.workflow import TransitionRefused

logger = logging.getLogger("kopiena.casework.api")

NON_FIELD = "__all__"


class ErrorOut(Schema):
    """The body of every error response."""

    detail: str
    errors: dict[str, list[str]] = {}


def responses(ok, *codes: int, ok_status: int = 200) -> dict:
    """The ``response=`` of an operation: ``ok`` for ``ok_status`` and :class:`ErrorOut`
    for each of ``codes`` (400 is always declared: any operation can get malformed input)."""
    declared = {ok_status: ok}
    for code in sorted({400, *codes}):
        declared[code] = ErrorOut
    return declared


def error_body(detail, errors: dict | None = None) -> dict:
    return {
        "detail": str(detail),
        "errors": {str(k): [str(m) for m in v] for k, v in (errors or {}).items()},
    }


# --- ninja's validation errors --------------------------------------------------------------

#: Pydantic error types that mean "the body as a whole has the wrong shape".
_SHAPE_ERRORS = {"model_attributes_type", "dict_type", "model_type", "missing"}


def _field_name(loc: tuple) -> str:
    """``("body", "payload", "budget_lines", 0, "requested")`` → ``budget_lines.0.requested``;
    ``("query", "limit")`` → ``limit``."""
    parts = list(loc[1:])
    source = loc[0] if loc else ""
    if source == "body" and parts:
        parts = parts[1:]  # the view's parameter name, meaningless to the client
    return ".".join(str(p) for p in parts) or NON_FIELD


def _validation_status(errors: list[dict]) -> tuple[int, str]:
    """400 for malformed parameters or a body that is not an object, 422 for fields."""
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if not loc or loc[0] != "body":
            return 400, _("A query or path parameter is malformed.")
        if len(loc) <= 2 and error.get("type") in _SHAPE_ERRORS:
            return 400, _("The request body must be a JSON object.")
    return 422, _("Some fields are invalid.")


def _validation_errors(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), []).append(
            str(error.get("msg", ""))
        )
    return fields


# --- the body parser --------------------------------------------------------------------------


class BodyNotAnObject(ValueError):
    pass


class ObjectParser(Parser):
    """JSON bodies must be objects: an array, a string or ``null`` is malformed (400),
    not a set of missing fields (422)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise BodyNotAnObject("not a JSON object")
        return data


# --- handlers -------------------------------------------------------------------------------


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (which answer ``{"detail": [...]}`` and re-raise
    unexpected errors) with ones that answer :class:`ErrorOut`."""

    def respond(request, status, detail, errors=None, headers=None):
        response = api.create_response(request, error_body(detail, errors), status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        status, detail = _validation_status(exc.errors)
        return respond(request, status, detail, _validation_errors(exc.errors))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return respond(
            request,
            401,
            _("Sign in: send “Authorization: Bearer <token>” or use a signed-in session."),
            headers={"WWW-Authenticate": 'Bearer realm="kopiena"'},
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        detail = exc.message
        if exc.status_code == 400 and str(detail).startswith("Cannot parse request body"):
            # ninja wraps whatever the parser raised; say which it was.
            if isinstance(exc.__cause__, BodyNotAnObject):
                detail = _("The request body must be a JSON object.")
            else:
                detail = _("The request body is not valid JSON.")
        return respond(request, exc.status_code, detail)

    @api.exception_handler(TransitionRefused)
    def refused(request, exc):
        return respond(request, exc.status_code, exc.message, exc.errors)

    @api.exception_handler(DjangoValidationError)
    def model_validation_error(request, exc):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return respond(request, 422, _("Some fields are invalid."), errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, _("Not found."))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request, exc):
        return respond(request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return respond(request, 403, str(exc) or _("You may not do this."))

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        from ..middleware import RETRY_AFTER_SECONDS, is_busy

        if is_busy(exc):  # SQLite's busy timeout ran out: the write was rolled back
            return respond(
                request,
                503,
                _("The database is busy with other changes; try again in a moment."),
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        logger.exception("Unexpected error in the case API: %s %s", request.method, request.path)
        return respond(request, 500, _("Something went wrong on our side; it has been logged."))
