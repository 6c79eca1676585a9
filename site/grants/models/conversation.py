"""The application's part in the conversation with the applicant
(:mod:`casework.conversation`): when messages may be written, who reads and writes them,
and who is mailed. Mixed into :class:`~grants.models.Application`.

Who reads the conversation: the members of the applicant organisation and the office
(grant officers, finance, superusers). Reviewers do not: what they score is the
application as submitted, with its documents (the files of an answer to a change request
are application documents, so reviewers have those); the running exchange between the
applicant and the office is not part of the scoring, and keeping it from them keeps their
judgement their own.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kopiena.casework.models import CaseMessage
from kopiena.casework.notifications import APPLICANT, STAFF

from ..querysets import sees_every_application
from .application_rules import ApplicationStatus as S

#: An open case: submitted and not yet closed (completed, rejected, withdrawn). A draft
#: is the applicant's alone; the office does not see it yet.
CONVERSATION_STATES = (
    S.SUBMITTED,
    S.CHANGES_REQUESTED,
    S.IN_REVIEW,
    S.RECOMMENDED,
    S.APPROVED,
    S.REPORT_SUBMITTED,
)


class ApplicationConversation:
    def conversation_open(self) -> bool:
        return self.status in CONVERSATION_STATES

    def reads_conversation(self, user) -> bool:
        """Members of the organisation and the office."""
        return sees_every_application(user) or self.organisation.has_member(user)

    def writes_for_office(self, user) -> bool:
        """Who answers for the call's administration: the office, not a member of the
        applicant organisation."""
        return sees_every_application(user) and not self.organisation.has_member(user)

    def message_recipients(self, side, author):
        """A message from the applicant goes to the application's officers
        (:func:`~kopiena.grants.officers.officers_of`); one from the office to every member
        of the organisation."""
        from ..officers import officers_of

        users = get_user_model().objects.filter(is_active=True)
        if side == CaseMessage.Side.APPLICANT:
            return [(user, STAFF) for user in officers_of(self)]
        members = users.filter(memberships__organisation=self.organisation_id).distinct()
        return [(user, APPLICANT) for user in members]
