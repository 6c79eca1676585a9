"""Dates in each language's grammar where a format string cannot do it.

Django's formats give "3. februāris" (nominative), but Latvian says "līdz 2027. gada
3. februārim" (dative after "līdz") and Russian "до 3 февраля" (genitive). :func:`until`
writes the whole phrase from one translatable pattern and month names translated with
the context "until" (each language gives the case its "until" takes); the template filter
``|until`` (``{% load kopiena_dates %}``) is the same for templates. Times are shown in
Latvian time (Europe/Riga), whatever the server's zone.
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
