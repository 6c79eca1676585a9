"""The social map's models. Imports point one way: these import the core
(``kopiena.casework``: Municipality, TargetGroup, CaseModel), ``kopiena.grants``
(Organisation, through a nullable link) and ``kopiena.pages`` (SectionPage, ChoiceListField);
nothing outside this app imports them."""

from .directory import (
    PUBLIC_STATES,
    PUBLIC_STATUSES,
    Language,
    Location,
    LocationType,
    Organization,
    OrganizationKind,
    Phone,
    Publication,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from .pages import SocialMapIndexPage, SocialMapPage
from .places import Place, search_key
from .proposals import Proposal, ProposalKind, ProposalStatus, ProposedAs
from .taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "PUBLIC_STATES",
    "PUBLIC_STATUSES",
    "Language",
    "Location",
    "LocationType",
    "Organization",
    "OrganizationKind",
    "Phone",
    "Place",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "ProposedAs",
    "Publication",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "ServiceStatus",
    "SocialMapIndexPage",
    "SocialMapPage",
    "Taxonomy",
    "TaxonomyTerm",
    "search_key",
]
