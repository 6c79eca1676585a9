"""Dates in each language's grammar where a format string cannot do it.

Django's formats give "3. februāris" (nominative), but Latvian says "līdz 2027. gada
3. februārim" (dative after "līdz") and Russian "до 3 февраля" (genitive). :func:`until`
writes the whole phrase from one translatable pattern and month names translated with
the context "until" (each language gives the case its "until" takes); the template filter
``|until`` (``{% load kopiena_dates %}``) is the same for templates. A range is a phrase
too: :func:`period` ("no 2022. gada 1. septembra līdz 2023. gada 31. maijam" — genitive
after "no", dative after "līdz"; "с 1 сентября 2022 г. по 31 мая 2023 г."), and an open
start :func:`starting` ("no 2027. gada 3. februāra"), with months translated in the context
"month after from". Times are shown in Latvian time (Europe/Riga), whatever the server's
zone.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext, pgettext_lazy

RIGA = ZoneInfo("Europe/Riga")

#: Month names in the case "until" takes: Latvian dative, Russian genitive.
MONTHS_AFTER_UNTIL = (
    pgettext_lazy("month after until", "January"),
    pgettext_lazy("month after until", "February"),
    pgettext_lazy("month after until", "March"),
    pgettext_lazy("month after until", "April"),
    pgettext_lazy("month after until", "May"),
    pgettext_lazy("month after until", "June"),
    pgettext_lazy("month after until", "July"),
    pgettext_lazy("month after until", "August"),
    pgettext_lazy("month after until", "September"),
    pgettext_lazy("month after until", "October"),
    pgettext_lazy("month after until", "November"),
    pgettext_lazy("month after until", "December"),
)


#: Month names in the case "from" takes: Latvian genitive, Russian genitive.
MONTHS_AFTER_FROM = (
    pgettext_lazy("month after from", "January"),
    pgettext_lazy("month after from", "February"),
    pgettext_lazy("month after from", "March"),
    pgettext_lazy("month after from", "April"),
    pgettext_lazy("month after from", "May"),
    pgettext_lazy("month after from", "June"),
    pgettext_lazy("month after from", "July"),
    pgettext_lazy("month after from", "August"),
    pgettext_lazy("month after from", "September"),
    pgettext_lazy("month after from", "October"),
    pgettext_lazy("month after from", "November"),
    pgettext_lazy("month after from", "December"),
)


def _parts(value, months, prefix, with_time) -> tuple[dict, bool]:
    """The day, month (from ``months``), year and, for a datetime unless ``with_time`` is
    False, the Latvian time of ``value``, keyed ``<prefix>_day`` etc."""
    moment = None
    if isinstance(value, dt.datetime):
        moment = timezone.localtime(value, RIGA) if timezone.is_aware(value) else value
        day = moment.date()
    else:
        day = value
    parts = {
        f"{prefix}_day": day.day,
        f"{prefix}_month": months[day.month - 1],
        f"{prefix}_year": day.year,
    }
    timed = moment is not None and with_time is not False
    if timed:
        parts[f"{prefix}_time"] = time_format(moment.time(), "TIME_FORMAT")
    return parts, timed


def period(start, end, with_time=None) -> str:
    """``from 1 September 2022 to 31 May 2023`` / ``no 2022. gada 1. septembra līdz
    2023. gada 31. maijam`` / ``с 1 сентября 2022 г. по 31 мая 2023 г.``; datetimes add
    their Latvian times unless ``with_time`` is False. An open end is :func:`starting`, an
    open start :func:`until`."""
    if start in (None, ""):
        return until(end, with_time)
    if end in (None, ""):
        return starting(start, with_time)
    first, timed = _parts(start, MONTHS_AFTER_FROM, "start", with_time)
    last, _timed = _parts(end, MONTHS_AFTER_UNTIL, "end", with_time)
    parts = {**first, **last}
    if timed and "end_time" in parts:
        return (
            gettext(
                "from %(start_day)s %(start_month)s %(start_year)s, %(start_time)s "
                "to %(end_day)s %(end_month)s %(end_year)s, %(end_time)s"
            )
            % parts
        )
    return (
        gettext(
            "from %(start_day)s %(start_month)s %(start_year)s "
            "to %(end_day)s %(end_month)s %(end_year)s"
        )
        % parts
    )


def starting(value, with_time=None) -> str:
    """``from 3 February 2027`` / ``no 2027. gada 3. februāra`` / ``с 3 февраля 2027 г.``;
    a datetime adds its Latvian time unless ``with_time`` is False."""
    if value is None or value == "":
        return ""
    parts, timed = _parts(value, MONTHS_AFTER_FROM, "start", with_time)
    if timed:
        return gettext("from %(start_day)s %(start_month)s %(start_year)s, %(start_time)s") % parts
    return gettext("from %(start_day)s %(start_month)s %(start_year)s") % parts


def until(value, with_time=None) -> str:
    """``until 3 February 2027`` / ``līdz 2027. gada 3. februārim`` / ``до 3 февраля
    2027 г.``; a datetime adds its Latvian time unless ``with_time`` is False."""
    if value is None or value == "":
        return ""
    moment = None
    if isinstance(value, dt.datetime):
        moment = timezone.localtime(value, RIGA) if timezone.is_aware(value) else value
        day = moment.date()
    else:
        day = value
    parts = {"day": day.day, "month": MONTHS_AFTER_UNTIL[day.month - 1], "year": day.year}
    if moment is not None and with_time is not False:
        parts["time"] = time_format(moment.time(), "TIME_FORMAT")
        return gettext("until %(day)s %(month)s %(year)s, %(time)s") % parts
    return gettext("until %(day)s %(month)s %(year)s") % parts
