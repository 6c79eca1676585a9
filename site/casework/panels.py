"""Dashboard panel "Waiting for me": for every registered case type, the cases whose next
step is the user's (``awaiting(user)`` on the model's queryset)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .registry import case_types

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
                        (case, reverse(url_name, args=[case.pk])) for case in rows[:PANEL_ROWS]
                    ],
                    "more": len(rows) > PANEL_ROWS,
                    "index_url": reverse(case_type.index_url_name()),
                }
            )
        context["groups"] = groups
        return context
