"""Every write of the participatory budget that is not a status change: an idea sent or
changed after it was returned, a follow, verification codes generated, the results
published, a reserve draw asked for — and, from :mod:`.voting`, a ballot cast or changed
online or entered from paper. Views, the admin and the API call these; status changes go
through ``kopiena.casework.service.perform_transition``.

Refusals raise ``ValidationError`` with field messages and write nothing: each function
runs in one transaction (ballots: see :mod:`.voting` for one ballot per person).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.grants.money import format_eur

from . import counting
from .models import (
    Channel,
    Follow,
    Idea,
    IdeaStatus,
    Process,
    ReserveDraw,
)
from .roles import is_staff
from .voting import (  # noqa: F401  (the services' API: views, admin, API and demo call these)
    PAPER_BALLOT,
    Eligibility,
    ballot_errors,
    ballot_of,
    cast_ballot,
    eligibility_errors,
    enter_paper_ballot,
)

RESULTS = "kopiena_participation.results"
CODES = "kopiena_participation.codes"


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
                    % {"category": category.display_name, "money": format_eur(category.money)}
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


EDITABLE_FIELDS = (
    "title",
    "description",
    "theme",
    "category",
    "estimated_cost",
    "latitude",
    "longitude",
)


def update_returned_idea(idea: Idea, data: dict, user, *, note: str = "") -> Idea:
    """The author changes an idea the municipality returned and sends it again: the change
    and the resubmission (the transition service: audited with the author's ``note``, staff
    notified) in one transaction; refused with field messages, nothing written."""
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if idea.author_id != getattr(user, "pk", None) or idea.status != IdeaStatus.RETURNED:
            raise PermissionDenied
        category, theme = data["category"], data["theme"]
        if category.process_id != idea.process_id or theme.process_id != idea.process_id:
            raise ValidationError(_("Choose a theme and a category of this budget."))
        cost = Decimal(data["estimated_cost"])
        if cost > category.money:
            raise ValidationError(
                {
                    "estimated_cost": _(
                        "The estimated cost is above the money of the category “%(category)s” "
                        "(%(money)s)."
                    )
                    % {"category": category.display_name, "money": format_eur(category.money)}
                }
            )
        for name in EDITABLE_FIELDS:
            value = data.get(name)
            setattr(idea, name, value.strip() if isinstance(value, str) else value)
        idea.full_clean(exclude=["photo"])
        idea.save()
        return perform_transition(
            idea, "resubmit", user, TransitionInput(comment=note.strip()), source="portal"
        )


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


# --- verification codes ----------------------------------------------------------------------


def generate_codes(process: Process, count: int, channel: str, user) -> list[str]:
    """``count`` new single-use verification codes for ``process``: the plain codes are
    returned once (to print or post); only their keyed hashes are stored. On the record."""
    from . import codes
    from .models import VerificationCode

    if not is_staff(user):
        raise PermissionDenied
    if not 1 <= count <= 500:
        raise ValidationError({"count": _("Generate between 1 and 500 codes at a time.")})
    with transaction.atomic():
        plain: list[str] = []
        hashes: set[str] = set(
            VerificationCode.objects.filter(process=process).values_list("code_hash", flat=True)
        )
        while len(plain) < count:
            code = codes.new_code()
            digest = codes.code_hash(code)
            if digest not in hashes:
                hashes.add(digest)
                plain.append(code)
        VerificationCode.objects.bulk_create(
            VerificationCode(
                process=process, code_hash=codes.code_hash(c), channel=channel, created_by=user
            )
            for c in plain
        )
        log(process, CODES, user=user, data={"count": count, "channel": channel})
    return plain


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
