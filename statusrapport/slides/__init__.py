"""The slides planned: the deck's order and one planner per slide kind, no python-pptx.

    order           the deck's order: plan_deck, and an initiative's slides
    common          what every slide shares: title frame, "(forts.)", titled_slides, regions,
                    the tables' text sizes and insets, bullet lists
    titles          the programme's title slide and the dividers
    agenda          the agenda, one per initiative of a group
    status          the status slide's layout: which size, what goes on which page
    status_content  its texts; status_measure: its widths and heights; status_draw: its panels
    kpi             the KPI slide
    overview        the overview of every initiative
    timeline        the milestone timeline
    costs           the cost chart
    fitness         whether a template's boxes can hold the slides
    layout          the plan's types (DeckPlan, SlidePlan, Table, …), the roles and the geometry
"""
