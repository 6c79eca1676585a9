"""Who may do what with an initiative: the role checks the transitions use (``permission=``
on each ``@transition``) and the admin's permission policies (registered in ``apps.py``).

Decisions (docs/architecture.md is silent on them):

* The staff model has no link between a person and a municipality, so every community
  social worker and every social service head *sees* every initiative; visibility narrows
  in ``InitiativeQuerySet.visible_to`` once such a link exists.
* Only the initiative's own social worker (its owner) takes the social worker's actions.
  Another social worker of the same municipality takes over by being made the owner
  (an edit by the owner or a head), so the audit trail always names the responsible person.
* The head's actions (approve, return plan, accept report) are taken by the assigned head
  or, while none is assigned, by any social service head (the first one to act becomes the
  assigned head). Segregation of duties: nobody approves an initiative they run themselves.
* ``cancel`` is the owner's or the head's (as above).
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from kopiena.community_work.roles import Role, has_role


def is_owner(initiative, user) -> bool:
    """The initiative's own community social worker."""
    return (
        has_role(user, Role.SOCIAL_WORKERS)
        and initiative.social_worker_id is not None
        and initiative.social_worker_id == user.pk
    )


def is_deciding_head(initiative, user) -> bool:
    """A social service head who may decide on this initiative: the assigned head, or any
    head while none is assigned; never the initiative's own social worker."""
    if not has_role(user, Role.SERVICE_HEADS) or initiative.social_worker_id == user.pk:
        return False
    return initiative.head_id is None or initiative.head_id == user.pk


def may_cancel(initiative, user) -> bool:
    return is_owner(initiative, user) or is_deciding_head(initiative, user)


def may_edit(initiative, user) -> bool:
    """Content (assessment, plan, logs, evaluation) is edited by the owner or a head, and
    only while the initiative is open: a closed or cancelled case is a record."""
    if initiative.pk and initiative.is_final:
        return False
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return is_owner(initiative, user) or has_role(user, Role.SERVICE_HEADS)


class InitiativePermissionPolicy(ModelPermissionPolicy):
    """Django model permissions (granted to the two roles by a data migration) plus the
    per-initiative rule of :func:`may_edit`. Initiatives are cancelled, not deleted: only a
    superuser may delete one (its audit trail goes with it)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return may_edit(instance, user)
        if action == "delete":
            return bool(user.is_superuser)
        return True


class ActivityLogPermissionPolicy(ModelPermissionPolicy):
    """A weekly log follows its initiative: editable while the initiative is."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in ("change", "delete"):
            return may_edit(instance.initiative, user)
        return True
