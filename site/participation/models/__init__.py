"""The participatory budget's models. Imports point one way: these import the core
(``kopiena.casework``: Municipality, CaseModel) and nothing outside this app imports them.

* :class:`Process` — one municipality's round in one year: its money, reserve, phases and
  rules, all shown to residents;
* :class:`Category` — a share of the money with its own count (Liepāja: infrastructure and
  events); :class:`Theme` — what an idea is about;
* :class:`Idea` — a case (the transition service changes its status): proposed, checked,
  voted on, and, when it wins, delivered with :class:`Milestone` s;
* :class:`Ballot` / :class:`BallotChoice` — one ballot per person per process (a database
  constraint on the person's key and one on the account), changed in place until the vote closes;
* :class:`ReserveDraw` — a cost rise paid from the reserve, a finance decision on the record;
* :class:`Follow` — a resident following an idea;
* :class:`VerificationCode` — a single-use code a process may ask voters for;
* :class:`DeliveryPhoto` / :class:`DeliveryNews` — a winner's delivery in pictures and news.
"""

from .ballots import Ballot, BallotChoice, BallotQuerySet
from .codes import CodeChannel, VerificationCode
from .delivery import DeliveryNews, DeliveryPhoto
from .ideas import Channel, Follow, Idea, IdeaQuerySet, IdeaStatus, Milestone
from .process import (
    MONEY,
    STAFF_INPUTS,
    ZERO,
    BallotType,
    Category,
    Phase,
    Process,
    ProcessQuerySet,
    Theme,
    TieBreak,
)
from .reserve import DrawStatus, ReserveDraw

__all__ = [
    "MONEY",
    "STAFF_INPUTS",
    "ZERO",
    "Ballot",
    "BallotChoice",
    "BallotQuerySet",
    "BallotType",
    "Category",
    "Channel",
    "CodeChannel",
    "DeliveryNews",
    "DeliveryPhoto",
    "DrawStatus",
    "Follow",
    "Idea",
    "IdeaQuerySet",
    "IdeaStatus",
    "Milestone",
    "Phase",
    "Process",
    "ProcessQuerySet",
    "ReserveDraw",
    "Theme",
    "TieBreak",
    "VerificationCode",
]
