"""The conversation with the applicant: the organisation writes to the officer on an open
case (text and a file) and answers a change request when it resubmits; the office answers
on the case view; every message is in the case history, in the portal's timeline and the
admin, and mails the other side in their language. Reviewers neither read it nor download
its files; another organisation gets 404; the same form posted twice writes one message."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from kopiena.casework import audit
from kopiena.casework.models import CaseMessage
from kopiena.grants import reviews
from kopiena.grants.models import ApplicationStatus as S
from kopiena.portal.models import Attachment, AttachmentKind
from tests.factories.portal import png_bytes, upload
from tests.portal.forms import application_data, existing_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(application, member, act):
    return act(application, "submit", member)


@pytest.fixture
def member_client(member):
    """The member's own browser (the ``client`` fixture is the staff's)."""
    browser = Client()
    browser.force_login(member)
    return browser


def _speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _post_message(client, application, text="", file=None, token=None):
    data = {"message-text": text, "message-token": str(token or uuid.uuid4())}
    if file is not None:
        data["message-file"] = file
    return client.post(f"/portal/applications/{application.pk}/messages/", data)


def _messages(application):
    return CaseMessage.objects.filter(object_id=str(application.pk))


def test_the_member_writes_to_the_officer_who_is_mailed_in_latvian_with_a_link(
    member_client,
    submitted,
    officer,
    outbox,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.KOPIENA = {**getattr(settings, "KOPIENA", {}), "BASE_URL": "http://127.0.0.1:8102"}
    _speaks(officer, "lv")
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_message(
            member_client, submitted, "Vai tāmē drīkstam iekļaut transportu?", upload("tame.pdf")
        )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/portal/applications/{submitted.pk}/#conversation")
    [message] = _messages(submitted)
    assert message.side == CaseMessage.Side.APPLICANT
    [file] = message.attachments.all()
    assert file.kind == AttachmentKind.MESSAGE and file.application_id == submitted.pk

    [mail] = [m for m in outbox if m.to == [officer.email]]
    assert "ziņa no iesniedzēja" in mail.subject
    assert "Vai tāmē drīkstam iekļaut transportu?" in mail.body
    assert f"http://127.0.0.1:8102/admin/grants_applications/inspect/{submitted.pk}/" in mail.body

    # In the history (the admin's and the applicant's), with its file.
    [entry] = [e for e in audit.entries_for(submitted) if e.data.get("event") == "message"]
    assert entry.data["message"] == message.pk
    page = member_client.get(f"/portal/applications/{submitted.pk}/")
    row = page.context["timeline"][-1]
    assert row["is_message"] and row["comment"] == "Vai tāmē drīkstam iekļaut transportu?"
    assert [f.pk for f in row["files"]] == [file.pk]
    assert member_client.get(file.get_download_url()).status_code == 200


def test_the_officer_reads_and_answers_on_the_case_view_and_the_members_are_mailed(
    client,
    member_client,
    submitted,
    member,
    officer,
    outbox,
    django_capture_on_commit_callbacks,
):
    _post_message(member_client, submitted, "Vai varam sākt martā?", upload("grafiks.pdf"))
    _speaks(member, "ru")
    client.force_login(officer)
    inspect = reverse("grants_applications:inspect", args=[submitted.pk])
    page = client.get(inspect).text
    assert "Vai varam sākt martā?" in page and "grafiks.pdf" in page
    file = Attachment.objects.get(original_name="grafiks.pdf")
    assert file.get_download_url() in page
    assert client.get(file.get_download_url()).status_code == 200

    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants_applications:message", args=[submitted.pk]),
            {"message-text": "Jā, varat.", "message-token": str(uuid.uuid4())},
        )
    assert response.status_code == 302 and response["Location"].endswith("#conversation")
    answer = _messages(submitted).last()
    assert answer.side == CaseMessage.Side.STAFF and answer.author == officer
    [mail] = [m for m in outbox if m.to == [member.email]]
    assert "сообщение от администрации конкурса" in mail.subject  # in the member's Russian
    assert "Jā, varat." in mail.body
    assert f"/portal/applications/{submitted.pk}/#conversation" in mail.body

    timeline = member_client.get(f"/portal/applications/{submitted.pk}/").context["timeline"]
    assert timeline[-1]["comment"] == "Jā, varat." and timeline[-1]["by"] == ""
    assert "Jā, varat." in client.get(inspect).text


def test_the_same_form_posted_twice_writes_one_message(
    member_client, submitted, officer, outbox, django_capture_on_commit_callbacks
):
    token = uuid.uuid4()
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = _post_message(member_client, submitted, "Labdien!", token=token)
        second = _post_message(member_client, submitted, "Labdien!", token=token)
    assert first.status_code == second.status_code == 302
    assert _messages(submitted).count() == 1
    assert len([m for m in outbox if m.to == [officer.email]]) == 1
    history = [e for e in audit.entries_for(submitted) if e.data.get("event") == "message"]
    assert len(history) == 1


def test_another_organisation_gets_404_for_the_message_form_and_its_files(
    client, member_client, submitted, other_member
):
    _post_message(member_client, submitted, "Mūsu tāme", upload("musu.pdf"))
    file = Attachment.objects.get(original_name="musu.pdf")
    client.force_login(other_member)
    assert _post_message(client, submitted, "Sveiki").status_code == 404
    assert client.get(file.get_download_url()).status_code == 404
    assert client.get(f"/portal/applications/{submitted.pk}/").status_code == 404
    assert _messages(submitted).count() == 1


def test_a_reviewer_neither_reads_the_conversation_nor_downloads_its_files(
    client, member_client, submitted, officer, reviewer
):
    _post_message(member_client, submitted, "Slepena piezīme birojam", upload("birojam.pdf"))
    file = Attachment.objects.get(original_name="birojam.pdf")
    reviews.assign_reviewer(submitted, reviewer, by=officer)
    client.force_login(reviewer)
    inspect = client.get(reverse("grants_applications:inspect", args=[submitted.pk]))
    assert inspect.status_code == 200
    assert "Slepena piezīme birojam" not in inspect.text and "birojam.pdf" not in inspect.text
    assert client.get(file.get_download_url()).status_code == 404
    history = client.get(f"/api/cases/applications/{submitted.pk}/history")
    assert history.status_code == 200 and "Slepena piezīme" not in history.text
    refused = client.post(
        reverse("grants_applications:message", args=[submitted.pk]), {"message-text": "x"}
    )
    assert refused.status_code in (302, 403)  # Wagtail sends a refused user to the dashboard
    assert _messages(submitted).count() == 1


@pytest.mark.parametrize(
    "text, file, error",
    [
        ("", upload("tame.pdf"), "Uzrakstiet savu ziņu."),
        ("x" * 4001, None, "4000"),
        ("Skat. pielikumu", upload("foto.pdf", png_bytes(), "application/pdf"), "PNG"),
    ],
    ids=["empty", "too-long", "type-not-as-named"],
)
def test_bad_input_is_refused_with_a_field_message_and_writes_nothing(
    member_client, submitted, text, file, error
):
    response = _post_message(member_client, submitted, text, file)
    assert response.status_code == 400
    assert error in response.text
    assert _messages(submitted).count() == 0
    assert not Attachment.objects.filter(application=submitted).exists()
    if text and len(text) < 100:
        assert text in response.text  # what was typed is kept


def test_no_messages_on_a_draft_or_a_closed_case(member_client, application, member, act):
    assert _post_message(member_client, application, "Sveiki").status_code == 400
    act(application, "withdraw", member)
    assert _post_message(member_client, application, "Sveiki").status_code == 400
    assert _messages(application).count() == 0


def test_a_nul_in_the_text_is_not_a_500(member_client, submitted):
    response = _post_message(member_client, submitted, "Sveiki\x00 birojs")
    assert response.status_code in (302, 400)
    assert all("\x00" not in message.text for message in _messages(submitted))


def test_the_staff_form_refuses_an_empty_message_and_keeps_nothing(client, submitted, officer):
    client.force_login(officer)
    response = client.post(
        reverse("grants_applications:message", args=[submitted.pk]), {"message-text": "  "}
    )
    assert response.status_code == 200  # the form again, with the field's message
    assert response.context["form"].errors["text"]
    assert _messages(submitted).count() == 0


def test_the_answer_to_a_change_request_carries_a_document_into_the_history(
    client, member_client, submitted, member, officer, reviewer, act
):
    act(submitted, "request_changes", officer, comment="Pievienojiet cenu piedāvājumu.")
    data = application_data(
        municipality=submitted.municipality,
        lines=existing_lines(submitted),
        initial=1,
        submit="1",
        submit_comment="Pievienojām piedāvājumu.",
        answer_kind=AttachmentKind.PRICE_QUOTE.value,
        answer_file=upload("piedavajums.pdf"),
    )
    response = member_client.post(f"/portal/applications/{submitted.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context["error_items"]
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    answer = _messages(submitted).get()
    assert answer.kind == CaseMessage.Kind.ANSWER and answer.text == "Pievienojām piedāvājumu."
    [file] = answer.attachments.all()
    assert file.kind == AttachmentKind.PRICE_QUOTE
    submit = audit.entries_for(submitted)[-1]
    assert submit.data["action"] == "submit" and submit.data["message"] == answer.pk

    timeline = member_client.get(f"/portal/applications/{submitted.pk}/").context["timeline"]
    assert timeline[-1]["comment"] == "Pievienojām piedāvājumu."
    assert [f.original_name for f in timeline[-1]["files"]] == ["piedavajums.pdf"]

    # An application document: the assigned reviewer has it too.
    reviews.assign_reviewer(submitted, reviewer, by=officer)
    client.force_login(reviewer)
    assert client.get(file.get_download_url()).status_code == 200


def test_a_refused_resubmission_keeps_no_answer(member_client, submitted, officer, act):
    act(submitted, "request_changes", officer, comment="Precizējiet.")
    data = application_data(
        municipality=submitted.municipality,
        lines=existing_lines(submitted),
        initial=len(existing_lines(submitted)),
        submit="1",
        submit_comment="Te būs atbilde.",
        answer_file=upload("tame.pdf"),
    )
    # No budget lines: the submit guard refuses; the draft is saved, the answer is not.
    for index in range(len(existing_lines(submitted))):
        data[f"lines-{index}-DELETE"] = "on"
    member_client.post(f"/portal/applications/{submitted.pk}/edit/", data)
    submitted.refresh_from_db()
    assert submitted.status == S.CHANGES_REQUESTED
    assert _messages(submitted).count() == 0
    assert not Attachment.objects.filter(original_name="tame.pdf").exists()


def test_the_case_view_costs_the_same_with_one_message_or_twenty(
    client, member_client, submitted, officer
):
    client.force_login(officer)
    url = reverse("grants_applications:inspect", args=[submitted.pk])
    _post_message(member_client, submitted, "1", upload("1.pdf"))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(19):
        _post_message(member_client, submitted, f"ziņa {n}", upload(f"{n}.pdf"))
    with CaptureQueriesContext(connection) as twenty:
        page = client.get(url)
    assert page.text.count("data-message=") == 20
    assert len(twenty.captured_queries) <= len(one.captured_queries)


def test_a_bad_answer_file_keeps_what_was_typed_and_submits_nothing(
    member_client, submitted, officer, act
):
    act(submitted, "request_changes", officer, comment="Pievienojiet tāmi.")
    data = application_data(
        municipality=submitted.municipality,
        lines=existing_lines(submitted),
        initial=len(existing_lines(submitted)),
        submit="1",
        submit_comment="Tāme pielikumā.",
        answer_kind=AttachmentKind.COST_ESTIMATE.value,
        answer_file=upload("tame.pdf", png_bytes(), "application/pdf"),
    )
    response = member_client.post(f"/portal/applications/{submitted.pk}/edit/", data)
    assert response.status_code == 200
    assert "PNG" in response.text  # the file's message, on the form
    assert "Tāme pielikumā." in response.text  # the answer is still in its box
    submitted.refresh_from_db()
    assert submitted.status == S.CHANGES_REQUESTED
    assert _messages(submitted).count() == 0
    assert not Attachment.objects.filter(application=submitted).exists()


def test_the_officer_answers_with_a_file_the_members_download_and_a_reviewer_cannot(
    client, member_client, submitted, officer, reviewer
):
    client.force_login(officer)
    url = reverse("grants_applications:message", args=[submitted.pk])
    response = client.post(
        url,
        {
            "message-text": "Līguma projekts pielikumā.",
            "message-file": upload("liguma-projekts.pdf"),
            "message-token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    answer = _messages(submitted).get()
    [file] = answer.attachments.all()
    assert file.kind == AttachmentKind.MESSAGE and file.uploaded_by == officer
    timeline = member_client.get(f"/portal/applications/{submitted.pk}/").context["timeline"]
    assert [f.original_name for f in timeline[-1]["files"]] == ["liguma-projekts.pdf"]
    assert member_client.get(file.get_download_url()).status_code == 200
    reviews.assign_reviewer(submitted, reviewer, by=officer)
    client.force_login(reviewer)
    assert client.get(file.get_download_url()).status_code == 404


def test_the_officers_file_is_checked_like_every_upload(client, submitted, officer):
    client.force_login(officer)
    response = client.post(
        reverse("grants_applications:message", args=[submitted.pk]),
        {
            "message-text": "Skat. pielikumu.",
            "message-file": upload("foto.pdf", png_bytes(), "application/pdf"),
            "message-token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert "PNG" in " ".join(response.context["form"].errors["file"])
    assert "Skat. pielikumu." in response.text
    assert _messages(submitted).count() == 0
    assert not Attachment.objects.filter(application=submitted).exists()
