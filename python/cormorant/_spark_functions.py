"""User functions on the Spark engine's executors (issue 14).

A session on Spark registers each function a query calls in its Spark Connect session, under
the function's engine name (a name of that routine version; the registration lives in that
Spark session alone and is dropped when the cormorant session closes), as a scalar Arrow UDF
(pyspark's ``arrow_udf``: pyarrow arrays in, a pyarrow array out). What runs is built from the
function's portable description, which the core writes (cpp/src/functions/portable.cpp) and
never from the user's live Python object:

- a routine (``"kind": "python"``): its stored source, entry point and code hash, loaded and
  run on the executors exactly as a worker process of the DuckDB engine runs it
  (cormorant._worker), so values, missing values, result types and errors are the same;
- a remote function (``"kind": "remote"``): its endpoint, connection token file, batch size and
  userDefinedContext, called by the core's own client (functions/remote.hpp: BigQuery's
  protocol, batches of at most max_batching_rows calls, retries of 408/429/5xx and
  timeouts) from the executors.

So the executors' Python (``PYSPARK_PYTHON``; scripts/spark.sh sets the worktree's .venv) must
have the same cormorant, with pyarrow. A function's failure (UdfExecutionError,
RemoteFunctionError) crosses Spark as a marked line of its Python exception, from which the
driver raises the same cormorant error (``error_of``), not Spark's text.

Spark runs a failed task again (``spark.task.maxFailures`` times in all, 4 by default): the
same rows through the same function, which fails again, after the whole wait (a remote
function's retries of an unreachable service) once more. So a task's failure is recorded on
the executor's host (a small file under the temporary folder, named by the Spark operation,
stage, partition and function), and a later attempt of that task raises the recorded error
at once, before running anything.

A function that runs out of memory (MemoryError) ends the Python worker it ran in once its
failure is recorded, as the DuckDB engine's pool replaces such a worker: Spark starts a new one,
whose retry of the task raises the recorded error. A worker killed outright (the out-of-memory
killer's SIGKILL) leaves Spark only "Python worker exited unexpectedly": the driver raises
UdfExecutionError naming the query's functions (``crashed``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time

#: Starts the line of a Spark Python exception that carries a cormorant error as JSON.
MARK = "cormorant-function-error:"

_loaded: dict[str, object] = {}


def spark_function(spec: str, result_type: str):
    """The pyspark Arrow UDF running the function that the portable description `spec`
    describes; `result_type` is its Spark SQL result type."""
    import warnings

    from pyspark.sql.functions import ArrowUDFType, arrow_udf

    def run(*arrays):
        return compute(spec, arrays)

    with warnings.catch_warnings():  # (pyspark prefers type hints to the UDF type given here)
        warnings.filterwarnings("ignore", "It is preferred to specify type hints", UserWarning)
        return arrow_udf(run, returnType=result_type, functionType=ArrowUDFType.SCALAR)


def compute(spec: str, arrays) -> object:
    """On an executor: the function of `spec` over one Arrow batch (one array per argument),
    as a pyarrow Array. Its errors leave as a RuntimeError whose message is MARK and the
    error's JSON (see error_of)."""
    task = _task_key(spec)
    recorded = _recorded(task)
    if recorded is not None:  # a task failed by this function, run again by Spark
        raise RuntimeError(MARK + recorded) from None
    from cormorant import exceptions

    run = _loaded.get(spec)
    try:
        if run is None:
            run = _loaded[spec] = _load(json.loads(spec))
        return run(list(arrays))
    except (exceptions.UdfExecutionError, exceptions.RemoteFunctionError) as e:
        out_of_memory = isinstance(e.__cause__, MemoryError)
        if out_of_memory:
            e = exceptions.UdfExecutionError(
                f"{e}; the Spark executor's Python worker ran out of memory and was replaced", e.routine_id,
                e.python_traceback, e.input_row)
        fields = json.dumps(_fields(e))
        _record(task, fields)
        if out_of_memory and task is not None:
            os._exit(1)  # (Spark starts another worker, whose retry of the task raises the record)
        raise RuntimeError(MARK + fields) from None


#: Recorded task failures older than this are removed (a task is retried within seconds).
_RECORD_SECONDS = 3600


def _failures_folder() -> str:
    return os.path.join(tempfile.gettempdir(), f"cormorant-spark-failures-{os.getuid()}")


def _task_key(spec: str) -> str | None:
    """The name of the record of this Spark task running `spec` (the same for every attempt of
    the task: Spark Connect's operation tags, the SQL execution, stage and partition), or None
    outside a Spark task."""
    try:
        from pyspark import TaskContext

        tc = TaskContext.get()
    except ImportError:
        return None
    if tc is None:
        return None
    task = [tc.getLocalProperty("spark.job.tags"), tc.getLocalProperty("spark.sql.execution.id"), tc.stageId(),
            tc.partitionId(), hashlib.sha256(spec.encode()).hexdigest()]
    return hashlib.sha256(json.dumps(task, default=str).encode()).hexdigest()


