"""Template filters of the grant pages: ``{{ amount|eur }}`` and ``{{ rate|percent }}``; the
case view's conversation with the applicant (``{% case_conversation case %}``)."""

from django import template

from ..money import format_eur, format_percent

register = template.Library()


@register.filter
def eur(amount):
    return format_eur(amount)


@register.filter
def percent(rate):
    return format_percent(rate)


@register.inclusion_tag("kopiena_grants/admin/includes/conversation.html", takes_context=True)
def case_conversation(context, application):
    """The conversation with the applicant on the case view (``grants.admin_messages``)."""
    from ..admin_messages import conversation_context

    return conversation_context(application, context["request"].user)
