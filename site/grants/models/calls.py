"""Calls for applications (konkursi) as Wagtail pages: they are published and announced,
and each carries the rules the submit and approve guards of an application check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kopiena.conf import kopiena_setting
from kopiena.pages.locales import in_reader_language, source_page
from kopiena.pages.sections import SectionPage

from ..fields import ChoiceListField
from ..money import format_eur
from ..roles import Role
from .documents import APPLICATION_KIND_CHOICES, kind_label
from .organisations import LegalForm

#: Calls open and close by the clock on the wall in Latvia, whatever the server's zone.
RIGA = ZoneInfo("Europe/Riga")

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def money_field(verbose_name, **kwargs):
    """EUR, 2 decimal places, up to 9 999 999 999.99."""
    kwargs.setdefault("validators", [MinValueValidator(ZERO)])
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def rate_field(verbose_name, **kwargs):
    """A share between 0 and 1 (0.90 = 90 %)."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        **kwargs,
    )


def _aware(at: dt.datetime | None) -> dt.datetime:
    """``at`` or now; a naive datetime is Latvian time."""
    at = at or timezone.now()
    return timezone.make_aware(at, RIGA) if timezone.is_naive(at) else at


def criteria_weight_error(weights) -> str | None:
    """The message when scoring-criterion weights do not add up to 1 (``None`` when fine)."""
    weights = [Decimal(w) for w in weights if w is not None]
    if not weights:
        return str(_("Add at least one scoring criterion."))
    total = sum(weights, Decimal("0"))
    if total != Decimal("1"):
        return str(
            _("The weights of the scoring criteria must add up to 1 (now %(total)s).")
            % {"total": total.normalize()}
        )
    return None


