"""Dashboard panel "My initiatives": a community social worker's open initiatives counted by
status, each count linking to the filtered initiative listing. (What waits for their next
step is already in casework's "Waiting for me" panel, driven by ``awaiting(user)``.)
Added by the ``construct_homepage_panels`` hook in ``wagtail_hooks``."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.admin.ui.components import Component

from kopiena.community_work.roles import Role, has_role

from .models import OPEN_STATES, Initiative, InitiativeStatus


class MyInitiativesPanel(Component):
    name = "community_work_my_initiatives"
    template_name = "kopiena_community_work/admin/panels/my_initiatives.html"
    order = 60

    def __init__(self, index_url_name: str):
        self.index_url_name = index_url_name

    @staticmethod
    def shown_to(user) -> bool:
        return has_role(user, Role.SOCIAL_WORKERS)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        counts = Initiative.objects.owned_by(user).open().count_by_status()
        index_url = reverse(self.index_url_name)
        context["rows"] = [
            {
                "status": status,
                "label": InitiativeStatus(status).label,
                "count": counts[status],
                "url": f"{index_url}?{urlencode({'mine': 'true', 'status': status})}",
            }
            for status in OPEN_STATES
            if counts.get(status)
        ]
        context["all_url"] = f"{index_url}?mine=true"
        return context
