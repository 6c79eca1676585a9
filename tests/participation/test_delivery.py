"""A winning project's delivery in public: status, percentage, milestones, photos (only
those whose consent allows it) and the community news pages linked to it; nothing of it on
a project that did not win."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from kopiena.pages.models.images import ConsentStatus
from kopiena.participation.models import DeliveryNews, DeliveryPhoto, Idea, Milestone
from tests.factories import (
    ConsentImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    budget,
    feasible_idea,
)
from tests.factories.pages import NO_RECORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def winner():
    process = budget("delivery")
    idea = feasible_idea(process, title="Skeitparks Karostā")
    Idea.objects.filter(pk=idea.pk).update(status="in_delivery", delivery_percent=60)
    idea.refresh_from_db()
    return idea


@pytest.fixture
def news_index():
    return NewsIndexPageFactory(parent=Page.objects.get(depth=1).get_children().first())


def page_of(client, idea):
    url = reverse("participation:idea", args=[idea.process.slug, idea.number])
    return client.get(url).content.decode()


def test_the_public_page_shows_photos_with_consent_and_news(client, winner, news_index):
    shown = ConsentImageFactory(title="Laukums maijā")
    refused = ConsentImageFactory(title="Bez piekrišanas", consent=ConsentStatus.NONE)
    unknown = ConsentImageFactory(title="Nav ieraksta", consent=NO_RECORD)
    for order, image in enumerate((shown, refused, unknown)):
        DeliveryPhoto.objects.create(
            idea=winner, image=image, caption=f"Bilde {image.title}", order=order
        )
    live = NewsPageFactory(parent=news_index, title="Skeitparka būvdarbi sākti")
    draft = NewsPageFactory(parent=news_index, title="Melnraksts par skeitparku")
    draft.unpublish()
    for page in (live, draft):
        DeliveryNews.objects.create(idea=winner, page=page)
    Milestone.objects.create(idea=winner, date=dt.date(2026, 5, 1), title="Iepirkums", done=True)

    text = page_of(client, winner)
    assert "60 %" in text and "Iepirkums" in text
    assert "Bilde Laukums maijā" in text
    assert "Bilde Bez piekrišanas" not in text and "Bilde Nav ieraksta" not in text
    assert text.count("<figure>") == 1
    assert "Skeitparka būvdarbi sākti" in text and live.url in text
    assert "Melnraksts par skeitparku" not in text


def test_consent_withdrawn_takes_the_photo_off(client, winner):
    from kopiena.pages.models import ImageConsent

    image = ConsentImageFactory(title="Talka")
    DeliveryPhoto.objects.create(idea=winner, image=image, caption="Talkas diena")
    assert "Talkas diena" in page_of(client, winner)
    ImageConsent.objects.filter(image=image).update(status=ConsentStatus.NONE)
    assert "Talkas diena" not in page_of(client, winner)


def test_only_a_winner_has_delivery_photos_and_news(winner, news_index):
    loser = feasible_idea(winner.process)
    Idea.objects.filter(pk=loser.pk).update(status="not_selected")
    loser.refresh_from_db()
    photo = DeliveryPhoto(idea=loser, image=ConsentImageFactory())
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "idea" in refused.value.message_dict
    news = DeliveryNews(idea=loser, page=NewsPageFactory(parent=news_index))
    with pytest.raises(ValidationError):
        news.full_clean()
    DeliveryPhoto(idea=winner, image=ConsentImageFactory()).full_clean()


def test_the_page_reads_photos_and_news_in_a_fixed_number_of_queries(
    client, winner, news_index, django_assert_max_num_queries
):
    for n in range(6):
        DeliveryPhoto.objects.create(idea=winner, image=ConsentImageFactory(), caption=f"B{n}")
        DeliveryNews.objects.create(idea=winner, page=NewsPageFactory(parent=news_index))
    page_of(client, winner)  # renditions are made on the first visit
    with django_assert_max_num_queries(30):
        text = page_of(client, winner)
    assert text.count("<figure>") == 6


def test_staff_link_photos_and_news_in_the_admin(client, pb_staff, winner, news_index):
    client.force_login(pb_staff)
    image = ConsentImageFactory()
    page = NewsPageFactory(parent=news_index)
    for name in ("photo", "news"):
        assert client.get(reverse(f"kopiena_participation_{name}:index")).status_code == 200
    response = client.post(
        reverse("kopiena_participation_photo:add"),
        {"idea": winner.pk, "image": image.pk, "caption": "Pirms darbiem", "order": "0"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("kopiena_participation_news:add"), {"idea": winner.pk, "page": page.pk}
    )
    assert response.status_code == 302
    assert winner.delivery_photos.count() == 1 and winner.delivery_news.count() == 1
