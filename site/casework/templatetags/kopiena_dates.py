"""``{{ call.closes_at|until }}``, ``{{ start|period:end }}``, ``{{ opens|starting }}``: see
:mod:`kopiena.casework.dates`. Datetimes show their Latvian time; dates show none."""

from django import template

from kopiena.casework import dates

register = template.Library()


@register.filter
def until(value, arg=None):
    """``|until`` with the time of a datetime, ``|until:"date"`` without it."""
    return dates.until(value, with_time=arg != "date")


@register.filter
def period(start, end=None):
    """``{{ start|period:end }}``: the range as one phrase in the language's cases."""
    return dates.period(start, end)


@register.filter
def starting(value):
    """``{{ opens|starting }}``: "from" a day (with the Latvian time of a datetime)."""
    return dates.starting(value)
