"""Every write of the participatory budget that is not a status change: an idea sent, a
ballot cast or changed (online or from paper), a follow, the results published, a reserve
draw asked for. Views, the admin and the API call these; status changes go through
``kopiena.casework.service.perform_transition``.

Refusals raise ``ValidationError`` with field messages and write nothing: each function
runs in one transaction and locks the process row first, so two ballots of the same person
arriving together are serialised (and the unique constraint on ``voter_key`` holds even if
they were not).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput

from . import counting
from .models import (
    Ballot,
    BallotChoice,
    BallotType,
    Channel,
    Follow,
    Idea,
    IdeaStatus,
    Process,
    ReserveDraw,
)
from .roles import is_staff

PAPER_BALLOT = "kopiena_participation.paper_ballot"
RESULTS = "kopiena_participation.results"


def _eur(amount) -> str:
    from kopiena.grants.money import format_eur

    return format_eur(amount)


# --- ideas ------------------------------------------------------------------------------------


def submit_idea(process: Process, data: dict, *, author=None, entered_by=None) -> Idea:
    """A new idea, from a resident (``author``) or entered by staff for someone
    (``entered_by`` with ``data["author_name"]`` and ``data["channel"]``)."""
    if entered_by is not None:
        if not is_staff(entered_by):
            raise PermissionDenied
        if not (data.get("author_name") or "").strip():
            raise ValidationError({"author_name": _("Say whom the idea is from.")})
    elif author is None or not author.is_active:
        raise PermissionDenied
    with transaction.atomic():
        process = Process.objects.select_for_update().get(pk=process.pk)
        if entered_by is None and not process.accepts_ideas():
            raise ValidationError(_("This participatory budget does not accept ideas now."))
        category, theme = data["category"], data["theme"]
        if category.process_id != process.pk or theme.process_id != process.pk:
            raise ValidationError(_("Choose a theme and a category of this budget."))
        cost = Decimal(data["estimated_cost"])
        if cost > category.money:
            raise ValidationError(
                {
                    "estimated_cost": _(
                        "The estimated cost is above the money of the category “%(category)s” "
                        "(%(money)s)."
                    )
                    % {"category": category.display_name, "money": _eur(category.money)}
                }
            )
        number = (process.ideas.aggregate(n=Max("number"))["n"] or 0) + 1
        idea = Idea(
            process=process,
            number=number,
            author=author,
            author_name=(data.get("author_name") or "").strip() if entered_by else "",
            channel=data.get("channel", Channel.PAPER) if entered_by else Channel.PORTAL,
            entered_by=entered_by,
            title=data["title"].strip(),
            description=data["description"].strip(),
            theme=theme,
            category=category,
            estimated_cost=cost,
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
        )
        idea.full_clean(exclude=["photo"])
        if data.get("photo"):
            idea.photo = _store_photo(
                data["photo"], data.get("photo_consent"), idea.title, author or entered_by
            )
        idea.save()
        if author is not None:
            Follow.objects.get_or_create(idea=idea, user=author)
    return idea


def _store_photo(upload, consent_status, title, user):
    """The idea's photo as an image of the site's image model, with its consent record
    (the site's rule: an image without consent on file is never shown)."""
    from wagtail.images import get_image_model

    from kopiena.pages.models import ImageConsent
    from kopiena.pages.models.images import ConsentStatus

    status = (
        consent_status
        if consent_status in (ConsentStatus.NOT_NEEDED, ConsentStatus.ADULT)
        else ConsentStatus.NONE
    )
    image = get_image_model()(title=title[:255], file=upload, uploaded_by_user=user)
    image.save()
    ImageConsent.objects.create(image=image, status=status, updated_by=user)
    return image


def update_returned_idea(idea: Idea, data: dict, user) -> Idea:
    """The author changes a returned idea and sends it again (the transition service)."""
    with transaction.atomic():
        idea = Idea.objects.select_for_update().select_related("category").get(pk=idea.pk)
        if idea.author_id != user.pk or idea.status != IdeaStatus.RETURNED:
            raise PermissionDenied
        cost = Decimal(data["estimated_cost"])
        if cost > idea.category.money:
            raise ValidationError(
                {"estimated_cost": _("The estimated cost is above the category's money.")}
            )
        for name in ("title", "description", "estimated_cost"):
            setattr(idea, name, data[name])
        idea.save()
    return perform_transition(idea, "resubmit", user, TransitionInput(), source="portal")


def toggle_follow(idea: Idea, user) -> bool:
    """Follow or stop following; returns whether the user now follows."""
    deleted, _rows = Follow.objects.filter(idea=idea, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(idea=idea, user=user)
    except IntegrityError:
        pass
    return True


# --- ballots ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """What a person declares before voting, as the process's rules ask."""

    birth_year: int | None
    resident: bool


def user_key(user) -> str:
    return f"u:{user.pk}"


def paper_key(person_code: str) -> str:
    """The key of a paper ballot's person: a hash of their personal code (or the
    verification code they were given), so the database never holds the code itself."""
    normalised = "".join(ch for ch in person_code.upper() if ch.isalnum())
    return "p:" + hashlib.sha256(normalised.encode()).hexdigest()[:64]


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
                        "total": _eur(total),
                        "money": _eur(category.money),
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
    process: Process, user, idea_ids: list[int], eligibility: Eligibility, *, today=None
) -> Ballot:
    """Cast or change ``user``'s ballot: refused with a message (nothing written) when the
    vote is not open, the person is not eligible or the choice breaks the ballot's rule."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    return _write_ballot(process, user_key(user), idea_ids, eligibility, voter=user, today=today)


def enter_paper_ballot(
    process: Process,
    staff_user,
    person_code: str,
    idea_ids: list[int],
    eligibility: Eligibility,
    *,
    today=None,
) -> Ballot:
    """A paper ballot entered by staff: refused if the person already voted (online or on
    paper — the person code says so only for paper; an online voter is asked at the support
    point), audited in the process's history."""
    if not is_staff(staff_user):
        raise PermissionDenied
    if not person_code.strip():
        raise ValidationError(
            {"person_code": _("Enter the voter's personal or verification code.")}
        )
    return _write_ballot(
        process,
        paper_key(person_code),
        idea_ids,
        eligibility,
        entered_by=staff_user,
        today=today,
        change=False,
    )


def _write_ballot(
    process, key, idea_ids, eligibility, *, voter=None, entered_by=None, today=None, change=True
) -> Ballot:
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
            ideas = list(Idea.objects.filter(pk__in=ids).select_related("category"))
            if len(ideas) != len(ids):
                errors.setdefault("__all__", []).append(_("A chosen project does not exist."))
            errors.update(ballot_errors(process, ideas) if not errors else {})
            if errors:
                raise ValidationError(errors)
            now = timezone.now()
            ballot = Ballot.objects.filter(process=process, voter_key=key).first()
            if ballot is not None and not change:
                raise ValidationError(_("This person has already voted in this budget."))
            if ballot is None:
                ballot = Ballot.objects.create(
                    process=process,
                    voter_key=key,
                    voter=voter,
                    paper=entered_by is not None,
                    entered_by=entered_by,
                    cast_at=now,
                    changed_at=now,
                )
            else:
                ballot.changed_at = now
                ballot.save(update_fields=["changed_at"])
                ballot.choices.all().delete()
            BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, idea=i) for i in ideas)
            if entered_by is not None:
                log(process, PAPER_BALLOT, user=entered_by, data={"ballot": str(ballot.public_id)})
    except IntegrityError:
        # The same person's other request won the race: theirs is the one ballot.
        raise ValidationError(_("This person has already voted in this budget.")) from None
    return ballot


