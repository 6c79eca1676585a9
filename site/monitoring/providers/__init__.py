"""The providers monitoring brings: grants, community work and its own surveys."""

from ..registry import register_provider


def register_builtin_providers() -> None:
    from .community_work import CommunityWorkProvider
    from .grants import GrantsProvider
    from .surveys import SurveysProvider

    for provider in (GrantsProvider(), CommunityWorkProvider(), SurveysProvider()):
        register_provider(provider)
