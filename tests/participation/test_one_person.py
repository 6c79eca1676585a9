"""One ballot per person whichever way it comes: a resident who voted online cannot be
entered on a paper ballot too (and the other way round); the database refuses the second
ballot of a person's key and of an account; the personal code is never stored."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kopiena.participation import codes, services
from kopiena.participation.models import Ballot, BallotChoice
from tests.factories import UserFactory, feasible_idea

pytestmark = pytest.mark.django_db

CODE = "120385-11111"


def declaration(code=CODE, **kwargs):
    return services.Eligibility(birth_year=1985, resident=True, person_code=code, **kwargs)


def test_a_resident_who_voted_online_is_refused_on_paper(voting, resident, pb_staff):
    a, b = feasible_idea(voting), feasible_idea(voting)
    online = services.cast_ballot(voting, resident, [a.pk], declaration())
    with pytest.raises(ValidationError) as refused:
        services.enter_paper_ballot(voting, pb_staff, "120385 11111", [b.pk], declaration(""))
    [message] = refused.value.message_dict["person_code"]
    assert "already voted online" in message and "cannot be added" in message
    assert Ballot.objects.get() == online
    assert list(BallotChoice.objects.values_list("idea", flat=True)) == [a.pk]


def test_a_person_entered_on_paper_is_refused_online(voting, resident, pb_staff):
    a, b = feasible_idea(voting), feasible_idea(voting)
    paper = services.enter_paper_ballot(voting, pb_staff, CODE, [a.pk], declaration(""))
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(voting, resident, [b.pk], declaration("12038511111"))
    [message] = refused.value.message_dict["person_code"]
    assert "paper ballot with this personal code" in message and "that ballot stands" in message
    assert Ballot.objects.get() == paper
    assert list(BallotChoice.objects.values_list("idea", flat=True)) == [a.pk]


def test_one_person_from_two_accounts_votes_once(voting, resident):
    a = feasible_idea(voting)
    services.cast_ballot(voting, resident, [a.pk], declaration())
    other = UserFactory(username="otrs-konts")
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(voting, other, [a.pk], declaration())
    assert "another account" in refused.value.message_dict["person_code"][0]
    assert Ballot.objects.count() == 1


def test_an_account_changes_its_ballot_without_the_code_but_not_with_another(voting, resident):
    a, b = feasible_idea(voting), feasible_idea(voting)
    ballot = services.cast_ballot(voting, resident, [a.pk], declaration())
    changed = services.cast_ballot(voting, resident, [b.pk], declaration(""))
    assert changed.pk == ballot.pk
    assert list(BallotChoice.objects.values_list("idea", flat=True)) == [b.pk]
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(voting, resident, [a.pk], declaration("010190-12345"))
    assert "not the personal code" in refused.value.message_dict["person_code"][0]
    assert list(BallotChoice.objects.values_list("idea", flat=True)) == [b.pk]


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("", "Enter your personal code"),
        ("12345", "11 digits"),
        ("321399-1234x", "11 digits"),
        ("310285-11111", "valid date"),
    ],
)
def test_a_missing_or_malformed_personal_code_is_refused(voting, resident, code, why):
    a = feasible_idea(voting)
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(voting, resident, [a.pk], declaration(code))
    assert why in refused.value.message_dict["person_code"][0]
    assert not Ballot.objects.exists()


def test_the_new_form_of_personal_code_is_accepted(voting, resident):
    a = feasible_idea(voting)
    services.cast_ballot(voting, resident, [a.pk], declaration("32145678901"))
    assert Ballot.objects.count() == 1


def test_the_key_is_a_keyed_hash_of_the_digits_only(voting, resident):
    a = feasible_idea(voting)
    ballot = services.cast_ballot(voting, resident, [a.pk], declaration())
    assert ballot.voter_key == codes.person_key("12038511111") == codes.person_key(" 120385-11111")
    assert "120385" not in ballot.voter_key and "11111" not in ballot.voter_key
    import hashlib

    assert hashlib.sha256(b"12038511111").hexdigest() not in ballot.voter_key


def test_the_database_holds_one_ballot_per_account(voting, resident):
    Ballot.objects.create(process=voting, voter_key="p:1", voter=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(process=voting, voter_key="p:2", voter=resident)
    Ballot.objects.create(process=voting, voter_key="p:3")  # paper ballots have no account
    Ballot.objects.create(process=voting, voter_key="p:4")
    assert Ballot.objects.count() == 3


def test_the_online_form_asks_for_the_personal_code_with_the_first_ballot(client, voting, resident):
    from django.urls import reverse

    a = feasible_idea(voting)
    client.force_login(resident)
    client.cookies["django_language"] = "en"
    url = reverse("participation:vote", args=[voting.slug])
    assert 'name="person_code"' in client.get(url).content.decode()
    response = client.post(url, {"ideas": [a.pk], "birth_year": "1985", "resident": "on"})
    assert 'id="id_person_code_error"' in response.content.decode()
    response = client.post(
        url, {"ideas": [a.pk], "birth_year": "1985", "resident": "on", "person_code": "12"}
    )
    assert "11 digits" in response.content.decode()
    assert not Ballot.objects.exists()
    form = {"ideas": [a.pk], "birth_year": "1985", "resident": "on", "person_code": CODE}
    assert client.post(url, form).status_code == 302
    assert 'name="person_code"' not in client.get(url).content.decode()
