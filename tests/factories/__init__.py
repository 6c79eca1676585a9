"""Factories for the whole suite, one module per app, re-exported here so tests write
``from tests.factories import UserFactory``."""

from .accounts import GroupFactory, UserFactory, user_with_role
from .community_work import *  # noqa: F403  (see tests/factories/community_work.py)
from .grants import *  # noqa: F403  (grants factories; see tests/factories/grants.py)
from .monitoring import *  # noqa: F403  (monitoring factories; see tests/factories/monitoring.py)
from .pages import *  # noqa: F403  (pages factories; see tests/factories/pages.py)
from .participation import *  # noqa: F403  (participatory budget; see tests/factories/participation.py)
from .portal import *  # noqa: F403  (portal factories; see tests/factories/portal.py)
from .social_map import *  # noqa: F403  (social map factories; see tests/factories/social_map.py)

__all__ = ["GroupFactory", "UserFactory", "user_with_role"]
