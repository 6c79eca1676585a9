"""``manage.py generate_scale_data``: every state, consistent amounts and audit trails, a
top-up that adds only what is missing, and a query count that does not grow with the size."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Sum
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from demo.data import community_work_scale as community_scale
from demo.data import grants_scale
from kopiena.casework.audit import TRANSITION
from kopiena.community_work.models import Evaluation, Initiative, InitiativeStatus, Task
from kopiena.grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    GrantCall,
    Report,
    ReportLine,
    ReviewAssignment,
)

pytestmark = pytest.mark.django_db


def generate(organisations=12, applications=40, initiatives=20, **extra):
    call_command(
        "generate_scale_data",
        organisations=organisations,
        applications=applications,
        initiatives=initiatives,
        stdout=open("/dev/null", "w"),  # noqa: SIM115 - closed with the process
        **extra,
    )


def history(model):
    """object id → [(from, to)] of its transition entries, oldest first."""
    rows = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action=TRANSITION
    ).order_by("timestamp", "pk")
    trail = {}
    for entry in rows:
        trail.setdefault(int(entry.object_id), []).append((entry.data["from"], entry.data["to"]))
    return trail


def test_counts_and_every_state():
    generate()
    assert grants_scale.scale_organisations().count() == 12
    assert grants_scale.scale_applications().count() == 40
    assert community_scale.scale_initiatives().count() == 20
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus)
    assert set(Initiative.objects.values_list("status", flat=True)) == set(InitiativeStatus)
    # Every organisation has its member account.
    assert not grants_scale.scale_organisations().filter(memberships__isnull=True).exists()


def test_amounts_are_consistent():
    generate()
    for line in BudgetLine.objects.all():
        assert line.line_total == line.requested + line.own
    sums = Application.objects.annotate(
        lines_requested=Sum("budget_lines__requested"), lines_own=Sum("budget_lines__own")
    )
    for app in sums:
        assert app.requested_amount == app.lines_requested
        assert app.own_contribution == app.lines_own
        assert app.total_cost == app.requested_amount + app.own_contribution
    approved = Application.objects.filter(status__in=grants_scale.APPROVED_STATES)
    assert approved.exists()
    assert not approved.filter(approved_amount__isnull=True).exists()
    assert not approved.filter(approved_amount__gt=F("requested_amount")).exists()
    assert (
        not Application.objects.exclude(status__in=grants_scale.APPROVED_STATES)
        .filter(approved_amount__isnull=False)
        .exists()
    )
    for call in GrantCall.objects.filter(slug__startswith="scale-"):
        assert call.remaining_budget >= 0
    assert (
        not Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .filter(submitted_at__isnull=True)
        .exists()
    )


def test_reviews_reports_and_history_follow_the_state():
    generate()
    reviewed = Application.objects.filter(
        status__in=[ApplicationStatus.RECOMMENDED, *grants_scale.APPROVED_STATES]
    )
    for app in reviewed:
        assert app.reviews.completed().count() >= app.call.reviews_required
        assert app.weighted_total is not None
    reported = Application.objects.filter(status__in=grants_scale.REPORT_STATES)
    assert reported.count() == Report.objects.count()
    for report in Report.objects.all():
        assert report.missing_lines() == []
        assert report.submitted_at is not None
    assert (
        ReportLine.objects.count()
        == BudgetLine.objects.filter(application__status__in=grants_scale.REPORT_STATES).count()
    )
    assert not ReviewAssignment.objects.filter(application__status=ApplicationStatus.DRAFT)

    for model, initial in ((Application, "draft"), (Initiative, "idea")):
        trail = history(model)
        for obj in model.objects.all():
            steps = trail.get(obj.pk, [])
            if obj.status == initial:
                assert steps == []
                continue
            assert steps[0][0] == initial
            assert steps[-1][1] == obj.status
            assert all(a[1] == b[0] for a, b in zip(steps, steps[1:], strict=False))

    started = Initiative.objects.exclude(
        status__in=[InitiativeStatus.IDEA, InitiativeStatus.PLANNING, InitiativeStatus.CANCELLED]
    )
    assert not started.filter(goal="").exists()
    assert set(Task.objects.values_list("initiative__status", flat=True)) == {
        s.status for s in started
    }
    assert (
        Evaluation.objects.count()
        == Initiative.objects.filter(status__in=community_scale.FINISHED).count()
    )


def test_a_second_run_tops_up_and_the_same_seed_gives_the_same_data():
    generate(applications=30)
    first = list(Application.objects.order_by("pk").values_list("title", "status"))
    generate(applications=30)
    assert Application.objects.count() == 30
    generate(applications=50)
    assert Application.objects.count() == 50
    assert list(Application.objects.order_by("pk").values_list("title", "status"))[:30] == first

    generate(applications=50, reset=True)
    assert Application.objects.count() == 50
    assert list(Application.objects.order_by("pk").values_list("title", "status"))[:30] == first


def test_references_are_unique_when_the_field_exists():
    if not grants_scale.has_field(Application, "reference"):
        pytest.skip("no reference field")
    generate()
    references = list(Application.objects.values_list("reference", flat=True))
    assert all(references) and len(set(references)) == len(references)


def test_queries_do_not_grow_with_the_number_of_applications(monkeypatch):
    if connection.vendor == "sqlite":
        # Django assumes SQLite's old limit of 999 parameters a statement and splits bulk
        # inserts at it; the SQLite Python ships with takes 32 766.
        monkeypatch.setattr(connection.features, "max_query_params", 30000)
    generate(applications=20, initiatives=20)  # the call, the staff accounts, the centres

    def queries_for(applications, initiatives):
        with CaptureQueriesContext(connection) as captured:
            generate(applications=applications, initiatives=initiatives)
        return len(captured)

    small = queries_for(50, 50)  # 30 more of each
    large = queries_for(240, 240)  # 190 more of each (still the first call)
    assert small == large
    assert large <= 60


def test_bad_figures_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        generate(applications=-1)
    with pytest.raises(CommandError):
        generate(organisations=0, applications=5)
