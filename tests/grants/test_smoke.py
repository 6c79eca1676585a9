import pytest

pytestmark = pytest.mark.django_db


def test_submit(application, member, act):
    app = act(application, "submit", member)
    assert app.status == "submitted"
