"""Who monitors what: a head of a social service monitors their municipality, a regional
coordinator their planning region. (The core has no link between a staff member and a
municipality; when it gets one, :func:`kopiena.monitoring.scope.scopes_for` reads it.)"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class MonitoringAccess(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="monitoring_access",
    )
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a head of a social service: the municipality they monitor."),
    )
    region = models.ForeignKey(
        "kopiena_casework.PlanningRegion",
        verbose_name=_("planning region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a regional coordinator: the region whose municipalities they monitor."),
    )

    panels = [FieldPanel("user"), FieldPanel("municipality"), FieldPanel("region")]

    class Meta:
        verbose_name = _("monitoring access")
        verbose_name_plural = _("monitoring access")
        ordering = ["user__username", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, region__isnull=True)
                | Q(municipality__isnull=True, region__isnull=False),
                name="kopiena_monitoring_access_one_scope",
                violation_error_message=_("Choose a municipality or a planning region, not both."),
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(municipality__isnull=False),
                name="kopiena_monitoring_access_unique_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=Q(region__isnull=False),
                name="kopiena_monitoring_access_unique_region",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.municipality or self.region}"


class RegionTargetGroup(models.Model):
    """How many people of a target group live in a planning region (seed 002 counts
    Latgale's): shown beside what the cases reached."""

    region = models.ForeignKey(
        "kopiena_casework.PlanningRegion",
        verbose_name=_("planning region"),
        on_delete=models.CASCADE,
        related_name="target_group_counts",
    )
    target_group = models.ForeignKey(
        "kopiena_casework.TargetGroup",
        verbose_name=_("target group"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    people_count = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)

    panels = [
        FieldPanel("region"),
        FieldPanel("target_group"),
        FieldPanel("people_count"),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = _("target group in a region")
        verbose_name_plural = _("target groups in regions")
        ordering = ["region__name", "target_group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "target_group"], name="kopiena_monitoring_region_group_once"
            )
        ]

    def __str__(self):
        return f"{self.region}: {self.target_group}"
