"""What people read without signing in: a survey answered on a phone (``/aptauja/<token>/``)
and the open data of the published annual reports (``/api/monitoring/``).

A survey answer is refused with a clear message, nothing saved, when the survey is closed
or past its end date or the link is switched off (410), when this device has already
answered through a link that allows one answer per device (409), when the request is larger
than an answer can be (400, before it is read), or field by field when a value is outside
the scale or the choices.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kopiena.casework import throttle

from ..devices import device_hash, device_token, new_device_token, set_device_cookie
from ..forms import AnswerForm
from ..models import SURVEY_LANGUAGES, Answer, Response, SurveyLink

LANGUAGE_CODES = [code for code, _name in SURVEY_LANGUAGES]
#: An answer to 50 questions with long texts fits in far less.
MAX_BODY = 64 * 1024


def _language(request) -> str:
    wanted = (request.POST.get("lang") if request.method == "POST" else None) or request.GET.get(
        "lang"
    )
    return wanted if wanted in LANGUAGE_CODES else "lv"


def _page(request, template, context, *, status=200, language="lv", token=None):
    response = render(request, f"kopiena_monitoring/public/{template}", context, status=status)
    if token:
        set_device_cookie(response, token)
    response["Content-Language"] = language
    return response


@require_http_methods(["GET", "POST"])
def survey(request, token):
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return render(
            request,
            "kopiena_monitoring/public/survey_refused.html",
            {"message": _("The answer is too large to be accepted.")},
            status=400,
        )
    link = get_object_or_404(SurveyLink.objects.select_related("survey"), token=token[:32])
    survey = link.survey
    language = _language(request)
    with translation.override(language):
        existing_token = device_token(request)
        token_to_set = None if existing_token else new_device_token()
        device = existing_token or token_to_set
        context = {
            "survey": survey,
            "link": link,
            "language": language,
            "languages": SURVEY_LANGUAGES,
            "title": survey.title_in(language),
            "intro": survey.intro_in(language),
        }
        if not link.active or not survey.accepts_answers():
            ended = (
                survey.closes_at
                if survey.closes_at and survey.closes_at <= timezone.now()
                else None
            )
            context["closed_on"] = ended
            return _page(request, "survey_closed.html", context, status=410, language=language)
        if (
            link.once_per_device
            and existing_token
            and Response.objects.filter(
                link=link, device_hash=device_hash(link.pk, existing_token)
            ).exists()
        ):
            return _page(
                request,
                "survey_answered.html",
                context,
                status=200 if request.method == "GET" else 409,
                language=language,
            )
        questions = list(survey.questions.all())
        if request.method == "POST":
            form = AnswerForm(request.POST, questions=questions, language=language)
            if form.is_valid():
                wait = throttle.take(request, "survey")
                if wait:
                    context["message"] = _(
                        "Too many answers have come from this connection; please try again later."
                    )
                    return _page(
                        request, "survey_refused.html", context, status=429, language=language
                    )
                saved = _save(link, form, language, device if link.once_per_device else None)
                if not saved:
                    return _page(
                        request, "survey_answered.html", context, status=409, language=language
                    )
                response = redirect(
                    reverse("kopiena_monitoring:survey_thanks", args=[link.token])
                    + f"?lang={language}"
                )
                if token_to_set:
                    set_device_cookie(response, token_to_set)
                return response
        else:
            form = AnswerForm(questions=questions, language=language)
        context["form"] = form
        context["fields"] = [
            (question, form[AnswerForm.field_name(question)]) for question in questions
        ]
        return _page(request, "survey.html", context, language=language, token=token_to_set)


def _save(link, form, language, device) -> bool:
    """Store the response and its answers; ``False`` when this device already answered
    through the link (the unique constraint decides, also for two posts at once)."""
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=link.survey,
                link=link,
                language=language,
                device_hash=device_hash(link.pk, device) if device else "",
            )
            Answer.objects.bulk_create(
                [
                    Answer(response=response, question=question, number=number, text=text)
                    for question, number, text in form.answers()
                ]
            )
    except IntegrityError:
        return False
    return True


def survey_thanks(request, token):
    link = get_object_or_404(SurveyLink.objects.select_related("survey"), token=token[:32])
    language = _language(request)
    with translation.override(language):
        return _page(
            request,
            "survey_thanks.html",
            {
                "survey": link.survey,
                "title": link.survey.title_in(language),
                "language": language,
                "languages": SURVEY_LANGUAGES,
                "link": link,
            },
            language=language,
        )


def not_found(request, *args, **kwargs):
    raise Http404
