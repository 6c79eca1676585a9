"""A call declares the kinds of document an application must carry: the portal's form
takes them while applying, ``submit`` names each kind still missing, and the call page
and the form list them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kopiena.casework.workflow import GuardFailed
from kopiena.grants.models import Application, ApplicationStatus, DocumentKind
from kopiena.portal.models import Attachment
from tests.factories.portal import AttachmentFactory, pdf_bytes
from tests.portal.forms import application_data, line

pytestmark = pytest.mark.django_db

S = ApplicationStatus
BOTH = [DocumentKind.COST_ESTIMATE, DocumentKind.PRICE_QUOTE]


@pytest.fixture
def strict_call(call):
    call.required_document_kinds = list(BOTH)
    call.save()
    return call


def _pdf(name="tame.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_submit_is_refused_naming_each_missing_kind_in_the_persons_language(
    strict_call, application, member, act
):
    AttachmentFactory(application=application, kind=DocumentKind.PRICE_QUOTE)
    for language, word in (("lv", "Izmaksu tāme"), ("ru", "Смета расходов"), ("en", "Cost")):
        with translation.override(language), pytest.raises(GuardFailed) as refused:
            act(application, "submit", member)
        errors = refused.value.errors
        assert list(errors) == ["document_cost_estimate"], errors
        assert word in errors["document_cost_estimate"][0]
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submit_passes_once_every_kind_is_attached(strict_call, application, member, act):
    for kind in BOTH:
        AttachmentFactory(application=application, kind=kind)
    assert act(application, "submit", member).status == S.SUBMITTED


def test_a_call_without_required_kinds_asks_for_none(call, application, member, act):
    assert call.required_document_kinds == []
    assert act(application, "submit", member).status == S.SUBMITTED


def test_the_apply_form_takes_the_documents_and_submits_at_once(
    client, strict_call, organisation, member
):
    client.force_login(member)
    page = client.get(f"/portal/calls/{strict_call.pk}/apply/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="docs-document_cost_estimate"' in page
    assert 'name="docs-document_price_quote"' in page
    assert "data-required-kinds" in page

    data = application_data(
        organisation=organisation,
        municipality=organisation.municipality,
        lines=[line()],
        submit="1",
        **{
            "docs-document_cost_estimate": _pdf("tame.pdf"),
            "docs-document_price_quote": _pdf("piedavajums.pdf"),
        },
    )
    response = client.post(f"/portal/calls/{strict_call.pk}/apply/", data)

    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == S.SUBMITTED
    kinds = dict(Attachment.objects.values_list("kind", "original_name"))
    assert kinds == {"cost_estimate": "tame.pdf", "price_quote": "piedavajums.pdf"}


def test_a_missing_document_keeps_the_draft_and_is_shown_on_its_field(
    client, strict_call, organisation, member
):
    client.force_login(member)
    data = application_data(
        organisation=organisation,
        municipality=organisation.municipality,
        lines=[line()],
        submit="1",
        **{"docs-document_cost_estimate": _pdf()},
    )
    response = client.post(f"/portal/calls/{strict_call.pk}/apply/", data, follow=True)

    application = Application.objects.get()
    assert application.status == S.DRAFT
    assert application.attachments.get().kind == "cost_estimate"
    page = response.content.decode()
    assert 'id="id_docs-document_price_quote_error"' in page
    assert 'href="#id_docs-document_price_quote"' in page  # the error summary links to it
    assert "tame.pdf" in page  # the file already attached is named by its field


def test_a_file_that_is_not_a_document_is_refused_on_its_field_and_nothing_saved(
    client, strict_call, organisation, member
):
    client.force_login(member)
    fake = SimpleUploadedFile("tame.pdf", b"not a pdf at all", content_type="application/pdf")
    data = application_data(
        organisation=organisation,
        municipality=organisation.municipality,
        lines=[line()],
        save="1",
        **{"docs-document_cost_estimate": fake},
    )
    response = client.post(f"/portal/calls/{strict_call.pk}/apply/", data)
    assert response.status_code == 200
    assert 'id="id_docs-document_cost_estimate_error"' in response.content.decode()
    assert not Application.objects.exists() and not Attachment.objects.exists()


def test_the_call_page_lists_the_required_kinds(client, strict_call):
    strict_call.save_revision().publish()
    with translation.override("lv"):
        page = client.get(strict_call.url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "data-required-kinds" in page
    assert str(DocumentKind.COST_ESTIMATE.label) in page or "Izmaksu tāme" in page


def test_the_public_api_lists_the_required_kinds(strict_call):
    from tests.api.conftest import ApiClient

    response = ApiClient().get("/calls")
    assert response.status_code == 200
    [row] = response.data["items"]
    assert row["required_document_kinds"] == ["cost_estimate", "price_quote"]
