"""The page API's news list talks to the cache a fixed number of times per request, not once
or twice per item: the site root paths are read once per request and prefetched renditions
are not written back to the cache (in production the cache is Redis, a round trip each)."""

from collections import Counter

import pytest
from django.core.cache import caches

from tests.pages.test_api import NEWS, get_json, rich_news

pytestmark = pytest.mark.django_db

OPERATIONS = ("get", "set", "get_many", "set_many", "add", "delete", "delete_many")


@pytest.fixture
def cache_calls(monkeypatch, settings):
    """Counts every call to the default cache (the one Wagtail's site root paths and
    renditions use) by operation and by key prefix."""
    assert "renditions" not in settings.CACHES  # renditions use the default cache too
    backend = caches["default"]
    calls = Counter()

    def counting(name):
        method = getattr(backend, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return method(*args, **kwargs)

        return wrapper

    for name in OPERATIONS:
        monkeypatch.setattr(backend, name, counting(name))
    return calls


def count_cache_calls(client, url, calls):
    client.get(url)  # the first request makes the renditions; count a warm one
    calls.clear()
    data = get_json(client, url)
    return sum(calls.values()), dict(calls), data


def test_a_news_list_of_30_makes_the_cache_calls_of_5(
    client, news_index, cesis, seniors, cache_calls
):
    url = f"{NEWS}&fields=*&limit=50"
    for n in range(5):
        rich_news(news_index, n, cesis, [seniors])
    five, five_by_operation, data = count_cache_calls(client, url, cache_calls)
    assert len(data["items"]) == 5
    assert all(item["hero_image"]["renditions"]["large"]["url"] for item in data["items"])

    for n in range(5, 30):
        rich_news(news_index, n, cesis, [seniors])
    thirty, thirty_by_operation, data = count_cache_calls(client, url, cache_calls)

    assert len(data["items"]) == 30
    assert all(item["meta"]["html_url"] for item in data["items"])
    assert all(item["hero_image"]["renditions"]["thumbnail"]["url"] for item in data["items"])
    assert thirty == five, (five_by_operation, thirty_by_operation)
    assert thirty <= 5, thirty_by_operation
    print(f"\npage API news list: {five} cache calls for 5 items and for 30: {thirty_by_operation}")


def test_an_image_whose_file_is_gone_answers_an_error_per_rendition(client, news_index, cesis):
    page = rich_news(news_index, 1, cesis, [])
    image = page.hero_image
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)

    data = get_json(client, f"{NEWS}&fields=hero_image")

    [item] = data["items"]
    assert item["hero_image"]["renditions"] == {
        "large": {"error": "SourceImageIOError"},
        "thumbnail": {"error": "SourceImageIOError"},
    }
