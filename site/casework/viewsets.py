"""``KopienaViewSetMixin``, which every Kopiena admin viewset (model or snippet) mixes in,
and ``CaseViewSet``: a Wagtail ``ModelViewSet`` for a case model, with the inspect view of
:mod:`casework.views` and a ``transition/<pk>/<action>/`` URL."""

from django.urls import path
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet

from .exports import OfficeExportMixin
from .phrases import WholePhrasesMixin
from .views import CaseEditView, CaseIndexView, CaseInspectView, TransitionView


class KopienaViewSetMixin(WholePhrasesMixin):
    """Whole phrases for composed labels (:mod:`.phrases`) and exports for a Latvian office
    (:mod:`.exports`, put in front of whatever index view the viewset uses)."""

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, SpreadsheetExportMixin) and not issubclass(
            view_class, OfficeExportMixin
        ):
            view_class = type(f"Office{view_class.__name__}", (OfficeExportMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


class CaseViewSet(KopienaViewSetMixin, ModelViewSet):
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
