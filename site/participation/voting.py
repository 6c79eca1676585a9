"""Ballots: cast or changed online, entered from paper by staff — one per person per
process whichever way it comes.

The person is their personal code's keyed hash (:func:`.codes.person_key`): the resident
declares it with the first online ballot, staff read it from a paper ballot. Both land in
``Ballot.voter_key``, unique per process, so a resident who voted online and is then
entered on paper (or the other way round) is refused with a message saying which ballot
stands; a portal account holds at most one ballot too (a second constraint). Each write
runs in one transaction that locks the process row first, so two ballots of the same person
arriving together are serialised, and the constraints hold even if they were not.

A process may ask online voters for a verification code (:mod:`.codes`): checked against
its stored hash, used once (the ballot it opened is written on it in the same
transaction), wrong attempts throttled per account and per address.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from kopiena.grants.money import format_eur

from . import codes
from .models import Ballot, BallotChoice, BallotType, Idea, Process, VerificationCode
from .roles import is_staff

PAPER_BALLOT = "kopiena_participation.paper_ballot"


@dataclass(frozen=True)
class Eligibility:
    """What a person declares before voting, as the process's rules ask: the year of birth,
    residence, the personal code (one ballot per person) and, when the process asks for
    one, the verification code they were given."""

    birth_year: int | None
    resident: bool
    person_code: str = ""
    verification_code: str = ""


def ballot_errors(process: Process, ideas: list[Idea]) -> dict[str, list[str]]:
    """Why a choice of ``ideas`` is not a valid ballot of ``process`` (empty when it is)."""
    errors: dict[str, list[str]] = {}
    if not ideas:
        return {"__all__": [_("Choose at least one project.")]}
    by_category: dict[int, list[Idea]] = {}
    for idea in ideas:
        if idea.process_id != process.pk or idea.status not in Idea.BALLOT_STATES:
            errors.setdefault("__all__", []).append(
                _("Project “%(title)s” is not on this ballot.") % {"title": idea.title}
            )
            continue
        by_category.setdefault(idea.category_id, []).append(idea)
    for category in process.categories.all():
        chosen = by_category.get(category.pk, [])
        key = f"category_{category.code}"
        if process.ballot_type == BallotType.KNAPSACK:
            total = sum((idea.ballot_cost for idea in chosen), Decimal("0.00"))
            if total > category.money:
                errors.setdefault(key, []).append(
                    _(
                        "Your choice in “%(category)s” costs %(total)s, more than its money "
                        "(%(money)s). Remove a project."
                    )
                    % {
                        "category": category.display_name,
                        "total": format_eur(total),
                        "money": format_eur(category.money),
                    }
                )
        elif len(chosen) > process.max_choices:
            errors.setdefault(key, []).append(
                _("Choose at most %(n)s projects in “%(category)s”.")
                % {"n": process.max_choices, "category": category.display_name}
            )
    return errors


def eligibility_errors(process: Process, eligibility: Eligibility) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not eligibility.resident:
        errors["resident"] = [
            _("Only residents of %(municipality)s may vote: confirm that you live there.")
            % {"municipality": process.municipality.name}
        ]
    if eligibility.birth_year is None:
        errors["birth_year"] = [_("Enter the year you were born.")]
    elif process.voting_close.year - eligibility.birth_year < process.min_age:
        errors["birth_year"] = [
            _("You must be at least %(age)s years old to vote.") % {"age": process.min_age}
        ]
    return errors


def cast_ballot(
    process: Process, user, idea_ids: list[int], eligibility: Eligibility, *, today=None, address=""
) -> Ballot:
    """Cast or change ``user``'s ballot: refused with a message (nothing written) when the
    vote is not open, the person is not eligible, has voted already another way, gives a
    wrong code or the choice breaks the ballot's rule. ``address`` is the client's, for the
    throttle of verification codes."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    return _write_ballot(process, idea_ids, eligibility, voter=user, today=today, address=address)


def enter_paper_ballot(
    process: Process,
    staff_user,
    person_code: str,
    idea_ids: list[int],
    eligibility: Eligibility,
    *,
    today=None,
) -> Ballot:
    """A paper ballot entered by staff, refused if the person already voted — online or on
    paper — and audited in the process's history. A verification code in
    ``eligibility`` (optional on paper) is checked and used up like an online one."""
    if not is_staff(staff_user):
        raise PermissionDenied
    eligibility = Eligibility(
        birth_year=eligibility.birth_year,
        resident=eligibility.resident,
        person_code=person_code,
        verification_code=eligibility.verification_code,
    )
    return _write_ballot(process, idea_ids, eligibility, entered_by=staff_user, today=today)


