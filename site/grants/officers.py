"""Who is "the officer" of an application: the one answer every officer-bound hand-over
(a message from the applicant, a declared conflict of interest, a submitted or resubmitted
application, a submitted report) asks.

* The call names its responsible officers (``GrantCall.officers``): those of them who are
  still active grant officers.
* The call names none (or none of them is an active grant officer any more): every active
  grant officer, as before calls had officers.
* Never a member of the applicant organisation: they cannot handle their own case.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, Q

from .models import GrantCall, Membership
from .roles import Role


def officers_of(application):
    """The officers of ``application`` as one queryset (one query however many officers:
    chain ``select_related``/``exclude`` as the caller needs)."""
    users = get_user_model().objects
    members = Membership.objects.filter(organisation=application.organisation_id).values("user_id")
    eligible = users.filter(is_active=True, groups__name=Role.GRANT_OFFICERS).exclude(
        pk__in=members
    )
    named = GrantCall.officers.through.objects.filter(grantcall_id=application.call_id).values(
        "user_id"
    )
    return eligible.filter(Q(pk__in=named) | ~Exists(eligible.filter(pk__in=named))).distinct()


def contacts_of(application):
    """The officers of ``application`` the call names (none when it names none): the
    applicant's contact people. Staff who only stand in by default are not contacts."""
    return officers_of(application).filter(responsible_for_calls=application.call_id)
