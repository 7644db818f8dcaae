"""python -m tests.fuzz [--minutes M] [--family F ...] [--seed S] [--count N]

Runs the families in turn, seed after seed, until the time is up (or N seeds each), printing
every failure as a runnable script, and a summary line per family at the end. Exit status 1
when anything failed."""

from __future__ import annotations

import argparse
import collections
import sys
import time

from . import FAMILIES, run_seed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz")
    ap.add_argument("--minutes", type=float, default=2.0, help="time budget, shared by the families")
    ap.add_argument("--family", action="append", choices=FAMILIES, help="only these (repeatable)")
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--count", type=int, help="seeds per family (instead of a time budget)")
    ap.add_argument("--quiet", action="store_true", help="print the summary only")
    args = ap.parse_args(argv)
    families = args.family or list(FAMILIES)
    counts = {f: collections.Counter() for f in families}
    refusals = collections.Counter()
    deadline = time.monotonic() + args.minutes * 60
    seed = args.seed
    while True:
        for family in families:
            outcome, case = run_seed(family, seed)
            counts[family][outcome.kind] += 1
            if outcome.kind in ("refused", "missing"):
                refusals[outcome.detail.split(":")[0] + ": " + outcome.detail.split(":", 1)[1][:70]] += 1
            if outcome.kind == "bad" and not args.quiet:
                print(f"=== {family} seed {seed}: {outcome.detail}\n{case.script()}\n", flush=True)
        seed += 1
        if (args.count is not None and seed - args.seed >= args.count) or \
                (args.count is None and time.monotonic() > deadline):
            break
    for family in families:
        c = counts[family]
        print(f"{family:9} cases {sum(c.values()):5}  ok {c['ok']:5}  bad {c['bad']:3}  refused {c['refused']:4}  "
              f"missing {c['missing']:3}  skipped {c['skip']:4}")
    if refusals and not args.quiet:
        print("refusals (typed errors) and missing API:")
        for text, n in refusals.most_common(15):
            print(f"  {n:4}  {text}")
    return 1 if any(c["bad"] for c in counts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
