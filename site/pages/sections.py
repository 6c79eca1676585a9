"""Kopiena's editors work in Kopiena's sections, not on the host's whole page tree.

A section page (news index, pilot-story index, call index: the page types that subclass
:class:`SectionPage`) is where Kopiena's content lives under the host's own pages. When one
is created, the "Kopiena editors" group gets add, change and publish rights on it and below
it — and nowhere else: Kopiena never grants rights on the host's root page. Connected in
``PagesConfig.ready()``.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from kopiena.casework.roles import Role

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


class SectionPage(Page):
    """Marks a page type as a Kopiena section: Kopiena's editors may edit and publish
    under it."""

    class Meta:
        abstract = True


def grant_section_to_editors(page) -> None:
    group = Group.objects.filter(name=Role.EDITORS).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def section_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, SectionPage):
        grant_section_to_editors(instance)
