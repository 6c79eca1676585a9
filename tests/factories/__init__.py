"""Factories for the whole suite, one module per app, re-exported here so tests write
``from tests.factories import UserFactory``."""

from .accounts import GroupFactory, UserFactory, user_with_role
from .pages import *  # noqa: F403  (pages factories; see tests/factories/pages.py)

__all__ = ["GroupFactory", "UserFactory", "user_with_role"]