def _recorded(task: str | None) -> str | None:
    """The error (fields as JSON) an earlier attempt of `task` failed with, or None."""
    if task is None:
        return None
    try:
        with open(os.path.join(_failures_folder(), task), encoding="utf-8") as f:
            return f.read() or None
    except OSError:
        return None


def _record(task: str | None, fields: str) -> None:
    """Records that `task` failed with `fields` (best effort: without it a retry runs again)."""
    if task is None:
        return
    folder = _failures_folder()
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        now = time.time()
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            try:
                if now - os.stat(path).st_mtime > _RECORD_SECONDS:
                    os.remove(path)
            except OSError:
                pass
        temporary = os.path.join(folder, f".{task}.{os.getpid()}")
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(fields)
        os.replace(temporary, os.path.join(folder, task))
    except OSError:
        pass


def _load(spec: dict):
    import pyarrow as pa

    from cormorant import _core, _worker, exceptions

    names = [f"a{i}" for i in range(len(spec["arg_types"]))]
    if spec["kind"] == "remote":
        def remote(arrays):
            batch = pa.StructArray.from_arrays(arrays, names=names) if arrays else pa.array([], pa.struct([]))
            return pa.record_batch(_worker._Capsules(_core.remote_batch(json.dumps(spec), batch.__arrow_c_array__()))).column(0)

        return remote
    try:
        routine = _worker._load(spec)
    except Exception as e:  # noqa: BLE001 - any failure of the stored code is the routine's
        import traceback

        raise exceptions.UdfExecutionError(
            f"routine {spec['routine_id']} could not be loaded on a Spark executor: {type(e).__name__}: {e}",
            routine_id=spec["routine_id"], python_traceback=traceback.format_exc()) from None

    def python(arrays):
        return _worker.compute(routine, pa.RecordBatch.from_arrays(arrays, names=names))

    if not spec.get("skip_missing"):
        return python

    def present_rows_only(arrays):
        # na_action="ignore": the function sees the rows without a missing argument only
        # (Spark calls it on every row, even under the CASE that masks the others)
        import pyarrow.compute as pc

        if not any(a.null_count for a in arrays):
            return python(arrays)
        keep = arrays[0].is_valid()
        for a in arrays[1:]:
            keep = pc.and_(keep, a.is_valid())
        out = python([a.filter(keep) for a in arrays])
        positions = pc.subtract(pc.cumulative_sum(pc.cast(keep, pa.int64())), 1)
        return out.take(pc.if_else(keep, positions, pa.scalar(None, pa.int64())))

    return present_rows_only


def _fields(e) -> dict:
    from cormorant import _worker, exceptions

    if isinstance(e, exceptions.RemoteFunctionError):
        return {"class": "RemoteFunctionError", "message": str(e), "routine_id": e.routine_id, "status": e.status,
                "error_message": e.error_message}
    row = e.input_row
    return {"class": "UdfExecutionError", "message": str(e), "routine_id": e.routine_id,
            "python_traceback": e.python_traceback[-4000:],
            "input_row": None if row is None else [_worker._jsonable(v) for v in row]}


def error_of(text: str):
    """The cormorant error a Spark error's text carries (compute's MARK line), or None."""
    from cormorant import exceptions

    at = text.find(MARK)
    if at < 0:
        return None
    try:
        fields, _ = json.JSONDecoder().raw_decode(text, at + len(MARK))
    except ValueError:
        return None
    if fields.get("class") == "RemoteFunctionError":
        return exceptions.RemoteFunctionError(fields["message"], fields["routine_id"], fields["status"],
                                              fields["error_message"])
    return exceptions.UdfExecutionError(fields["message"], fields["routine_id"], fields["python_traceback"],
                                        fields["input_row"])


def crashed(text: str, routines: dict[str, str]):
    """The UdfExecutionError for a Spark error `text` saying a Python worker died (a task's
    UDF worker killed, e.g. by the out-of-memory killer), naming the user functions of
    `routines` (registered name -> routine id) that the failed statement calls; None when
    `text` says no such thing or the statement calls none."""
    from cormorant import exceptions

    if "Python worker exited unexpectedly" not in text or not routines:
        return None
    ids = ", ".join(sorted(set(routines.values())))
    return exceptions.UdfExecutionError(
        f"a Python worker running the user function(s) {ids} on a Spark executor exited unexpectedly in every "
        f"attempt of a task (killed by a signal, as the kernel kills a process when the host runs out of memory, "
        f"or the interpreter crashed); give the executors more memory or make the function use less", routine_id=sorted(set(routines.values()))[0])
