"""Surveys in the admin: the results on the inspect view (counts, averages, distributions,
choices, free texts, answers per link), links and their QR codes, the responses as a
spreadsheet, a survey made from seed 004's change-evaluation template, and "use in the
evaluation" for a survey of an initiative."""

from __future__ import annotations

import io
from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kopiena.casework.views import CaseInspectView
from kopiena.conf import base_url

from ..exports import FORMATS, spreadsheet_response
from ..models import Answer, QuestionKind, Response, Survey, SurveyLink, SurveyStatus
from ..models.surveys import may_run
from ..survey_templates import create_from_template
from .admin import TitledMixin


def results(survey) -> dict:
    """Per question: answers, average and distribution (scale), counts per choice, the
    latest free texts. A fixed number of queries."""
    questions = list(survey.questions.all())
    counts = defaultdict(dict)
    for row in (
        Answer.objects.filter(question__survey=survey, number__isnull=False)
        .order_by()
        .values("question_id", "number")
        .annotate(n=Count("pk"))
    ):
        counts[row["question_id"]][row["number"]] = row["n"]
    texts = defaultdict(list)
    text_questions = [q.pk for q in questions if q.kind == QuestionKind.TEXT]
    if text_questions:
        for answer in (
            Answer.objects.filter(question_id__in=text_questions)
            .exclude(text="")
            .order_by("-pk")[:200]
        ):
            if len(texts[answer.question_id]) < 20:
                texts[answer.question_id].append(answer.text)
    items = []
    for question in questions:
        values = counts.get(question.pk, {})
        answered = sum(values.values())
        item = {"question": question, "answered": answered}
        if question.kind == QuestionKind.SCALE:
            total = sum(number * n for number, n in values.items())
            item["average"] = round(total / answered, 1) if answered else None
            top = max(values.values(), default=0)
            item["distribution"] = [
                {
                    "value": v,
                    "count": values.get(v, 0),
                    "width": int(values.get(v, 0) * 100 / top) if top else 0,
                }
                for v in range(1, 11)
            ]
        elif question.is_choice:
            top = max(values.values(), default=0)
            item["choices"] = [
                {
                    "label": label,
                    "count": values.get(i, 0),
                    "width": int(values.get(i, 0) * 100 / top) if top else 0,
                }
                for i, label in enumerate(question.choice_list("lv"))
            ]
        else:
            item["texts"] = texts.get(question.pk, [])
            item["answered"] = len(texts.get(question.pk, []))
        items.append(item)
    per_link = dict(
        Response.objects.filter(survey=survey)
        .order_by()
        .values("link_id")
        .annotate(n=Count("pk"))
        .values_list("link_id", "n")
    )
    return {"questions": items, "per_link": per_link, "responses": sum(per_link.values())}


def evaluation_text(survey, data) -> str:
    parts = [
        _("Survey “%(title)s”: %(n)d responses (scale 1–10).")
        % {"title": survey.title, "n": data["responses"]}
    ]
    for item in data["questions"]:
        if item.get("average") is not None:
            parts.append(f"{item['question'].text} — {str(item['average']).replace('.', ',')}")
    return " ".join(parts)


class SurveyInspectView(CaseInspectView):
    template_name = "kopiena_monitoring/admin/survey_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        data = results(survey)
        links = list(survey.links.all())
        for link in links:
            link.answers = data["per_link"].get(link.pk, 0)
            link.full_url = base_url() + link.get_absolute_url()
        context.update(
            results=data,
            links=links,
            may_run=may_run(survey, self.request.user),
            link_form=LinkForm(),
            link_url=reverse("kopiena_monitoring_surveys:add_link", args=[survey.pk]),
            export_url=reverse("kopiena_monitoring_surveys:responses", args=[survey.pk]),
            use_url=reverse("kopiena_monitoring_surveys:use_in_evaluation", args=[survey.pk])
            if survey.initiative_id
            else "",
        )
        return context


class SurveyEditView(generic.EditView):
    """Questions are edited while the survey is a draft; afterwards the form has the texts
    and the end date only (answers would otherwise change meaning)."""

    locked_panel = None

    def get_panel(self):
        survey = Survey.objects.filter(pk=self.kwargs.get("pk")).only("status").first()
        if survey is not None and survey.status != SurveyStatus.DRAFT and self.locked_panel:
            return self.locked_panel.bind_to_model(Survey)
        return super().get_panel()


class LinkForm(forms.ModelForm):
    class Meta:
        model = SurveyLink
        fields = ["label", "once_per_device"]


def _visible_survey(request, pk):
    return get_object_or_404(Survey.objects.visible_to(request.user), pk=pk)


class AddLinkView(View):
    def post(self, request, pk):
        survey = _visible_survey(request, pk)
        if not may_run(survey, request.user):
            raise PermissionDenied
        action = request.POST.get("action", "add")
        if action in ("toggle_active", "toggle_once"):
            link = get_object_or_404(SurveyLink, survey=survey, pk=request.POST.get("link"))
            if action == "toggle_active":
                link.active = not link.active
            else:
                link.once_per_device = not link.once_per_device
            link.save(update_fields=["active", "once_per_device"])
            messages.success(request, _("Link “%(label)s” updated.") % {"label": link.label})
        else:
            form = LinkForm(request.POST)
            if form.is_valid():
                link = form.save(commit=False)
                link.survey = survey
                link.save()
                messages.success(request, _("Link “%(label)s” added.") % {"label": link.label})
            else:
                messages.error(request, _("Give the link a label (where it is shared)."))
        return redirect("kopiena_monitoring_surveys:inspect", pk=survey.pk)


