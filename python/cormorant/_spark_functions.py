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
- a remote function (``"kind": "remote"``): its endpoint, connection token, batch size and
  userDefinedContext, called by the core's own client (functions/remote.hpp: BigQuery's
  protocol, batches of at most max_batching_rows calls, retries of 408/429/5xx and
  timeouts) from the executors.

So the executors' Python (``PYSPARK_PYTHON``; scripts/spark.sh sets the worktree's .venv) must
have the same cormorant, with pyarrow. A function's failure (UdfExecutionError,
RemoteFunctionError) crosses Spark as a marked line of its Python exception, from which the
driver raises the same cormorant error (``error_of``), not Spark's text.
"""

from __future__ import annotations

import json

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
    from cormorant import exceptions

    run = _loaded.get(spec)
    try:
        if run is None:
            run = _loaded[spec] = _load(json.loads(spec))
        return run(list(arrays))
    except (exceptions.UdfExecutionError, exceptions.RemoteFunctionError) as e:
        raise RuntimeError(MARK + json.dumps(_fields(e))) from None


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

    return python


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
