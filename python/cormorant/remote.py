"""Remote functions (bigframes' ``@remote_function``): Python functions deployed on the
warehouse's function service, a local HTTP server speaking BigQuery's remote-function
protocol, and any HTTP endpoint speaking it (``create_remote_function``). Queries call them
over HTTP in batches; they are applied like UDFs (``Series.apply``/``map``/``combine``,
``DataFrame.apply(axis=1)``). The service, connections, limits and cleanup live in C++
(cpp/src/functions/service.cpp, cpp/src/api/remote.cpp); this module is the binding.
"""

from __future__ import annotations

import json
import sys

from cormorant import _core, exceptions
from cormorant.udf import Udf, _dtype_of

DEFAULT_CONNECTION = "cormorant-default-connection"


def _session(session):
    from cormorant.session import get_global_session

    return session or get_global_session()


def _positive_int(value, what: str):
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise exceptions.InvalidArgumentError(f"{what} must be a positive int, got {value!r}")
    return value


def _context_json(user_defined_context) -> str:
    """The JSON text of a userDefinedContext (a dict of str to str), "" for None."""
    if user_defined_context is None:
        return ""
    if not isinstance(user_defined_context, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in user_defined_context.items()):
        raise exceptions.InvalidArgumentError("user_defined_context must be a dict of str to str")
    return json.dumps(user_defined_context, sort_keys=True) if user_defined_context else ""


def user_defined_context() -> dict:
    """Inside a deployed remote function: the ``userDefinedContext`` of the request being
    served (a dict of str to str, as BigQuery sends it; ``{}`` when the request has none).
    Queries send their routine's ``user_defined_context`` in every request."""
    from cormorant import udf

    return dict(udf._request_context or {})


def _requirements(packages) -> dict[str, str]:
    """{name: version} of requirements "name" or "name==version" (installed in the
    function's own environment, not here)."""
    if packages is None:
        return {}
    if isinstance(packages, str) or not all(isinstance(p, str) for p in packages):
        raise exceptions.InvalidArgumentError("packages must be a list of requirements such as \"name\" or \"name==1.0\"")
    out = {}
    for p in packages:
        name, _, version = p.partition("==")
        if not name.strip() or any(c in name for c in "<>=!~; "):
            raise exceptions.InvalidArgumentError(f"package {p!r}: write it as \"name\" or \"name==version\"")
        out[name.strip()] = version.strip()
    return out


