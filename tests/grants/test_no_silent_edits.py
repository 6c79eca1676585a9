"""No silent edits: the listing's title opens the read-only case view; once submitted, the
staff edit form no longer offers what the applicant wrote, and what staff may still change
is written to the case history with the field, the old and the new value."""

import pytest
from django.urls import reverse

from kopiena.casework import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(application, member, act):
    return act(application, "submit", member)


def test_the_listing_title_opens_the_case_view(client, officer, application, submitted):
    client.force_login(officer)
    text = client.get(reverse("grants_applications:index")).text
    inspect = reverse("grants_applications:inspect", args=[application.pk])
    edit = reverse("grants_applications:edit", args=[application.pk])
    title_link = text.split(application.title)[0].rsplit("<a", 1)[1]
    assert inspect in title_link and edit not in title_link


def test_a_submitted_applications_texts_cannot_be_edited_by_staff(
    client, officer, application, submitted
):
    client.force_login(officer)
    url = reverse("grants_applications:edit", args=[application.pk])
    response = client.get(url)
    form = response.context["form"]
    assert "summary" not in form.fields and "title" not in form.fields
    assert "reference" in form.fields
    summary = application.summary
    client.post(url, {"summary": "Pārrakstīts kopsavilkums", "reference": "LS-2026-007"})
    application.refresh_from_db()
    assert application.summary == summary
    assert application.reference == "LS-2026-007"


def test_a_staff_edit_is_in_the_case_history_with_old_and_new_value(
    client, officer, application, submitted
):
    client.force_login(officer)
    client.post(
        reverse("grants_applications:edit", args=[application.pk]),
        {"reference": "LS-2026-007", "decision_reference": ""},
    )
    edits = [e for e in audit.entries_for(application) if e.action == audit.EDITED]
    assert len(edits) == 1
    change = edits[0].data["changes"][0]
    assert change["field"] == "reference" and change["new"] == "LS-2026-007"
    assert change["old"] == "—"
    text = client.get(reverse("grants_applications:inspect", args=[application.pk])).text
    assert "LS-2026-007" in text
    # The applicant's timeline does not list staff-side bookkeeping.
    assert not [
        e for e in audit.entries_for(application, audience="applicant") if e.action == audit.EDITED
    ]
