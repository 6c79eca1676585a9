"""A database error in the middle of a transition leaves nothing behind: the case keeps its
state, there is no audit entry, and nobody is mailed (no notification task is queued).

The error is raised by the database layer itself: a wrapper on the connection
(``connection.execute_wrapper``) fails the statement that writes the case row or the audit
entry, after the django-fsm transition has already changed the state in memory; on
PostgreSQL a trigger also makes the server itself refuse the audit entry. The transactional
tests commit for real, with the database task backend of production, so a leaked
notification would be a row in its queue."""

import pytest
from django.core import mail
from django.db import DatabaseError, OperationalError, connection
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.grants.models import Application, ApplicationStatus
from tests.factories import user_with_role
from tests.factories.grants import ApplicationFactory, OrganisationFactory, member_of

#: Which statement fails: the case row's update, or the audit entry's insert.
FAULTS = {
    "case-row": (
        'UPDATE "kopiena_grants_application"',
        OperationalError("server closed the connection"),
    ),
    "audit-entry": (
        'INSERT INTO "wagtailcore_modellogentry"',
        DatabaseError("could not extend file: No space left on device"),
    ),
}


class FailingStatement:
    """``connection.execute_wrapper``: raise ``error`` instead of running a statement that
    starts with ``prefix``; count how often it did."""

    def __init__(self, prefix, error):
        self.prefix, self.error, self.raised = prefix, error, 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().startswith(self.prefix):
            self.raised += 1
            raise self.error
        return execute(sql, params, many, context)


@pytest.fixture
def case(db):
    """A draft ready to submit; submitting it mails its member and the grant officer."""
    organisation = OrganisationFactory()
    member = member_of(organisation, username="biedrs-kluda")
    user_with_role(Role.GRANT_OFFICERS, username="koordinators-kluda")
    return ApplicationFactory(organisation=organisation, created_by=member), member


def entries(application):
    return ModelLogEntry.objects.filter(object_id=str(application.pk), action=audit.TRANSITION)


def assert_untouched(application):
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT
    assert application.status == ApplicationStatus.DRAFT  # the caller's copy too
    assert not entries(application).exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("fault", FAULTS)
def test_a_database_error_mid_transition_writes_nothing(
    case, fault, django_capture_on_commit_callbacks
):
    application, member = case
    mail.outbox = []
    failing = FailingStatement(*FAULTS[fault])

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DatabaseError),
        connection.execute_wrapper(failing),
    ):
        perform_transition(application, "submit", member)

    assert failing.raised == 1
    assert callbacks == []  # no notification waits for a commit
    assert_untouched(application)

    # The same transition without the fault goes through and mails: the checks above can
    # see a write and a notification when there is one.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        perform_transition(application, "submit", member)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    assert entries(application).count() == 1 and len(callbacks) == 1 and len(mail.outbox) == 2


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def notification_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="send_transition_notification")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fault", FAULTS)
def test_a_database_error_mid_transition_queues_no_notification(case, fault, db_tasks):
    application, member = case
    mail.outbox = []

    with pytest.raises(DatabaseError), connection.execute_wrapper(FailingStatement(*FAULTS[fault])):
        perform_transition(application, "submit", member)

    assert_untouched(application)
    assert not notification_tasks().exists()

    perform_transition(application, "submit", member)  # no fault: one task is queued
    assert notification_tasks().count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger")
def test_the_server_refusing_the_audit_entry_rolls_the_transition_back(case, db_tasks):
    application, member = case
    mail.outbox = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION kopiena_refuse_log() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER kopiena_refuse_log BEFORE INSERT ON wagtailcore_modellogentry
            FOR EACH ROW EXECUTE FUNCTION kopiena_refuse_log();
            """
        )
    try:
        with pytest.raises(DatabaseError, match="audit log unavailable"):
            perform_transition(application, "submit", member)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "DROP TRIGGER kopiena_refuse_log ON wagtailcore_modellogentry;"
                "DROP FUNCTION kopiena_refuse_log();"
            )

    assert_untouched(application)
    assert not notification_tasks().exists()