class RemoteFunction(Udf):
    """A Python function deployed on the warehouse's function service (or, from
    ``read_function``/``create_remote_function``, any remote routine). Call it like the
    original function; apply it like a UDF. ``endpoint`` is its URL, ``connection`` the
    connection the engine calls it with."""

    _kind = "remote"

    def __init__(self, func, input_types, output_type, *, dataset=None, name=None, connection=None, reuse=True,
                 packages=None, max_batching_rows=None, timeout=None, max_instances=None, user_defined_context=None,
                 session=None):
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
            raise exceptions.InvalidArgumentError(f"timeout must be a positive number of seconds, got {timeout!r}")
        self._deploy = {
            "connection": connection or "",
            "max_instances": _positive_int(max_instances, "max_instances") or 4,
            "timeout_seconds": float(timeout or 600),
            "reuse": bool(reuse),
            "user_defined_context": _context_json(user_defined_context),
        }
        if connection is not None and not isinstance(connection, str):
            raise exceptions.InvalidArgumentError("connection must be a connection name (str)")
        self._session = session
        super().__init__(func, input_types, output_type, dataset=dataset, name=name, packages=packages,
                         max_batching_rows=max_batching_rows, session=session)

    def _package_versions(self, packages) -> dict[str, str]:
        return _requirements(packages)

    def _store(self, info: dict, session) -> tuple[bool, dict]:
        from cormorant.options import options

        s = _session(session)
        if not s.warehouse:
            raise exceptions.InvalidArgumentError("remote functions need a warehouse; this session is in memory")
        full = {**info, "deployed": True, "connection": self._deploy["connection"],
                "max_instances": self._deploy["max_instances"], "timeout_seconds": self._deploy["timeout_seconds"],
                "user_defined_context": self._deploy["user_defined_context"]}
        created, stored = _core.deploy_remote_function(
            s._core, full, options.compute.skip_connection_check, options.compute.max_functions,
            list(options.compute.pip_args), sys.executable, self._deploy["reuse"])
        self._stored = stored
        return created, stored

    def _setup(self, func, info: dict, created: bool, stored: dict, transpile: bool = False) -> None:
        # Never run as SQL: calling the deployed function is the point.
        super()._setup(func, info, created, stored, transpile=False)
        self._info = {**self._info, **{k: stored[k] for k in ("endpoint", "connection", "deployed") if k in stored}}
        self.endpoint = stored.get("endpoint", "")
        self.connection = stored.get("connection", "")

    @classmethod
    def _from_routine(cls, info: dict, session=None) -> "RemoteFunction":
        """A remote routine of the catalog; its Python code (deployed ones) is loaded for
        local calls."""
        if info.get("source"):
            self = super()._from_routine(info)
        else:
            self = cls.__new__(cls)

            def unavailable(*args, **kwargs):
                raise exceptions.UnsupportedError(
                    f"remote function {info['routine_id']} has no local code; apply it to a Series instead")

            Udf._setup(self, unavailable, info, False, info, transpile=False)
            self.workers = None
        self.endpoint = info.get("endpoint", "")
        self.connection = info.get("connection", "")
        self._session = session
        return self

    def __repr__(self) -> str:
        return f"<cormorant remote function {self.routine_id} ({', '.join(self.input_dtypes) or 'row'}) -> " \
               f"{self.output_dtype} at {self.endpoint}>"

    def _engine_function(self, arg_dtypes: list[str], row_names: list | None = None, skip_missing: bool = False) -> str:
        # (skip_missing is not carried to Spark for remote functions: the service receives the
        # missing rows, whose results na_action="ignore" masks)
        key = tuple(arg_dtypes) + (("\x00row",) + tuple(map(repr, row_names)) if row_names is not None else ())
        name = self._engine_names.get(key)
        if name is None:
            name = _core.remote_engine_function(
                _session(self._session)._core, self.routine_id, sys.executable,
                None if row_names is None else list(map(str, row_names)),
                list(arg_dtypes) if row_names is not None else [])
            self._engine_names[key] = name
        return name


def remote_function(func=None, *, input_types=None, output_type=None, dataset=None, connection=None, name=None,
                    reuse=True, packages=None, max_batching_rows=None, timeout=None, max_instances=None,
                    user_defined_context=None, session=None):
    """Deploys a self-contained Python function on the warehouse's function service and
    stores it as a remote routine (``@cpd.remote_function(...)``, bigframes' names).

    The service (started on first use, it outlives this process) runs it in 0 to
    ``max_instances`` worker processes (default 4); requests run at most ``timeout``
    seconds (default 600). ``connection`` (default cormorant-default-connection, created on
    first use) is granted the invoker role; queries call the function with its token, in
    requests of at most ``max_batching_rows`` rows. ``packages`` ("name" or "name==version")
    are installed with pip in an environment of its own (cached by the requirements; pip's
    extra arguments come from ``cpd.options.compute.pip_args``). Without ``dataset`` and
    ``name`` it goes to the session's anonymous dataset and is removed and undeployed with
    the session; an unchanged definition (up to renames, comments, formatting) reuses the
    deployed function unless ``reuse=False``. ``user_defined_context`` (a dict of str to str)
    is sent as the ``userDefinedContext`` of every request, as BigQuery does; the function
    reads a request's with ``cormorant.remote.user_defined_context()``.
    """
    def wrap(f):
        return RemoteFunction(f, input_types, output_type, dataset=dataset, name=name, connection=connection,
                              reuse=reuse, packages=packages, max_batching_rows=max_batching_rows, timeout=timeout,
                              max_instances=max_instances, user_defined_context=user_defined_context,
                              session=session)

    return wrap(func) if func is not None else wrap


