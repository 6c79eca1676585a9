"""The annual report (ikgadējais ziņojums, seed 002): per municipality or planning region and
year, drafted with every figure filled in live and the narrative for the head to write,
approved and published through ``casework.service.perform_transition``.

Publishing freezes the figures: ``approve`` stores a snapshot of every indicator with the
time it was taken (:mod:`kopiena.monitoring.snapshot`) and publishes the report as an
``AnnualReportPage`` (:mod:`kopiena.monitoring.publishing`), inside the service's
transaction; the page, the page API and the PDF read the snapshot only, so a later
correction of a case does not change a published report silently.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField

from kopiena.casework.notifications import STAFF
from kopiena.casework.workflow import COMMENT, INTERNAL_COMMENT, CaseModel, action

from ..roles import Role
from ..scope import coordinated_region_ids, monitored_municipality_ids, scope_of

NARRATIVE_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3"]
#: (field, heading) of the narrative sections, in the report's order.
NARRATIVE = (
    ("summary", _("Summary")),
    ("went_well", _("What went well")),
    ("hindered", _("What hindered")),
    ("plans", _("Plans")),
)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    PUBLISHED = "published", _("Published")


def may_write(report: AnnualReport, user) -> bool:
    """A municipality's report: a head of its social service who monitors it; a region's:
    one of its regional coordinators."""
    if report.municipality_id:
        return report.municipality_id in monitored_municipality_ids(user)
    return bool(report.region_id) and report.region_id in coordinated_region_ids(user)


may_approve = may_write


class AnnualReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Superusers see every report; heads their municipalities'; coordinators their
        regions' and their regions' municipalities'."""
        if not getattr(user, "is_active", False):
            return self.none()
        if user.is_superuser:
            return self
        municipalities = monitored_municipality_ids(user)
        regions = coordinated_region_ids(user)
        return self.filter(
            Q(municipality_id__in=municipalities)
            | Q(region_id__in=regions)
            | Q(municipality__planning_region_id__in=regions)
        )

    def for_listing(self):
        return self.select_related("municipality", "region", "page")

    def awaiting(self, user):
        if not getattr(user, "is_active", False):
            return self.none()
        return self.filter(
            Q(municipality_id__in=monitored_municipality_ids(user))
            | Q(region_id__in=coordinated_region_ids(user)),
            status=ReportStatus.AWAITING_APPROVAL,
        )


