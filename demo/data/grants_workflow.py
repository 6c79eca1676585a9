"""How the demo's open-call applications reach their states: each step through
:func:`casework.service.perform_transition`, by the demo user whose job it is (NGO member,
koordinators, vertetajs/vertetajs2, finanses), so the audit trail and the notifications are
real. Used by :mod:`demo.data.grants`."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.grants.models import RIGA, Application, ApplicationStatus, Recommendation
from kopiena.grants.reports import save_report
from kopiena.grants.reviews import assign_reviewer, complete_review, declare_conflict

S = ApplicationStatus
CENT = Decimal("0.01")


def _do(application, action, user, **inputs):
    extra = inputs.pop("extra", {})
    return perform_transition(
        application, action, user, TransitionInput(extra=extra, **inputs), source="demo"
    )


def _review(application, reviewer, n, offset=0):
    """Reviewers score a little differently (``offset``), so the spread is not zero."""
    assignment = application.reviews.get(reviewer=reviewer)
    declare_conflict(assignment, reviewer, has_conflict=False)
    scores = {
        criterion: (max(0, criterion.max_score - (n + i + offset) % 3), "")
        for i, criterion in enumerate(application.call.criteria.all())
    }
    complete_review(
        assignment,
        reviewer,
        scores=scores,
        recommendation=Recommendation.FUND if n % 2 else Recommendation.FUND_WITH_CHANGES,
        comment="Projekts atbilst konkursa mērķim; budžets pamatots.",
    )


def move(application: Application, target: str, member: User, users, n: int) -> None:
    """Take ``application`` from draft to ``target`` through the transition service, each
    step by the person whose job it is."""
    officer, finance = users["koordinators"], users["finanses"]
    reviewers = [users["vertetajs"], users["vertetajs2"]]
    if target == S.DRAFT:
        return
    application = _do(application, "submit", member, comment="Pieteikums iesniegts.")
    if target == S.SUBMITTED:
        return
    if target == S.CHANGES_REQUESTED:
        _do(
            application,
            "request_changes",
            officer,
            comment="Lūdzu precizējiet izdevumu tāmi: pievienojiet cenu aptaujas rezultātus.",
            internal_comment="Transporta izmaksas šķiet augstas.",
        )
        return
    if target == S.REJECTED:
        _do(
            application,
            "reject",
            officer,
            comment="Projekts neatbilst konkursa mērķim: aktivitātes nav vērstas uz "
            "vietējo kopienu.",
        )
        return
    if target == S.WITHDRAWN:
        _do(application, "withdraw", member, comment="Projektu īstenosim par saviem līdzekļiem.")
        return
    for reviewer in reviewers:
        assign_reviewer(application, reviewer, officer)
    application = _do(application, "start_review", officer)
    if target == S.IN_REVIEW:
        _review(application, reviewers[1], n)  # vertetajs still has the review to do
        return
    for offset, reviewer in enumerate(reviewers[: application.call.reviews_required]):
        _review(application, reviewer, n, offset)
    application = _do(application, "recommend", officer, internal_comment="Abi vērtējumi pozitīvi.")
    if target == S.RECOMMENDED:
        return
    amount = application.requested_amount
    if n % 2:
        amount = (amount * Decimal("0.9")).quantize(Decimal("1"), rounding=ROUND_DOWN)
    today = timezone.localdate(timezone=RIGA)
    application = _do(
        application,
        "approve_budget",
        finance,
        amount=amount,
        comment="Finansējums piešķirts.",
        extra={"decision_reference": f"{today.year}/{n + 1}", "decision_date": today.isoformat()},
    )
    if target == S.APPROVED:
        return
    _report(application, member, n)
    if not application.final_report_open():
        # The demo's projects in the open call end in the future: the officer lets the
        # report in early, on the record, as a real case would need.
        application = _do(
            application,
            "allow_early_report",
            officer,
            comment="Projekta aktivitātes pabeigtas agrāk; atskaiti var iesniegt.",
        )
    application = _do(application, "submit_report", member, comment="Atskaite pievienota.")
    if target == S.REPORT_SUBMITTED:
        return
    _do(application, "accept_report", officer, comment="Atskaite pieņemta. Paldies!")


def _report(application, member, n):
    lines = list(application.budget_lines.all())
    actuals = {}
    for i, line in enumerate(lines):
        # A little under on most lines, a little over on one: variance to look at.
        delta = Decimal("0.97") if i else Decimal("1.04")
        actuals[line] = (line.amount * delta).quantize(CENT)
    save_report(
        application,
        member,
        narrative="Projekta aktivitātes notika, kā plānots; iesaistījās vairāk brīvprātīgo, "
        "nekā gaidījām.",
        results="Regulāras tikšanās, jauni sadarbības partneri, aktīvāka kopiena.",
        participants_reached=40 + 7 * n,
        actuals=actuals,
    )
