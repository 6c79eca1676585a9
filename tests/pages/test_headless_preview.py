"""Draft preview for a headless front end: the "Front end" preview mode hands the front end a
token, and the page API's ``page_preview`` endpoint gives it the unsaved page."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kopiena.pages.models import HeadlessPreview
from tests.factories.pages import NewsPageFactory

pytestmark = pytest.mark.django_db

FRONT_END = "https://front.example.lv/preview"


@pytest.fixture
def headless(settings):
    settings.KOPIENA = {**getattr(settings, "KOPIENA", {}), "HEADLESS_PREVIEW_URL": FRONT_END}


def _edit_data(page, title):
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "date": "2024-05-02",
            "intro": "Ievads, vēl nepublicēts",
            "hero_image": "",
            "municipality": "",
            "tags": "",
            "body": streamfield([("heading", "Kas notika")]),
            "comments": inline_formset([]),
        }
    )


def test_without_a_front_end_there_is_only_wagtails_preview(news_index):
    page = NewsPageFactory(parent=news_index)
    assert [mode for mode, _label in page.preview_modes] == [""]


def test_the_front_end_reads_the_unsaved_draft_through_the_page_api(
    headless, editor_client, client, news_index
):
    page = NewsPageFactory(parent=news_index, title="Talka Priekuļos")
    assert [mode for mode, _label in page.preview_modes] == ["", "headless"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    state = editor_client.post(url, _edit_data(page, "Talka Priekuļos – melnraksts")).json()
    assert state["is_valid"], state

    response = editor_client.get(url, {"mode": "headless"})
    assert response.status_code == 200
    html = response.content.decode()
    src = re.search(r'<iframe src="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert src.startswith(FRONT_END + "?content_type=kopiena_pages.newspage&token=")
    token = src.rsplit("token=", 1)[1]

    # The front end, with no session, reads the draft by its token.
    data = client.get("/api/v2/page_preview/", {"token": token}).json()
    assert data["title"] == "Talka Priekuļos – melnraksts"
    assert data["intro"] == "Ievads, vēl nepublicēts"
    assert data["meta"]["type"] == "kopiena_pages.NewsPage"
    # The published page is unchanged.
    page.refresh_from_db()
    assert page.title == "Talka Priekuļos"


@pytest.mark.parametrize("query", ["", "?token=", "?token=guessed", "?token=" + "x" * 500])
def test_without_a_current_token_the_preview_endpoint_shows_nothing(headless, client, query):
    assert client.get(f"/api/v2/page_preview/{query}").status_code == 404


def test_a_token_stops_working_after_a_day(headless, client, news_index):
    import datetime as dt

    from django.utils import timezone

    page = NewsPageFactory(parent=news_index)
    preview = HeadlessPreview.for_page(page)
    assert client.get(f"/api/v2/page_preview/?token={preview.token}").status_code == 200
    HeadlessPreview.objects.filter(pk=preview.pk).update(
        created_at=timezone.now() - dt.timedelta(days=1, minutes=1)
    )
    assert client.get(f"/api/v2/page_preview/?token={preview.token}").status_code == 404
