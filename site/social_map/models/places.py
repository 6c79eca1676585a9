"""Named places people search "near": microdistricts, parishes, landmarks. The list's
"near an address" finds a place here (or a street the directory knows) and sorts by the
distance from it; no outside geocoding service is asked."""

from __future__ import annotations

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import validators


def search_key(text: str) -> str:
    """Case- and diacritic-free, spaces squeezed: ``Zaļā  birzs`` → ``zala birzs``."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


class Place(models.Model):
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="directory_places",
    )
    name = models.CharField(_("name"), max_length=120)
    search_key = models.CharField(max_length=120, editable=False, db_index=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, validators=[validators.validate_latitude]
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=[validators.validate_longitude]
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("named place")
        verbose_name_plural = _("named places")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "search_key"], name="kopiena_social_map_place_unique"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The key is derived from the name, like a slug; nothing else happens here.
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)
