"""Monitoring's settings: the deadlines the "how well" figures measure against.

No seed gives a deadline for a decision or a report, so the defaults are examples; a host
sets its own in ``KOPIENA["MONITORING_DEADLINES"]`` (days)::

    KOPIENA = {"MONITORING_DEADLINES": {"decision": 30, "report": 30, "plan_decision": 14}}

* ``decision``: from an application's submission to its approval or rejection;
* ``report``: from a project's planned end to its final report;
* ``plan_decision``: from an initiative's plan submitted to the head's approval or return.
"""

from kopiena.conf import kopiena_setting

DEFAULT_DEADLINES = {"decision": 30, "report": 30, "plan_decision": 14}


def deadline_days(kind: str) -> int:
    configured = kopiena_setting("MONITORING_DEADLINES") or {}
    return int(configured.get(kind, DEFAULT_DEADLINES[kind]))
