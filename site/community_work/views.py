"""Admin views of community work, wired by the viewsets in ``wagtail_hooks``.

Wagtail's generic views check model permissions only; the per-initiative rules of
``community_work.permissions`` (edit while open, by the owner or a head) are enforced here,
and listings show only what ``visible_to(user)`` allows. State changes go through
``casework`` (the inspect view's buttons and its transition view), never through these.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_fsm import ConcurrentTransition
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from kopiena.casework.views import CaseInspectView

from .models import (
    ActivityLog,
    Community,
    CommunityCentre,
    Evaluation,
    Initiative,
    InitiativeStatus,
    LogActivity,
)
from .permissions import may_edit
from .stories import StoryRefused, may_prepare_story, prepare_pilot_story

# --- initiatives ----------------------------------------------------------------------------


class InitiativeFilterSet(WagtailFilterSet):
    mine = django_filters.BooleanFilter(
        label=gettext_lazy("My initiatives"),
        method="filter_mine",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Initiative
        fields = ["mine", "status", "municipality", "centre"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        user = self.request.user if self.request else None
        if value:
            return queryset.filter(social_worker=user)
        return queryset.exclude(social_worker=user)


class InitiativeIndexView(generic.IndexView):
    """Only the initiatives the user may see, with their relations in one query."""

    def get_base_queryset(self):
        return Initiative.objects.visible_to(self.request.user).for_listing()

    def get_edit_url(self, instance):
        if may_edit(instance, self.request.user):
            return super().get_edit_url(instance)
        return None


class InstancePermissionMixin:
    """Check the viewset's permission policy for the object itself (Wagtail's generic edit
    and delete views check the model permission only), within what the user may see."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.permission_required, obj):
            raise PermissionDenied
        return obj


class InitiativeEditView(InstancePermissionMixin, generic.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not Initiative.objects.visible_to(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ConcurrentTransition:
            # The status changed (someone took an action) while this form was open: the
            # edit is rolled back whole, and the person reloads the current initiative.
            form.add_error(
                None,
                _(
                    "The initiative's status changed while you were editing it. Nothing was "
                    "saved: reload the page and make your changes again."
                ),
            )
            return self.form_invalid(form)


class InitiativeDeleteView(InstancePermissionMixin, generic.DeleteView):
    pass


class InitiativeInspectView(CaseInspectView):
    """The case page: status, actions, then everything the initiative holds."""

    template_name = "kopiena_community_work/admin/initiative_inspect.html"
    story_url_name = None
    log_add_url_name = None

    def get_object(self, queryset=None):
        initiatives = Initiative.objects.visible_to(self.request.user).for_listing()
        initiatives = initiatives.select_related("story").prefetch_related(
            "tasks",
            "plan_corrections",
            "partners",
            "approaches",
            Prefetch(
                "logs",
                queryset=ActivityLog.objects.prefetch_related(
                    Prefetch("activities", queryset=LogActivity.objects.order_by("date", "pk"))
                ),
            ),
        )
        return get_object_or_404(initiatives, pk=self.pk)

    def get_edit_url(self):
        if may_edit(self.object, self.request.user):
            return super().get_edit_url()
        return None

    def get_social_worker_display_value(self):
        return _person(self.object.social_worker)

    def get_head_display_value(self):
        return _person(self.object.head)

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if (
            self.story_url_name
            and self.object.status == InitiativeStatus.CLOSED
            and self.object.story_id is None
            and may_prepare_story(self.object, self.request.user)
        ):
            buttons.append(
                HeaderButton(
                    _("Prepare pilot story"),
                    url=reverse(self.story_url_name, args=[self.object.pk]),
                    icon_name="doc-full",
                    priority=len(buttons) + 10,
                    attrs={"data-case-action": "prepare_story"},
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = self.object
        context.update(
            assessment=_one_to_one(initiative, "assessment"),
            evaluation=_one_to_one(initiative, "evaluation"),
            evaluation_model=Evaluation,
            approaches=list(initiative.approaches.all()),
            tasks=list(initiative.tasks.all()),
            corrections=list(initiative.plan_corrections.all()),
            partners=list(initiative.partners.all()),
            logs=list(initiative.logs.all()),
            can_edit=may_edit(initiative, self.request.user),
            log_add_url=(
                reverse(self.log_add_url_name) + f"?initiative={initiative.pk}"
                if self.log_add_url_name and may_edit(initiative, self.request.user)
                else None
            ),
            story_edit_url=(
                reverse("wagtailadmin_pages:edit", args=[initiative.story_id])
                if initiative.story_id and _may_edit_page(initiative.story, self.request.user)
                else None
            ),
        )
        return context


def _may_edit_page(page, user) -> bool:
    return page is not None and page.permissions_for_user(user).can_edit()


def _person(user):
    if user is None:
        return None
    return user.get_full_name().strip() or user.get_username()


def _one_to_one(obj, name):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


class PrepareStoryView(WagtailAdminTemplateMixin, TemplateView):
    """The "Prepare pilot story" action: GET asks for confirmation, POST creates the draft
    page (never published) and opens it in the page editor. Refused, with the reason,
    unless the initiative is closed."""

    template_name = "kopiena_community_work/admin/prepare_story.html"
    page_title = gettext_lazy("Prepare pilot story")
    header_icon = "doc-full"
    inspect_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Initiative.objects.visible_to(request.user), pk=kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if not may_prepare_story(self.object, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get(self, request, *args, **kwargs):
        if self.object.status != InitiativeStatus.CLOSED:
            messages.error(request, _not_closed_message(self.object))
            return redirect(self.inspect_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            page = prepare_pilot_story(self.object, user=request.user)
        except StoryRefused as exc:
            messages.error(request, exc.message)
            return redirect(self.inspect_url())
        if page.permissions_for_user(request.user).can_edit():
            messages.success(
                request,
                _("A draft pilot story was prepared. Finish it and send it for publishing."),
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        # The social worker or head who prepared it is not an editor: send them back to
        # their initiative, never to a page editor that would refuse them.
        messages.success(
            request,
            _(
                "A draft pilot story was prepared. The editors have been told; they finish "
                "and publish it."
            ),
        )
        return redirect(self.inspect_url())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "initiative": self.object,
            "cancel_url": self.inspect_url(),
        }


def _not_closed_message(initiative):
    return _("A pilot story is prepared from a closed initiative; this one is “%(state)s”.") % {
        "state": initiative.get_state_display_label()
    }


# --- weekly logs ----------------------------------------------------------------------------


class ActivityLogIndexView(generic.IndexView):
    def get_base_queryset(self):
        visible = Initiative.objects.visible_to(self.request.user)
        return ActivityLog.objects.filter(initiative__in=visible).select_related("initiative")


class ActivityLogCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if initiative := self.request.GET.get("initiative"):
            initial["initiative"] = initiative
        return initial

    def get_success_url(self):
        return reverse("community_initiatives:inspect", args=[self.object.initiative_id])


class ActivityLogEditView(InstancePermissionMixin, generic.EditView):
    def get_success_url(self):
        return reverse("community_initiatives:inspect", args=[self.object.initiative_id])

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        visible = Initiative.objects.visible_to(self.request.user)
        if not visible.filter(pk=obj.initiative_id).exists():
            raise Http404
        return obj


class ActivityLogDeleteView(InstancePermissionMixin, generic.DeleteView):
    pass


# --- places ---------------------------------------------------------------------------------


class CommunityCentreIndexView(generic.IndexView):
    def get_base_queryset(self):
        return CommunityCentre.objects.select_related("municipality")


class CommunityIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Community.objects.select_related("municipality")
