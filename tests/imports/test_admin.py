"""The admin's import: upload → preview → confirm, for the roles that may import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kopiena.casework import audit
from kopiena.grants.models import Application, Organisation
from tests.factories import ApplicationFactory

from .conftest import read

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/import/"
CONFIRM = "/admin/import/confirm/"


def upload(client, name, data=None, kind=""):
    data = read(name) if data is None else data
    return client.post(UPLOAD, {"kind": kind, "file": SimpleUploadedFile(name, data)})


def test_urls():
    assert reverse("casework_import") == UPLOAD
    assert reverse("casework_import_confirm") == CONFIRM


def test_menu_item_and_page_for_grant_officers_only(client, officer, editor):
    client.force_login(officer)
    assert UPLOAD in client.get("/admin/").content.decode()
    assert client.get(UPLOAD).status_code == 200

    client.force_login(editor)
    assert UPLOAD not in client.get("/admin/").content.decode()
    refused = client.get(UPLOAD)  # Wagtail turns PermissionDenied into a redirect + message
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert client.post(CONFIRM, {"token": "x"})["Location"] == "/admin/"


def test_social_workers_may_import_initiatives_only(client, social_worker):
    client.force_login(social_worker)
    page = client.get(UPLOAD).content.decode()
    assert 'value="initiatives"' in page
    assert 'value="applications"' not in page


def test_preview_then_confirm_writes_everything(client, officer, call, organisations):
    client.force_login(officer)

    preview = upload(client, "applications_libreoffice.xlsx")

    assert preview.status_code == 200
    assert Application.objects.count() == 0
    html = preview.content.decode()
    # Records, as the result will count them (the four rows are three applications' lines).
    assert 'data-count="new">3<' in html
    assert "The file has 4 rows." in html or "Failā ir 4 rindas." in html
    assert html.count('data-status="new"') == 4
    assert "data-confirm-import" in html
    token = preview.context["token"]

    done = client.post(CONFIRM, {"token": token})

    assert done.status_code == 302
    assert done["Location"] == reverse("grants_applications:index")
    assert Application.objects.count() == 3
    app = Application.objects.get(reference="LS-2024-001")
    assert audit.entries_for(app)[0].user == officer
    # The token is used up.
    again = client.post(CONFIRM, {"token": token})
    assert again.status_code == 302 and Application.objects.count() == 3


def test_errors_are_listed_by_row_and_column_without_a_confirm_button(
    client, officer, call, organisations
):
    client.force_login(officer)

    preview = upload(client, "applications_errors.csv")

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "data-confirm-import" not in html
    assert preview.context["token"] is None
    assert 'data-count="error">5<' in html
    assert '<tr data-row="3" data-status="error">' in html
    assert "<strong>Reģistrācijas nr.</strong>" in html
    assert Application.objects.count() == 0


def test_confirm_validates_again(client, officer, call, organisations):
    client.force_login(officer)
    preview = upload(client, "applications_utf8_bom_comma.csv")
    token = preview.context["token"]
    # Meanwhile someone enters LS-2024-002 by hand, in another status than the file's.
    ApplicationFactory(call=call, organisation=organisations[1], reference="LS-2024-002")

    response = client.post(CONFIRM, {"token": token})

    assert response.status_code == 200
    assert response.context["token"] is None
    assert response.context["result"].counts["error"] == 1
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("budget.pdf", b"%PDF-1.4", "CSV"),
        ("empty.csv", b"", "empty"),
        ("headers.csv", b"Nosaukums;Kaut kas\nA;B\n", "column headers"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "XLSX"),
    ],
    ids=["pdf", "empty", "unknown-headers", "broken-xlsx"],
)
def test_bad_files_are_form_errors(client, officer, name, data, message, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(officer)

    response = client.post(
        UPLOAD,
        {"file": SimpleUploadedFile(name, data)},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["file"]
    assert message.lower() in " ".join(errors["file"]).lower()


def test_missing_required_column_for_the_chosen_kind(client, officer):
    client.force_login(officer)

    response = upload(client, "organisations_errors.csv", kind="applications")

    assert response.status_code == 200
    assert "Konkurss" in " ".join(response.context["form"].errors["file"])


def test_a_token_from_another_session_is_refused(client, officer, liepaja, django_user_model):
    client.force_login(officer)
    token = upload(client, "organisations_libreoffice_utf8_comma.csv").context["token"]
    client.logout()
    client.force_login(officer)  # a new session

    response = client.post(CONFIRM, {"token": token})

    assert response.status_code == 302
    assert Organisation.objects.count() == 0


def test_staff_see_and_edit_the_reference_number(client, officer):
    from django.core.exceptions import ValidationError

    ApplicationFactory(reference="R-1")
    other = ApplicationFactory()
    client.force_login(officer)

    page = client.get(reverse("grants_applications:edit", args=[other.pk]))

    assert "reference" in page.context["form"].fields
    other.reference = "R-1"
    with pytest.raises(ValidationError) as refused:
        other.validate_constraints()
    assert any("reference" in message or "lietas" in message for message in refused.value.messages)


def test_only_a_clean_preview_keeps_the_file_and_stale_uploads_are_deleted(
    client, officer, call, organisations, monkeypatch
):
    from django.core.files.storage import storages

    from kopiena.casework.importing import views

    storage = storages["private"]
    client.force_login(officer)

    def kept():
        if not storage.exists("imports"):
            return []
        folders = storage.listdir("imports")[0]
        return [f for folder in folders for f in storage.listdir(f"imports/{folder}")[1]]

    upload(client, "applications_errors.csv")
    assert kept() == []  # a file with errors can't be confirmed, so it is not kept

    upload(client, "applications_libreoffice.xlsx")
    assert len(kept()) == 1
    # A day later the unconfirmed file goes at the next upload; the new one stays.
    later = views.timezone.now() + views.UPLOAD_KEPT_FOR + views.dt.timedelta(minutes=1)
    monkeypatch.setattr(views.timezone, "now", lambda: later)
    upload(client, "applications_libreoffice.xlsx")
    assert len(kept()) == 1


def test_a_reference_number_is_what_the_case_is_called_everywhere(client, officer, service_head):
    from tests.factories import InitiativeFactory

    imported = ApplicationFactory(reference="LS-2024-001")
    started_here = ApplicationFactory()
    assert imported.case_reference() == "LS-2024-001"
    assert started_here.case_reference().startswith("PIE-")

    client.force_login(officer)
    listing = client.get(reverse("grants_applications:index")).content.decode()
    assert "LS-2024-001" in listing and started_here.case_reference() in listing
    found = client.get(reverse("grants_applications:index"), {"q": "LS-2024-001"})
    assert list(found.context["object_list"]) == [imported]

    initiative = InitiativeFactory(reference="INI-VENT-7")
    assert initiative.case_reference() == "INI-VENT-7"
    client.force_login(service_head)
    form = client.get(reverse("community_initiatives:edit", args=[initiative.pk]))
    assert "reference" in form.context["form"].fields


def test_the_import_page_offers_a_template_per_kind_the_person_may_import(client, social_worker):
    client.force_login(social_worker)
    page = client.get(UPLOAD).content.decode()
    initiatives = reverse("casework_import_template", args=["initiatives"])
    assert initiatives in page
    assert reverse("casework_import_template", args=["applications"]) not in page
    template = client.get(initiatives)
    assert template.status_code == 200
    assert template.content.startswith(b"\xef\xbb\xbf")
    assert client.get(reverse("casework_import_template", args=["applications"])).status_code == 404


def test_the_applications_template_imports_as_it_is(client, officer):
    from kopiena.casework.importing import run_import

    client.force_login(officer)
    content = client.get(reverse("casework_import_template", args=["applications"])).content
    heading, example = content.decode("utf-8-sig").splitlines()[:2]
    assert heading.startswith("Lietas numurs;Reģistrācijas nr.;Konkurss;")
    result = run_import(None, content, user=officer, file_name="template.csv", dry_run=True)
    assert result.kind == "applications"
    assert len(result.rows) == 1


def test_a_file_of_a_kind_the_role_may_not_import_says_so(client, officer):
    client.force_login(officer)
    preview = upload(client, "initiatives_utf8_bom_tab.csv")
    html = preview.content.decode()
    assert "Pēc kolonnu virsrakstiem nevar noteikt" not in html
    assert "kurus jūsu loma nedrīkst importēt" in html
