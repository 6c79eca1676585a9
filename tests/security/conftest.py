"""The security suite: each module attacks one class of weakness the way an adversarial
test of a fresh clone did (README "Security")."""

import pytest

from tests.api.conftest import (  # noqa: F401 - the case API's fixtures, shared
    application,
    call,
    member,
    organisation,
    other_application,
    other_member,
    other_organisation,
)


@pytest.fixture
def committing_client(client, django_capture_on_commit_callbacks):
    """A client whose POSTs run their commit callbacks (the e-mails go after commit), as a
    real request's commit would."""
    post = client.post

    def committing_post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = committing_post
    return client