class CallIndexPage(SectionPage):
    """The list of calls: the open ones first, then the coming and the past ones.
    One per site, under the home page."""

    intro = RichTextField(_("introduction"), blank=True)

    #: Under any page unless the host says where (KOPIENA["INDEX_PARENT_PAGE_TYPES"]).
    parent_page_types = kopiena_setting("INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["kopiena_grants.GrantCall"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("call index page")
        verbose_name_plural = _("call index pages")

    def calls(self):
        """The calls of the original index (a translated index lists them all, each in the
        reader's language where translated: ``kopiena.pages.locales``)."""
        return (
            GrantCall.objects.child_of(source_page(self))
            .live()
            .select_related("municipality", "locale")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        calls = self.calls()
        translations = GrantCall.objects.live().select_related("municipality", "locale")
        # Calls close at the end of the minute of ``closes_at`` (see GrantCall.is_open).
        closed_before = now - dt.timedelta(minutes=1)
        for name, selected, order in (
            (
                "open_calls",
                calls.filter(opens_at__lte=now, closes_at__gt=closed_before),
                "closes_at",
            ),
            ("upcoming_calls", calls.filter(opens_at__gt=now), "opens_at"),
            ("past_calls", calls.filter(closes_at__lte=closed_before), "-closes_at"),
        ):
            context[name] = in_reader_language(selected.order_by(order), translations)
        return context


class GrantCallForm(WagtailAdminPageForm):
    """The call editor checks what the field validators cannot: the criteria's weights.
    The responsible officers are picked by their names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("officers")
        if field is not None:
            field.queryset = field.queryset.order_by("last_name", "first_name", "username")
            field.label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("criteria")
        if formset is not None and formset.is_valid():
            weights = [
                form.cleaned_data.get("weight")
                for form in formset.forms
                if form.cleaned_data and not formset._should_delete_form(form)
            ]
            error = criteria_weight_error(weights)
            if error:
                self.add_error(None, error)
        return cleaned_data


class GrantCall(Page):
    """A call for applications and its rules.

    Applications point here (``call.applications``); the submit guard reads the grant
    limits, funding rate, infrastructure share, duration and eligibility, the approve guard
    the budget, reserve and committed total (see ``Application.transition_errors``).
    """

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences for the list of calls.")
    )
    body = RichTextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("owner municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        help_text=_("Leave empty for a call run by a programme or planning region."),
    )
    opens_at = models.DateTimeField(_("opens at"), help_text=_("Latvian time."))
    closes_at = models.DateTimeField(
        _("closes at"),
        help_text=_("Latvian time; submissions are accepted up to and including this moment."),
    )
    total_budget = money_field(_("total budget (EUR)"))
    reserve = money_field(
        _("reserve (EUR)"),
        default=ZERO,
        help_text=_("Kept back for unforeseen costs; not available to applications."),
    )
    min_grant = money_field(_("minimum grant (EUR)"), default=ZERO)
    max_grant = money_field(_("maximum grant (EUR)"))
    funding_rate = rate_field(
        _("funding rate"),
        default=Decimal("1"),
        help_text=_("The highest share of the total cost the call pays: 0.90 means 90 %."),
    )
    #: How far a report's spending on a budget line may exceed the approved line before
    #: the NGO must justify it (an example default: the seeds give no figure).
    overspend_tolerance = rate_field(
        _("overspend tolerance per budget line"),
        default=Decimal("0.10"),
        help_text=_(
            "A report that spends more than this share above an approved budget line must "
            "explain that line (0.10 = 10 %)."
        ),
    )
    infrastructure_share = rate_field(
        _("infrastructure share"),
        default=Decimal("0"),
        help_text=_("The highest share of the total cost for infrastructure: 0.05 means 5 %."),
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), default=12, validators=[MinValueValidator(1)]
    )
    eligible_legal_forms = ChoiceListField(
        _("eligible legal forms"), item_choices=LegalForm.choices
    )
    public_benefit_required = models.BooleanField(
        _("public-benefit status required"), default=False
    )
    social_service_provider_required = models.BooleanField(
        _("registered social service provider required"),
        default=False,
        help_text=_("Only organisations in the register of social service providers may apply."),
    )
    reviews_required = models.PositiveSmallIntegerField(
        _("reviews required"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("Completed reviews needed before an application can be recommended."),
    )
    required_documents = models.TextField(
        _("documents to attach"), blank=True, help_text=_("One document per line.")
    )
    #: Checked at submit: an application carries a file of each of these kinds.
    required_document_kinds = ChoiceListField(
        _("required document kinds"),
        item_choices=APPLICATION_KIND_CHOICES,
        blank=True,
        help_text=_(
            "The portal asks for a file of each kind with the application and refuses to "
            "submit it without one."
        ),
    )
    #: Who handles the call's cases: the officer-bound e-mails of its applications go to
    #: them (``grants.officers.officers_of``); none named, to every grant officer.
    officers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officers"),
        blank=True,
        related_name="responsible_for_calls",
        limit_choices_to={"is_active": True, "groups__name": Role.GRANT_OFFICERS},
        help_text=_(
            "Grant officers who handle this call's applications: messages from applicants, "
            "declared conflicts of interest and reports go to them. Leave empty to notify "
            "every grant officer."
        ),
    )

    parent_page_types = ["kopiena_grants.CallIndexPage"]
    subpage_types: list[str] = []
    base_form_class = GrantCallForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("body"),
    ]
    rules_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("total_budget"), FieldPanel("reserve")]),
                FieldRowPanel([FieldPanel("min_grant"), FieldPanel("max_grant")]),
                FieldRowPanel([FieldPanel("funding_rate"), FieldPanel("infrastructure_share")]),
                FieldPanel("overspend_tolerance"),
            ],
            heading=_("Money"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("max_duration_months"),
                FieldPanel("eligible_legal_forms"),
                FieldPanel("public_benefit_required"),
                FieldPanel("social_service_provider_required"),
                FieldPanel("required_documents"),
                FieldPanel("required_document_kinds"),
            ],
            heading=_("Eligibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reviews_required"),
                FieldPanel("officers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Administration"),
        ),
        InlinePanel("criteria", heading=_("Scoring criteria"), label=_("criterion"), min_num=1),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")

    #: The rules get their own tab; the admin's other tabs stay Wagtail's.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(rules_panels, heading=_("Rules")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=GrantCallForm,
    )

    # --- rules ---------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if None not in (self.min_grant, self.max_grant) and self.min_grant > self.max_grant:
            errors["min_grant"] = _("The minimum grant cannot exceed the maximum grant.")
        if self.total_budget is not None:
            if self.reserve is not None and self.reserve >= self.total_budget:
                errors["reserve"] = _("The reserve must be smaller than the total budget.")
            if self.max_grant is not None and self.max_grant > self.total_budget:
                errors["max_grant"] = _("The maximum grant cannot exceed the total budget.")
            committed = self.committed_amount if self.pk else ZERO
            if self.total_budget - (self.reserve or ZERO) < committed:
                # Saving a draft or publishing: the page form shows it on the field.
                errors["total_budget"] = _(
                    "Budget less reserve (%(available)s) is below what approved applications "
                    "already hold (%(committed)s)."
                ) % {
                    "available": format_eur(self.total_budget - (self.reserve or ZERO)),
                    "committed": format_eur(committed),
                }
        if self.funding_rate is not None and self.funding_rate <= 0:
            errors["funding_rate"] = _("The funding rate must be greater than 0.")
        if errors:
            raise ValidationError(errors)

    # --- translations ----------------------------------------------------------------------

    #: What a translation of the call page shows from its original, whatever the copy holds:
    #: a page in English or Russian never states a budget, a deadline or a rule the call no
    #: longer has. Applications always go to the original (``source_call``).
    RULE_FIELDS = (
        "municipality_id",
        "opens_at",
        "closes_at",
        "total_budget",
        "reserve",
        "min_grant",
        "max_grant",
        "funding_rate",
        "overspend_tolerance",
        "infrastructure_share",
        "max_duration_months",
        "eligible_legal_forms",
        "public_benefit_required",
        "social_service_provider_required",
        "reviews_required",
    )

    @cached_property
    def source_call(self) -> GrantCall:
        """The call itself: the original of a translated call page (the first page of its
        translation key, see :func:`original_calls`), the page itself otherwise."""
        if self.pk is None:
            return self
        first = (
            GrantCall.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        )
        return first if first is not None and first.pk != self.pk else self

    def get_context(self, request, *args, **kwargs):
        source = self.source_call
        if source is not self:
            for name in self.RULE_FIELDS:
                setattr(self, name, getattr(source, name))
        return super().get_context(request, *args, **kwargs)

    def is_open(self, at: dt.datetime | None = None) -> bool:
        """Whether submissions are accepted at ``at`` (now by default).

        From ``opens_at`` to the end of the minute of ``closes_at``: a call "open until
        31 March 23:59" accepts 23:59:59 and refuses 00:00:00 — in Riga, summer or winter,
        whatever the server's time zone. A naive ``at`` is read as Latvian time.
        """
        at = _aware(at)
        return self.opens_at <= at < self.submission_deadline()

    def submission_deadline(self) -> dt.datetime:
        """The first instant submissions are refused: the minute after ``closes_at``."""
        return self.closes_at.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)

    def phase(self, at: dt.datetime | None = None) -> str:
        """``upcoming``, ``open`` or ``closed``."""
        at = _aware(at)
        if self.is_open(at):
            return "open"
        return "upcoming" if at < self.opens_at else "closed"

    def infrastructure_rule(self) -> str:
        """The call's infrastructure condition in one wording everywhere it is shown (the
        call page, the portal's list of calls, the application form)."""
        from ..money import format_percent

        if not self.infrastructure_share:
            return gettext("Infrastructure costs are not funded.")
        return gettext("Infrastructure costs may be up to %(share)s of the total cost.") % {
            "share": format_percent(self.infrastructure_share)
        }

    def closes_at_riga(self) -> dt.datetime:
        return timezone.localtime(self.closes_at, RIGA)

    def opens_at_riga(self) -> dt.datetime:
        return timezone.localtime(self.opens_at, RIGA)

    @property
    def year(self) -> int:
        return self.opens_at_riga().year

    @property
    def available_budget(self) -> Decimal:
        """What applications may share: the total budget less the reserve."""
        return self.total_budget - self.reserve

    @property
    def committed_amount(self) -> Decimal:
        """Approved amounts of the applications that hold money: approved, report submitted
        and completed. Summed in Python so SQLite's floating point never enters the sum."""
        from .applications import Application

        amounts = (
            Application.objects.filter(call=self)
            .committed()
            .values_list("approved_amount", flat=True)
        )
        return sum((a for a in amounts if a is not None), ZERO)

    @property
    def remaining_budget(self) -> Decimal:
        """Total − reserve − committed."""
        return self.available_budget - self.committed_amount

    def accepts_legal_form(self, legal_form: str) -> bool:
        return legal_form in (self.eligible_legal_forms or [])

    def get_eligible_legal_forms_display(self) -> list[str]:
        labels = dict(LegalForm.choices)
        return [str(labels.get(v, v)) for v in self.eligible_legal_forms or []]

    def required_documents_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    def required_document_kinds_display(self) -> list[str]:
        """The kinds of document the application must carry, as a person reads them."""
        return [kind_label(kind) for kind in self.required_document_kinds or []]

    def criteria_errors(self) -> str | None:
        """The weight message for the saved criteria (the editor checks the form's)."""
        return criteria_weight_error(self.criteria.values_list("weight", flat=True))


def original_calls(queryset=None):
    """``queryset`` (default: every call) without the translations of call pages: a call
    translated into English and Russian is one call with three pages, and lists, the portal,
    the case API, imports and monitoring count it once, as its original (the first page
    created with its translation key, where applications go)."""
    queryset = GrantCall.objects.all() if queryset is None else queryset
    earlier = Page.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return queryset.exclude(Exists(earlier))


class ScoringCriterion(Orderable):
    """A criterion reviewers score from 0 to ``max_score``; ``weight`` is its share of the
    weighted total (the weights of a call add up to 1)."""

    call = ParentalKey(GrantCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=255)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share of the total, e.g. 0.25; the weights of a call add up to 1."),
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=10, validators=[MinValueValidator(1)]
    )

    panels = [FieldPanel("name"), FieldPanel("weight"), FieldPanel("max_score")]

    class Meta(Orderable.Meta):
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")

    def __str__(self):
        return self.name
