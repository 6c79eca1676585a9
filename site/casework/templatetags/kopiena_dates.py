"""``{{ call.closes_at|until }}``: see :mod:`kopiena.casework.dates`."""

from django import template

from kopiena.casework import dates

register = template.Library()


@register.filter
def until(value, arg=None):
    """``|until`` with the time of a datetime, ``|until:"date"`` without it."""
    return dates.until(value, with_time=arg != "date")
