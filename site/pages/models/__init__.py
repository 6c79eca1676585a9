"""Public page types, their snippets and the consent-aware image model.

Imports point one way, down this list: ``images`` and ``snippets`` depend on Wagtail only;
``base`` (what every page type shares) on them and on ``pages.publishing``; ``news`` and
``stories`` on ``base``; ``home`` on ``news`` and ``stories``. Outside the app, ``grants`` and
``community_work`` import ``Municipality`` and ``TargetGroup`` from here, never the reverse.
"""

from pages.models.base import (
    ClassifiedPage,
    ClassifiedPageQuerySet,
    ConsentCheckedPage,
    ConsentCheckedPageForm,
    FilteredListingPage,
    ListingFilterForm,
)
from pages.models.home import HomeFeaturedPage, HomePage
from pages.models.images import HERO_RENDITIONS, ConsentImage, ConsentRendition, ConsentStatus
from pages.models.news import NewsIndexPage, NewsPage, NewsPageTag
from pages.models.snippets import Municipality, TargetGroup
from pages.models.stories import PilotStoryPage, PracticeApproach, StoryIndexPage

__all__ = [
    "HERO_RENDITIONS",
    "ClassifiedPage",
    "ClassifiedPageQuerySet",
    "ConsentCheckedPage",
    "ConsentCheckedPageForm",
    "ConsentImage",
    "ConsentRendition",
    "ConsentStatus",
    "FilteredListingPage",
    "HomeFeaturedPage",
    "HomePage",
    "ListingFilterForm",
    "Municipality",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PilotStoryPage",
    "PracticeApproach",
    "StoryIndexPage",
    "TargetGroup",
]
