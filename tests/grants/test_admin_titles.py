"""The grants admin pages name themselves in their header (not "Sākumlapa", the home
breadcrumb), and the waiver wording reads right when one review is left."""

import re

import pytest
from django.urls import reverse

from kopiena.casework import audit
from kopiena.grants import reviews

pytestmark = pytest.mark.django_db


def _header(text: str) -> str:
    nav = text[text.index('aria-label="Breadcrumb"') :]
    nav = nav[: nav.index("</nav>")]
    return " ".join(re.sub(r"<[^>]+>", " ", nav).split())


def test_review_pages_are_titled_by_what_they_are(
    client, application, member, officer, reviewer, act
):
    act(application, "submit", member)
    assignment = reviews.assign_reviewer(application, reviewer, by=officer)
    client.force_login(reviewer)
    mine = _header(client.get(reverse("grants_my_reviews")).text)
    assert mine.endswith("Man uzticētie vērtējumi"), mine
    review = _header(client.get(reverse("grants_review", args=[assignment.pk])).text)
    assert "Man uzticētie vērtējumi" in review and application.title in review, review
    client.force_login(officer)
    assign = _header(
        client.get(reverse("grants_applications:assign_reviewer", args=[application.pk])).text
    )
    assert "Pieteikumi" in assign and application.title in assign, assign
    assert assign.endswith("Norīkot vērtētāju"), assign


def test_the_last_waiver_reads_right(client, application, member, officer, reviewer, act):
    act(application, "submit", member)
    application.call.reviews_required = 2
    application.call.save()
    reviews.assign_reviewer(application, reviewer, by=officer)
    reviews.declare_conflict(
        application.reviews.get(), reviewer, has_conflict=True, reason="Valdes loceklis"
    )
    client.force_login(officer)
    response = client.post(
        reverse("grants_applications:review_step", args=[application.pk]),
        {"step": "waive", "reason": "Nav brīvu vērtētāju."},
        follow=True,
    )
    text = response.text
    [note] = [e for e in audit.entries_for(application) if e.data.get("event") == "review_waived"]
    assert "tagad nepieciešams 1 vērtējums" in note.data["text"], note.data["text"]
    [message] = [str(m) for m in response.context["messages"]]
    assert "nepieciešams 1 vērtējums" in message, message
    notice = text[text.index("data-no-reviewer") :][:400]
    assert "atceliet" not in notice  # the one review left cannot be waived
