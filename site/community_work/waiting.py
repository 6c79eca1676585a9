"""Pilot story drafts in the editors' "Waiting for me": a story prepared from a closed
initiative (:func:`community_work.stories.prepare_pilot_story`) waits for an editor to
finish and publish it. Each row opens the page editor, and only pages the editor may edit
are listed, so the link never ends in a permission error. Registered in ``wagtail_hooks``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kopiena.casework.registry import WaitingGroup, WaitingRow
from kopiena.community_work.roles import has_role

from .models import Initiative


def story_drafts_waiting(user, limit: int) -> WaitingGroup | None:
    """Unpublished pilot stories prepared from initiatives, newest first, for editors."""
    from kopiena.pages.roles import Role as PageRole

    if not has_role(user, PageRole.EDITORS):
        return None
    initiatives = (
        Initiative.objects.filter(story__isnull=False, story__live=False)
        .select_related("story")
        .order_by("-story__latest_revision_created_at", "-pk")
    )
    rows = []
    more = False
    for initiative in initiatives[: limit * 2]:
        page = initiative.story.specific_deferred
        if not page.permissions_for_user(user).can_edit():
            continue
        if len(rows) == limit:
            more = True
            break
        rows.append(
            WaitingRow(
                title=_("Pilot story: %(title)s") % {"title": page.title},
                status=_("Draft to finish"),
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
        )
    return WaitingGroup(label=_("Pilot stories to finish"), rows=rows, more=more)
