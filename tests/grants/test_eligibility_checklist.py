"""Screening with a checklist: the officer's case view lists the call's administrative
checks (required documents, organisation, budget rules, period), ticked where the system
knows; reviewers do not get it."""

import re

import pytest
from django.urls import reverse

from kopiena.grants.models import Application, DocumentKind, LegalForm
from tests.factories.portal import AttachmentFactory

pytestmark = pytest.mark.django_db


def _checks(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-check="([^"]+)" data-check-ok="([^"]+)"', page))


def _inspect(client, user, application):
    client.force_login(user)
    return client.get(reverse("grants_applications:inspect", args=[application.pk])).text


def test_the_checklist_ticks_what_the_system_knows(client, call, application, member, officer, act):
    call.required_document_kinds = [DocumentKind.COST_ESTIMATE, DocumentKind.PRICE_QUOTE]
    call.required_documents = "Biedrības statūti"
    call.save()
    AttachmentFactory(application=application, kind=DocumentKind.COST_ESTIMATE)
    Application.objects.filter(pk=application.pk).update(status="submitted")
    checks = _checks(_inspect(client, officer, application))
    assert checks == {
        "document_cost_estimate": "yes",
        "document_price_quote": "no",
        "documents_listed": "unknown",
        "organisation": "yes",
        "budget": "yes",
        "period": "yes",
    }


def test_the_checklist_shows_an_ineligible_organisation_and_broken_budget_rules(
    client, call, application, organisation, officer
):
    call.public_benefit_required = True
    call.max_grant = 4000
    call.save()
    organisation.public_benefit = False
    organisation.legal_form = LegalForm.BIEDRIBA
    organisation.save()
    Application.objects.filter(pk=application.pk).update(status="submitted")
    page = _inspect(client, officer, application)
    checks = _checks(page)
    assert checks["organisation"] == "no" and checks["budget"] == "no"
    assert checks["documents"] == "yes"  # the call requires none
    assert "sabiedriskā labuma" in page  # the reason, in Latvian


def test_reviewers_do_not_get_the_checklist(client, application, member, officer, reviewer, act):
    from kopiena.grants import reviews

    act(application, "submit", member)
    reviews.assign_reviewer(application, reviewer, by=officer)
    assert "data-eligibility" in _inspect(client, officer, application)
    assert "data-eligibility" not in _inspect(client, reviewer, application)
