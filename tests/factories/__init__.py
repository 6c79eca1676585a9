"""Factories for the whole suite, one module per app, re-exported here so tests write
``from tests.factories import UserFactory``."""

from .accounts import GroupFactory, UserFactory, user_with_role

__all__ = ["GroupFactory", "UserFactory", "user_with_role"]
