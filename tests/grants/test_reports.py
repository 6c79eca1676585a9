"""The final report: actual spending per budget line, with underspend and overspend."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopiena.grants.models import Application, ApplicationStatus, BudgetCategory
from kopiena.grants.reports import save_report
from tests.factories.grants import ApplicationFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def approved(call, organisation):
    app = ApplicationFactory(
        call=call,
        organisation=organisation,
        status=S.APPROVED,
        budget=[
            {"requested": Decimal("3000.00"), "own": Decimal("300.00"), "description": "Darbs"},
            {
                "requested": Decimal("1500.00"),
                "own": Decimal("200.00"),
                "description": "Materiāli",
                "category": BudgetCategory.MATERIALS,
            },
        ],
    )
    Application.objects.filter(pk=app.pk).update(approved_amount=Decimal("4500.00"))
    return app


def lines(app):
    return {line.description: line for line in app.budget_lines.all()}


def test_variance_per_line_and_in_total(approved, member):
    by_name = lines(approved)
    report = save_report(
        approved,
        member,
        narrative="Notika 12 nodarbības.",
        results="Iesaistīti 40 iedzīvotāji.",
        participants_reached=40,
        actuals={
            by_name["Darbs"]: Decimal("3450.00"),
            by_name["Materiāli"].pk: (Decimal("1600.00"), "Lētāki materiāli"),
        },
    )
    rows = {row.budget_line.description: row for row in report.line_rows()}
    work, materials = rows["Darbs"], rows["Materiāli"]
    assert (work.planned, work.difference) == (Decimal("3300.00"), Decimal("150.00"))
    assert (materials.planned, materials.difference) == (Decimal("1700.00"), Decimal("-100.00"))
    assert work.is_overspend and not work.is_underspend
    assert materials.is_underspend and materials.comment == "Lētāki materiāli"
    assert work.variance == work.actual_amount - work.planned_amount
    assert report.planned_total == Decimal("5000.00")
    assert report.actual_total == Decimal("5050.00")
    assert report.variance == Decimal("50.00")
    assert report.missing_lines() == []


def test_saving_again_updates_the_lines(approved, member):
    line = approved.budget_lines.first()
    save_report(approved, member, narrative="a", actuals={line: "100.00"})
    report = save_report(approved, member, narrative="b", actuals={line: "3300.00"})
    assert report.lines.count() == 1 and report.lines.get().actual_amount == Decimal("3300.00")
    assert report.narrative == "b" and len(report.missing_lines()) == 1


def test_only_members_write_the_report(approved, other_member, officer):
    for user in (other_member, officer):
        with pytest.raises(PermissionDenied):
            save_report(approved, user, narrative="x")


def test_the_report_is_written_while_approved(call, organisation, member):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.IN_REVIEW)
    with pytest.raises(ValidationError) as info:
        save_report(app, member, narrative="x")
    assert "__all__" in info.value.message_dict


def test_bad_amounts_are_refused_per_line(approved, member, call, organisation):
    line = approved.budget_lines.first()
    for bad in ("-1", "abc", "1.001"):
        with pytest.raises(ValidationError) as info:
            save_report(approved, member, actuals={line: bad})
        assert f"actual_{line.pk}" in info.value.message_dict
    foreign = ApplicationFactory(call=call, organisation=organisation).budget_lines.first()
    with pytest.raises(ValidationError) as info:
        save_report(approved, member, actuals={foreign: "1"})
    assert "__all__" in info.value.message_dict
    assert not hasattr(Application.objects.get(pk=approved.pk), "report_cache")
