"""The open calls and their rules in plain words."""

from django.shortcuts import render

from .. import access


def call_list(request):
    """Public: anyone may read the rules; applying needs an account."""
    return render(
        request,
        "kopiena_portal/calls/list.html",
        {
            "calls": list(access.open_calls()),
            "has_organisation": access.organisations(request.user).exists(),
        },
    )
