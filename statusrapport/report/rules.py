"""The rules a reader looks for first: is a milestone late, moved, overdue.

One set of rules, used by the deck, the terminal view and the overview alike.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from statusrapport.data.model import Milestone


class MilestoneState(str, Enum):
    DELIVERED = "delivered"
    DELIVERED_LATE = "delivered late"
    OVERDUE = "overdue"  # its date has passed and it is not delivered
    PENDING = "pending"  # not due yet
    CANCELLED = "cancelled"

    @property
    def needs_attention(self) -> bool:
        return self in (MilestoneState.DELIVERED_LATE, MilestoneState.OVERDUE)


def milestone_state(milestone: Milestone, on: date) -> MilestoneState:
    """The state of a milestone as seen on the report's date."""
    if milestone.cancelled:
        return MilestoneState.CANCELLED
    deadline = milestone.current_plan.deadline
    if milestone.delivered is not None:
        late = milestone.delivered > deadline
        return MilestoneState.DELIVERED_LATE if late else MilestoneState.DELIVERED
    return MilestoneState.OVERDUE if deadline < on else MilestoneState.PENDING


def is_moved(milestone: Milestone) -> bool:
    """Its planned date has been revised (the original is still shown beside the new one)."""
    return any(revised != milestone.planned for revised in milestone.revised)
