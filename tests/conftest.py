"""Shared test settings: the Hypothesis profiles.

`default` runs in every test run (CI); `HYPOTHESIS_PROFILE=long` runs ten times as many
examples, for a nightly job. Tests that set their own example count scale it by the loaded
profile through `fuzz_inputs.examples`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
