"""A consent refusal that escapes an admin view becomes a message, not an error page.

Approving the last workflow task from the dashboard's modal (Wagtail's workflow action
view) publishes inside the approval's transaction; ``ConsentCheckedPage.publish`` refuses
with :class:`~pages.publishing.ImageConsentError`, the approval is rolled back, and the
exception reaches this middleware. It shows the refusal's messages and sends the approver
to the page's edit view, where the image can be replaced — as a modal answer for the
modal's request, as a redirect otherwise.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from wagtail.admin.modal_workflow import render_modal_workflow

from .publishing import ImageConsentError


class ConsentRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ImageConsentError):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None  # outside the admin, a refusal is the calling code's to handle
        match = getattr(request, "resolver_match", None)
        for message in exception.messages:
            messages.error(request, message)
        url = _edit_url(match.kwargs if match else {}) or reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": url}
            )
        return redirect(url)


def _edit_url(kwargs) -> str | None:
    page_id = kwargs.get("page_id") or kwargs.get("pk")
    if not page_id:
        return None
    try:
        return reverse("wagtailadmin_pages:edit", args=[page_id])
    except NoReverseMatch:
        return None
