"""What every portal view shares: the login wall, Latvian by default, the refusal mapping."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import reverse_lazy
from django.utils import translation

from kopiena import conf

portal_login_required = login_required(login_url=reverse_lazy("portal:login"))


def latvian_by_default(view):
    """The portal speaks Latvian unless the person chose another language with the switch
    (``set_language`` stores the choice in the language cookie); the browser's
    Accept-Language alone does not turn it to English."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        codes = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in codes else conf.default_language()
        request.LANGUAGE_CODE = language
        # The language holds for this response only: the thread's language is restored
        # afterwards, so nothing after the view (a task run in the same thread, the next
        # request without LocaleMiddleware) inherits the reader's choice.
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response.headers.setdefault("Content-Language", language)
        return response

    return wrapper


def refusal_items(errors: dict, anchors: dict) -> list[tuple[str, str]]:
    """``[(anchor, message)]`` of a refusal's field messages for the error summary."""
    items = []
    for name, messages in errors.items():
        for message in messages:
            items.append((anchors.get(name, ""), message))
    return items


def add_validation_error(form, exc) -> None:
    """Put a ``ValidationError`` from a service on the form: field messages on their fields
    (when the form has them), the rest on the form."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
