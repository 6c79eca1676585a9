"""Case types known to the workflow core, so shared admin parts (the "waiting for me"
dashboard panel) can list every kind of case without importing the domain apps.

A domain app registers its case model with the viewset that shows it, in its
``wagtail_hooks.py``: ``register_case_type(Application, application_viewset)``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseType:
    model: type
    viewset: object

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    def inspect_url_name(self) -> str:
        return self.viewset.get_url_name("inspect")

    def index_url_name(self) -> str:
        return self.viewset.get_url_name("index")


_case_types: dict[type, CaseType] = {}


def register_case_type(model, viewset) -> None:
    _case_types[model] = CaseType(model=model, viewset=viewset)


def case_types() -> list[CaseType]:
    return list(_case_types.values())


def inspect_url_for(obj) -> str | None:
    """The admin inspect URL of a case of any registered type, or ``None``."""
    from django.urls import reverse

    case_type = _case_types.get(type(obj))
    return reverse(case_type.inspect_url_name(), args=[obj.pk]) if case_type else None
