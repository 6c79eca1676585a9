"""Monitoring's models, one module per part.

Imports point one way: ``access`` (who monitors what) ← ``surveys`` ← ``reports`` ← ``pages``
(the published report). Other code imports from ``kopiena.monitoring.models``.
"""

from .access import MonitoringAccess, RegionTargetGroup
from .pages import AnnualReportIndexPage, AnnualReportPage
from .reports import (
    NARRATIVE,
    AnnualReport,
    AnnualReportTranslation,
    ReportStatus,
)
from .surveys import (
    SCALE_MAX,
    SCALE_MIN,
    SURVEY_LANGUAGES,
    TEXT_MAX,
    Answer,
    Question,
    QuestionIndicator,
    QuestionKind,
    Response,
    Survey,
    SurveyLink,
    SurveyStatus,
)

__all__ = [
    "NARRATIVE",
    "SCALE_MAX",
    "SCALE_MIN",
    "SURVEY_LANGUAGES",
    "TEXT_MAX",
    "AnnualReport",
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "AnnualReportTranslation",
    "Answer",
    "MonitoringAccess",
    "Question",
    "QuestionIndicator",
    "QuestionKind",
    "RegionTargetGroup",
    "ReportStatus",
    "Response",
    "Survey",
    "SurveyLink",
    "SurveyStatus",
]
