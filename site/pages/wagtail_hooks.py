"""Admin wiring of the pages app: the image-consent check at the publish doors that do not
pass through ``ConsentCheckedPage.publish()`` (see ``kopiena.pages.publishing``)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page

from kopiena.pages.models import ConsentCheckedPage
from kopiena.pages.publishing import consent_message, content_to_publish, images_without_consent


def _refuse(request, images, redirect_to):
    for image in images:
        messages.error(request, consent_message(image))
    return redirect(redirect_to)


@hooks.register("before_publish_page")
def refuse_publishing_images_without_consent(request, page):
    """The publish button of the edit and create views, when the page form did not refuse
    already. The view has saved a draft (a new revision); the editor lands back on it with
    the message."""
    if not isinstance(page, ConsentCheckedPage):
        return None
    images = images_without_consent(page)
    if not images:
        return None
    if page.live and page.live_revision_id is None:
        # The create view inserts the new page live before asking this hook: make it the
        # draft it is.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    return _refuse(request, images, reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_images_without_consent(request, action_type, objects, action):
    """Bulk publish from the explorer: all or nothing, like the bulk action itself."""
    if action_type != "publish":
        return None
    pages = list(objects)
    cleaned = getattr(getattr(action, "cleaned_form", None), "cleaned_data", {})
    if cleaned.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live())
    for page in pages:
        content = content_to_publish(page)
        if isinstance(content, ConsentCheckedPage):
            images = images_without_consent(content)
            if images:
                return _refuse(request, images, action.next_url)
    return None


@hooks.register("register_log_actions")
def register_consent_log_action(actions):
    from wagtail.log_actions import LogFormatter

    from kopiena.pages.forms import CONSENT_CHANGED
    from kopiena.pages.models import ConsentStatus

    def _label(value):
        try:
            return ConsentStatus(value).label
        except ValueError:
            return _("not recorded")

    @actions.register_action(CONSENT_CHANGED)
    class ConsentFormatter(LogFormatter):
        label = _("Consent recorded")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Consent: %(from)s → %(to)s") % {
                "from": _label(data.get("from", "")),
                "to": _label(data.get("to", "")),
            }
