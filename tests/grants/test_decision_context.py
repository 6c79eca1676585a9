"""Finance decides with the facts on the form, and a call's budget cannot be set below
what approved applications already hold."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kopiena.grants.models import Application
from kopiena.grants.models import ApplicationStatus as S
from kopiena.grants.money import format_eur
from tests.factories.grants import ApplicationFactory, completed_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommended(application, member, officer, act):
    act(application, "submit", member)
    Application.objects.filter(pk=application.pk).update(status=S.IN_REVIEW)
    completed_review(application, scores={"Atbilstība mērķim": 5})
    completed_review(application)
    return act(application, "recommend", officer, comment="", internal_comment="Spēcīgs partneris.")


def test_the_approval_form_shows_amounts_reviews_recommendation_and_money_left(
    client, finance, recommended, call, organisation
):
    other = ApplicationFactory(call=call, organisation=organisation, status=S.APPROVED)
    Application.objects.filter(pk=other.pk).update(approved_amount=Decimal("4000.00"))
    client.force_login(finance)
    response = client.get(
        reverse("grants_applications:transition", args=[recommended.pk, "approve_budget"])
    )
    text = response.text
    assert "data-decision-facts" in text
    facts = dict(response.context["facts"])
    values = " ".join(str(v) for v in facts.values())
    assert format_eur(recommended.requested_amount) in values
    assert "Spēcīgs partneris." in text  # the officer's recommendation
    assert format_eur(Decimal("4000.00")) in values  # committed
    assert format_eur(call.total_budget - call.reserve - Decimal("4000.00")) in values
    assert f"{recommended.weighted_total}".replace(".", ",") in values


def test_a_call_budget_cannot_fall_below_what_is_committed(call, organisation):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.APPROVED)
    Application.objects.filter(pk=app.pk).update(approved_amount=Decimal("4000.00"))
    call.total_budget, call.reserve = Decimal("5000.00"), Decimal("1500.00")
    call.max_grant = Decimal("5000.00")
    call.min_grant = Decimal("100.00")
    with pytest.raises(ValidationError) as info:
        call.clean()
    assert format_eur(Decimal("4000")) in " ".join(info.value.message_dict["total_budget"])
    call.reserve = Decimal("1000.00")
    call.clean()


def test_the_editor_is_refused_on_the_page_form(client, editor, call, organisation):
    from tests.grants.test_calls import call_form

    app = ApplicationFactory(call=call, organisation=organisation, status=S.APPROVED)
    Application.objects.filter(pk=app.pk).update(approved_amount=Decimal("4000.00"))
    form = call_form(
        call, editor, ["0.6", "0.4"], total_budget="4500.00", reserve="1000.00", max_grant="4000"
    )
    assert not form.is_valid()
    assert "total_budget" in form.errors
