"""From case to story: a closed initiative becomes a draft pilot story, filled from the
assessment, plan and evaluation, and never published automatically."""

from contextlib import contextmanager

import pytest
from django.urls import reverse
from django.utils import translation

from kopiena.community_work.models import Initiative, InitiativeStatus
from kopiena.community_work.stories import StoryRefused, prepare_pilot_story
from kopiena.pages.models import PilotStoryPage
from tests.factories import (
    ActivityLogFactory,
    AssessmentFactory,
    ChosenApproachFactory,
    EvaluationFactory,
    InitiativeFactory,
    LogActivityFactory,
    PartnerFactory,
    PlanCorrectionFactory,
    StoryIndexPageFactory,
    TaskFactory,
    site_home,
)

pytestmark = pytest.mark.django_db

S = InitiativeStatus


@contextmanager
def django_capture_on_commit():
    """Run the on-commit callbacks of the request (the test's transaction never commits)."""
    from django.db import connection
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
        yield


@pytest.fixture
def story_index(db):
    return StoryIndexPageFactory(parent=site_home())


@pytest.fixture
def closed_initiative(social_worker, service_head):
    initiative = InitiativeFactory(
        status=S.CLOSED,
        social_worker=social_worker,
        head=service_head,
        title="Radošās darbnīcas Križos",
        goal="Iesaistīt bērnu ar invaliditāti vecākus kopīgās darbnīcās.",
    )
    AssessmentFactory(
        initiative=initiative,
        initial_study_findings="Vecāki jūtas vientuļi.",
        in_depth_study_methods="Intervijas ar 12 ģimenēm.",
        field_definition_findings="Mērķgrupa: bērnu ar invaliditāti vecāki Križos.",
    )
    ChosenApproachFactory(initiative=initiative, approach="community_education", is_main=True)
    ChosenApproachFactory(
        initiative=initiative, approach="other", is_main=False, other_description="Kopradīšana"
    )
    TaskFactory(initiative=initiative, title="Izveidot bukletu divās valodās", done=True)
    PlanCorrectionFactory(initiative=initiative, change="Darbnīcas sestdienās", reason="Darbs")
    PartnerFactory(initiative=initiative, name="Biedrība “Draudzība-K”", role="telpas")
    log = ActivityLogFactory(initiative=initiative)
    LogActivityFactory(log=log)
    EvaluationFactory(
        initiative=initiative,
        results="Notika 8 darbnīcas.",
        recommendations="Turpināt ar brīvprātīgajiem.",
        participants=31,
        satisfaction=9,
    )
    return initiative


def test_a_closed_initiative_becomes_a_draft_pilot_story(
    closed_initiative, story_index, social_worker
):
    page = prepare_pilot_story(closed_initiative, user=social_worker)

    page = PilotStoryPage.objects.get(pk=page.pk)
    assert page.live is False
    assert page.has_unpublished_changes
    assert page.first_published_at is None
    assert page.get_parent().specific == story_index
    assert page.owner == social_worker
    assert page.latest_revision is not None
    assert page.title == "Radošās darbnīcas Križos"
    assert page.municipality == closed_initiative.municipality
    assert page.community == str(closed_initiative.community)
    assert page.centre == str(closed_initiative.centre)
    assert page.practice_approaches == ["community_education", "other"]
    assert page.main_approach == "community_education"
    assert page.other_approach == "Kopradīšana"
    assert page.intro == closed_initiative.goal
    assert "Vecāki jūtas vientuļi." in page.initial_study
    assert "Intervijas ar 12 ģimenēm." in page.in_depth_study
    assert "Mērķgrupa" in page.field_definition
    assert "Izveidot bukletu divās valodās" in page.action_plan
    assert "Darbnīcas sestdienās" in page.action_plan
    assert "Draudzība-K" in page.partners
    assert "Notika 8 darbnīcas." in page.change_evaluation
    assert "9" in page.change_evaluation
    assert "31" in page.community_participation
    assert "Turpināt ar brīvprātīgajiem." in page.recommendations
    assert (page.pilot_start, page.pilot_end) == (
        closed_initiative.logs.get().period_start,
        closed_initiative.logs.get().period_end,
    )
    closed_initiative.refresh_from_db()
    assert closed_initiative.story_id == page.pk


