"""Dates read as each language writes them: Latvian "līdz" takes the dative, Russian
months after a day are genitive, times are Latvian time; the portal offers all three
languages."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from kopiena.casework.dates import until

DEADLINE = dt.datetime(2027, 2, 3, 15, 0, tzinfo=dt.UTC)  # 17:00 in Riga


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "līdz 2027. gada 3. februārim plkst. 17:00"),
        ("ru", "до 3 февраля 2027 г., 17:00"),
        ("en", "until 3 February 2027, 5 p.m."),
    ],
)
def test_until_a_deadline(lang, expected):
    with translation.override(lang):
        assert until(DEADLINE) == expected


def test_until_a_date_in_the_template():
    template = Template('{% load kopiena_dates %}{{ day|until:"date" }}')
    with translation.override("lv"):
        assert (
            template.render(Context({"day": dt.date(2026, 5, 25)})) == "līdz 2026. gada 25. maijam"
        )


@pytest.mark.parametrize(
    ("lang", "expected"), [("ru", "25 мая 2026"), ("lv", "2026. gada 25. maijs")]
)
def test_page_dates_use_the_languages_format(lang, expected):
    card = Template('{% load i18n %}{{ day|date:"DATE_FORMAT" }}')
    with translation.override(lang):
        assert expected in card.render(Context({"day": dt.date(2026, 5, 25)}))


@pytest.mark.django_db
def test_the_portal_offers_latvian_russian_and_english(client):
    html = client.get("/portal/login/").content.decode()
    for code in ("lv", "ru", "en"):
        assert f'name="language" value="{code}"' in html, code
