"""What every Kopiena page type shares: the image-consent guard on publishing, the admin form
that carries it, and the filtered, paginated listing of the two index pages."""

import copy
import logging

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.api import APIField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageQuerySet
from wagtail.search import index

from kopiena.casework.models import Municipality, TargetGroup
from kopiena.conf import kopiena_setting
from kopiena.pages.locales import in_reader_language, source_page
from kopiena.pages.models.images import CONSENT_ACCESSOR, HERO_RENDITIONS, is_publishable
from kopiena.pages.publishing import (
    SCHEDULED_PUBLISH_LOG_ACTION,
    ImageConsentError,
    cancel_scheduled_publish,
    check_publishable,
    consent_message,
    images_without_consent,
)
from kopiena.pages.sections import SectionPage
from kopiena.pages.serializers import HeroImageField, NamedSlugField, NamedSlugListField

logger = logging.getLogger(__name__)


class ConsentCheckedPageForm(WagtailAdminPageForm):
    """The editor's first answer: publishing from the create or edit view, or approving a
    workflow task there (the last approval publishes, and content that cannot be published
    is not approved either), is a form error naming each image without consent — on the
    image's own field where it has one — and nothing is saved. The same form saved as a
    draft or submitted for moderation is valid."""

    def publishes(self) -> bool:
        data = self.data
        approves = bool(data.get("action-workflow-action")) and (
            data.get("workflow-action-name") == "approve"
        )
        return bool(data.get("action-publish")) or approves

    def clean(self):
        cleaned_data = super().clean()
        if self.publishes() and not self.errors:
            candidate = construct_instance(self, copy.copy(self.instance))
            fields_by_image = {
                value.pk: name
                for name, value in cleaned_data.items()
                if isinstance(value, AbstractImage)
            }
            for image in images_without_consent(candidate):
                self.add_error(fields_by_image.get(image.pk), consent_message(image))
        return cleaned_data


class ConsentCheckedPage(Page):
    """Base of every Kopiena page type. ``publish()`` is the door ``Revision.publish()``,
    workflows, bulk actions and the scheduler go through; see ``pages.publishing``."""

    base_form_class = ConsentCheckedPageForm

    class Meta:
        abstract = True

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        try:
            check_publishable(revision.as_object())
        except ImageConsentError as error:
            if log_action == SCHEDULED_PUBLISH_LOG_ACTION:
                cancel_scheduled_publish(revision, error)
                return None
            raise
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )

    @property
    def preview_modes(self):
        """Wagtail's preview, and the headless front end's when the site names one
        (``KOPIENA["HEADLESS_PREVIEW_URL"]``; see ``kopiena.pages.models.previews``)."""
        modes = list(super().preview_modes)
        if kopiena_setting("HEADLESS_PREVIEW_URL"):
            modes.append(("headless", _("Front end")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name != "headless" or not kopiena_setting("HEADLESS_PREVIEW_URL"):
            return super().serve_preview(request, mode_name)
        from django.template.response import TemplateResponse
        from django.utils.http import urlencode

        from kopiena.pages.models.previews import HeadlessPreview

        preview = HeadlessPreview.for_page(self)
        query = urlencode(
            {"content_type": ".".join(preview.content_type.natural_key()), "token": preview.token}
        )
        url = kopiena_setting("HEADLESS_PREVIEW_URL")
        url = f"{url}{'&' if '?' in url else '?'}{query}"
        return TemplateResponse(
            request, "kopiena_pages/headless_preview.html", {"page": self, "preview_url": url}
        )

    def save(self, *args, **kwargs):
        """The backstop for doors that run Wagtail's ``PublishPageRevisionAction`` without
        ``publish()`` (the admin API's publish action), and for pages created live in code: a
        save that makes a new revision the live one is refused like a publish, and a page
        created live is kept as a draft."""
        if self._created_live():
            try:
                check_publishable(self)
            except ImageConsentError as error:
                # Wagtail's create view adds the page live before its publish hooks run;
                # code may do the same. The page is kept, as a draft.
                logger.warning("Page “%s” created as a draft: %s", self.title, error.messages)
                self.live = False
                self.has_unpublished_changes = True
        elif self._makes_revision_live(kwargs.get("update_fields")):
            check_publishable(self)
        return super().save(*args, **kwargs)

    def _created_live(self) -> bool:
        """A page created already live (``parent.add_child(instance=page)`` in code, an
        import) goes live without ``publish()``."""
        return self.pk is None and self.live

    def _makes_revision_live(self, update_fields) -> bool:
        if not (self.live and self.pk and self.live_revision_id) or update_fields is not None:
            return False
        stored = Page.objects.filter(pk=self.pk).values_list("live_revision_id", flat=True).first()
        return stored != self.live_revision_id


class ListingFilterForm(forms.Form):
    """The query-string filter of the news and story lists. Unknown slugs are form errors,
    shown next to the field; the list then shows everything rather than a 500 or nothing."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All target groups"),
    )


class FilteredListingPage(SectionPage, ConsentCheckedPage):
    """An index page listing its live children of one type, newest first, filtered by
    ``?municipality=<slug>&target_group=<slug>`` and paginated by ``?page=<n>``."""

    #: The page type listed (a ``ConsentCheckedPage`` subclass with ``municipality`` and
    #: ``target_groups``); set by the subclass.
    listed_model = None
    #: Ordering of the list, newest first.
    listing_order = ("-first_published_at",)
    per_page = 10

    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        abstract = True

    def get_listing(self, filters):
        pages = (
            self.listed_model.objects.child_of(source_page(self))
            .live()
            .public()
            .for_listing()
            .order_by(*self.listing_order, "-pk")
        )
        if municipality := filters.get("municipality"):
            pages = pages.filter(municipality=municipality)
        if target_group := filters.get("target_group"):
            pages = pages.filter(target_groups=target_group)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ListingFilterForm(request.GET)
        form.is_valid()  # cleaned_data keeps the fields that are valid, drops the others
        filters = {name: value for name, value in form.cleaned_data.items() if value}
        paginator = Paginator(self.get_listing(filters), self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            active_filters=filters,
            paginator=paginator,
            page_obj=page_obj,
            # The original section's pages, each in the reader's language where translated.
            listed_pages=in_reader_language(
                page_obj.object_list, self.listed_model.objects.live().public().for_listing()
            ),
            filter_query=query.urlencode(),
        )
        return context


class ClassifiedPageQuerySet(PageQuerySet):
    def for_listing(self):
        """What a list card or a page-API listing reads (municipality, target groups, hero
        image and its renditions), in a fixed number of queries however long the list."""
        return self.select_related("municipality", "locale").prefetch_related(
            "target_groups",
            models.Prefetch(
                "hero_image",
                queryset=get_image_model()
                .objects.select_related(CONSENT_ACCESSOR)
                .prefetch_renditions(*HERO_RENDITIONS.values()),
            ),
        )


class ClassifiedPage(ConsentCheckedPage):
    """A page about something that happened somewhere, for someone: news and pilot stories.
    Both are listed by a ``FilteredListingPage`` and served by the page API with these
    fields."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)s_pages",
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="%(class)s_pages",
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and in lists. Needs consent to be published."),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in lists."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.FilterField("municipality"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("intro"),
        APIField("municipality", serializer=NamedSlugField()),
        APIField("target_groups", serializer=NamedSlugListField(extra=["people_count"])),
        APIField("hero_image", serializer=HeroImageField()),
    ]

    class Meta:
        abstract = True

    @property
    def publishable_hero_image(self):
        """The hero image, unless its consent was withdrawn after publishing."""
        image = self.hero_image
        return image if is_publishable(image) else None
