"""Image consent: a page that shows an image marked “No consent” cannot be published by any
door — the admin's publish button, the create view, bulk publish, workflow approval,
scheduled publishing, the admin API or ``Revision.publish()`` — while saving it as a draft
stays possible."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kopiena.pages.models import ConsentCheckedPageForm, ConsentStatus, ImageConsent, NewsPage
from kopiena.pages.publishing import ImageConsentError
from tests.factories import user_with_role
from tests.factories.pages import ConsentImageFactory, NewsPageFactory, publish

pytestmark = pytest.mark.django_db

CHILDREN = "Bērni rotaļu laukumā"


@pytest.fixture
def no_consent_image(db):
    return ConsentImageFactory(title=CHILDREN, consent=ConsentStatus.NONE)


@pytest.fixture
def consented_image(db):
    return ConsentImageFactory(title="Senioru rīta vingrošana", consent=ConsentStatus.ADULT)


@pytest.fixture
def draft(news_index):
    return NewsPageFactory(parent=news_index, title="Vasaras nometne", slug="nometne", live=False)


def edit_data(page, *, hero_image=None, body=(), publish=False, **extra):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": "2024-06-01",
            "intro": "Bērni no apkaimes pavadīja nedēļu nometnē.",
            "hero_image": hero_image.pk if hero_image else "",
            "municipality": "",
            "tags": "",
            "body": streamfield(list(body) or [("heading", "Kā mums gāja")]),
            "comments": inline_formset([]),
            **extra,
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def edit(client, page, **kwargs):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, **kwargs), follow=True
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- the admin, as an editor ------------------------------------------------------------


def test_publishing_a_hero_image_without_consent_is_refused_naming_it(
    editor_client, draft, no_consent_image
):
    response = edit(editor_client, draft, hero_image=no_consent_image, publish=True)

    assert response.status_code == 200
    assert CHILDREN in response.context["form"].errors["hero_image"][0]
    assert CHILDREN in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live
    assert draft.hero_image is None


def test_publishing_an_image_block_without_consent_is_refused(
    editor_client, draft, no_consent_image
):
    body = [("heading", "Nometne"), ("image", {"image": no_consent_image.pk, "caption": "Spēles"})]

    response = edit(editor_client, draft, body=body, publish=True)

    assert CHILDREN in " ".join(response.context["form"].non_field_errors())
    draft.refresh_from_db()
    assert not draft.live


def test_a_draft_with_an_image_without_consent_can_be_saved(editor_client, draft, no_consent_image):
    response = edit(editor_client, draft, hero_image=no_consent_image)

    assert response.status_code == 200
    assert CHILDREN not in response.content.decode().split("<main", 1)[0]
    draft.refresh_from_db()
    assert not draft.live
    assert draft.hero_image == no_consent_image


def test_an_image_with_consent_is_published(editor_client, draft, consented_image):
    body = [("image", {"image": consented_image.pk, "caption": "Vingrošana"})]

    edit(editor_client, draft, hero_image=consented_image, body=body, publish=True)

    draft.refresh_from_db()
    assert draft.live
    assert draft.hero_image == consented_image


def test_the_create_view_refuses_to_publish(editor_client, news_index, no_consent_image):
    page = NewsPage(title="Jauna nometne", slug="jauna-nometne")
    url = reverse("wagtailadmin_pages:add", args=["kopiena_pages", "newspage", news_index.pk])

    response = editor_client.post(url, edit_data(page, hero_image=no_consent_image, publish=True))

    assert response.status_code == 200
    assert CHILDREN in response.content.decode()
    assert not NewsPage.objects.filter(slug="jauna-nometne").exists()


def test_behind_the_form_the_publish_hook_keeps_the_draft_and_refuses(
    editor_client, draft, no_consent_image, monkeypatch
):
    """A page form that does not check consent: the edit view saves the draft, then the
    ``before_publish_page`` hook refuses to publish it."""
    monkeypatch.setattr(ConsentCheckedPageForm, "publishes", lambda form: False)

    response = edit(editor_client, draft, hero_image=no_consent_image, publish=True)

    assert any(CHILDREN in message for message in messages_of(response))
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision_as_object().hero_image == no_consent_image


def test_behind_the_form_the_create_view_leaves_a_draft(
    editor_client, news_index, no_consent_image, monkeypatch
):
    monkeypatch.setattr(ConsentCheckedPageForm, "publishes", lambda form: False)
    page = NewsPage(title="Jauna nometne", slug="jauna-nometne")
    url = reverse("wagtailadmin_pages:add", args=["kopiena_pages", "newspage", news_index.pk])

    response = editor_client.post(
        url, edit_data(page, hero_image=no_consent_image, publish=True), follow=True
    )

    assert any(CHILDREN in message for message in messages_of(response))
    assert not NewsPage.objects.get(slug="jauna-nometne").live


def test_bulk_publish_is_refused(editor_client, draft, no_consent_image):
    draft.hero_image = no_consent_image
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = editor_client.post(f"{url}?id={draft.pk}&next=/admin/", {}, follow=True)

    assert any(CHILDREN in message for message in messages_of(response))
    draft.refresh_from_db()
    assert not draft.live


def test_admin_api_publish_action_is_refused_with_a_400(editor_client, draft, no_consent_image):
    """Wagtail's admin API runs its publish action without ``Page.publish()``; the page's
    save is the backstop."""
    draft.hero_image = no_consent_image
    draft.save_revision()

    response = editor_client.post(f"/admin/api/main/pages/{draft.pk}/action/publish/")

    assert response.status_code == 400
    assert CHILDREN in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live


# --- workflow approval ------------------------------------------------------------------


@pytest.fixture
def moderator(db):
    user = user_with_role("Editors", username="moderators-test")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def in_moderation(draft, no_consent_image, editor):
    draft.hero_image = no_consent_image
    draft.save_revision(user=editor)
    Workflow.objects.get(name="Moderators approval").start(draft, editor)
    return NewsPage.objects.get(pk=draft.pk)


def test_approving_from_the_edit_view_is_refused_with_a_form_error(
    client, moderator, in_moderation, no_consent_image
):
    client.force_login(moderator)
    task_state = in_moderation.current_workflow_task_state
    data = edit_data(in_moderation, hero_image=no_consent_image)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})

    response = client.post(reverse("wagtailadmin_pages:edit", args=[in_moderation.pk]), data)

    assert response.status_code == 200
    assert CHILDREN in response.content.decode()
    in_moderation.refresh_from_db()
    assert not in_moderation.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


def test_approving_the_last_task_programmatically_is_refused_and_rolled_back(
    moderator, in_moderation
):
    task_state = in_moderation.current_workflow_task_state
    task = task_state.task.specific

    with pytest.raises(ImageConsentError):
        task.on_action(task_state, moderator, "approve")

    in_moderation.refresh_from_db()
    assert not in_moderation.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


@pytest.mark.parametrize("from_modal", [True, False], ids=["modal", "plain-post"])
def test_approving_from_the_dashboard_is_a_message_on_the_edit_view_not_an_error_page(
    client, moderator, in_moderation, from_modal
):
    client.force_login(moderator)
    task_state = in_moderation.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[in_moderation.pk, "approve", task_state.pk]
    )
    headers = {"X-Requested-With": "XMLHttpRequest"} if from_modal else {}

    response = client.post(url, {"comment": ""}, headers=headers)

    edit_url = reverse("wagtailadmin_pages:edit", args=[in_moderation.pk])
    if from_modal:
        assert response.status_code == 200
        assert response.json()["step"] == "success"
        assert response.json()["redirect"] == edit_url
    else:
        assert response.status_code == 302 and response.url == edit_url
    page = client.get(edit_url)
    shown = [str(m) for m in page.context["messages"]]
    assert any(CHILDREN in m for m in shown), shown  # the refusal names the image
    in_moderation.refresh_from_db()
    assert not in_moderation.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


def test_a_page_created_live_in_code_is_kept_as_a_draft(news_index, no_consent_image):
    page = news_index.add_child(
        instance=NewsPage(title="Nometne", slug="nometne-live", hero_image=no_consent_image)
    )
    stored = NewsPage.objects.get(pk=page.pk)
    assert not stored.live and stored.has_unpublished_changes
    fine = news_index.add_child(instance=NewsPage(title="Cita", slug="cita-live"))
    assert NewsPage.objects.get(pk=fine.pk).live


# --- programmatic publishing ------------------------------------------------------------


def test_revision_publish_raises_naming_the_image(draft, no_consent_image):
    draft.hero_image = no_consent_image
    revision = draft.save_revision()

    with pytest.raises(ImageConsentError) as refused:
        revision.publish()

    assert CHILDREN in refused.value.messages[0]
    assert refused.value.images == [no_consent_image]
    draft.refresh_from_db()
    assert not draft.live


def test_a_live_page_keeps_its_live_version_when_a_new_one_is_refused(
    draft, consented_image, no_consent_image
):
    draft.hero_image = consented_image
    publish(draft)
    draft.hero_image = no_consent_image
    revision = draft.save_revision()

    with pytest.raises(ImageConsentError):
        revision.publish()

    live = NewsPage.objects.get(pk=draft.pk)
    assert live.live
    assert live.hero_image == consented_image


def test_scheduling_a_page_with_an_image_without_consent_is_refused(draft, no_consent_image):
    draft.hero_image = no_consent_image
    draft.go_live_at = timezone.now() + dt.timedelta(days=1)
    revision = draft.save_revision()

    with pytest.raises(ImageConsentError):
        revision.publish()

    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_scheduled_publishing_skips_a_page_whose_image_lost_its_consent(
    news_index, draft, consented_image
):
    """Consent withdrawn between scheduling and going live: that page is taken off the
    schedule (and the history says so), the others are still published."""
    other = NewsPageFactory(parent=news_index, slug="cits", live=False)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    revisions = []
    for page in (draft, other):
        page.hero_image = consented_image if page is draft else None
        page.go_live_at = tomorrow
        revision = page.save_revision()
        revision.publish()
        revisions.append(revision)
    ImageConsent.objects.filter(image=consented_image).update(status=ConsentStatus.NONE)
    past = timezone.now() - dt.timedelta(minutes=1)
    for revision in revisions:  # time passes
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    NewsPage.objects.filter(pk__in=[draft.pk, other.pk]).update(go_live_at=past)

    call_command("publish_scheduled", verbosity=0)

    draft.refresh_from_db()
    other.refresh_from_db()
    assert not draft.live
    assert other.live
    revisions[0].refresh_from_db()
    assert revisions[0].approved_go_live_at is None
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.schedule.cancel").exists()


# --- showing ----------------------------------------------------------------------------


def test_an_image_whose_consent_is_withdrawn_after_publishing_is_not_shown(
    client, news_index, consented_image
):
    page = NewsPageFactory(parent=news_index, hero_image=consented_image)
    assert 'class="hero__image"' in client.get(page.url).content.decode()

    ImageConsent.objects.filter(image=consented_image).update(status=ConsentStatus.NONE)

    html = client.get(page.url).content.decode()
    assert 'class="hero__image"' not in html
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["hero_image"] is None
    images = client.get("/api/v2/images/").json()
    assert consented_image.pk not in [item["id"] for item in images["items"]]
