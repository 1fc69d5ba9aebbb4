from datetime import date

import pytest

from statusrapport.data.model import Milestone
from statusrapport.report.rules import MilestoneState, is_moved, milestone_state

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
    ({"planned": "Jul 2021", "delivered": "31.07.2021"}, MilestoneState.DELIVERED),
])
def test_milestone_state(fields, state):
    assert milestone_state(milestone(**fields), REPORT_DAY) is state


def test_moved_means_a_revision_that_differs_from_the_original():
    assert is_moved(milestone(planned="01.09.2021", revised=["21.09.2021"]))
    assert not is_moved(milestone(planned="01.09.2021"))
    assert not is_moved(milestone(planned="01.09.2021", revised=["01.09.2021"]))
