"""Municipality, its planning region, and TargetGroup: the classifications every app shares
(pages, calls, organisations, initiatives, monitoring, and whatever a later app classifies).
They live in the core so that every domain app can point at them and the core's importing
lookups can read them without importing a domain app. Registered as snippets in
``casework.wagtail_hooks``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class PlanningRegion(index.Indexed, models.Model):
    """A planning region (plānošanas reģions: Kurzeme, Latgale, Rīga, Vidzeme, Zemgale): the
    municipalities a regional coordinator monitors together (seed 002: Latgale's social
    services programme and its regional coordinator)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("planning region")
        verbose_name_plural = _("planning regions")

    def __str__(self):
        return self.name


class Municipality(index.Indexed, models.Model):
    """A municipality (novads or valstspilsēta): news, stories, organisations and calls
    belong to one; it lies in one planning region."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    planning_region = models.ForeignKey(
        PlanningRegion,
        verbose_name=_("planning region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("planning_region")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class TargetGroup(index.Indexed, models.Model):
    """A group of people a service or project is for (seed 002 gives the Latgale counts)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    people_count = models.PositiveIntegerField(
        _("number of people"),
        null=True,
        blank=True,
        help_text=_("Estimated size of the group, where known."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Who belongs to the group, and where the number comes from."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("people_count"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class CaseMessage(models.Model):
    """One message of the conversation between the applicant and the staff on a case of
    any type (the case is named by content type and id, as Wagtail's log entries name it,
    so the core imports no domain app). Written only by
    :func:`casework.conversation.post_message`, which also writes its entry in the case
    history and mails the other side (or, for the answer that goes with a resubmission, by
    :func:`~casework.conversation.create_message`: the submit's entry carries it).

    ``token`` is the form's one-time key: a second POST of the same form (a double click,
    a reload) finds the first message instead of writing another."""

    class Side(models.TextChoices):
        APPLICANT = "applicant", _("applicant")
        STAFF = "staff", _("staff")

    class Kind(models.TextChoices):
        MESSAGE = "message", _("message")
        ANSWER = "answer", _("answer to a change request")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255)
    side = models.CharField(_("sent by"), max_length=20, choices=Side.choices)
    kind = models.CharField(
        _("kind of message"), max_length=20, choices=Kind.choices, default=Kind.MESSAGE
    )
    text = models.TextField(_("message"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="kopiena_casemessage_case"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "token"],
                condition=models.Q(token__isnull=False),
                name="kopiena_casemessage_one_per_token",
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def from_applicant(self) -> bool:
        return self.side == self.Side.APPLICANT
