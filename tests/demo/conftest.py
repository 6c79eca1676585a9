"""The demo's tests may drive the browser too (a journey over the whole demo): the journeys'
fixtures, here for this folder."""

from tests.journeys.conftest import browser, screenshot  # noqa: F401
