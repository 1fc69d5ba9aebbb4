"""The rules a reader looks for first: is a milestone late, moved, overdue; is a cost beyond
the programme's tolerance.

One set of rules, applied once per report by report/context.py and read from there by the
deck, the terminal view, the overview and diff alike.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
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
    return any(revised.date != milestone.planned for revised in milestone.revised)


def known_state(milestone: Milestone, on: date) -> MilestoneState:
    """The state of a milestone as a report of `on` knew it: a delivery dated later was not
    known yet (the deck shows such a delivery, and `validate` warns of it; diff does not count
    it as delivered by then)."""
    if milestone.delivered is not None and milestone.delivered > on:
        milestone = milestone.model_copy(update={"delivered": None})
    return milestone_state(milestone, on)


class CostLevel(str, Enum):
    NO_FIGURES = "no figures"
    WITHIN = "within tolerance"
    OVER = "over plan"
    UNDER = "under plan"


def cost_level(plan: int | None, actual: int | None, tolerance: Decimal) -> CostLevel:
    """Whether the deviation (actual minus plan) is beyond `tolerance` per cent of the plan,
    in either direction."""
    if plan is None or actual is None:
        return CostLevel.NO_FIGURES
    deviation = actual - plan
    if abs(deviation) * 100 <= tolerance * plan:
        return CostLevel.WITHIN
    return CostLevel.OVER if deviation > 0 else CostLevel.UNDER
