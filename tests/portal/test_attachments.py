import io
import zipfile

import pytest
from django.core.files.storage import storages

from kopiena.portal.files import MAX_UPLOAD_SIZE
from kopiena.portal.models import Attachment, AttachmentKind
from tests.factories import (
    AttachmentFactory,
    docx_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def _post(client, application, file, kind=AttachmentKind.COST_ESTIMATE, **extra):
    return client.post(
        f"/portal/applications/{application.pk}/attachments/",
        {"kind": kind, "file": file, **extra},
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("tame.pdf", pdf_bytes(), "application/pdf"),
        ("Tāme 2026.PDF", pdf_bytes(), "application/pdf"),
        (
            "cenu piedāvājums.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budzets.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("foto.jpg", jpeg_bytes(), "image/jpeg"),
        ("shema.png", png_bytes(), "image/png"),
    ],
)
def test_accepted_documents_are_stored_privately(
    member_client, application, name, content, content_type
):
    response = _post(member_client, application, upload(name, content, "application/octet-stream"))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type  # from the content, not the browser
    assert attachment.original_name == name
    private = Attachment._meta.get_field("file").storage  # settings.STORAGES["private"]
    assert type(private) is type(storages["private"])
    assert private.exists(attachment.file.name)
    assert not storages["default"].exists(attachment.file.name)
    assert name not in attachment.file.name  # the person's file name is not the path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tame.pdf", png_bytes()),  # a PNG dressed as a PDF
        ("tame.docx", xlsx_bytes()),  # a workbook named as a Word document
        ("tame.docx", b"PK\x03\x04 not really a zip"),
        ("tame.pdf", b"just some text"),
        ("tame.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("tame.pdf", b""),
    ],
)
def test_content_that_is_not_what_it_claims_is_refused(member_client, application, name, content):
    response = _post(member_client, application, upload(name, content))
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert not Attachment.objects.exists()


def test_a_zip_with_office_names_but_no_content_types_is_refused(member_client, application):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    response = _post(member_client, application, upload("tame.docx", out.getvalue()))
    assert response.status_code == 400


def test_the_size_limit_is_10_mb(member_client, application):
    padding = b"0" * (MAX_UPLOAD_SIZE - len(pdf_bytes()))
    at_limit = upload("liels.pdf", pdf_bytes() + padding)
    over = upload("parak-liels.pdf", pdf_bytes() + padding + b"0")

    assert _post(member_client, application, at_limit).status_code == 302
    response = _post(member_client, application, over)
    assert response.status_code == 400
    assert Attachment.objects.count() == 1


def test_missing_file_or_wrong_kind_is_a_form_error(member_client, application):
    assert _post(member_client, application, "").status_code == 400
    response = _post(member_client, application, upload(), kind="report_evidence")
    assert response.status_code == 400


def test_files_are_served_to_members_and_grant_staff_only(
    client, member_client, application, other_member, officer, editor
):
    attachment = AttachmentFactory(application=application)
    url = f"/portal/attachments/{attachment.pk}/"

    response = member_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in response["Content-Disposition"]

    for user in (other_member, editor):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_application_documents_only_while_editable(member_client, application, member, act):
    act(application, "submit", member)
    response = _post(member_client, application, upload())
    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_report_evidence_while_the_report_is_written(member_client, approved):
    response = _post(
        member_client,
        approved,
        upload("ceks.jpg", jpeg_bytes()),
        kind=AttachmentKind.REPORT_EVIDENCE,
        **{"for": "report"},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().kind == AttachmentKind.REPORT_EVIDENCE
    page = member_client.get(f"/portal/applications/{approved.pk}/report/")
    assert "ceks.jpg" in page.content.decode()


def test_remove_a_file(member_client, application, django_capture_on_commit_callbacks):
    attachment = AttachmentFactory(application=application)
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/portal/attachments/{attachment.pk}/delete/")
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not Attachment._meta.get_field("file").storage.exists(name)


def test_the_upload_still_needs_the_csrf_token(member, application):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = _post(client, application, upload())
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_a_huge_upload_stops_being_read_at_the_limit(member_client, application):
    from kopiena.portal.files import SizeLimitUploadHandler

    huge = upload("milzigs.pdf", pdf_bytes() + b"0" * (3 * MAX_UPLOAD_SIZE))
    response = _post(member_client, application, huge)
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not Attachment.objects.exists()
    handler = SizeLimitUploadHandler()
    handler.handle_raw_input(None, {}, 5 * MAX_UPLOAD_SIZE, b"x")
    assert handler.too_large