class AnnualReport(CaseModel, ClusterableModel):
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "kopiena_casework.PlanningRegion",
        verbose_name=_("planning region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    summary = RichTextField(_("summary"), blank=True, features=NARRATIVE_FEATURES)
    went_well = RichTextField(_("what went well"), blank=True, features=NARRATIVE_FEATURES)
    hindered = RichTextField(_("what hindered"), blank=True, features=NARRATIVE_FEATURES)
    plans = RichTextField(_("plans"), blank=True, features=NARRATIVE_FEATURES)
    status = FSMField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        protected=True,
    )
    #: The figures as they were when the report was published (``snapshot.freeze``).
    snapshot = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)
    snapshot_taken_at = models.DateTimeField(
        _("figures taken at"), null=True, blank=True, editable=False
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, region__isnull=True)
                | Q(municipality__isnull=True, region__isnull=False),
                name="kopiena_monitoring_report_one_scope",
                violation_error_message=_("Choose a municipality or a planning region."),
            ),
            models.UniqueConstraint(
                fields=["municipality", "year"],
                condition=Q(municipality__isnull=False),
                name="kopiena_monitoring_report_municipality_year",
                violation_error_message=_("This municipality already has a report for the year."),
            ),
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=Q(region__isnull=False),
                name="kopiena_monitoring_report_region_year",
                violation_error_message=_("This region already has a report for the year."),
            ),
        ]

    def __str__(self):
        return self.title

    # --- lifecycle ----------------------------------------------------------------------

    @transition(
        field=status,
        source=ReportStatus.DRAFT,
        target=ReportStatus.AWAITING_APPROVAL,
        permission=may_write,
        custom=action(_("Submit for approval")),
    )
    def submit_for_approval(self, *, user, inputs):
        self.submitted_by = user

    @transition(
        field=status,
        source=ReportStatus.AWAITING_APPROVAL,
        target=ReportStatus.DRAFT,
        permission=may_approve,
        custom=action(
            _("Return for changes"),
            inputs=(COMMENT, INTERNAL_COMMENT),
            required=(COMMENT,),
            comment_label=_("What should change"),
            style="secondary",
        ),
    )
    def return_report(self, *, user, inputs):
        pass

    @transition(
        field=status,
        source=ReportStatus.AWAITING_APPROVAL,
        target=ReportStatus.PUBLISHED,
        permission=may_approve,
        custom=action(
            _("Approve and publish"),
            confirm=_(
                "The figures are frozen as they are now and the report is published on the "
                "site and as a PDF."
            ),
        ),
    )
    def approve(self, *, user, inputs):
        from ..publishing import freeze_and_publish

        self.approved_by = user
        freeze_and_publish(self, user)

    def transition_errors(self, action, user, inputs):
        if action in ("submit_for_approval", "approve") and not _plain(self.summary):
            return {"summary": [_("Write the summary before submitting the report.")]}
        if action == "approve":
            from ..publishing import report_index

            if report_index() is None:
                return {
                    "__all__": [
                        _(
                            "The site has no annual report index page to publish under; ask "
                            "the site's administrator to create one."
                        )
                    ]
                }
        return {}

    def notification_recipients(self, action, source, target):
        if action == "submit_for_approval":
            return [(user, STAFF) for user in self.approvers() if user.pk != self.submitted_by_id]
        people = {u.pk: u for u in (self.submitted_by, self.created_by) if u is not None}
        return [(user, STAFF) for user in people.values()]

    def approvers(self):
        from .access import MonitoringAccess

        if self.municipality_id:
            rows = MonitoringAccess.objects.filter(municipality_id=self.municipality_id)
            role = Role.SERVICE_HEADS
        else:
            rows = MonitoringAccess.objects.filter(region_id=self.region_id)
            role = Role.REGIONAL_COORDINATORS
        return list(
            get_user_model()
            .objects.filter(is_active=True, pk__in=rows.values("user_id"), groups__name=role)
            .distinct()
        )

    def case_reference(self) -> str:
        place = self.municipality.slug if self.municipality_id else self.region.slug
        return f"{place}-{self.year}"

    def get_admin_url(self):
        from django.urls import reverse

        return reverse("kopiena_monitoring_reports:inspect", args=[self.pk])

    def notification_url(self, audience) -> str:
        from kopiena.conf import base_url

        return base_url() + self.get_admin_url()

    # --- derived ------------------------------------------------------------------------

    @property
    def scope(self):
        return scope_of(self.municipality, self.region)

    @property
    def place(self):
        return self.municipality or self.region

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def narrative(self, language: str | None = None) -> list[dict]:
        """``[{"field", "heading", "text"}]`` in ``language`` (a translation where one is
        written, else Latvian)."""
        translation = None
        if language and language != "lv":
            translation = next((t for t in self.translations.all() if t.language == language), None)
        sections = []
        for name, heading in NARRATIVE:
            text = getattr(translation, name, "") if translation else ""
            sections.append(
                {"field": name, "heading": heading, "text": text or getattr(self, name)}
            )
        return sections


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html or "").strip()


class AnnualReportTranslation(models.Model):
    """The report's title and narrative in Russian or English; published as the page's
    translation where the site has that language's report index."""

    report = ParentalKey(AnnualReport, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("language"), max_length=2, choices=(("ru", "Русский"), ("en", "English"))
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = RichTextField(_("summary"), blank=True, features=NARRATIVE_FEATURES)
    went_well = RichTextField(_("what went well"), blank=True, features=NARRATIVE_FEATURES)
    hindered = RichTextField(_("what hindered"), blank=True, features=NARRATIVE_FEATURES)
    plans = RichTextField(_("plans"), blank=True, features=NARRATIVE_FEATURES)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], name="kopiena_monitoring_report_translation_once"
            )
        ]

    def __str__(self):
        return f"{self.report} ({self.language})"

    @property
    def is_empty(self) -> bool:
        return not any(_plain(getattr(self, name)) for name, _h in NARRATIVE) and not self.title
