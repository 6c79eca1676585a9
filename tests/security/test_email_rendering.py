"""Plain-text e-mails read as written: quotes and ampersands in names are not HTML
entities. (HTML templates stay escaped: that is checked last.)"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from kopiena.portal import services

pytestmark = pytest.mark.django_db

NAME = 'Biedrība "Ostmalas kaimiņi" & <draugi>'


def test_the_invitation_e_mail_keeps_quotes(outbox, django_capture_on_commit_callbacks):
    from tests.factories import OrganisationFactory, member_of

    organisation = OrganisationFactory(name=NAME)
    owner = member_of(organisation, first_name="Anna", last_name="O'Brien")
    request = RequestFactory().post("/")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            organisation, email="jauns@example.lv", role="member", by=owner, request=request
        )
    body = outbox[-1].body + outbox[-1].subject
    assert NAME in body
    assert "&quot;" not in body and "&amp;" not in body and "&#x27;" not in body


def test_the_confirmation_e_mail_keeps_the_name_as_typed(
    client, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/portal/signup/",
            {"first_name": 'Anna "Ančs" & co', "last_name": "O'Brien", "email": "anna@example.lv"},
        )
    assert 'Anna "Ančs" & co' in outbox[-1].body


@pytest.mark.parametrize(
    "template",
    [
        "kopiena_casework/email/transition.txt",
        "kopiena_casework/email/transition_subject.txt",
        "kopiena_portal/email/confirm.txt",
        "kopiena_portal/email/invitation.txt",
        "kopiena_portal/email/password_reset.txt",
        "kopiena_portal/email/account_exists.txt",
        "kopiena_social_map/email/confirm.txt",
        "kopiena_social_map/email/digest.txt",
    ],
)
def test_every_text_template_turns_autoescape_off(template):
    from django.template.loader import get_template

    source = get_template(template).template.source
    assert "{% autoescape off %}" in source


def test_html_stays_escaped():
    html = render_to_string("kopiena_portal/accounts/signup_sent.html", {"email": NAME})
    assert NAME not in html and "&quot;Ostmalas" in html
