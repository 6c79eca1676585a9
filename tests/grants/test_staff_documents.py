"""Staff see the case's documents: the officer's inspect view, the reviewer's form and
finance list every attachment (application documents and report evidence) with its kind,
name, size, uploader and time, and download it through the portal's permission-checked
view; anyone who may not see the case gets 404."""

import pytest
from django.urls import reverse

from kopiena.grants import reviews
from kopiena.portal.models import AttachmentKind
from tests.factories.grants import ApplicationFactory
from tests.factories.portal import AttachmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(application, member, act):
    return act(application, "submit", member)


@pytest.fixture
def documents(application, member):
    quote = AttachmentFactory(
        application=application,
        kind=AttachmentKind.PRICE_QUOTE,
        original_name="cenu-piedavajums.pdf",
        uploaded_by=member,
    )
    evidence = AttachmentFactory(
        application=application,
        kind=AttachmentKind.REPORT_EVIDENCE,
        original_name="ceks-1.pdf",
        uploaded_by=member,
    )
    return quote, evidence


def test_the_officer_sees_every_document_on_the_case_and_downloads_it(
    client, officer, application, submitted, documents
):
    quote, evidence = documents
    client.force_login(officer)
    text = client.get(reverse("grants_applications:inspect", args=[application.pk])).text
    for attachment in documents:
        assert attachment.original_name in text
        assert attachment.get_download_url() in text
    assert str(AttachmentKind.PRICE_QUOTE.label) in text
    assert str(AttachmentKind.REPORT_EVIDENCE.label) in text
    response = client.get(quote.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_finance_sees_the_documents(client, finance, application, submitted, documents):
    client.force_login(finance)
    text = client.get(reverse("grants_applications:inspect", args=[application.pk])).text
    assert "cenu-piedavajums.pdf" in text
    assert client.get(documents[0].get_download_url()).status_code == 200


def test_the_assigned_reviewer_sees_the_documents_on_the_review_form(
    client, officer, reviewer, application, submitted, documents
):
    assignment = reviews.assign_reviewer(application, reviewer, by=officer)
    client.force_login(reviewer)
    text = client.get(reverse("grants_review", args=[assignment.pk])).text
    assert "cenu-piedavajums.pdf" in text
    assert documents[0].get_download_url() in text
    assert client.get(documents[0].get_download_url()).status_code == 200


def test_an_unassigned_reviewer_and_another_organisation_get_404(
    client, reviewer, other_member, application, submitted, documents
):
    for user in (reviewer, other_member):
        client.force_login(user)
        assert client.get(documents[0].get_download_url()).status_code == 404


def test_the_document_list_costs_the_same_queries_for_2_and_12_files(
    client, officer, application, submitted, member, django_assert_max_num_queries
):
    client.force_login(officer)
    url = reverse("grants_applications:inspect", args=[application.pk])
    AttachmentFactory.create_batch(2, application=application, uploaded_by=member)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    AttachmentFactory.create_batch(10, application=application, uploaded_by=member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    assert ApplicationFactory._meta.model.objects.count() >= 1
