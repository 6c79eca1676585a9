"""Indicators of participant surveys ("how does the recipient feel?"): responses and the
average of each kind of scale question (seed 004's three averages and satisfaction).

Answers count by the year they were given, in the municipality of the survey."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from ..models import Answer, QuestionIndicator, QuestionKind, Response, Survey
from ..registry import SCORE, CaseList, Definition, Indicator
from .base import RIGA, Source, SourcesProvider


def _i(key, label, question, **kwargs):
    return Indicator(key=f"surveys.{key}", label=label, question=question, **kwargs)


class ResponseSource(Source):
    def __init__(self):
        super().__init__(
            [
                Definition(_i("responses", _("Survey responses"), "feel")),
                Definition(
                    _i("surveys", _("Surveys answered"), "feel"),
                    num=Count("survey", distinct=True),
                ),
            ]
        )

    def base(self, municipality_ids, years):
        return (
            Response.objects.filter(survey__municipality_id__in=municipality_ids)
            .annotate(
                mon_municipality=F("survey__municipality_id"),
                mon_year=ExtractYear("submitted_at", tzinfo=RIGA),
            )
            .filter(mon_year__in=years)
        )


class AnswerSource(Source):
    def __init__(self):
        labels = {
            QuestionIndicator.WORKER_RATING: _("Survey: rating of the social worker's work"),
            QuestionIndicator.OWN_INVOLVEMENT: _("Survey: members' own involvement"),
            QuestionIndicator.CHANGE_ACHIEVED: _("Survey: change achieved"),
            QuestionIndicator.SATISFACTION: _("Survey: satisfaction"),
        }
        super().__init__(
            [
                Definition(
                    _i(value, labels[value], "feel", unit=SCORE, better="up"),
                    cases=Q(question__indicator=value),
                    num=F("number"),
                    den="cases",
                )
                for value in labels
            ]
        )

    def base(self, municipality_ids, years):
        return (
            Answer.objects.filter(
                response__survey__municipality_id__in=municipality_ids,
                question__kind=QuestionKind.SCALE,
                number__isnull=False,
            )
            .annotate(
                mon_municipality=F("response__survey__municipality_id"),
                mon_year=ExtractYear("response__submitted_at", tzinfo=RIGA),
            )
            .filter(mon_year__in=years)
        )


class SurveysProvider(SourcesProvider):
    key = "surveys"
    label = _("Surveys")
    activity_keys = ("surveys.responses",)

    def __init__(self):
        self.responses = ResponseSource()
        self.answers = AnswerSource()
        self.sources = [self.responses, self.answers]

    def cases(self, key, municipality_ids, year, target_group_id=None):
        """The surveys behind a figure, each with its part of it (responses or answers
        counted, and their average)."""
        source, definition = self.source_of(key)
        columns = [("municipality", _("Municipality")), ("get_status_display", _("Status"))]
        if target_group_id is not None:
            return CaseList(Survey.objects.none(), columns)
        rows = source.cases(definition, municipality_ids, year)
        if source is self.responses:
            survey_field, label = "survey", _("Responses")
            counted = rows.values(survey_field)
        else:
            survey_field, label = "response__survey", _("Answers")
            counted = rows.values(survey_field)
        per_survey = {
            row[survey_field]: row
            for row in counted.order_by().annotate(
                n=Count("pk"),
                **({"average": Avg("number")} if source is self.answers else {}),
            )
        }
        queryset = Survey.objects.filter(pk__in=list(per_survey)).select_related("municipality")
        return CaseList(
            queryset,
            columns,
            contribution_rows={pk: row["n"] for pk, row in per_survey.items()},
            contribution_label=label,
        )
