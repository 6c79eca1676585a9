"""Wagtail wiring for the workflow core: the Municipality, PlanningRegion and TargetGroup
snippets (one viewset group), the audit log actions shown in object histories, the "waiting
for me" panel, and the spreadsheet import (its URLs and menu item)."""

from django.db import models
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.fields import register_display_class
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import audit
from .models import Municipality, PlanningRegion, TargetGroup
from .phrases import YesNoDisplay
from .viewsets import KopienaViewSetMixin

#: Inspect views show a boolean as Yes/No in the reader's language, not True/False.
register_display_class(models.BooleanField, display_class=YesNoDisplay)


class MunicipalityViewSet(KopienaViewSetMixin, SnippetViewSet):
    add_item_label = _("Add a municipality")
    choose_one_text = _("Choose a municipality")
    choose_another_text = _("Choose another municipality")
    model = Municipality
    icon = "site"
    #: Columns of the listing.
    list_display = ["name", "slug", "planning_region"]
    list_filter = ["planning_region"]
    #: Searched through the model's own index (autocomplete on the name); naming fields
    #: here makes SQLite's full-text backend fail.
    list_export = ["name", "slug", "planning_region"]
    export_filename = "municipalities"
    ordering = ["name"]
    inspect_view_enabled = True


class PlanningRegionViewSet(KopienaViewSetMixin, SnippetViewSet):
    add_item_label = _("Add a planning region")
    choose_one_text = _("Choose a planning region")
    choose_another_text = _("Choose another planning region")
    model = PlanningRegion
    icon = "globe"
    #: Columns of the listing.
    list_display = ["name", "slug"]
    list_export = ["name", "slug", "description"]
    export_filename = "planning-regions"
    ordering = ["name"]
    inspect_view_enabled = True


class TargetGroupViewSet(KopienaViewSetMixin, SnippetViewSet):
    add_item_label = _("Add a target group")
    choose_one_text = _("Choose a target group")
    choose_another_text = _("Choose another target group")
    model = TargetGroup
    icon = "group"
    #: Columns of the listing.
    list_display = ["name", "slug", "people_count"]
    #: Searched through the model's own index (autocomplete on the name); naming fields
    #: here makes SQLite's full-text backend fail.
    list_export = ["name", "slug", "people_count"]
    export_filename = "target-groups"
    ordering = ["name"]
    inspect_view_enabled = True


class ClassificationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Classifications")
    menu_icon = "tag"
    menu_order = 250
    items = (MunicipalityViewSet, PlanningRegionViewSet, TargetGroupViewSet)


register_snippet(ClassificationViewSetGroup)


def _model_of(log_entry):
    return log_entry.content_type.model_class() if log_entry.content_type_id else None


def _state_label(log_entry, value):
    model = _model_of(log_entry)
    if model is not None and hasattr(model, "state_label"):
        return model.state_label(value)
    return value


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    @actions.register_action(audit.TRANSITION)
    class TransitionFormatter(LogFormatter):
        label = _("Status change")

        def format_message(self, log_entry):
            # Wagtail's history listing shows only the message, so the comments go in it
            # too (the admin is staff-only: the internal comment may show).
            data = log_entry.data
            message = _("%(action)s: %(from)s → %(to)s") % {
                "action": data.get("action_label") or data.get("action", ""),
                "from": _state_label(log_entry, data.get("from", "")),
                "to": _state_label(log_entry, data.get("to", "")),
            }
            comment = self.format_comment(log_entry)
            return f"{message} — {comment}" if comment else message

        def format_comment(self, log_entry):
            data = log_entry.data
            parts = []
            if data.get("comment"):
                parts.append(str(data["comment"]))
            if data.get("internal_comment"):
                parts.append(str(_("Internal: %(text)s") % {"text": data["internal_comment"]}))
            if data.get("amount"):
                parts.append(str(_("Amount: %(amount)s EUR") % {"amount": data["amount"]}))
            return " · ".join(parts)

    @actions.register_action(audit.EDITED)
    class EditFormatter(LogFormatter):
        label = _("Edited")

        def format_message(self, log_entry):
            changes = "; ".join(
                _("%(field)s: “%(old)s” → “%(new)s”")
                % {"field": c.get("label", c.get("field")), "old": c["old"], "new": c["new"]}
                for c in log_entry.data.get("changes", [])
            )
            return _("Edited — %(changes)s") % {"changes": changes}

    @actions.register_action(audit.NOTED)
    class NoteFormatter(LogFormatter):
        label = _("Case step")

        def format_message(self, log_entry):
            data = log_entry.data
            if data.get("event") == "message":  # casework.conversation
                if data.get("side") == "applicant":
                    label = _("Message from the applicant")
                else:
                    label = _("Message to the applicant")
                return f"{label}: {data.get('text', '')}"
            return str(data.get("text", ""))

    @actions.register_action(audit.IMPORTED)
    class ImportFormatter(LogFormatter):
        label = _("Imported")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Imported with status %(to)s from %(file)s") % {
                "to": _state_label(log_entry, data.get("to", "")),
                "file": data.get("file", "?"),
            }


@hooks.register("construct_homepage_panels")
def add_waiting_for_me_panel(request, panels):
    from .panels import WaitingForMePanel

    panels.append(WaitingForMePanel())


class ImportMenuItem(MenuItem):
    """Shown to staff who may import at least one kind of records."""

    def is_shown(self, request):
        from .importing import kinds_for

        return bool(kinds_for(request.user))


@hooks.register("register_admin_urls")
def register_import_urls():
    from .importing.views import ConfirmImportView, ImportView, import_template

    return [
        path("import/", ImportView.as_view(), name="casework_import"),
        path("import/confirm/", ConfirmImportView.as_view(), name="casework_import_confirm"),
        path("import/template/<slug:kind>/", import_template, name="casework_import_template"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import"), reverse("casework_import"), icon_name="upload", order=900)


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    """Wagtail's own API-token screens (Settings → API tokens: created, last used, revoke)
    for the case API's tokens. Wagtail registers them itself only with ``wagtail.api.v3``
    installed, which Kopiena does not need."""
    from django.apps import apps

    if apps.is_installed("wagtail.api.v3"):
        return []
    from wagtail.users.views.api_tokens import APITokenViewSet

    return APITokenViewSet("wagtailusers_api_tokens", url_prefix="api-tokens")


@hooks.register("insert_global_admin_css")
def phone_listing_css():
    """Listings as stacked rows on a phone (``kopiena/admin-phone.css``)."""
    return format_html('<link rel="stylesheet" href="{}">', static("kopiena/admin-phone.css"))


@hooks.register("insert_global_admin_js")
def phone_listing_js():
    """The column names on the listing cells that the phone layout shows."""
    return format_html('<script src="{}" defer></script>', static("kopiena/stacked-tables.js"))


@hooks.register("insert_global_admin_js")
def admin_script_strings():
    """Latvian and Russian for Wagtail's script strings its catalogue leaves English
    (:mod:`kopiena.casework.jsi18n`)."""
    from .jsi18n import admin_script_strings

    return admin_script_strings()
