"""Weekly opening hours: the 7-day grid people fill in, the HSDS schedule rows it is stored
as, the spreadsheet notation (``P–Pk 10:00–17:00; S 10:00–14:00``, ``pēc pieraksta``) and
the words a person reads (``P.–Pk. 10:00–17:00``).

Days are HSDS/iCal codes (``MO`` … ``SU``). Times are Latvian local time (Europe/Riga):
"open today" and "open now" are decided on the Riga clock whatever the server's zone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RIGA = ZoneInfo("Europe/Riga")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: Short names people read, in week order (translated: lv P., O., T., C., Pk., S., Sv.).
DAY_ABBREVIATIONS = {
    "MO": gettext_lazy("Mon"),
    "TU": gettext_lazy("Tue"),
    "WE": gettext_lazy("Wed"),
    "TH": gettext_lazy("Thu"),
    "FR": gettext_lazy("Fri"),
    "SA": gettext_lazy("Sat"),
    "SU": gettext_lazy("Sun"),
}
DAY_NAMES = {
    "MO": gettext_lazy("Monday"),
    "TU": gettext_lazy("Tuesday"),
    "WE": gettext_lazy("Wednesday"),
    "TH": gettext_lazy("Thursday"),
    "FR": gettext_lazy("Friday"),
    "SA": gettext_lazy("Saturday"),
    "SU": gettext_lazy("Sunday"),
}

#: Day names accepted in a spreadsheet cell, case-folded: Latvian abbreviations and names,
#: English, Russian, and the HSDS codes themselves.
_DAY_WORDS = {
    "MO": ("p", "pirmd", "pirmdiena", "mo", "mon", "monday", "пн", "понедельник"),
    "TU": ("o", "otrd", "otrdiena", "tu", "tue", "tuesday", "вт", "вторник"),
    "WE": ("t", "trešd", "trešdiena", "we", "wed", "wednesday", "ср", "среда"),
    "TH": ("c", "ceturtd", "ceturtdiena", "th", "thu", "thursday", "чт", "четверг"),
    "FR": ("pk", "piektd", "piektdiena", "fr", "fri", "friday", "пт", "пятница"),
    "SA": ("s", "sestd", "sestdiena", "sa", "sat", "saturday", "сб", "суббота"),
    "SU": ("sv", "svētd", "svētdiena", "su", "sun", "sunday", "вс", "воскресенье"),
}
DAY_LOOKUP = {word: code for code, words in _DAY_WORDS.items() for word in words}
APPOINTMENT_WORDS = ("pēc pieraksta", "pieraksts", "by appointment", "по записи")

_TIME = r"(\d{1,2})[:.](\d{2})"
_RANGE = re.compile(rf"{_TIME}\s*[-–—]\s*{_TIME}")
_DAY_RANGE = re.compile(r"^\s*([^\s,–—-]+)\s*[-–—]\s*([^\s,–—-]+)\s*$")


class HoursError(ValueError):
    """A person's hours cannot be read or do not make sense; the message says why."""


@dataclass(frozen=True)
class Interval:
    days: tuple[str, ...]
    opens: dt.time
    closes: dt.time


def parse_time(text: str) -> dt.time:
    match = re.fullmatch(_TIME, text.strip())
    if not match:
        raise HoursError(
            _("“%(value)s” is not a time; write it as 9:00 or 17:30.") % {"value": text}
        )
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise HoursError(_("“%(value)s” is not a time of day.") % {"value": text})
    return dt.time(hours, minutes)


def check_interval(opens: dt.time | None, closes: dt.time | None) -> None:
    """Both or neither, and the closing time after the opening time."""
    if (opens is None) != (closes is None):
        raise HoursError(_("Give both the opening and the closing time."))
    if opens is not None and closes <= opens:
        raise HoursError(
            _("The closing time %(closes)s is not after the opening time %(opens)s.")
            % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
        )


def _day(word: str) -> str:
    code = DAY_LOOKUP.get(word.strip().rstrip(".").casefold())
    if code is None:
        raise HoursError(_("“%(value)s” is not a day of the week.") % {"value": word.strip()})
    return code


def _days(text: str) -> tuple[str, ...]:
    days: list[str] = []
    for part in re.split(r"[,/]", text):
        if not part.strip():
            continue
        match = _DAY_RANGE.match(part)
        if match:
            first, last = DAYS.index(_day(match.group(1))), DAYS.index(_day(match.group(2)))
            if last < first:
                raise HoursError(
                    _("“%(value)s”: the days run backwards.") % {"value": part.strip()}
                )
            days.extend(DAYS[first : last + 1])
        else:
            days.append(_day(part))
    if not days:
        raise HoursError(_("Name the days, e.g. P–Pk 10:00–17:00."))
    return tuple(d for d in DAYS if d in days)


def parse_text(text: str) -> tuple[list[Interval], bool]:
    """``P–Pk 10:00–17:00; S 10:00–14:00`` → intervals; ``pēc pieraksta`` → by appointment.

    Returns ``(intervals, by_appointment)``; raises :class:`HoursError`.
    """
    intervals: list[Interval] = []
    by_appointment = False
    for part in re.split(r"[;\n]", text or ""):
        part = part.strip()
        if not part:
            continue
        if part.casefold().rstrip(".") in APPOINTMENT_WORDS:
            by_appointment = True
            continue
        match = _RANGE.search(part)
        if not match:
            raise HoursError(
                _("“%(value)s”: write days and hours, e.g. P–Pk 10:00–17:00.") % {"value": part}
            )
        opens = parse_time(f"{match.group(1)}:{match.group(2)}")
        closes = parse_time(f"{match.group(3)}:{match.group(4)}")
        check_interval(opens, closes)
        intervals.append(Interval(_days(part[: match.start()]), opens, closes))
    return intervals, by_appointment


def grid_to_intervals(grid: dict[str, tuple[dt.time, dt.time] | None]) -> list[Interval]:
    """The 7-day grid → one interval per distinct (opens, closes), days in week order."""
    groups: dict[tuple[dt.time, dt.time], list[str]] = {}
    for day in DAYS:
        hours = grid.get(day)
        if hours:
            groups.setdefault(tuple(hours), []).append(day)
    return [Interval(tuple(days), opens, closes) for (opens, closes), days in groups.items()]


def intervals_to_grid(intervals) -> dict[str, tuple[dt.time, dt.time] | None]:
    grid: dict[str, tuple[dt.time, dt.time] | None] = dict.fromkeys(DAYS)
    for interval in intervals:
        for day in interval.days:
            grid[day] = (interval.opens, interval.closes)
    return grid


def day_code(on: dt.date) -> str:
    return DAYS[on.weekday()]


def riga_now(now: dt.datetime | None = None) -> dt.datetime:
    from django.utils import timezone

    return (now or timezone.now()).astimezone(RIGA)


def format_days(days) -> str:
    """``MO,TU,WE,TH,FR`` → ``P.–Pk.``; ``MO,WE`` → ``P., T.``."""
    indexes = sorted(DAYS.index(d) for d in days)
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = []
    for run in runs:
        first, last = str(DAY_ABBREVIATIONS[DAYS[run[0]]]), str(DAY_ABBREVIATIONS[DAYS[run[-1]]])
        if len(run) >= 3:
            parts.append(f"{first}–{last}")
        else:
            parts.extend(str(DAY_ABBREVIATIONS[DAYS[i]]) for i in run)
    return ", ".join(parts)


def format_interval(opens: dt.time, closes: dt.time) -> str:
    return f"{opens:%H:%M}–{closes:%H:%M}"
