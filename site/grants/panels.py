"""Dashboard panel: each call's budget, committed and remaining amounts with its
applications counted by status — for grant officers and finance."""

from django.db.models import Count, Q, Sum
from wagtail.admin.ui.components import Component

from kopiena.grants.roles import Role, has_role

from .models import COMMITTED_STATES, ApplicationStatus, GrantCall, original_calls


class CallBudgetsPanel(Component):
    name = "grants_call_budgets"
    template_name = "kopiena_grants/admin/panels/call_budgets.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        statuses = list(ApplicationStatus)
        counts = {
            f"n_{status.value}": Count("applications", filter=Q(applications__status=status))
            for status in statuses
        }
        calls = (
            original_calls(GrantCall.objects.live())
            .annotate(
                committed=Sum(
                    "applications__approved_amount",
                    filter=Q(applications__status__in=COMMITTED_STATES),
                ),
                **counts,
            )
            .order_by("-closes_at")
        )
        rows = []
        for call in calls:
            committed = call.committed or 0
            rows.append(
                {
                    "call": call,
                    "committed": committed,
                    "remaining": call.available_budget - committed,
                    "counts": [
                        (status.label, getattr(call, f"n_{status.value}"))
                        for status in statuses
                        if getattr(call, f"n_{status.value}")
                    ],
                }
            )
        context["rows"] = rows
        return context

    def render_html(self, parent_context):
        user = parent_context["request"].user
        if not (user.is_superuser or has_role(user, Role.GRANT_OFFICERS, Role.FINANCE)):
            return ""
        return super().render_html(parent_context)
