"""Organisations that apply for grants, and the users who act for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import IBANField, RegistrationNumberField
from ..querysets import OrganisationQuerySet


class LegalForm(models.TextChoices):
    BIEDRIBA = "biedriba", _("Association (biedrība)")
    NODIBINAJUMS = "nodibinajums", _("Foundation (nodibinājums)")
    RELIGISKA = "religiska_organizacija", _("Religious organisation")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """An NGO (association, foundation, religious organisation) that applies to calls.

    Registered as a snippet-like admin screen by the grants admin (``wagtail_hooks``);
    NGO members see only the organisations they belong to (:meth:`OrganisationQuerySet.for_user`).
    """

    name = models.CharField(_("name"), max_length=255)
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, default=LegalForm.BIEDRIBA
    )
    registration_number = RegistrationNumberField(
        _("registration number"),
        max_length=11,
        unique=True,
        help_text=_("11 digits, as in the Register of Enterprises."),
        error_messages={"unique": _("An organisation with this registration number exists.")},
    )
    public_benefit = models.BooleanField(
        _("public-benefit organisation"),
        default=False,
        help_text=_("Has the public-benefit status granted by the State Revenue Service."),
    )
    registered_social_service_provider = models.BooleanField(
        _("registered social service provider"),
        default=False,
        help_text=_("Listed in the Ministry of Welfare's register of social service providers."),
    )
    e_address = models.CharField(
        _("official e-address"),
        max_length=255,
        blank=True,
        help_text=_("The organisation's official electronic address (e-adrese)."),
    )
    iban = IBANField(
        _("IBAN"),
        blank=True,
        help_text=_("Latvian account number, e.g. LV80 BANK 0000 4351 9500 1."),
    )
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="kopiena_grants.Membership",
        related_name="organisations",
        verbose_name=_("members"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def has_member(self, user) -> bool:
        """True when ``user`` (active, signed in) acts for this organisation."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        return self.memberships.filter(user=user).exists()


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class Membership(models.Model):
    """A user who acts for an organisation: may create, submit and withdraw its applications
    and report on them. Staff accounts belong to no organisation (segregation of duties)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="kopiena_grants_membership_unique_user_organisation",
                violation_error_message=_("This user is already a member of the organisation."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"
