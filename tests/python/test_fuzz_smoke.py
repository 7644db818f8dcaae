"""A bounded run of the differential tests in tests/fuzz (pandas is the oracle): a few fixed
seeds of every family, so a change that breaks one shows in the normal suite. The full run is
``python -m tests.fuzz --minutes 10`` (tests/fuzz/README.md)."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT))
from tests.fuzz import FAMILIES, run_seed  # noqa: E402

SEEDS = range(4)


@pytest.fixture(scope="module", autouse=True)
def _own_session():
    """The udf family defines anonymous routines in the global session and keeps them; they
    go away with the session here, so later tests see a session of their own."""
    import cormorant.pandas as cpd
    from tests.fuzz import udfs

    yield
    udfs._made.clear()
    cpd.close_session()


@pytest.mark.parametrize("family", FAMILIES)
def test_fixed_seeds(family):
    failures = []
    for seed in SEEDS:
        outcome, case = run_seed(family, seed)
        if outcome.kind == "bad":
            failures.append(f"seed {seed}: {outcome.detail}\n{case.script()}")
    assert not failures, "\n\n".join(failures)
