"""Dashboard panel "Waiting for me": for every registered case type, the cases whose next
step is the user's (``awaiting(user)`` on the model's queryset), then what other sources
registered (``registry.register_waiting_source``: pilot story drafts for editors)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .registry import case_types, waiting_sources

PANEL_ROWS = 10


class WaitingForMePanel(Component):
    name = "casework_waiting_for_me"
    template_name = "kopiena_casework/admin/panels/waiting_for_me.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        groups = []
        for case_type in case_types():
            qs = case_type.model._default_manager.all()
            if not hasattr(qs, "awaiting"):
                continue
            waiting = qs.awaiting(user)
            if hasattr(waiting, "for_listing"):
                waiting = waiting.for_listing()
            rows = list(waiting[: PANEL_ROWS + 1])
            if not rows:
                continue
            url_name = case_type.inspect_url_name()
            groups.append(
                {
                    "label": case_type.label,
                    "rows": [
                        (
                            f"{case.case_reference()} · {case}",
                            case.get_state_display_label(),
                            reverse(url_name, args=[case.pk]),
                        )
                        for case in rows[:PANEL_ROWS]
                    ],
                    "more": len(rows) > PANEL_ROWS,
                    "index_url": reverse(case_type.index_url_name()),
                }
            )
        for source in waiting_sources():
            group = source(user, PANEL_ROWS)
            if group is not None and group.rows:
                groups.append(
                    {
                        "label": group.label,
                        "rows": [(row.title, row.status, row.url) for row in group.rows],
                        "more": group.more,
                        "index_url": group.index_url,
                    }
                )
        context["groups"] = groups
        return context
