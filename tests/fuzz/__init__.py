"""Differential tests: random data and random operations run in cormorant and in pandas 3.1,
results compared. Not part of the default pytest run (``tests/python/test_fuzz_smoke.py`` runs a
few fixed seeds); run everything with ``python -m tests.fuzz --minutes 10``. See README.md."""

from __future__ import annotations

import importlib
import random

from .runner import Case, Outcome, check, shrink

FAMILIES = ("chain", "groupby", "merge", "arith", "dt", "frameops", "isin", "strings", "windows", "dedup",
            "reshape", "setcells", "combine", "floatagg", "rank", "udf",
            "joins", "summary", "frames", "resample", "matrix", "exprs", "levels", "rewrites", "timedelta",
            "align", "stack", "gfilter", "hist", "categorical", "lists", "gapply", "fold", "reuse", "warehouse", "convert", "dst", "decimals")


def generate(family: str, seed: int):
    """The case of one family and seed (None when the generator skips a documented difference)."""
    module = importlib.import_module(f"{__name__}.{family}")
    return module.generate(random.Random(f"{family}:{seed}"))


def run_seed(family: str, seed: int) -> tuple[Outcome, Case | None]:
    """Runs one case; a failing one comes back shrunk to a small reproduction."""
    case = generate(family, seed)
    if case is None:
        return Outcome("skip", "documented difference"), None
    outcome = check(case)
    if outcome.kind != "bad":
        return outcome, case
    return outcome, shrink(case, lambda c: signature(check(c)) == signature(outcome))


def signature(outcome: Outcome) -> str:
    """What kind of failure this is, without the values: shrinking must keep it."""
    lines = [line for line in outcome.detail.splitlines() if line.strip()][:2]
    return outcome.kind + "".join(ch for ch in " ".join(lines) if not ch.isdigit())[:160]
