from datetime import date
from decimal import Decimal

import pytest

from statusrapport.data.model import Milestone
from statusrapport.report.rules import (CostLevel, MilestoneState, cost_level, is_moved,
                                        known_state, milestone_state)

REPORT_DAY = date(2021, 8, 18)


def milestone(**fields) -> Milestone:
    return Milestone.model_validate({"id": "MP1", "description": "x", **fields})


@pytest.mark.parametrize("fields, state", [
    ({"planned": "30.11.2019", "delivered": "22.11.2019"}, MilestoneState.DELIVERED),
    ({"planned": "15.10.2020", "delivered": "29.10.2020"}, MilestoneState.DELIVERED_LATE),
    ({"planned": "01.04.2021"}, MilestoneState.OVERDUE),
    ({"planned": "31.08.2021"}, MilestoneState.PENDING),
    ({"planned": "18.08.2021"}, MilestoneState.PENDING),  # due today is not overdue yet
    ({"planned": "01.04.2021", "cancelled": "true"}, MilestoneState.CANCELLED),
    # a revised date is the one in force
    ({"planned": "01.08.2021", "revised": ["01.09.2021"]}, MilestoneState.PENDING),
    ({"planned": "01.08.2021", "revised": ["01.09.2021"], "delivered": "02.09.2021"},
     MilestoneState.DELIVERED_LATE),
    # a month-only date is due at the end of its month
    ({"planned": "Aug 2021"}, MilestoneState.PENDING),
    ({"planned": "Jul 2021"}, MilestoneState.OVERDUE),
    # a quarter is due at the end of its last month
    ({"planned": "Q3 2021"}, MilestoneState.PENDING),
    ({"planned": "2. kvartal 2021"}, MilestoneState.OVERDUE),
    ({"planned": "Q1 2021", "delivered": "31.03.21"}, MilestoneState.DELIVERED),
    ({"planned": "Q1 2021", "delivered": "01.04.21"}, MilestoneState.DELIVERED_LATE),
    ({"planned": "Jul 2021", "delivered": "31.07.2021"}, MilestoneState.DELIVERED),
])
def test_milestone_state(fields, state):
    assert milestone_state(milestone(**fields), REPORT_DAY) is state


def test_moved_means_a_revision_that_differs_from_the_original():
    assert is_moved(milestone(planned="01.09.2021", revised=["21.09.2021"]))
    assert not is_moved(milestone(planned="01.09.2021"))
    assert not is_moved(milestone(planned="01.09.2021", revised=["01.09.2021"]))


def test_known_state_ignores_a_delivery_dated_after_the_day():
    late = milestone(planned="01.07.2021", delivered="05.08.2021")
    assert known_state(late, date(2021, 7, 30)) is MilestoneState.OVERDUE
    assert milestone_state(late, date(2021, 7, 30)) is MilestoneState.DELIVERED_LATE
    assert known_state(late, date(2021, 8, 5)) is MilestoneState.DELIVERED_LATE
    early = milestone(planned="01.09.2021", delivered="05.08.2021")
    assert known_state(early, date(2021, 7, 30)) is MilestoneState.PENDING
    assert known_state(early, REPORT_DAY) is MilestoneState.DELIVERED


@pytest.mark.parametrize("plan, actual, tolerance, level", [
    (1000, 1050, 5, CostLevel.WITHIN), (1000, 1051, 5, CostLevel.OVER),
    (1000, 950, 5, CostLevel.WITHIN), (1000, 949, 5, CostLevel.UNDER),
    (1000, 1000, 0, CostLevel.WITHIN), (1000, 1001, 0, CostLevel.OVER),
    (0, 0, 5, CostLevel.WITHIN), (0, 10, 5, CostLevel.OVER),
    (1000, 1075, Decimal("7.5"), CostLevel.WITHIN), (None, None, 5, CostLevel.NO_FIGURES)])
def test_cost_level_beyond_the_tolerance(plan, actual, tolerance, level):
    assert cost_level(plan, actual, Decimal(tolerance)) is level
