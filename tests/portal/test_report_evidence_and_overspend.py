"""The report keeps what was typed when evidence is attached (one form), and spending on a
line more than the call's tolerance above the approved line needs an explanation."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kopiena.grants.models import ApplicationStatus, Report
from kopiena.portal.models import Attachment, AttachmentKind
from tests.factories.portal import pdf_bytes, upload

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def data_for(application, actual, note="", **overrides):
    line = application.budget_lines.get()
    return {
        "narrative": "Ierīkojām kopienas dārzu.",
        "results": "",
        "participants_reached": "30",
        f"actual_{line.pk}": str(actual),
        f"note_{line.pk}": note,
        **overrides,
    }


def test_attaching_evidence_saves_what_was_typed(member_client, approved):
    url = reverse("portal:report", args=[approved.pk])
    response = member_client.post(
        url, {**data_for(approved, "4800.00"), "evidence": upload("ceks.pdf", pdf_bytes())}
    )
    assert response.status_code == 302
    report = Report.objects.get(application=approved)
    assert report.narrative == "Ierīkojām kopienas dārzu."
    assert report.lines.get().actual_amount == Decimal("4800.00")
    evidence = Attachment.objects.get(application=approved)
    assert evidence.kind == AttachmentKind.REPORT_EVIDENCE and evidence.original_name == "ceks.pdf"


def test_a_refused_file_keeps_every_typed_value(member_client, approved):
    url = reverse("portal:report", args=[approved.pk])
    bad = upload("ceks.pdf", b"not a pdf at all", content_type="application/pdf")
    response = member_client.post(url, {**data_for(approved, "4800.00"), "evidence": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    html = response.content.decode()
    assert "Ierīkojām kopienas dārzu." in html and 'value="4800.00"' in html
    assert not Attachment.objects.exists()


def test_overspend_above_the_tolerance_needs_an_explanation(member_client, approved):
    url = reverse("portal:report", args=[approved.pk])
    # 5 000 € approved on the line; 6 500 € is 30 % over, the default tolerance is 10 %.
    response = member_client.post(url, {**data_for(approved, "6500.00"), "save": "1"}, follow=True)
    assert "10" in " ".join(str(m) for m in response.context["messages"])
    response = member_client.post(url, {**data_for(approved, "6500.00"), "submit": "1"})
    assert response.status_code == 200
    assert "report_lines" in response.context["guard"]
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    response = member_client.post(
        url, {**data_for(approved, "6500.00", note="Cenas pieauga."), "submit": "1"}
    )
    approved.refresh_from_db()
    assert approved.status == S.REPORT_SUBMITTED


def test_within_the_tolerance_no_explanation_is_needed(member_client, approved):
    url = reverse("portal:report", args=[approved.pk])
    member_client.post(url, {**data_for(approved, "5450.00"), "submit": "1"})
    approved.refresh_from_db()
    assert approved.status == S.REPORT_SUBMITTED
