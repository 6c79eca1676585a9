"""Template helpers of the portal: Riga-time deadlines, shares, form fields."""

from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from kopiena.grants.models import RIGA
from kopiena.grants.money import format_percent

register = template.Library()


@register.filter
def riga(moment):
    """``2026. gada 15. decembris, 23:59`` (in Latvian), in Latvian time."""
    if not moment:
        return ""
    return date_format(timezone.localtime(moment, RIGA), "DATETIME_FORMAT")


@register.filter
def co_financing(funding_rate):
    """The applicant's own share: 1 − the call's funding rate, as a percentage."""
    if funding_rate is None:
        return ""
    return format_percent(Decimal("1") - Decimal(funding_rate))


@register.inclusion_tag("kopiena_portal/includes/field.html")
def field(bound_field, extra=None, **options):
    """A labelled field with its help text and errors tied to it; ``extra`` adds a
    refusal's messages for the field (e.g. the submit guard's)."""
    extra = [str(m) for m in extra] if extra else []
    return {"field": bound_field, "extra": extra, **options}


@register.simple_tag
def field_attrs(bound_field, extra_errors=None, **attrs):
    """The widget with ``aria-describedby`` pointing at its help text and errors and
    ``aria-invalid`` when it has errors (``extra_errors``: a refusal's messages)."""
    has_errors = bool(bound_field.errors or extra_errors)
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if has_errors:
        described.append(f"{bound_field.auto_id}_error")
    if described and bound_field.widget_type not in ("checkboxselectmultiple", "radioselect"):
        attrs["aria-describedby"] = " ".join(described)
    if has_errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def portal_menu_items(context):
    """Menu items other apps add to the portal with the ``register_portal_menu_item`` hook:
    each hook returns ``(label, url, url namespace)`` or ``None`` for this request (the
    portal never imports those apps)."""
    from wagtail import hooks

    request = context.get("request")
    items = []
    for hook in hooks.get_hooks("register_portal_menu_item"):
        item = hook(request)
        if item:
            label, url, namespace = item
            current = getattr(getattr(request, "resolver_match", None), "namespace", "")
            items.append({"label": label, "url": url, "current": current == namespace})
    return items