def _person_errors(eligibility, own, on_paper) -> tuple[str | None, list[str]]:
    """The person's key and what is wrong with the personal code given."""
    given = (eligibility.person_code or "").strip()
    if own is not None:  # changing one's ballot: the code is on record already
        if given:
            try:
                if codes.person_key(given) != own.voter_key and own.voter_key.startswith("p:"):
                    return None, [_("This is not the personal code your ballot was cast with.")]
            except ValidationError as exc:
                return None, exc.messages
        return own.voter_key, []
    if not given:
        message = (
            _("Enter the voter's personal code.") if on_paper else _("Enter your personal code.")
        )
        return None, [message]
    try:
        return codes.person_key(given), []
    except ValidationError as exc:
        return None, exc.messages


def _already_voted(existing: Ballot, on_paper: bool) -> str:
    when = date_format(timezone.localtime(existing.cast_at), "DATE_FORMAT")
    if on_paper and not existing.paper:
        return _(
            "This person has already voted online in this budget (on %(date)s): a paper "
            "ballot cannot be added."
        ) % {"date": when}
    if on_paper:
        return _(
            "This person has already voted in this budget: a paper ballot was entered on %(date)s."
        ) % {"date": when}
    if existing.paper:
        return _(
            "A paper ballot with this personal code was entered on %(date)s. Each person "
            "votes once: that ballot stands."
        ) % {"date": when}
    return _(
        "A ballot with this personal code was already cast from another account. Each "
        "person votes once."
    )


def _code_errors(process, eligibility, voter, address) -> tuple[VerificationCode | None, list]:
    """The verification code to use up, or why it cannot be used."""
    given = codes.normalise_code(eligibility.verification_code)
    if not given:
        if voter is None:
            return None, []  # optional on paper: staff see the person
        return None, [_("Enter the verification code you were given.")]
    wait = codes.wait_seconds(voter, address)
    if wait:
        minutes = max(1, (wait + 59) // 60)
        return None, [
            ngettext(
                "Too many wrong codes. Try again in %(minutes)d minute.",
                "Too many wrong codes. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        ]
    code = (
        VerificationCode.objects.select_for_update()
        .filter(process=process, code_hash=codes.code_hash(given))
        .first()
    )
    if code is None or code.ballot_id is not None or code.used_at is not None:
        codes.record_failure(voter, address)
        if code is None:
            return None, [_("This verification code is not valid for this budget.")]
        return None, [_("This verification code has already been used.")]
    return code, []


def _write_ballot(
    process, idea_ids, eligibility, *, voter=None, entered_by=None, today=None, address=""
) -> Ballot:
    on_paper = entered_by is not None
    ids = sorted({int(i) for i in idea_ids})[:200]
    try:
        with transaction.atomic():
            process = (
                Process.objects.select_for_update()
                .select_related("municipality")
                .get(pk=process.pk)
            )
            if not process.voting_is_open(today):
                raise ValidationError(
                    _("Voting is open from %(start)s to %(end)s; a ballot cannot be cast now.")
                    % {"start": process.voting_open, "end": process.voting_close}
                )
            errors = eligibility_errors(process, eligibility)
            own = Ballot.objects.filter(process=process, voter=voter).first() if voter else None
            key, person = _person_errors(eligibility, own, on_paper)
            if person:
                errors["person_code"] = person
            code = None
            if own is None and (process.requires_code or on_paper):
                code, refusal = _code_errors(process, eligibility, voter, address)
                if refusal:
                    errors["verification_code"] = refusal
            ideas = list(Idea.objects.filter(pk__in=ids).select_related("category"))
            if len(ideas) != len(ids):
                errors.setdefault("__all__", []).append(_("A chosen project does not exist."))
            for name, messages in ballot_errors(process, ideas).items():
                errors.setdefault(name, []).extend(messages)
            if errors:
                raise ValidationError(errors)
            now = timezone.now()
            ballot = own
            if ballot is None:
                existing = Ballot.objects.filter(process=process, voter_key=key).first()
                if existing is not None:
                    raise ValidationError({"person_code": [_already_voted(existing, on_paper)]})
                ballot = Ballot.objects.create(
                    process=process,
                    voter_key=key,
                    voter=voter,
                    paper=on_paper,
                    entered_by=entered_by,
                    cast_at=now,
                    changed_at=now,
                )
                if code is not None:
                    used = VerificationCode.objects.filter(pk=code.pk, ballot__isnull=True).update(
                        ballot=ballot, used_at=now
                    )
                    if not used:
                        raise ValidationError(
                            {
                                "verification_code": [
                                    _("This verification code has already been used.")
                                ]
                            }
                        )
            else:
                ballot.changed_at = now
                ballot.save(update_fields=["changed_at"])
                ballot.choices.all().delete()
            BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, idea=i) for i in ideas)
            if on_paper:
                log(process, PAPER_BALLOT, user=entered_by, data={"ballot": str(ballot.public_id)})
    except IntegrityError:
        # The same person's other request won the race: theirs is the one ballot.
        raise ValidationError(_("This person has already voted in this budget.")) from None
    return ballot


def ballot_of(process: Process, user) -> Ballot | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Ballot.objects.filter(process=process, voter=user).prefetch_related("choices").first()
