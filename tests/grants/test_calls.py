"""Calls as Wagtail pages: where they live, the editor's checks, budget arithmetic and
the public page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from kopiena.grants.models import (
    Application,
    ApplicationStatus,
    CallIndexPage,
    GrantCall,
    LegalForm,
)
from kopiena.grants.models.calls import criteria_weight_error
from tests.factories.grants import ApplicationFactory, GrantCallFactory, call_index

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def test_page_tree_rules():
    # The calls index goes under any page of the host, once per parent.
    assert CallIndexPage.parent_page_types is None
    assert CallIndexPage.allowed_subpage_models() == [GrantCall]
    assert GrantCall.allowed_parent_page_models() == [CallIndexPage]
    assert GrantCall.allowed_subpage_models() == []
    assert CallIndexPage.max_count_per_parent == 1


def test_weights_must_add_up_to_one():
    assert criteria_weight_error(["0.6", "0.4"]) is None
    assert (
        criteria_weight_error(
            [Decimal("0.30"), Decimal("0.25"), Decimal("0.20"), Decimal("0.15"), Decimal("0.10")]
        )
        is None
    )
    assert "0.9" in criteria_weight_error(["0.5", "0.4"])
    assert "1.1" in criteria_weight_error(["0.6", "0.5"])
    assert criteria_weight_error([])


def test_saved_criteria_are_checked(call):
    assert call.criteria_errors() is None
    call.criteria.update(weight=Decimal("0.3"))
    assert call.criteria_errors()


def form_data(call, weights, **overrides):
    data = {
        "title": call.title,
        "slug": call.slug,
        "summary": call.summary,
        "opens_at": "2026-02-01 00:00",
        "closes_at": "2026-03-31 23:59",
        "body": rich_text(""),
        "total_budget": "100000.00",
        "reserve": "0.00",
        "min_grant": "1000.00",
        "max_grant": "10000.00",
        "funding_rate": "0.9",
        "infrastructure_share": "0.05",
        "overspend_tolerance": "0.10",
        "max_duration_months": "12",
        "eligible_legal_forms": [LegalForm.BIEDRIBA, LegalForm.NODIBINAJUMS],
        "reviews_required": "2",
        "required_documents": "",
        "criteria": inline_formset(
            [
                {"name": f"Kritērijs {i}", "weight": weight, "max_score": "5", "ORDER": str(i)}
                for i, weight in enumerate(weights)
            ]
        ),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    forms = data.pop("eligible_legal_forms")
    flat = nested_form_data(data)
    flat["eligible_legal_forms"] = forms  # a multiple choice, not a nested list
    return flat


def call_form(call, editor, weights, **overrides):
    form_class = GrantCall.get_edit_handler().get_form_class()
    return form_class(
        form_data(call, weights, **overrides),
        instance=call,
        parent_page=call.get_parent(),
        for_user=editor,
    )


def test_the_editor_refuses_weights_that_do_not_add_up(call, editor):
    form = call_form(call, editor, ["0.5", "0.4"])
    assert not form.is_valid()
    assert any("1" in error for error in form.non_field_errors())
    form = call_form(call, editor, ["0.5", "0.5"])
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["criteria"]])


def test_the_editor_takes_several_legal_forms(call, editor):
    form = call_form(call, editor, ["1"], eligible_legal_forms=["biedriba", "other"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["eligible_legal_forms"] == ["biedriba", "other"]
    form = call_form(call, editor, ["1"], eligible_legal_forms=["kooperatīvs"])
    assert not form.is_valid() and "eligible_legal_forms" in form.errors


def test_call_rules_are_consistent(call):
    call.closes_at = call.opens_at - dt.timedelta(minutes=1)
    call.min_grant = Decimal("20000")
    call.reserve = Decimal("100000")
    with pytest.raises(ValidationError) as info:
        call.clean()
    assert {"closes_at", "min_grant", "reserve"} <= set(info.value.message_dict)
    call.refresh_from_db()
    call.max_grant = Decimal("100000.01")
    with pytest.raises(ValidationError) as info:
        call.clean()
    assert set(info.value.message_dict) == {"max_grant"}


def test_committed_and_remaining_budget(call, organisation):
    call.total_budget, call.reserve = Decimal("50000.00"), Decimal("2500.00")
    call.save()
    amounts = {
        S.APPROVED: Decimal("4000.00"),
        S.REPORT_SUBMITTED: Decimal("3000.50"),
        S.COMPLETED: Decimal("2000.25"),
        S.RECOMMENDED: None,
        S.REJECTED: None,
        S.WITHDRAWN: None,
    }
    for status, amount in amounts.items():
        app = ApplicationFactory(call=call, organisation=organisation, status=status)
        if amount:
            Application.objects.filter(pk=app.pk).update(approved_amount=amount)
    ApplicationFactory(organisation=organisation, status=S.APPROVED)  # another call
    assert call.committed_amount == Decimal("9000.75")
    assert call.available_budget == Decimal("47500.00")
    assert call.remaining_budget == Decimal("38499.25")


def test_index_lists_open_upcoming_and_past_calls(rf):
    now = timezone.now()
    open_call = GrantCallFactory(title="Atvērts")
    upcoming = GrantCallFactory(
        title="Nākamais", opens_at=now + dt.timedelta(days=5), closes_at=now + dt.timedelta(days=40)
    )
    past = GrantCallFactory(
        title="Bijušais",
        opens_at=now - dt.timedelta(days=400),
        closes_at=now - dt.timedelta(days=300),
    )
    draft = GrantCallFactory(title="Nepublicēts", live=False)
    context = call_index().get_context(rf.get("/"))
    assert list(context["open_calls"]) == [open_call]
    assert list(context["upcoming_calls"]) == [upcoming]
    assert list(context["past_calls"]) == [past]
    assert draft not in context["open_calls"]


def _base_template_exists():
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        return False
    return True


def test_the_call_page_lists_its_rules(client, call):
    if not _base_template_exists():
        pytest.skip("base.html is not written yet")
    call.public_benefit_required = True
    call.save_revision().publish()
    response = client.get(call.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert call.title in text
    assert "Projekta nozīme kopienai" in text
    assert "10" in text and "000" in text


def test_the_call_index_page_renders(client, call):
    if not _base_template_exists():
        pytest.skip("base.html is not written yet")
    index = Page.objects.get(pk=call.get_parent().pk)
    response = client.get(index.url)
    assert response.status_code == 200
    assert call.title in response.content.decode()


def test_editors_may_publish_calls_under_the_calls_index_only(editor):
    from wagtail.models import Page

    from tests.factories.pages import site_home

    index = call_index()
    assert index.permissions_for_user(editor).can_publish_subpage()
    assert not site_home().permissions_for_user(editor).can_add_subpage()
    assert not Page.get_first_root_node().permissions_for_user(editor).can_add_subpage()


def test_an_open_call_invites_to_apply_in_the_portal(client, call):
    html = client.get(call.url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    apply_url = reverse("portal:application_create", args=[call.pk])
    assert f'href="{apply_url}"' in html
    assert "Pieteikties portālā" in html
    assert 'class="container article grant-call"' in html
    with translation.override("lv"):
        assert call.infrastructure_rule() in html


def test_a_closed_call_says_so_instead_of_inviting(client):
    now = timezone.now()
    past = GrantCallFactory(
        opens_at=now - dt.timedelta(days=400),
        closes_at=now - dt.timedelta(days=300),
        infrastructure_share=Decimal("0"),
    )
    html = client.get(past.url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert reverse("portal:application_create", args=[past.pk]) not in html
    assert "Konkurss ir noslēdzies" in html


def test_the_infrastructure_condition_has_one_wording(call):
    with translation.override("en"):
        assert call.infrastructure_rule() == (
            "Infrastructure costs may be up to 5\xa0% of the total cost."
        )
        call.infrastructure_share = Decimal("0")
        assert call.infrastructure_rule() == "Infrastructure costs are not funded."
