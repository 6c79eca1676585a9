"""The Wagtail admin in Latvian reads as Latvian: labels Wagtail composes from a model's
name are given as whole phrases (the noun in its case), booleans read Yes/No, durations
take the right plural, and Wagtail's strings its own catalogue leaves English are ours."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

from kopiena.casework.forms import TransitionForm
from kopiena.casework.workflow import COMMENT, ActionInfo
from kopiena.community_work.models import Initiative
from tests.factories.grants import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lv_admin(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lv"
    return client


def test_add_buttons_and_choosers_put_the_noun_in_its_case(lv_admin):
    listing = lv_admin.get(reverse("communities:index")).content.decode()
    assert "Pievienot kopienu" in listing
    assert "Pievienot kopiena" not in listing

    form = lv_admin.get(reverse("communities:add")).content.decode()
    assert "Izvēlēties pašvaldību" in form
    assert "Izvēlēties pašvaldība" not in form


def test_booleans_read_yes_and_no_in_listing_and_inspect(lv_admin):
    organisation = OrganisationFactory(public_benefit=True)
    listing = lv_admin.get(reverse("grants_organisations:index")).content.decode()
    assert organisation.name in listing
    assert ">Jā<" in listing.replace(" ", "").replace("\n", "")
    assert "True" not in listing

    inspect = lv_admin.get(reverse("grants_organisations:inspect", args=[organisation.pk]))
    assert "True" not in inspect.content.decode()


def test_wagtail_listing_strings_are_latvian(lv_admin):
    OrganisationFactory()
    listing = lv_admin.get(reverse("grants_organisations:index")).content.decode()
    for english in ("Inspect", "Download XLSX", "Filter by"):
        assert f">{english}<" not in listing, english


@pytest.mark.parametrize(
    ("lang", "minutes", "expected"),
    [
        ("lv", 1, "1\xa0minūte atpakaļ"),
        ("lv", 13, "13\xa0minūtes atpakaļ"),
        ("lv", 21, "21\xa0minūte atpakaļ"),
        ("lv", 30, "30\xa0minūtes atpakaļ"),
        ("ru", 13, "13\xa0минут назад"),
        ("ru", 22, "22\xa0минуты назад"),
    ],
)
def test_relative_times_take_each_languages_plural(lang, minutes, expected):
    with translation.override(lang):
        assert timesince_simple(timezone.now() - dt.timedelta(minutes=minutes)) == expected


def test_the_comment_field_names_who_reads_it_on_an_initiative():
    action = ActionInfo(
        name="approve",
        label="Apstiprināt",
        inputs=(COMMENT,),
        required=(),
        comment_label="",
        style="primary",
        confirm=None,
        target="approved",
    )
    with translation.override("lv"):
        form = TransitionForm(action=action, comment_audience=Initiative.comment_audience)
        assert "iesniedzējs" not in str(form[COMMENT].help_text)
        assert "sociālais darbinieks" in str(form[COMMENT].help_text)
