"""Admin views shared by every case type: the inspect view with the actions the user may
take now and the case history, and the transition view with its small form.

Wired by :class:`casework.viewsets.CaseViewSet`; the views call the transition service and
nothing else to change state.
"""

from django.contrib import messages
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import EditView, IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton

from . import audit
from .forms import TransitionForm
from .service import available_actions, describe_action, perform_transition
from .workflow import GuardFailed, TransitionRefused


def visible_queryset(model, user):
    """The cases ``user`` may see: the model's ``visible_to`` when it has one."""
    qs = model._default_manager.all()
    return qs.visible_to(user) if hasattr(qs, "visible_to") else qs


class CaseIndexView(IndexView):
    """Listing of a case type: only the cases the user may see, with the model's
    ``for_listing()`` reads so a page of 50 rows costs what a page of 5 does. Export uses
    the same queryset, so it honours the filters and the visibility too."""

    def get_base_queryset(self):
        qs = visible_queryset(self.model, self.request.user)
        return qs.for_listing() if hasattr(qs, "for_listing") else qs

    def _get_title_column(self, field_name, column_class=None, **kwargs):
        """The title opens the read-only case view (its actions and history), not the edit
        form: a click must never put what the applicant wrote one keystroke from a change."""
        column = super()._get_title_column(field_name, **kwargs)
        column._get_url_func = self.get_inspect_url
        return column


class CaseInspectView(InspectView):
    """Inspect view of a case: its fields, a button per action the user may take now, and
    its history (transitions with comments, internal ones included: this is the staff side).
    Domain viewsets extend the template to add budget tables, reviews and reports."""

    template_name = "kopiena_casework/admin/case_inspect.html"
    transition_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(visible_queryset(self.model, self.request.user), pk=self.pk)

    def get_actions(self):
        return available_actions(self.object, self.request.user)

    @property
    def header_buttons(self):
        if not self.transition_url_name:
            return []
        return [
            HeaderButton(
                action.label,
                url=reverse(self.transition_url_name, args=[self.object.pk, action.name]),
                icon_name="arrow-right" if action.style != "warning" else "warning",
                priority=index,
                attrs={"data-case-action": action.name},
            )
            for index, action in enumerate(self.get_actions())
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.object
        context["history"] = audit.entries_for(self.object, audience="staff")
        return context


class CaseEditView(EditView):
    """Staff edit of a case: only cases the user may see; the fields the case locks now
    (``CaseModel.staff_locked_fields``: once submitted, what the applicant wrote) are not
    in the form; every field changed is written to the case history, old and new value."""

    def get_object(self, queryset=None):
        return super().get_object(visible_queryset(self.model, self.request.user))

    def get_form_class(self):
        form_class = super().get_form_class()
        locked = set(self.object.staff_locked_fields())
        fields = getattr(form_class._meta, "fields", None)
        if not locked or not fields:
            return form_class
        return modelform_factory(
            self.model, form=form_class, fields=[f for f in fields if f not in locked]
        )

    def get_context_data(self, **kwargs):
        locked = self.object.staff_locked_fields()
        if locked:
            messages.info(
                self.request,
                _(
                    "What the applicant wrote (%(fields)s) cannot be changed here; use "
                    "“Request changes” on the case."
                )
                % {
                    "fields": ", ".join(
                        str(self.model._meta.get_field(name).verbose_name) for name in locked
                    )
                },
            )
        return super().get_context_data(**kwargs)

    def save_instance(self):
        form = self.form
        changes = []
        for name in form.changed_data:
            field = form.fields[name]
            old, new = form.initial.get(name), form.cleaned_data.get(name)
            changes.append(
                {
                    "field": name,
                    "label": str(field.label or name),
                    "old": _display(field, old),
                    "new": _display(field, new),
                }
            )
        instance = super().save_instance()
        if changes:
            audit.log_edit(instance, self.request.user, changes)
        return instance


def _display(field, value) -> str:
    """A form value as a person reads it in the history (choices by label, objects by name)."""
    if value in (None, ""):
        return "—"
    if hasattr(field, "queryset") and not hasattr(value, "pk"):
        ids = value if isinstance(value, list | tuple) else [value]
        try:
            value = list(field.queryset.filter(pk__in=[getattr(v, "pk", v) for v in ids]))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, list | tuple) or hasattr(value, "model"):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


class TransitionView(WagtailAdminTemplateMixin, FormView):
    """GET shows the action's form; POST runs the transition through the service. A refusal
    shows the service's messages on the form's fields and changes nothing."""

    template_name = "kopiena_casework/admin/transition.html"
    form_class = TransitionForm
    model = None
    inspect_url_name = None
    index_url_name = None
    header_icon = "arrow-right"
    page_title = gettext_lazy("Change status")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(visible_queryset(self.model, request.user), pk=kwargs["pk"])
        try:
            self.action = describe_action(self.object, kwargs["action"])
        except TransitionRefused as exc:
            self.action = None
            self.refusal = exc

    def dispatch(self, request, *args, **kwargs):
        if self.action is None:
            if self.refusal.status_code == 404:
                raise Http404(self.refusal.message)
            messages.error(request, self.refusal.message)
            return redirect(self.get_success_url())
        if self.action.name not in {a.name for a in available_actions(self.object, request.user)}:
            messages.error(
                request,
                _("You may not take the action “%(action)s” on this case.")
                % {"action": self.action.label},
            )
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.action.label}: {self.object}"

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": self.model._meta.verbose_name_plural.capitalize(),
                }
            )
        items.append({"url": self.get_success_url(), "label": str(self.object)})
        items.append({"url": "", "label": self.action.label})
        return self.breadcrumbs_items + items

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "action": self.action,
            "comment_audience": getattr(self.object, "comment_audience", None),
        }

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            case=self.object,
            action=self.action,
            facts=self.object.transition_facts(self.action.name, self.request.user),
            action_url=self.request.path,
            cancel_url=self.get_success_url(),
        )
        return context

    def form_valid(self, form):
        try:
            perform_transition(
                self.object, self.action.name, self.request.user, form.to_input(), source="admin"
            )
        except GuardFailed as exc:
            form.add_refusal(exc.errors)
            messages.error(self.request, exc.message)
            return self.form_invalid(form)
        except TransitionRefused as exc:
            messages.error(self.request, exc.message)
            return redirect(self.get_success_url())
        self.object.refresh_from_db()
        messages.success(
            self.request,
            _("%(action)s: the case is now “%(state)s”.")
            % {"action": self.action.label, "state": self.object.get_state_display_label()},
        )
        return redirect(self.get_success_url())
