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


def _registered() -> dict[type, CaseType]:
    """The case types, registered once the admin's URLs are built: the viewsets register in
    Wagtail's ``register_admin_viewset`` hooks, which run when the host's URLconf imports
    ``wagtail.admin.urls``. A process that has served no request yet (the task worker
    sending an e-mail) loads the URLconf here, so it knows every case type too."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imported once, then cached by Django)
    return _case_types


def case_types() -> list[CaseType]:
    return list(_registered().values())


def inspect_url_for(obj) -> str | None:
    """The admin inspect URL of a case of any registered type, or ``None``."""
    from django.urls import reverse

    case_type = _registered().get(type(obj))
    return reverse(case_type.inspect_url_name(), args=[obj.pk]) if case_type else None


@dataclass(frozen=True)
class WaitingRow:
    """One line of the "Waiting for me" panel that is not a case of a registered type (a
    pilot story draft an editor is to finish, say)."""

    title: str
    status: str
    url: str


@dataclass(frozen=True)
class WaitingGroup:
    label: str
    rows: list
    more: bool = False
    index_url: str = ""


_waiting_sources: list = []


def register_waiting_source(source) -> None:
    """Add to "Waiting for me" what is not a case: ``source(user, limit)`` returns a
    :class:`WaitingGroup` (at most ``limit`` rows, ``more`` when there are others) or
    ``None``. A domain app registers its sources in its ``wagtail_hooks.py``."""
    if source not in _waiting_sources:
        _waiting_sources.append(source)


def waiting_sources() -> list:
    return list(_waiting_sources)
