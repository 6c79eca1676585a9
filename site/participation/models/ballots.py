"""Ballots: one per person per process, and the projects each chooses."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ideas import Idea
from .process import Process


class BallotQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(choices__isnull=False).distinct()


class Ballot(models.Model):
    """One person's ballot in one process, whichever way it came (online or on paper).

    ``voter_key`` is the person: ``p:`` and a keyed hash of their personal code (declared
    online, read from the paper ballot by staff), so an online ballot and a paper ballot of
    the same person collide on the unique constraint — that, and the second constraint of
    one ballot per portal account, is what makes "one ballot per person" hold under
    concurrency. The database never holds the code itself; the published CSV carries
    ``public_id`` only."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    voter_key = models.CharField(max_length=80, editable=False)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ballots",
    )
    paper = models.BooleanField(_("paper ballot"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "voter_key"], name="kopiena_participation_one_ballot"
            ),
            models.UniqueConstraint(
                fields=["process", "voter"],
                condition=models.Q(voter__isnull=False),
                name="kopiena_participation_one_ballot_per_account",
            ),
        ]

    def __str__(self):
        return str(self.public_id)


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="ballot_choices")

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "idea"], name="kopiena_participation_choice_once"
            ),
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.idea_id}"
