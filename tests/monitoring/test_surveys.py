"""A participant answers a survey on a phone, anonymously, in Latvian, Russian or English;
staff open and close it through the transition service and read the results. Every
refusal is a clear message and saves nothing."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, NotAllowed, TransitionInput
from kopiena.monitoring.devices import COOKIE, device_hash
from kopiena.monitoring.models import Answer, Question, Response, Survey, SurveyLink
from kopiena.monitoring.roles import Role
from kopiena.monitoring.survey_templates import create_from_template
from tests.factories import EvaluationFactory, InitiativeFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(db):
    return user_with_role(Role.SOCIAL_WORKERS, username="socdarbinieks-mon")


@pytest.fixture
def survey(daugavpils, worker):
    initiative = InitiativeFactory(municipality=daugavpils, social_worker=worker)
    survey = create_from_template(municipality=daugavpils, initiative=initiative, user=worker)
    perform_transition(survey, "open", worker, TransitionInput())
    survey.refresh_from_db()
    return survey


def url(survey, **params):
    link = survey.links.first()
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("kopiena_monitoring:survey", args=[link.token]) + (f"?{query}" if query else "")


def answers(survey, **overrides):
    questions = list(survey.questions.all())
    data = {"lang": "lv"}
    defaults = {0: "9", 1: "6", 2: "8", 3: "7", 4: "0", 5: "1", 6: "0"}
    for index, value in {**defaults, **overrides}.items():
        if value is not None:
            data[f"q{questions[index].pk}"] = value
    return data


def test_opening_needs_questions_and_makes_a_link(daugavpils, worker):
    empty = Survey.objects.create(title="Tukša", municipality=daugavpils, created_by=worker)
    with pytest.raises(GuardFailed) as refusal:
        perform_transition(empty, "open", worker, TransitionInput())
    assert "questions" in refusal.value.errors
    Question.objects.create(survey=empty, kind="single", text="Jā vai nē?", choices="Jā")
    with pytest.raises(GuardFailed) as refusal:
        perform_transition(empty, "open", worker, TransitionInput())
    assert "divus variantus" in refusal.value.errors["questions"][0]  # two choices
    Question.objects.filter(survey=empty).update(choices="Jā\nNē", choices_ru="Да")
    with pytest.raises(GuardFailed):
        perform_transition(empty, "open", worker, TransitionInput())
    Question.objects.filter(survey=empty).update(choices_ru="Да\nНет")
    perform_transition(empty, "open", worker, TransitionInput())
    empty.refresh_from_db()
    assert empty.status == "open" and empty.links.count() == 1


def test_only_those_who_run_it_open_it(survey, daugavpils):
    stranger = user_with_role(Role.SOCIAL_WORKERS, username="cits-socdarbinieks")
    perform_transition(survey, "close", survey.created_by, TransitionInput())
    survey.refresh_from_db()
    with pytest.raises(NotAllowed):
        perform_transition(survey, "reopen", stranger, TransitionInput())


def test_a_participant_answers_in_russian_on_a_phone(client, survey):
    page = client.get(url(survey, lang="ru"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Как вы оцениваете работу социального работника" in text
    assert 'lang="ru"' in text
    assert COOKIE in page.cookies
    questions = list(survey.questions.all())
    data = {
        **answers(survey),
        "lang": "ru",
        f"q{questions[7].pk}": ["0", "2"],
        f"q{questions[8].pk}": "Встречи рядом с домом.",
    }
    response = client.post(url(survey), data)
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.language == "ru"
    assert Answer.objects.filter(response=saved, question__kind="multiple").count() == 2
    assert Answer.objects.filter(response=saved, text="Встречи рядом с домом.").exists()
    thanks = client.get(response.url)
    assert "Спасибо" in thanks.content.decode()


def test_the_response_keeps_no_address_and_not_the_token(client, survey):
    client.get(url(survey))
    client.post(url(survey), answers(survey), REMOTE_ADDR="10.1.2.3")
    response = Response.objects.get()
    token = client.cookies[COOKIE].value
    assert response.device_hash and response.device_hash not in token
    stored = " ".join(str(v) for v in Response.objects.values().first().values())
    assert "10.1.2.3" not in stored


def test_a_second_answer_from_the_same_device_is_refused(client, survey):
    client.get(url(survey))
    assert client.post(url(survey), answers(survey)).status_code == 302
    again = client.post(url(survey), answers(survey))
    assert again.status_code == 409
    assert "jau atbildēja" in again.content.decode()  # already answered
    assert client.get(url(survey)).status_code == 200  # the page says so instead of the form
    assert Response.objects.count() == 1


def test_two_answers_at_once_make_one(survey):
    link = survey.links.first()
    Response.objects.create(
        survey=survey, link=link, language="lv", device_hash=device_hash(link.pk, "t")
    )
    with pytest.raises(IntegrityError):
        Response.objects.create(
            survey=survey, link=link, language="lv", device_hash=device_hash(link.pk, "t")
        )


def test_staff_may_allow_more_answers_per_device(client, survey):
    SurveyLink.objects.filter(survey=survey).update(once_per_device=False)
    client.get(url(survey))
    assert client.post(url(survey), answers(survey)).status_code == 302
    assert client.post(url(survey), answers(survey)).status_code == 302
    assert Response.objects.count() == 2
    assert set(Response.objects.values_list("device_hash", flat=True)) == {""}


@pytest.mark.parametrize("value", ["0", "11", "-3", "9.5", "kopā"])
def test_a_number_outside_the_scale_is_refused(client, survey, value):
    data = answers(survey)
    first = survey.questions.first()
    data[f"q{first.pk}"] = value
    response = client.post(url(survey), data)
    assert response.status_code == 200
    assert (
        "Choose a number from 1 to 10." in response.content.decode()
        or "no 1 līdz 10" in response.content.decode()
    )
    assert Response.objects.count() == 0


def test_a_choice_that_does_not_exist_and_a_missing_answer(client, survey):
    data = answers(survey)
    belonging = survey.questions.all()[4]
    data[f"q{belonging.pk}"] = "9"
    del data[f"q{survey.questions.all()[1].pk}"]
    response = client.post(url(survey), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {f"q{belonging.pk}", f"q{survey.questions.all()[1].pk}"}
    assert Response.objects.count() == 0


def test_a_closed_survey_and_a_switched_off_link_refuse_answers(client, survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - dt.timedelta(days=1))
    response = client.post(url(survey), answers(survey))
    assert response.status_code == 410
    assert Response.objects.count() == 0
    Survey.objects.filter(pk=survey.pk).update(closes_at=None)
    SurveyLink.objects.filter(survey=survey).update(active=False)
    assert client.get(url(survey)).status_code == 410
    SurveyLink.objects.filter(survey=survey).update(active=True)
    perform_transition(survey, "close", survey.created_by, TransitionInput())
    assert client.post(url(survey), answers(survey)).status_code == 410


def test_an_oversized_answer_is_refused_before_it_is_read(client, survey):
    text = f"q{list(survey.questions.all())[8].pk}"
    response = client.post(url(survey), {**answers(survey), text: "x" * 70000})
    assert response.status_code == 400
    long = client.post(url(survey), {**answers(survey), text: "x" * 2500})
    assert long.status_code == 200 and Response.objects.count() == 0


def test_results_show_averages_and_feed_the_evaluation(client, survey, worker, daugavpils):
    link = survey.links.first()
    questions = list(survey.questions.all())
    for n, (a, b, c) in enumerate([(10, 6, 9), (9, 7, 8), (9, 6, 8)]):
        response = Response.objects.create(
            survey=survey, link=link, language="lv", device_hash=str(n)
        )
        for question, number in zip(questions[:3], (a, b, c), strict=True):
            Answer.objects.create(response=response, question=question, number=number)
    client.force_login(worker)
    page = client.get(reverse("kopiena_monitoring_surveys:inspect", args=[survey.pk]))
    assert page.status_code == 200
    averages = [item.get("average") for item in page.context["results"]["questions"][:3]]
    assert averages == [9.3, 6.3, 8.3]
    assert client.get(
        reverse("kopiena_monitoring_surveys:qr", args=[survey.pk, link.pk, "svg"])
    ).content.startswith(b"<?xml")
    EvaluationFactory(
        initiative=survey.initiative, satisfaction=None, results="Izveidota biedrība."
    )
    client.post(reverse("kopiena_monitoring_surveys:use_in_evaluation", args=[survey.pk]))
    evaluation = survey.initiative.evaluation
    evaluation.refresh_from_db()
    assert "atbilžu skaits 3" in evaluation.results  # "3 responses"
    assert evaluation.satisfaction == 8  # the change question's 8.3, rounded


def test_another_municipality_head_does_not_see_the_survey(client, survey, liepaja_head):
    client.force_login(liepaja_head)
    response = client.get(reverse("kopiena_monitoring_surveys:inspect", args=[survey.pk]))
    assert response.status_code == 404
