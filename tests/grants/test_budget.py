"""An application's totals come from its budget lines and cannot drift from them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kopiena.grants.models import Application, BudgetCategory, BudgetLine
from tests.factories.grants import ApplicationFactory, BudgetLineFactory

pytestmark = pytest.mark.django_db


def totals(app):
    app = Application.objects.get(pk=app.pk)
    return app.requested_amount, app.own_contribution, app.total_cost


def test_totals_follow_every_line_change(application):
    assert totals(application) == (Decimal("4500.00"), Decimal("500.00"), Decimal("5000.00"))
    extra = BudgetLineFactory(
        application=application, requested=Decimal("0.10"), own=Decimal("0.20")
    )
    assert totals(application) == (Decimal("4500.10"), Decimal("500.20"), Decimal("5000.30"))
    extra.requested, extra.own, extra.unit_cost = Decimal("100"), Decimal("50"), Decimal("150")
    extra.save()
    assert totals(application) == (Decimal("4600.00"), Decimal("550.00"), Decimal("5150.00"))
    extra.delete()
    assert totals(application) == (Decimal("4500.00"), Decimal("500.00"), Decimal("5000.00"))
    application.budget_lines.all().delete()
    assert totals(application) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_lines_edited_through_the_cluster_like_the_admin_form(application):
    """The admin's inline panel edits lines in memory and commits them with the parent."""
    app = Application.objects.get(pk=application.pk)
    app.budget_lines = [
        BudgetLine(
            category=BudgetCategory.SERVICES,
            description="Lektori",
            quantity=4,
            unit_cost=Decimal("250.00"),
            requested=Decimal("900.00"),
            own=Decimal("100.00"),
        ),
        BudgetLine(
            category=BudgetCategory.MATERIALS,
            description="Materiāli",
            quantity=1,
            unit_cost=Decimal("500.00"),
            requested=Decimal("450.00"),
            own=Decimal("50.00"),
        ),
    ]
    app.save()
    assert totals(app) == (Decimal("1350.00"), Decimal("150.00"), Decimal("1500.00"))
    assert (app.requested_amount, app.total_cost) == (Decimal("1350.00"), Decimal("1500.00"))
    assert app.budget_lines.count() == 2


def test_the_database_refuses_totals_that_do_not_add_up(application):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(total_cost=Decimal("5000.01"))
    assert totals(application)[2] == Decimal("5000.00")


def test_the_database_refuses_an_approval_above_the_request(application):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(approved_amount=Decimal("4500.01"))


def test_many_cents_add_up_exactly(call, organisation):
    lines = [{"requested": Decimal("0.10"), "own": Decimal("0.20")} for _ in range(30)]
    app = ApplicationFactory(call=call, organisation=organisation, budget=lines)
    assert totals(app) == (Decimal("3.00"), Decimal("6.00"), Decimal("9.00"))


def test_a_line_must_add_up_to_quantity_times_unit_cost(application):
    line = BudgetLine(
        application=application,
        category=BudgetCategory.STAFF,
        description="Koordinators",
        quantity=Decimal("2.5"),
        unit_cost=Decimal("10.33"),
        requested=Decimal("20.00"),
        own=Decimal("5.82"),
    )
    # 2.5 × 10.33 = 25.825 → 25.83
    with pytest.raises(ValidationError) as info:
        line.full_clean()
    assert "requested" in info.value.message_dict
    line.own = Decimal("5.83")
    line.full_clean()
    assert line.line_total == Decimal("25.83")


def test_negative_amounts_are_refused_by_the_database(application):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(
            application=application,
            description="x",
            quantity=1,
            unit_cost=Decimal("10"),
            requested=Decimal("20"),
            own=Decimal("-10"),
        )


def test_budget_is_editable_only_while_draft_or_returned(call, organisation):
    for status, editable in (("draft", True), ("changes_requested", True), ("submitted", False)):
        app = ApplicationFactory(call=call, organisation=organisation, status=status)
        assert app.budget_editable is editable


def test_the_state_field_is_protected(application):
    with pytest.raises(AttributeError):
        application.status = "approved"


def test_the_edit_form_refuses_an_end_before_the_start(application):
    application.planned_end = application.planned_start - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        application.full_clean()
    assert "planned_end" in info.value.message_dict


def test_the_state_never_appears_in_an_edit_form():
    from django.forms import modelform_factory

    form_class = modelform_factory(Application, fields="__all__")
    assert "status" not in form_class.base_fields
    assert "approved_amount" not in form_class.base_fields
    assert "total_cost" not in form_class.base_fields


@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_an_approved_application_with_several_lines_can_be_deleted(how):
    """Django deletes the lines before their application; recalculating the totals line by
    line would have put the requested amount below the approved one (a check constraint)."""
    app = ApplicationFactory(
        budget=[
            {"requested": Decimal("600.00"), "own": Decimal("60.00")},
            {"requested": Decimal("400.00"), "own": Decimal("40.00")},
        ]
    )
    Application.objects.filter(pk=app.pk).update(approved_amount=Decimal("900.00"))
    kept = ApplicationFactory(budget=[{"requested": Decimal("100.00"), "own": Decimal("10.00")}])

    if how == "instance":
        Application.objects.get(pk=app.pk).delete()
    else:
        Application.objects.filter(pk=app.pk).delete()

    assert not Application.objects.filter(pk=app.pk).exists()
    assert not BudgetLine.objects.filter(application_id=app.pk).exists()
    # Deleting one line on its own still recalculates its application's totals.
    kept.budget_lines.first().delete()
    assert totals(kept) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
