"""Whole phrases for the Wagtail admin, where Wagtail composes one from a model's name.

Wagtail writes "Add %(model_name)s" and "Choose %(object)s" with the model's
``verbose_name`` in the nominative, which Latvian and Russian cannot use ("Pievienot
iniciatīva"). :class:`WholePhrasesMixin` lets a viewset declare the phrase whole
(``add_item_label = _("Add an initiative")``), so each language puts the noun in its
own case; the chooser of a snippet gets the same treatment. :class:`YesNoColumn` and the
display class registered in ``casework.wagtail_hooks`` show booleans as Yes/No in the
reader's language instead of Python's ``True``/``False``.

Wagtail's own strings that its Latvian catalogue leaves in English are listed in
:mod:`kopiena.casework.wagtail_strings`, so the project's catalogue (which comes first)
translates them.
"""

from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def yes_no(value):
    if value is None:
        return "—"
    return gettext("Yes") if value else gettext("No")


class YesNoColumn(Column):
    """A listing column for a boolean field, read as Yes/No."""

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


class YesNoDisplay(Component):
    """How the inspect view shows a boolean field (registered for ``BooleanField``)."""

    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        return format_html("{}", yes_no(self.value))


class PhrasedSnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser composes its button labels in ``__init__``; this one keeps
    the viewset's whole phrases when it has them."""

    phrases = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attr, text in self.phrases.items():
            if text:
                setattr(self, attr, text)


class PhrasedSnippetChooserViewSet(SnippetChooserViewSet):
    base_widget_class = PhrasedSnippetChooser

    @cached_property
    def widget_class(self):
        widget = super().widget_class
        widget.phrases = {
            "choose_one_text": self.choose_one_text,
            "choose_another_text": self.choose_another_text,
        }
        return widget


class WholePhrasesMixin:
    """For a ``ModelViewSet`` or ``SnippetViewSet``: labels Wagtail would compose from the
    model's name, given whole."""

    #: The listing's "add" button and the create view's title ("Add an initiative").
    add_item_label = None
    #: A snippet chooser's button and modal title ("Choose a municipality").
    choose_one_text = None
    #: The same, once something is chosen ("Choose another municipality").
    choose_another_text = None
    chooser_viewset_class = PhrasedSnippetChooserViewSet

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs["add_item_label"] = self.add_item_label
        return super().get_index_view_kwargs(**kwargs)

    def get_add_view_kwargs(self, **kwargs):
        kwargs = super().get_add_view_kwargs(**kwargs)
        if self.add_item_label:
            kwargs["page_title"] = self.add_item_label
        return kwargs

    @property
    def chooser_viewset(self):
        viewset = super().chooser_viewset
        if self.choose_one_text:
            viewset.choose_one_text = viewset.page_title = self.choose_one_text
            viewset.choose_another_text = self.choose_another_text or self.choose_one_text
        return viewset
