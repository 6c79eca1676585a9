"""Draft preview for a headless front end.

When ``KOPIENA["HEADLESS_PREVIEW_URL"]`` names the front end (``https://www.example.lv/preview``),
Kopiena's pages get a second preview mode, "Front end": previewing stores the unsaved page as
a :class:`HeadlessPreview` under a random token and shows the front end's preview address
with ``?content_type=kopiena_pages.newspage&token=…``; the front end reads the page as JSON
from the page API's ``page_preview`` endpoint (``/api/v2/page_preview/?token=…``), exactly as
it reads a published page from ``pages``. Tokens are unguessable and live for a day; the
endpoint shows nothing without one.
"""

import datetime as dt
import json
import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How long a preview address keeps working.
PREVIEW_LIFETIME = dt.timedelta(days=1)


class HeadlessPreviewQuerySet(models.QuerySet):
    def current(self):
        return self.filter(created_at__gte=timezone.now() - PREVIEW_LIFETIME)


class HeadlessPreview(models.Model):
    token = models.CharField(max_length=64, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    content_json = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = HeadlessPreviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("headless preview")
        verbose_name_plural = _("headless previews")

    def __str__(self):
        return f"{self.content_type} ({self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def for_page(cls, page) -> "HeadlessPreview":
        cls.objects.filter(created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()
        return cls.objects.create(
            token=secrets.token_urlsafe(32),
            content_type=ContentType.objects.get_for_model(page.specific_class or type(page)),
            content_json=json.loads(json.dumps(page.serializable_data(), default=str)),
        )

    def as_page(self):
        return self.content_type.model_class().from_serializable_data(self.content_json)
