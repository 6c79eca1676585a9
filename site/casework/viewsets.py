"""``CaseViewSet``: a Wagtail ``ModelViewSet`` for a case model, with the inspect view of
:mod:`casework.views` and a ``transition/<pk>/<action>/`` URL."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

from .views import CaseEditView, CaseIndexView, CaseInspectView, TransitionView


class CaseViewSet(ModelViewSet):
    index_view_class = CaseIndexView
    edit_view_class = CaseEditView
    inspect_view_enabled = True
    inspect_view_class = CaseInspectView
    transition_view_class = TransitionView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            transition_url_name=self.get_url_name("transition"), **kwargs
        )

    @property
    def transition_view(self):
        return self.construct_view(self.transition_view_class)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"transition/<{self.pk_path_converter}:pk>/<slug:action>/",
                self.transition_view,
                name="transition",
            ),
        ]
