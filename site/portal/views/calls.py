"""The open calls and their rules in plain words."""

from django.shortcuts import render

from kopiena.grants.models import GrantCall
from kopiena.pages.locales import in_reader_language, localized_url

from .. import access


def call_list(request):
    """Public: anyone may read the rules; applying needs an account.

    The calls are the originals (applications go to them); each shows the title and summary
    of its page's live translation in the reader's language where there is one, read for
    all the calls in one query; "Full description" links to that page."""
    calls = list(access.open_calls().select_related("locale"))
    translations = in_reader_language(
        calls, queryset=GrantCall.objects.live().select_related("locale")
    )
    for call, shown in zip(calls, translations, strict=True):
        call.shown = shown
        call.shown_url = localized_url(call, request, localized=shown)
    return render(
        request,
        "kopiena_portal/calls/list.html",
        {
            "calls": calls,
            "has_organisation": access.organisations(request.user).exists(),
        },
    )