def create_remote_function(routine_id: str, *, endpoint: str, input_types, output_type, connection=None,
                           user_defined_context: dict | None = None, max_batching_rows=None, session=None):
    """Registers an HTTP endpoint that speaks BigQuery's remote-function protocol as remote
    routine ``routine_id`` ("dataset.name"): queries post ``calls`` to it with connection
    ``connection``'s token (``Authorization: Bearer``) and ``user_defined_context``."""
    s = _session(session)
    if not s.warehouse:
        raise exceptions.InvalidArgumentError("remote functions need a warehouse; this session is in memory")
    if not isinstance(routine_id, str) or routine_id.count(".") != 1:
        raise exceptions.InvalidArgumentError(f"routine_id must be \"dataset.name\", got {routine_id!r}")
    if not isinstance(input_types, (list, tuple)):
        input_types = [input_types]
    context = _context_json(user_defined_context)
    _positive_int(max_batching_rows, "max_batching_rows")
    from cormorant.options import options

    dataset, name = routine_id.split(".")
    arg_types = [_dtype_of(t, "input") for t in input_types]
    result_type = _dtype_of(output_type, "output")
    info = {"dataset": dataset, "name": name, "entry_point": "", "source": "", "arg_types": arg_types,
            "row_input": False, "result_type": result_type, "packages": {}, "python_version": "",
            "code_hash": "", "identity": "", "max_batching_rows": max_batching_rows or 0,
            "endpoint": endpoint, "connection": connection or "",
            "user_defined_context": context}
    info["identity"] = _core.routine_keys(info, "", "")[1]
    _, stored = _core.create_remote_function(s._core, info, options.compute.skip_connection_check)
    return RemoteFunction._from_routine(stored, session)


def list_connections(session=None) -> list[dict]:
    """The warehouse's connections: [{name, created}]."""
    return _core.list_connections(_session(session)._core)


def create_connection(name: str, session=None) -> str:
    """Creates connection `name` with a new secret token (kept as it is when it exists)."""
    return _core.create_connection(_session(session)._core, name)


def delete_connection(name: str, session=None) -> None:
    _core.delete_connection(_session(session)._core, name)


def grant_invoke(routine_id: str, connection: str, session=None) -> None:
    """Grants connection `connection` the invoker role on remote function `routine_id`."""
    _core.grant_invoke(_session(session)._core, routine_id, connection)


def revoke_invoke(routine_id: str, connection: str, session=None) -> None:
    _core.revoke_invoke(_session(session)._core, routine_id, connection)


def start_service(warehouse: str, *, max_queue: int | None = None, max_body_bytes: int | None = None
                  ) -> tuple[str, int]:
    """Starts the function service of `warehouse` if none runs (a running one is kept as it
    is); returns (url, pid). ``max_queue`` (default 16): requests of one function that may
    wait for a busy worker, beyond which the service answers 429; ``max_body_bytes`` (default
    32 MiB): larger requests get 400."""
    if max_queue is not None and (isinstance(max_queue, bool) or not isinstance(max_queue, int) or max_queue < 0):
        raise exceptions.InvalidArgumentError(f"max_queue must be an int >= 0, got {max_queue!r}")
    if max_body_bytes is not None and (isinstance(max_body_bytes, bool) or not isinstance(max_body_bytes, int)):
        raise exceptions.InvalidArgumentError(f"max_body_bytes must be an int, got {max_body_bytes!r}")
    return _core.ensure_service(str(warehouse), sys.executable, max_queue, max_body_bytes)


def stop_service(warehouse: str) -> bool:
    """Stops the function service of `warehouse` (and its workers); False when none ran."""
    return _core.stop_service(str(warehouse))


def find_service(warehouse: str):
    """(url, pid) of the running function service of `warehouse`, or None."""
    return _core.find_service(str(warehouse))