def test_the_story_text_is_escaped(closed_initiative, story_index, social_worker):
    Initiative.objects.filter(pk=closed_initiative.pk).update(goal="<script>x</script>")
    closed_initiative.refresh_from_db()
    page = prepare_pilot_story(closed_initiative, user=social_worker)
    assert "<script>" not in page.action_plan
    assert "&lt;script&gt;" in page.action_plan


@pytest.mark.parametrize("state", [s for s in S if s != S.CLOSED])
def test_only_a_closed_initiative_becomes_a_story(state, story_index, social_worker):
    initiative = InitiativeFactory(status=state, social_worker=social_worker)

    with translation.override("en"), pytest.raises(StoryRefused) as refused:
        prepare_pilot_story(initiative, user=social_worker)

    assert "closed initiative" in refused.value.message
    assert not PilotStoryPage.objects.exists()


def test_a_story_is_prepared_once(closed_initiative, story_index, social_worker):
    prepare_pilot_story(closed_initiative, user=social_worker)
    with pytest.raises(StoryRefused):
        prepare_pilot_story(closed_initiative, user=social_worker)
    assert PilotStoryPage.objects.count() == 1


def test_without_a_story_index_nothing_is_created(closed_initiative, social_worker):
    with pytest.raises(StoryRefused):
        prepare_pilot_story(closed_initiative, user=social_worker)
    closed_initiative.refresh_from_db()
    assert closed_initiative.story_id is None


@pytest.mark.parametrize("who", ["other_social_worker", "editor", "officer"])
def test_only_the_social_worker_or_a_head_prepares_the_story(
    who, closed_initiative, story_index, request
):
    with pytest.raises(StoryRefused):
        prepare_pilot_story(closed_initiative, user=request.getfixturevalue(who))
    assert not PilotStoryPage.objects.exists()


def test_prepare_pilot_story_in_the_admin(closed_initiative, story_index, service_head, client):
    client.force_login(service_head)
    inspect_url = reverse("community_initiatives:inspect", args=[closed_initiative.pk])
    action_url = reverse("community_initiatives:prepare_story", args=[closed_initiative.pk])

    assert 'data-case-action="prepare_story"' in client.get(inspect_url).content.decode()
    assert client.get(action_url).status_code == 200
    response = client.post(action_url)

    page = PilotStoryPage.objects.get()
    assert response.status_code == 302
    # A head is not a page editor: back to the initiative, not to an editor that refuses.
    assert response.url == inspect_url
    assert page.live is False
    html = client.get(inspect_url).content.decode()
    assert 'data-case-action="prepare_story"' not in html
    assert "data-story-link" not in html


def test_the_social_worker_is_never_sent_to_a_page_they_cannot_open_and_editors_are_told(
    closed_initiative, story_index, social_worker, editor, client, outbox, settings
):
    settings.KOPIENA = {**getattr(settings, "KOPIENA", {}), "BASE_URL": "http://127.0.0.1:8101"}
    editor.email = "redaktors@example.lv"
    editor.save()
    client.force_login(social_worker)
    action_url = reverse("community_initiatives:prepare_story", args=[closed_initiative.pk])
    with django_capture_on_commit():
        response = client.post(action_url, follow=True)
    page = PilotStoryPage.objects.get()
    text = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "community_initiatives:inspect", args=[closed_initiative.pk]
    )
    [message] = list(response.context["messages"])
    assert message.level_tag == "success"
    assert "redaktor" in str(message).lower() or "editors" in str(message).lower()
    assert "data-story-link" not in text
    [mail] = outbox
    assert mail.to == ["redaktors@example.lv"]
    assert f"http://127.0.0.1:8101/admin/pages/{page.pk}/edit/" in mail.body
    # The editor opens it.
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_the_admin_refuses_a_story_from_an_open_initiative(story_index, social_worker, client):
    initiative = InitiativeFactory(status=S.IN_PROGRESS, social_worker=social_worker)
    client.force_login(social_worker)
    inspect_url = reverse("community_initiatives:inspect", args=[initiative.pk])
    action_url = reverse("community_initiatives:prepare_story", args=[initiative.pk])

    assert 'data-case-action="prepare_story"' not in client.get(inspect_url).content.decode()
    for response in (client.get(action_url), client.post(action_url)):
        assert response.status_code == 302
        assert response.url == inspect_url
    assert not PilotStoryPage.objects.exists()
