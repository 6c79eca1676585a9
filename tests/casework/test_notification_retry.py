"""A notification e-mail that cannot be sent never undoes the transition, and is retried
later — by the database task backend production uses, run by ``manage.py db_worker`` —
for the recipients still waiting only, until the attempts run out.

The database-backend tests are transactional: the task is queued by the real commit of the
transition (``transaction.on_commit``) and the real worker command runs it."""

import datetime as dt
import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.notifications import MAX_ATTEMPTS, RETRY_DELAYS, send_transition_notification
from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.grants.models import Application, ApplicationStatus
from tests.factories import user_with_role
from tests.factories.grants import ApplicationFactory, OrganisationFactory, member_of

FLAKY_BACKEND = f"{__name__}.FlakyBackend"


class FlakyBackend(EmailBackend):
    """The locmem backend, except that the mail server drops the connection for the
    addresses in ``down`` (all of them when ``down`` holds ``"*"``)."""

    down: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            if "*" in self.down or set(message.to) & self.down:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = FLAKY_BACKEND
    mail.outbox = []
    FlakyBackend.down = set()
    yield FlakyBackend
    FlakyBackend.down = set()


@pytest.fixture
def case(db):
    """A draft ready to submit; its organisation has two members, and there is one grant
    officer: submitting mails the three of them."""
    organisation = OrganisationFactory()
    first = member_of(organisation, username="biedrs-1")
    second = member_of(organisation, username="biedrs-2")
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinators-1")
    application = ApplicationFactory(organisation=organisation, created_by=first)
    return application, first, second, officer


def transition_entries(application):
    return ModelLogEntry.objects.filter(
        object_id=str(application.pk), action=audit.TRANSITION
    ).count()


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0
    )


def addresses():
    return sorted(address for message in mail.outbox for address in message.to)


# --- the immediate backend (tests, development) ------------------------------------------


@pytest.mark.django_db
def test_a_failing_mail_server_does_not_undo_the_transition(
    case, flaky_mail, django_capture_on_commit_callbacks, caplog
):
    application, member, _second, _officer = case
    flaky_mail.down = {"*"}

    with (
        caplog.at_level(logging.INFO, logger="kopiena.casework.notifications"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        result = perform_transition(application, "submit", member)

    assert len(callbacks) == 1  # the notification task was queued, and it ran
    assert result.status == ApplicationStatus.SUBMITTED
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    assert transition_entries(application) == 1
    assert mail.outbox == []
    failures = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(failures) == 3  # one per recipient
    # The immediate backend cannot defer a retry: the task says so and stops.
    (gave_up,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "cannot defer" in gave_up.getMessage()


# --- the database backend (production) ---------------------------------------------------

database_backend = pytest.mark.django_db(transaction=True)


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued():
    """The notification tasks waiting to run (Wagtail queues tasks of its own too)."""
    return list(
        DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=send_transition_notification.module_path
        ).order_by("enqueued_at")
    )


@database_backend
def test_a_failed_send_is_retried_later_for_the_waiting_recipient_only(case, flaky_mail, db_tasks):
    application, member, second, officer = case
    flaky_mail.down = {second.email}

    perform_transition(application, "submit", member)

    # Committed: the state and the audit entry are there, the e-mail task is queued.
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    assert transition_entries(application) == 1
    (first_task,) = queued()
    assert mail.outbox == []

    before = timezone.now()
    run_worker()

    first_task.refresh_from_db()
    assert first_task.status == TaskResultStatus.SUCCESSFUL
    assert first_task.return_value == 2
    assert addresses() == sorted([member.email, officer.email])
    (retry,) = queued()
    entry_id, waiting, attempt = retry.args_kwargs["args"]
    assert waiting == [[second.pk, "applicant"]]
    assert attempt == 2
    assert retry.run_after >= before + RETRY_DELAYS[0]

    run_worker()  # not due yet: nothing happens
    assert queued() == [retry] and len(mail.outbox) == 2

    flaky_mail.down = set()  # the mail server is back
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL and retry.return_value == 1
    assert addresses() == sorted([member.email, second.email, officer.email])  # once each
    assert queued() == []


@database_backend
def test_the_task_gives_up_loudly_after_the_last_attempt(case, flaky_mail, db_tasks, caplog):
    application, member, second, _officer = case
    flaky_mail.down = {second.email}
    perform_transition(application, "submit", member)

    waits = []
    with caplog.at_level(logging.INFO, logger="kopiena.casework.notifications"):
        for _attempt in range(MAX_ATTEMPTS):
            (task,) = queued()
            DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
            ran_at = timezone.now()
            run_worker()
            waits += [retry.run_after - ran_at for retry in queued()]

    assert queued() == []
    assert second.email not in addresses()
    assert len(mail.outbox) == 2  # the other member and the officer, once each
    # The waits grow: 1, 5 and 15 minutes after the failed attempts.
    assert len(waits) == len(RETRY_DELAYS)
    for wait, delay in zip(waits, RETRY_DELAYS, strict=True):
        assert delay <= wait < delay + dt.timedelta(minutes=1)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert f"giving up after attempt {MAX_ATTEMPTS}" in errors[0].getMessage()
