"""Models of community work, split by what they describe.

Imports point one way: ``places`` (centres, communities) ← ``initiatives`` (the case and its
lifecycle) ← ``content`` (what an initiative holds). Everything is re-exported here, so other
code writes ``from community_work.models import Initiative``.
"""

from .content import (
    ActivityLog,
    Assessment,
    ChosenApproach,
    Evaluation,
    GoalAchievement,
    LogActivity,
    Partner,
    PlanCorrection,
    PracticeApproach,
    Task,
)
from .initiatives import (
    FINAL_STATES,
    HEAD_TURN,
    OPEN_STATES,
    SOCIAL_WORKER_TURN,
    Initiative,
    InitiativeQuerySet,
    InitiativeStatus,
)
from .places import Community, CommunityCentre, CommunityKind

__all__ = [
    "FINAL_STATES",
    "HEAD_TURN",
    "OPEN_STATES",
    "SOCIAL_WORKER_TURN",
    "ActivityLog",
    "Assessment",
    "ChosenApproach",
    "Community",
    "CommunityCentre",
    "CommunityKind",
    "Evaluation",
    "GoalAchievement",
    "Initiative",
    "InitiativeQuerySet",
    "InitiativeStatus",
    "LogActivity",
    "Partner",
    "PlanCorrection",
    "PracticeApproach",
    "Task",
]
