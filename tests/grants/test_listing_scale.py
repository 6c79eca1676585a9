"""What keeps the application listings fast at 50 000 applications (bench/RESULTS.md):
the listing's count reads the applications alone, and the newest page comes from an index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopiena.grants.models import Application
from tests.factories.grants import ApplicationFactory, completed_review

pytestmark = pytest.mark.django_db


def test_the_listing_count_does_not_join_the_reviews(call, organisation, officer):
    apps = [ApplicationFactory(call=call, organisation=organisation) for _ in range(3)]
    completed_review(apps[0])
    listing = Application.objects.visible_to(officer).for_listing()
    with CaptureQueriesContext(connection) as queries:
        assert listing.count() == 3
    assert len(queries) == 1
    assert "reviewassignment" not in queries[0]["sql"].lower()
    counts = {a.pk: a.completed_review_count for a in listing}
    assert counts == {apps[0].pk: 1, apps[1].pk: 0, apps[2].pk: 0}


def test_the_newest_first_order_has_its_index():
    indexed = [tuple(index.fields) for index in Application._meta.indexes]
    assert ("-created_at", "-id") in indexed
    assert Application._meta.ordering == ["-created_at", "-pk"]
