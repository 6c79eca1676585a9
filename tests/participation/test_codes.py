"""Verification codes: staff generate them (shown once, stored as keyed hashes, on the
record); a process that asks for one refuses an online ballot without a valid, unused code;
each code opens one ballot; wrong codes are throttled."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kopiena.participation import codes, services
from kopiena.participation.models import Ballot, VerificationCode
from tests.factories import UserFactory, budget, eligible, feasible_idea

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coded(db):
    return budget("voting", requires_code=True)


def test_staff_generate_codes_stored_hashed_and_on_the_record(coded, pb_staff, resident):
    from wagtail.models import ModelLogEntry

    plain = services.generate_codes(coded, 5, "post", pb_staff)
    assert len(set(plain)) == 5 and all(len(c) == 11 and c[4] == "-" for c in plain)
    stored = set(VerificationCode.objects.values_list("code_hash", flat=True))
    assert stored == {codes.code_hash(c) for c in plain}
    assert not any(c.replace("-", "") in h for c in plain for h in stored)
    assert ModelLogEntry.objects.filter(action=services.CODES, user=pb_staff).count() == 1
    with pytest.raises(PermissionDenied):
        services.generate_codes(coded, 5, "post", resident)
    with pytest.raises(ValidationError):
        services.generate_codes(coded, 501, "post", pb_staff)


def test_a_code_opens_one_ballot_and_is_used_up(coded, pb_staff, resident):
    a = feasible_idea(coded)
    [code] = services.generate_codes(coded, 1, "support_point", pb_staff)
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(coded, resident, [a.pk], eligible(resident))
    assert "Enter the verification code" in refused.value.message_dict["verification_code"][0]
    assert not Ballot.objects.exists()
    ballot = services.cast_ballot(
        coded, resident, [a.pk], eligible(resident, verification_code=code.lower())
    )
    assert VerificationCode.objects.get().ballot == ballot
    # Changing the ballot asks for no code again.
    services.cast_ballot(coded, resident, [a.pk], eligible(resident))
    other = UserFactory(username="otra-balsotaja")
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(coded, other, [a.pk], eligible(other, verification_code=code))
    assert "already been used" in refused.value.message_dict["verification_code"][0]
    assert Ballot.objects.count() == 1


def test_a_code_of_another_budget_or_a_made_up_one_is_refused(coded, pb_staff, resident):
    a = feasible_idea(coded)
    [theirs] = services.generate_codes(budget("voting", requires_code=True), 1, "post", pb_staff)
    for wrong in (theirs, "AAAA-BBBBBB"):
        with pytest.raises(ValidationError) as refused:
            services.cast_ballot(
                coded, resident, [a.pk], eligible(resident, verification_code=wrong)
            )
        assert "not valid for this budget" in refused.value.message_dict["verification_code"][0]
    assert not Ballot.objects.exists()


def test_wrong_codes_are_throttled_even_the_right_one_then(coded, pb_staff, resident, settings):
    settings.KOPIENA_PARTICIPATION_CODE_LIMITS = {"user": (3, 600)}
    a = feasible_idea(coded)
    [code] = services.generate_codes(coded, 1, "post", pb_staff)
    for _n in range(3):
        with pytest.raises(ValidationError):
            services.cast_ballot(
                coded, resident, [a.pk], eligible(resident, verification_code="ZZZZ-ZZZZZZ")
            )
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(coded, resident, [a.pk], eligible(resident, verification_code=code))
    assert "Too many wrong codes" in refused.value.message_dict["verification_code"][0]
    assert VerificationCode.objects.get().ballot is None
    # Someone else (another account, another address) is not held up.
    other = UserFactory(username="cits-balsotajs")
    services.cast_ballot(coded, other, [a.pk], eligible(other, verification_code=code))


def test_a_paper_ballot_uses_up_a_code_the_voter_brought(coded, pb_staff, resident):
    a = feasible_idea(coded)
    [code] = services.generate_codes(coded, 1, "support_point", pb_staff)
    services.enter_paper_ballot(
        coded, pb_staff, "120385-11111", [a.pk], eligible(verification_code=code)
    )
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(coded, resident, [a.pk], eligible(resident, verification_code=code))
    assert "already been used" in refused.value.message_dict["verification_code"][0]


def test_a_process_without_codes_asks_for_none(voting, resident):
    a = feasible_idea(voting)
    services.cast_ballot(voting, resident, [a.pk], eligible(resident))
    assert Ballot.objects.count() == 1


def test_the_admin_page_shows_new_codes_once(client, coded, pb_staff):
    client.force_login(pb_staff)
    url = reverse("kopiena_participation_process:codes", args=[coded.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"count": "3", "channel": "post"})
    text = response.content.decode()
    plain = [c.split("</code>")[0] for c in text.split("<code>")[1:]]
    assert len(plain) == 3
    stored = set(VerificationCode.objects.values_list("code_hash", flat=True))
    assert {codes.code_hash(c) for c in plain} == stored
    assert "<code>" not in client.get(url).content.decode()
    assert VerificationCode.objects.filter(process=coded).count() == 3


def test_the_vote_page_asks_for_the_code_and_says_why_it_is_refused(client, coded, resident):
    a = feasible_idea(coded)
    client.force_login(resident)
    client.cookies["django_language"] = "en"
    url = reverse("participation:vote", args=[coded.slug])
    assert 'name="verification_code"' in client.get(url).content.decode()
    form = {
        "ideas": [a.pk],
        "birth_year": "1985",
        "resident": "on",
        "person_code": "120385-11111",
        "verification_code": "AAAA-BBBBBB",
    }
    response = client.post(url, form)
    assert "not valid for this budget" in response.content.decode()
    assert not Ballot.objects.exists()
    text = client.get(reverse("participation:process", args=[coded.slug])).content.decode()
    assert 'data-rule="verification-code"' in text
