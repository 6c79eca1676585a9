"""Template filters of the grant pages: ``{{ amount|eur }}`` and ``{{ rate|percent }}``."""

from django import template

from ..money import format_eur, format_percent

register = template.Library()


@register.filter
def eur(amount):
    return format_eur(amount)


@register.filter
def percent(rate):
    return format_percent(rate)
