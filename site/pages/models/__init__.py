"""Kopiena's page types and image consent.

Imports point one way, down this list: ``images`` depends on Wagtail only; ``base`` (what
every page type shares) on it, on ``kopiena.casework.models`` (municipalities, target
groups) and on ``kopiena.pages.publishing``; ``news`` and ``stories`` on ``base``. The plugin
has no home page: the host's own pages hold Kopiena's section pages.
"""

from kopiena.pages.models.base import (
    ClassifiedPage,
    ClassifiedPageQuerySet,
    ConsentCheckedPage,
    ConsentCheckedPageForm,
    FilteredListingPage,
    ListingFilterForm,
)
from kopiena.pages.models.images import (
    HERO_RENDITIONS,
    PUBLISHABLE_STATUSES,
    ConsentStatus,
    ImageConsent,
    image_consent,
    is_publishable,
    publishable_images_q,
)
from kopiena.pages.models.news import NewsIndexPage, NewsPage, NewsPageTag
from kopiena.pages.models.previews import HeadlessPreview
from kopiena.pages.models.stories import PilotStoryPage, PracticeApproach, StoryIndexPage

__all__ = [
    "HERO_RENDITIONS",
    "PUBLISHABLE_STATUSES",
    "ClassifiedPage",
    "ClassifiedPageQuerySet",
    "ConsentCheckedPage",
    "ConsentCheckedPageForm",
    "ConsentStatus",
    "FilteredListingPage",
    "HeadlessPreview",
    "ImageConsent",
    "ListingFilterForm",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PilotStoryPage",
    "PracticeApproach",
    "StoryIndexPage",
    "image_consent",
    "is_publishable",
    "publishable_images_q",
]
