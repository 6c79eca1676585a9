"""Monitoring's public URLs, included by ``kopiena.urls``: the survey a participant answers
and the open data."""

from django.urls import path

from . import opendata
from .views import public

app_name = "kopiena_monitoring"

urlpatterns = [
    path("aptauja/<str:token>/", public.survey, name="survey"),
    path("aptauja/<str:token>/paldies/", public.survey_thanks, name="survey_thanks"),
    path("api/monitoring/", opendata.documentation, name="open_data"),
    path("api/monitoring/indicators.json", opendata.indicators_json, name="open_data_json"),
    path("api/monitoring/indicators.csv", opendata.indicators_csv, name="open_data_csv"),
]
