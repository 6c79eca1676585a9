"""Slowing down password guessing, for every door that checks a password.

Django's ``authenticate()`` is what the portal's login, the Wagtail admin's login and the
case API's token endpoint all call, so the counting sits in the authentication backend
(:class:`ThrottledModelBackend`, the project's ``AUTHENTICATION_BACKENDS``): failed
attempts are counted per (user name, client address) and per client address in the cache
(Redis in production, so every web process shares the counts), and once either count
reaches its limit within the window, further attempts *from that address* are refused
without checking the password until the window ends.

There is deliberately no count per user name alone: that would let anyone lock anyone out
by typing wrong passwords for their name (an adversarial test did exactly that). The owner,
signing in from an address that has not been failing, is let in while another address
hammers the same name (ASVS 2.2.1: anti-automation without a lockout that a stranger can
trigger). Guessing spread over many addresses is bounded by each address's own limit and by
the password validators. The refusing backend marks the request (``request.sign_in_throttled``
holds the seconds to wait) so a form or the API can say so instead of "wrong password".

:func:`take` limits, per address, the requests that make the site send an e-mail to an
address a stranger typed (sign-up, confirmation links, password resets).

The limits are ``KOPIENA_SIGN_IN_LIMITS`` (attempts, seconds) per ``username``,
``address`` and ``mail``. The address is ``REMOTE_ADDR``: behind a load balancer, have the
proxy set it (e.g. gunicorn's ``--forwarded-allow-ips`` with a proxy that rewrites it), or
every client shares one count.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext

from .identifiers import normalize_username

DEFAULT_LIMITS = {
    # Failures for one user name from one address.
    "user_address": (5, 15 * 60),
    # Failures for any user names from one address.
    "address": (50, 15 * 60),
    # Requests that send an e-mail to an address typed by a stranger (sign-up, a new
    # confirmation link, a password reset), per client address.
    "mail": (10, 60 * 60),
    # Anonymous survey answers, per client address (a script, not a community centre's
    # shared connection: see kopiena.monitoring.devices).
    "survey": (60, 60 * 60),
}
PREFIX = "sign-in-failures"


def _limits() -> dict[str, tuple[int, int]]:
    configured = dict(getattr(settings, "KOPIENA_SIGN_IN_LIMITS", {}))
    if "username" in configured:  # the name of this limit before it was per address
        configured.setdefault("user_address", configured.pop("username"))
    return {**DEFAULT_LIMITS, **configured}


def _keys(request, username: str) -> dict[str, str]:
    keys = {}
    address = (request.META.get("REMOTE_ADDR") or "") if request is not None else ""
    if username:
        name = normalize_username(username)
        digest = hashlib.sha256(f"{name}\n{address}".encode()).hexdigest()[:32]
        keys["user_address"] = f"{PREFIX}:user-address:{digest}"
    if address:
        keys["address"] = f"{PREFIX}:address:{address}"
    return keys


def wait_seconds(request, username: str) -> int:
    """0 when a sign-in may be tried now; otherwise how long until it may."""
    limits = _limits()
    keys = _keys(request, username)
    entries = cache.get_many(list(keys.values()))
    longest = 0
    for scope, key in keys.items():
        entry = entries.get(key)
        if entry and entry[0] >= limits[scope][0]:
            longest = max(longest, int(entry[1] - time.time()) + 1)
    return max(longest, 0)


def _window(key: str, window: int, now: float) -> tuple[int, float]:
    """The count of ``key``'s current window and when the window ends (a new one starts
    once the old has ended)."""
    count, ends = cache.get(key) or (0, now + window)
    return (0, now + window) if ends <= now else (count, ends)


def _count_one(key: str, count: int, ends: float, now: float) -> None:
    cache.set(key, (count + 1, ends), timeout=max(int(ends - now), 1))


def record_failure(request, username: str) -> None:
    limits = _limits()
    now = time.time()
    for scope, key in _keys(request, username).items():
        count, ends = _window(key, limits[scope][1], now)
        _count_one(key, count, ends, now)


def record_success(request, username: str) -> None:
    """A correct password clears the count of that name at that address (not the
    address's own count)."""
    key = _keys(request, username).get("user_address")
    if key:
        cache.delete(key)


def take(request, scope: str) -> int:
    """Count one request of ``scope`` (a key of the limits) from the client's address.
    0 when it may go ahead; otherwise how many seconds until it may (nothing counted)."""
    limit, window = _limits()[scope]
    address = request.META.get("REMOTE_ADDR") or ""
    key = f"{PREFIX}:{scope}:{address}"
    now = time.time()
    count, ends = _window(key, window, now)
    if count >= limit:
        return int(ends - now) + 1
    _count_one(key, count, ends, now)
    return 0


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, refusing without a password check while the client address
    has too many recent failures, for this user name or for any."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        name = username if username is not None else kwargs.get("email", "") or ""
        wait = wait_seconds(request, name)
        if wait:
            if request is not None:
                request.sign_in_throttled = wait
            raise PermissionDenied  # authenticate() stops here: no other backend is tried
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, name)
        else:
            record_success(request, name)
        return user


def minutes_to_wait(seconds: int) -> int:
    """A wait as people are told it: whole minutes, at least one."""
    return max(1, (seconds + 59) // 60)


def throttled_message(seconds: int) -> str:
    minutes = minutes_to_wait(seconds)
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(minutes)d minute, or reset "
        "your password.",
        "Too many failed sign-in attempts. Try again in %(minutes)d minutes, or reset "
        "your password.",
        minutes,
    ) % {"minutes": minutes}