def ballot_of(process: Process, user) -> Ballot | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Ballot.objects.filter(process=process, voter_key=user_key(user))
        .prefetch_related("choices")
        .first()
    )


# --- results and money ------------------------------------------------------------------------


def publish_results(process: Process, user) -> list[counting.CategoryResult]:
    """After the vote: count, then mark each project on the ballot won or not through the
    transition service (each on the record, each author told)."""
    if not is_staff(user):
        raise PermissionDenied
    if process.phase() in ("upcoming", "ideas", "check", "voting"):
        raise ValidationError(_("The results can be published once voting has closed."))
    results = counting.count_process(process)
    winners = {n for result in results for n in result.winner_numbers}
    with transaction.atomic():
        for idea in process.ideas.filter(status=IdeaStatus.FEASIBLE):
            action = "select" if idea.number in winners else "not_select"
            perform_transition(idea, action, user, TransitionInput(), source="count")
        log(process, RESULTS, user=user, data={"winners": sorted(winners)})
    return results


def request_reserve_draw(idea: Idea, amount: Decimal, reason: str, user) -> ReserveDraw:
    if not is_staff(user):
        raise PermissionDenied
    if idea.status not in Idea.WINNING_STATES:
        raise ValidationError(_("Only a winning project can draw from the reserve."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the cost rose.")})
    draw = ReserveDraw(
        process_id=idea.process_id,
        idea=idea,
        amount=amount,
        reason=reason.strip(),
        requested_by=user,
    )
    draw.full_clean()
    draw.save()
    return draw