class QrCodeView(View):
    """The link's QR code, SVG or PNG, for a WhatsApp message or a printed sheet."""

    def get(self, request, pk, link, fmt):
        import segno

        survey = _visible_survey(request, pk)
        link = get_object_or_404(SurveyLink, survey=survey, pk=link)
        qr = segno.make(base_url() + link.get_absolute_url(), error="m")
        buffer = io.BytesIO()
        if fmt == "png":
            qr.save(buffer, kind="png", scale=8, border=2)
            content_type = "image/png"
        else:
            qr.save(buffer, kind="svg", scale=6, border=2, title=survey.title)
            content_type = "image/svg+xml"
        response = HttpResponse(buffer.getvalue(), content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="aptauja-{link.token}.{fmt}"'
        return response


class ResponsesExportView(View):
    """Every response as a row and every question as a column; anonymous as stored."""

    def get(self, request, pk):
        survey = _visible_survey(request, pk)
        fmt = request.GET.get("export", "csv")
        if fmt not in FORMATS:
            raise Http404
        questions = list(survey.questions.all())
        responses = list(survey.responses.select_related("link").order_by("pk"))
        answers = defaultdict(lambda: defaultdict(list))
        for answer in Answer.objects.filter(response__survey=survey).order_by("pk"):
            answers[answer.response_id][answer.question_id].append(answer)
        headings = [
            _("Response"),
            _("Link"),
            _("Language"),
            _("Submitted"),
            *[q.text for q in questions],
        ]
        rows = []
        for response in responses:
            row = [
                response.pk,
                response.link.label,
                response.language,
                response.submitted_at.strftime("%d.%m.%Y %H:%M"),
            ]
            for question in questions:
                given = answers[response.pk][question.pk]
                if question.kind == QuestionKind.TEXT:
                    row.append(" ".join(a.text for a in given))
                elif question.is_choice:
                    labels = question.choice_list("lv")
                    row.append(
                        "; ".join(
                            labels[a.number] if a.number < len(labels) else str(a.number)
                            for a in given
                        )
                    )
                else:
                    row.append(given[0].number if given else None)
            rows.append(row)
        return spreadsheet_response(f"aptauja-{survey.pk}", headings, rows, fmt)


class UseInEvaluationView(View):
    """Writes the survey's figures into the initiative's evaluation: the method and the
    averages appended to its text, the satisfaction score (the rounded average of the
    satisfaction or change question) where none is given. Only while the initiative may be
    edited by this person."""

    def post(self, request, pk):
        from kopiena.community_work.models import Evaluation
        from kopiena.community_work.permissions import may_edit

        survey = _visible_survey(request, pk)
        initiative = survey.initiative
        if initiative is None or not may_edit(initiative, request.user):
            raise PermissionDenied
        data = results(survey)
        if not data["responses"]:
            messages.error(request, _("The survey has no responses yet."))
            return redirect("kopiena_monitoring_surveys:inspect", pk=survey.pk)
        try:
            evaluation = initiative.evaluation
        except ObjectDoesNotExist:
            evaluation = Evaluation(initiative=initiative)
        text = evaluation_text(survey, data)
        if text not in evaluation.results:
            evaluation.results = f"{evaluation.results}\n{text}".strip()
        method = _("Participant survey (%(n)d questions, %(responses)d responses).") % {
            "n": len(data["questions"]),
            "responses": data["responses"],
        }
        if method not in evaluation.methods:
            evaluation.methods = f"{evaluation.methods}\n{method}".strip()
        if evaluation.satisfaction is None:
            for indicator in ("satisfaction", "change_achieved"):
                item = next(
                    (
                        i
                        for i in data["questions"]
                        if i["question"].indicator == indicator and i.get("average") is not None
                    ),
                    None,
                )
                if item is not None:
                    evaluation.satisfaction = max(1, min(10, int(round(item["average"]))))
                    break
        evaluation.save()
        messages.success(request, _("The survey's results are now in the initiative's evaluation."))
        return redirect("kopiena_monitoring_surveys:inspect", pk=survey.pk)


class TemplateForm(forms.Form):
    municipality = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Municipality"))
    initiative = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Initiative")
    )

    def __init__(self, *args, user, **kwargs):
        from kopiena.casework.models import Municipality
        from kopiena.community_work.models import Initiative

        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.all()
        self.fields["initiative"].queryset = Initiative.objects.visible_to(user).open()

    def clean(self):
        cleaned = super().clean()
        initiative = cleaned.get("initiative")
        municipality = cleaned.get("municipality")
        if initiative and municipality and initiative.municipality_id != municipality.pk:
            self.add_error("initiative", _("The initiative belongs to another municipality."))
        return cleaned


class FromTemplateView(TitledMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "kopiena_monitoring/admin/survey_from_template.html"
    page_title = gettext_lazy("New survey from the change-evaluation template")
    header_icon = "form"
    form_class = TemplateForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("kopiena_monitoring.add_survey"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        survey = create_from_template(
            municipality=form.cleaned_data["municipality"],
            initiative=form.cleaned_data.get("initiative"),
            user=self.request.user,
        )
        messages.success(
            self.request, _("Survey “%(title)s” created as a draft.") % {"title": survey.title}
        )
        return redirect("kopiena_monitoring_surveys:edit", survey.pk)
