"""Image consent at publish time: one rule, checked at every door Wagtail has for publishing.

The rule: a page of Kopiena's may not go live while the content going live shows an image
whose consent record says “No consent”, or that has no consent record at all — its hero
image, an image block of a StreamField, an image embedded in rich text, or any other
reference from the page (or its inline children) to an image. Saving a draft, submitting it
to moderation and previewing it stay possible. The host's own page types are not checked.

Wagtail 8 has no single pre-publish hook (the edit view runs ``PublishPageRevisionAction``
itself, the admin API too; everything else goes through ``Page.publish()``), so the rule is
wired at each door, the editor's first:

* ``ConsentCheckedPageForm`` (``pages.models.base``): the publish button of the create and
  edit views, and approving a workflow task from the edit view, are form errors naming the
  image; nothing is saved, and the same form saved as a draft goes through.
* ``before_publish_page`` hook (``pages.wagtail_hooks``): behind the form, for a page form
  that is not ours. The draft the view has saved is kept; the publish is refused with a
  message.
* ``before_bulk_action`` hook: bulk publish from the page explorer, all or nothing.
* ``ConsentCheckedPage.publish`` (``pages.models.base``): ``Revision.publish()``,
  ``Page.publish()``, the end of a workflow and scheduled publishing. It raises
  :class:`ImageConsentError` — except for a scheduled publish, which is cancelled (and logged
  in the page history) instead, so that one page cannot stop ``publish_scheduled`` from
  publishing the others.
* ``ConsentCheckedPage.save``: the backstop for code that runs ``PublishPageRevisionAction``
  directly (the admin API's publish action, which answers the error with a 400): a save that
  makes a new revision the live one is refused the same way.

* ``pages.middleware.ConsentRefusalMiddleware``: approving from the workflow modal (the
  dashboard's “Approve” button) publishes inside the approval's transaction, so the
  refusal is an exception there; the approval is rolled back and the middleware turns it
  into an error message on the page's edit view.
"""

from __future__ import annotations

import logging

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import ForeignObjectRel
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from kopiena.pages.models.images import image_consent, publishable_images_q

logger = logging.getLogger(__name__)

#: ``log_action`` with which ``publish_scheduled`` publishes a revision that has come due.
SCHEDULED_PUBLISH_LOG_ACTION = "wagtail.publish.scheduled"


class ImageConsentError(ValidationError):
    """Publishing was refused: the content shows images nobody agreed to show. A
    ``ValidationError`` of the whole page (Wagtail's admin API answers it with a 400 and its
    ``message_dict``)."""

    code = "image_without_consent"

    def __init__(self, images):
        self.images = list(images)
        super().__init__(
            {
                NON_FIELD_ERRORS: [
                    ValidationError(consent_message(image), code=self.code) for image in self.images
                ]
            }
        )


def consent_message(image) -> str:
    if image_consent(image) is None:
        message = gettext(
            "The image “%(title)s” cannot be published: no consent is recorded for it. "
            "Record the consent on the image in the image library, or replace the image, "
            "then publish again."
        )
    else:
        message = gettext(
            "The image “%(title)s” cannot be published: it is marked “No consent”. Replace "
            "it, or record the consent in the image library, then publish again."
        )
    return message % {"title": image.title}


def _is_image_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, AbstractImage)


def _referenced_image_pks(obj):
    """Yield the primary key of every image ``obj`` refers to, as a string.

    The same walk Wagtail's reference index makes, through public field APIs only: foreign
    keys and many-to-many fields to an image model, ``extract_references`` of StreamField and
    RichTextField values, and the inline children of a clusterable model (which, on a page
    rebuilt from a revision, are the in-memory children of that revision).
    """
    for field in obj._meta.get_fields():
        if not field.is_relation or isinstance(field, ParentalKey):
            if hasattr(field, "extract_references"):
                value = field.value_from_object(obj)
                if value is not None:
                    for model, pk, _model_path, _content_path in field.extract_references(value):
                        if _is_image_model(model):
                            yield str(pk)
            continue
        if isinstance(field, ForeignObjectRel) or not _is_image_model(field.related_model):
            continue  # a reverse relation, or a relation to something other than an image
        if field.many_to_one or field.one_to_one:
            pk = field.value_from_object(obj)
            if pk is not None:
                yield str(pk)
        elif field.many_to_many:
            yield from (str(image.pk) for image in getattr(obj, field.name).all())

    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            for child in getattr(obj, relation.get_accessor_name()).all():
                yield from _referenced_image_pks(child)


def images_without_consent(obj) -> list:
    """The images ``obj`` shows that may not be shown (marked “No consent”, or with no
    consent recorded), in the order they appear."""
    pks = list(dict.fromkeys(_referenced_image_pks(obj)))
    if not pks:
        return []
    found = (
        get_image_model()
        .objects.filter(pk__in=pks)
        .exclude(publishable_images_q())
        .select_related("kopiena_consent")
        .in_bulk()
    )
    return [found[int(pk)] for pk in pks if int(pk) in found]


def check_publishable(obj) -> None:
    """Raise :class:`ImageConsentError` when ``obj`` (the content about to go live, e.g.
    ``revision.as_object()``) shows an image without consent."""
    images = images_without_consent(obj)
    if images:
        raise ImageConsentError(images)


def content_to_publish(page):
    """What publishing ``page`` now would put live: its latest revision, or the page itself
    when it has none yet."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision else page.specific


def cancel_scheduled_publish(revision, error: ImageConsentError) -> None:
    """Take ``revision`` off the schedule; Wagtail logs the cancellation in the history."""
    logger.warning(
        "Scheduled publishing of page %s (revision %s) cancelled: %s",
        revision.object_id,
        revision.pk,
        "; ".join(error.messages),
    )
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
