"""A writer process for the warehouse fault and concurrency tests (test_warehouse_concurrency.py,
and tests/spark/test_to_table_concurrency.py for writers on the Spark engine).

Run as ``python _warehouse_worker.py WAREHOUSE TABLE MODE WRITER BATCHES [SPARK_REMOTE]``; MODE
is append, replace or fail; with SPARK_REMOTE (a Spark Connect URL) the session runs on the Spark
engine, whose executors write the files. It writes batch b of writer w (frame(w, b)) and prints
``committed w b`` after each write returns, so that the test knows which writes were
acknowledged. The frames are deterministic, so the test rebuilds with pandas exactly what every
writer wrote (check_blocks).
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np
import pandas as pd


def frame(writer: int, batch: int, rows: int = 50) -> pd.DataFrame:
    """The rows writer `writer` writes in its batch `batch`: distinct per (writer, batch), with
    missing values in every nullable column. The categorical `c` has categories of its own
    per writer and batch (an unused one too), so concurrent appends unite them."""
    rng = np.random.default_rng(writer * 1000 + batch)
    x = rng.normal(size=rows)
    return pd.DataFrame(
        {
            "w": pd.array([writer] * rows, dtype="Int64"),
            "b": pd.array([batch] * rows, dtype="Int64"),
            "i": pd.array(np.arange(rows), dtype="Int64"),
            "x": pd.array(np.where(rng.random(rows) < 0.1, np.nan, x), dtype="Float64"),
            "s": pd.array([None if k % 7 == 3 else f"w{writer}b{batch}r{k}" for k in range(rows)], dtype="string"),
            "c": pd.Categorical([None if k % 5 == 2 else ["both", f"w{writer}", f"b{batch}"][k % 3] for k in range(rows)],
                                categories=[f"w{writer}", "both", f"b{batch}", f"unused{writer}"]),
        }
    )


def check_blocks(got: pd.DataFrame, *, required: set, allowed: set) -> list[tuple[int, int]]:
    """The table must be whole frames one after another: the concatenation, in the order they
    appear, of the frames of the (writer, batch) blocks it holds. Every required block is
    there, nothing outside `allowed`, no block twice. The categorical column's categories are
    united in that order (union_categoricals, as pandas reads a Parquet dataset of those
    frames). Returns the blocks in table order."""
    keys = list(zip(got["w"].tolist(), got["b"].tolist()))
    order = list(dict.fromkeys(keys))
    assert set(order) >= required, f"lost committed writes: {sorted(required - set(order))}"
    assert set(order) <= allowed, f"rows from writes never made: {sorted(set(order) - allowed)}"
    frames = [frame(w, b) for w, b in order]
    expected = pd.concat(frames, ignore_index=True) if order else got.iloc[:0]
    if order:
        expected["c"] = pd.api.types.union_categoricals([f["c"] for f in frames])
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    return order


def finish(proc, timeout: float) -> list[str]:
    """The lines a writer process printed, once it exited successfully (its stderr otherwise)."""
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out.splitlines()


def acknowledged(lines) -> set[tuple[int, int]]:
    """The (writer, batch) pairs a writer's lines say were committed."""
    return {(int(w), int(b)) for kind, *rest in (line.split() for line in lines) if kind == "committed" for w, b in [rest]}


def clean_up_killed(warehouse, table: str, *, required: set, allowed: set) -> list[tuple[int, int]]:
    """What writers killed mid-write leave, after the fact: a new session cleans up every other
    session of the warehouse `warehouse` (a Path); then only its own session folder is left,
    the staging folder is empty, the data folders of `table` are those its manifest names, and
    the table is still whole frames (check_blocks with `required` and `allowed`). Returns the
    table's blocks in order."""
    import cormorant.pandas as cpd

    s = cpd.Session(warehouse)
    try:
        for sid in os.listdir(warehouse / "sessions"):
            if sid != s.session_id:
                s.clean_up_by_session_id(sid)
        assert os.listdir(warehouse / "sessions") == [s.session_id]
        assert not os.listdir(warehouse / "staging")
        dataset, name = table.split(".")
        manifest = json.loads((warehouse / "catalog" / dataset / f"{name}.json").read_text())
        referenced = {f["path"].split("/")[0] for f in manifest["files"]}
        assert set(os.listdir(warehouse / "tables" / dataset / name)) == referenced
        return check_blocks(s.read_table(table).to_pandas(), required=required, allowed=allowed)
    finally:
        s.close()


def main(argv: list[str]) -> None:
    import cormorant.pandas as cpd
    from cormorant import exceptions

    warehouse, table, mode, writer, batches = argv[0], argv[1], argv[2], int(argv[3]), int(argv[4])
    remote = argv[5] if len(argv) > 5 else ""
    session = cpd.Session(warehouse, engine="spark", spark_remote=remote) if remote else cpd.Session(warehouse)
    print("session", session.session_id, flush=True)
    for batch in range(batches):
        df = session.read_pandas(frame(writer, batch))
        try:
            df.to_table(table, if_exists=mode)
        except exceptions.TableExistsError:
            print("exists", writer, batch, flush=True)
            continue
        print("committed", writer, batch, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
