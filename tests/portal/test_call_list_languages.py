"""The portal's list of calls shows each call's title and summary in the reader's language
where its page has a live translation, in a fixed number of queries."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.factories.grants import GrantCallFactory

pytestmark = pytest.mark.django_db


def _translate(call, locale, **fields):
    copy = call.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def calls(db):
    russian = Locale.objects.create(language_code="ru")
    translated = GrantCallFactory(title="Kopienu konkurss", summary="Atbalsts kopienām.")
    _translate(
        translated,
        russian,
        title="Конкурс для сообществ",
        summary="Поддержка сообществ.",
        slug="konkurs-soobshchestv",
    )
    untranslated = [GrantCallFactory(title=f"Latviešu konkurss {n}") for n in range(3)]
    return translated, untranslated


def _get(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get("/portal/calls/")


def test_a_russian_reader_reads_the_russian_title_and_summary(client, calls):
    translated, untranslated = calls
    html = _get(client, "ru").content.decode()
    assert "Конкурс для сообществ" in html
    assert "Поддержка сообществ." in html
    assert "Kopienu konkurss" not in html
    assert "Atbalsts kopienām." not in html
    # Applications still go to the original call.
    assert f"/portal/calls/{translated.pk}/apply/" in html
    # Calls without a translation stay, in Latvian and marked as such.
    for call in untranslated:
        assert f'lang="lv">{call.title}<' in html


def test_a_latvian_reader_reads_the_originals(client, calls):
    html = _get(client, "lv").content.decode()
    assert "Kopienu konkurss" in html
    assert "Конкурс для сообществ" not in html
    assert 'lang="lv">Kopienu' not in html


@pytest.mark.parametrize("language", ["lv", "ru"])
def test_the_list_costs_the_same_queries_for_more_calls(
    client, calls, django_assert_num_queries, language
):
    _get(client, language)  # warm Wagtail's site caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        _get(client, language)
    for n in range(5):
        GrantCallFactory(title=f"Vēl viens konkurss {n}")
    russian = Locale.objects.get(language_code="ru")
    _translate(GrantCallFactory(title="Vēl tulkots"), russian, title="Ещё", slug="eshche")
    with django_assert_num_queries(len(few.captured_queries)):
        response = _get(client, language)
    assert len(response.context["calls"]) == 10


def test_the_readers_language_ends_with_the_response(client, calls):
    """A Russian reader's page is Russian and says so; the thread's language afterwards is
    what it was, so whatever runs next in it (a task, another request) is not Russian."""
    from django.utils import translation

    with translation.override("lv"):
        response = _get(client, "ru")
        assert response["Content-Language"] == "ru"
        assert "Конкурс для сообществ" in response.content.decode()
        assert translation.get_language() == "lv"
