"""A winning project's delivery in public, beside its status, percentage and milestones:
photos (images of the site's image model, shown only with consent on file) and the
community news pages that tell about it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string

from .ideas import Idea


def _winner_only(item):
    if item.idea_id and item.idea.status not in Idea.WINNING_STATES:
        raise ValidationError({"idea": _("Only a winning project's delivery is shown in public.")})


class DeliveryPhoto(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("project"), on_delete=models.CASCADE, related_name="delivery_photos"
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown only when the image's consent allows it."),
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["idea", "order", "pk"]
        verbose_name = _("delivery photo")
        verbose_name_plural = _("delivery photos")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "image"], name="kopiena_participation_photo_once"
            ),
        ]

    def __str__(self):
        return self.caption or str(self.image)

    def clean(self):
        _winner_only(self)


class DeliveryNews(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("project"), on_delete=models.CASCADE, related_name="delivery_news"
    )
    page = models.ForeignKey(
        "kopiena_pages.NewsPage",
        verbose_name=_("news page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["idea", "pk"]
        verbose_name = _("delivery news")
        verbose_name_plural = _("delivery news")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "page"], name="kopiena_participation_news_once"
            ),
        ]

    def __str__(self):
        return str(self.page)

    def clean(self):
        _winner_only(self)
