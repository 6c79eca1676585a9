from decimal import Decimal

import pytest

from kopiena.grants.models import ApplicationStatus, Report

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def _report_data(application, **overrides):
    data = {
        "narrative": "Ierīkojām dārzu.",
        "results": "Dārzs darbojas.",
        "participants_reached": "48",
    }
    for line in application.budget_lines.all():
        data[f"actual_{line.pk}"] = str(line.amount - Decimal("10"))
        data[f"note_{line.pk}"] = "Lētāki stādi."
    data.update(overrides)
    return data


def test_the_report_form_shows_the_plan_beside_the_actuals(member_client, approved):
    page = member_client.get(f"/portal/applications/{approved.pk}/report/")
    assert page.status_code == 200
    line = approved.budget_lines.get()
    assert f'id="id_actual_{line.pk}"' in page.content.decode()
    assert "5\u00a0000,00\u00a0€" in page.content.decode()  # the planned line


def test_save_then_submit_the_report(member_client, approved, member):
    url = f"/portal/applications/{approved.pk}/report/"
    response = member_client.post(url, {**_report_data(approved), "save": "1"})
    assert response["Location"] == url
    report = Report.objects.get(application=approved)
    assert report.lines.get().actual_amount == Decimal("4990.00")
    assert report.participants_reached == 48

    response = member_client.post(url, {**_report_data(approved), "submit": "1"})
    assert response["Location"] == f"/portal/applications/{approved.pk}/"
    approved.refresh_from_db()
    assert approved.status == S.REPORT_SUBMITTED
    page = member_client.get(url)
    assert page.context["editable"] is False
    assert b'id="report-state"' in page.content


def test_submit_refused_until_complete_with_the_guards_messages(member_client, approved):
    url = f"/portal/applications/{approved.pk}/report/"
    line = approved.budget_lines.get()
    data = _report_data(approved, narrative="", **{f"actual_{line.pk}": ""}, submit="1")
    response = member_client.post(url, data)

    assert response.status_code == 200
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert set(response.context["guard"]) == {"narrative", "report_lines"}
    html = response.content.decode()
    assert 'href="#id_narrative"' in html and 'href="#report-lines"' in html


@pytest.mark.parametrize(
    "bad", [{"participants_reached": "daudz"}, {"participants_reached": "-4"}, {"actual": "abc"}]
)
def test_bad_report_input_is_a_form_error(member_client, approved, bad):
    line = approved.budget_lines.get()
    if "actual" in bad:
        bad = {f"actual_{line.pk}": bad["actual"]}
    response = member_client.post(
        f"/portal/applications/{approved.pk}/report/",
        {**_report_data(approved), **bad, "save": "1"},
    )
    assert response.status_code == 200
    assert b"error-summary" in response.content


def test_a_returned_report_shows_the_comment_and_can_be_resubmitted(
    member_client, approved, member, officer, act
):
    url = f"/portal/applications/{approved.pk}/report/"
    member_client.post(url, {**_report_data(approved), "submit": "1"})
    act(approved, "return_report", officer, comment="Pievienojiet čekus.")

    page = member_client.get(f"/portal/applications/{approved.pk}/")
    assert page.context["next_step"]["key"] == "report_again"
    assert "Pievienojiet čekus." in page.content.decode()

    member_client.post(url, {**_report_data(approved), "submit": "1"})
    act(approved, "accept_report", officer)
    page = member_client.get(url)
    assert page.context["editable"] is False
    detail = member_client.get(f"/portal/applications/{approved.pk}/")
    assert detail.context["next_step"]["key"] == "none"


def test_no_report_before_approval(member_client, application):
    response = member_client.get(f"/portal/applications/{application.pk}/report/")
    assert response["Location"] == f"/portal/applications/{application.pk}/"
    response = member_client.post(
        f"/portal/applications/{application.pk}/report/", _report_data(application)
    )
    assert response.status_code == 302
    assert not Report.objects.exists()
