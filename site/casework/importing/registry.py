"""Which kinds of records can be imported. Domain apps register their resources in their
own ``resources`` module (found by autodiscovery, like ``admin.py``), so the workflow core
never imports them: ``register(OrganisationResource)`` in ``grants/resources/__init__.py``.
"""

from __future__ import annotations

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .reading import ImportFileError

_resources: dict[str, type] = {}
_discovered = False


def register(resource_class):
    _resources[resource_class.kind] = resource_class
    return resource_class


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("resources")


def kinds() -> dict[str, type]:
    _discover()
    return dict(_resources)


def get_resource(kind: str):
    try:
        return kinds()[kind]
    except KeyError:
        raise ImportFileError(
            _("Unknown kind of import “%(kind)s”; use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(sorted(kinds()))}
        ) from None


def kinds_for(user) -> dict[str, type]:
    """The kinds ``user`` may import."""
    return {k: r for k, r in kinds().items() if r.user_may_import(user)}


def detect_kind(headers, candidates=None) -> str:
    """The kind whose required columns are all in ``headers``; when several fit, the one
    that needs the most of them (applications carry an organisation's columns too)."""
    candidates = candidates if candidates is not None else kinds()
    fits = []
    for kind, resource in candidates.items():
        _matched, missing, _ignored = resource.match_headers(headers)
        if not missing:
            fits.append((len(resource.required_columns), kind))
    fits.sort(reverse=True)
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        raise ImportFileError(
            _(
                "Cannot tell from the column headers what the file holds; choose the kind "
                "of records, or compare the headers with the template offered on the import page."
            )
        )
    return fits[0][1]
