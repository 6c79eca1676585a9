"""Date ranges read as each language writes them: Latvian "no" takes the genitive and
"līdz" the dative ("no 2023. gada 1. jūnija līdz 2024. gada 31. maijam", never two
nominatives "1. jūnijs – 31. maijs"), Russian "с … по …" with genitive months, times in
Latvian time; the pilot story, the closed call and the portal's application show them so."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from kopiena.casework.dates import period, starting

START, END = dt.date(2023, 6, 1), dt.date(2024, 5, 31)
OPENS = dt.datetime(2024, 1, 14, 22, 0, tzinfo=dt.UTC)  # 15 January, 00:00 in Riga
CLOSES = dt.datetime(2024, 2, 16, 21, 59, tzinfo=dt.UTC)  # 16 February, 23:59 in Riga


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "no 2023. gada 1. jūnija līdz 2024. gada 31. maijam"),
        ("ru", "с 1 июня 2023 г. по 31 мая 2024 г."),
        ("en", "from 1 June 2023 to 31 May 2024"),
    ],
)
def test_a_range_of_days(lang, expected):
    with translation.override(lang):
        assert period(START, END) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "no 2024. gada 15. janvāra plkst. 00:00 līdz 2024. gada 16. februārim plkst. 23:59"),
        ("ru", "с 15 января 2024 г., 0:00, по 16 февраля 2024 г., 23:59"),
    ],
)
def test_a_range_of_moments_in_latvian_time(lang, expected):
    with translation.override(lang):
        assert period(OPENS, CLOSES) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("lv", "no 2027. gada 3. februāra"), ("ru", "с 3 февраля 2027 г.")],
)
def test_an_open_end_reads_from(lang, expected):
    with translation.override(lang):
        assert starting(dt.date(2027, 2, 3)) == expected
        assert period(dt.date(2027, 2, 3), None) == expected


def test_an_open_start_reads_until():
    with translation.override("lv"):
        assert period(None, END) == "līdz 2024. gada 31. maijam"
        assert period(None, None) == ""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "no 2023. gada 1. jūnija līdz 2024. gada 31. maijam"),
        ("ru", "с 1 июня 2023 г. по 31 мая 2024 г."),
    ],
)
def test_the_template_filters(lang, expected):
    template = Template("{% load kopiena_dates %}{{ start|period:end }}|{{ start|starting }}")
    with translation.override(lang):
        text = template.render(Context({"start": START, "end": END}))
    ranged, opening = text.split("|")
    assert ranged == expected
    assert "jūnijs" not in text and "Июнь" not in text
    assert opening == expected.split(" līdz ")[0].split(" по ")[0]


@pytest.mark.django_db
def test_a_closed_call_says_when_it_took_applications(client):
    from tests.factories import GrantCallFactory

    call = GrantCallFactory(opens_at=OPENS, closes_at=CLOSES)
    html = client.get(call.url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert (
        "Pieteikumus pieņēma no 2024. gada 15. janvāra plkst. 00:00 līdz 2024. gada "
        "16. februārim plkst. 23:59 (Latvijas laiks)."
    ) in html


@pytest.mark.django_db
def test_a_pilot_story_gives_its_period_as_one_phrase(client):
    from tests.factories.pages import PilotStoryPageFactory, StoryIndexPageFactory, site_home

    index = StoryIndexPageFactory(parent=site_home())
    story = PilotStoryPageFactory(
        parent=index, pilot_start=dt.date(2022, 9, 1), pilot_end=dt.date(2023, 5, 31)
    )
    html = client.get(story.url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "no 2022. gada 1. septembra līdz 2023. gada 31. maijam" in html
