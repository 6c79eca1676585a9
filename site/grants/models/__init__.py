"""The grant models, one module per part of the case.

Imports point one way: ``organisations`` ← ``calls`` ← ``applications`` ← ``reviews``,
``reports``; the querysets (``grants.querysets``) are imported by the models and never
import them at module level. Other apps import from ``grants.models`` only.
"""

from .application_rules import (
    COMMITTED_STATES,
    EDITABLE_STATES,
    WITHDRAWABLE_STATES,
    ApplicationStatus,
    months_between,
)
from .applications import Application
from .budget_lines import BudgetCategory, BudgetLine
from .calls import (
    RIGA,
    CallIndexPage,
    GrantCall,
    GrantCallForm,
    ScoringCriterion,
    original_calls,
)
from .documents import APPLICATION_KINDS, REPORT_KINDS, DocumentKind
from .organisations import LegalForm, Membership, MembershipRole, Organisation
from .reports import Report, ReportLine
from .reviews import CriterionScore, Recommendation, ReviewAssignment

__all__ = [
    "APPLICATION_KINDS",
    "REPORT_KINDS",
    "DocumentKind",
    "COMMITTED_STATES",
    "EDITABLE_STATES",
    "RIGA",
    "WITHDRAWABLE_STATES",
    "Application",
    "ApplicationStatus",
    "BudgetCategory",
    "BudgetLine",
    "CallIndexPage",
    "CriterionScore",
    "GrantCall",
    "GrantCallForm",
    "LegalForm",
    "Membership",
    "MembershipRole",
    "Organisation",
    "Recommendation",
    "Report",
    "ReportLine",
    "ReviewAssignment",
    "ScoringCriterion",
    "months_between",
    "original_calls",
]
