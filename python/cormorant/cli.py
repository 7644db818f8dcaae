"""The ``cormorant`` command (installed with the package; also ``python -m cormorant``).

    cormorant functions serve [--warehouse W] [--host H] [--port P]   run the function service
                              [--max-queue N] [--max-body-bytes B]
    cormorant functions list  [--warehouse W]                         what is deployed, by whom
    cormorant functions stop  [--warehouse W]                         stop the running service
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from cormorant import _core


def _warehouse(value: str | None) -> str:
    return os.path.abspath(value) if value else _core.default_warehouse()


def _list(warehouse: str) -> int:
    service = _core.find_service(warehouse)
    running = {f["routine_id"]: f for f in json.loads(_core.deployed_functions(warehouse))} if service else {}
    print(f"service: {service[0] + ' (pid ' + str(service[1]) + ')' if service else 'not running'}")
    rows = [r for r in _core.all_routines(warehouse) if r.get("deployed")]
    if not rows:
        print("no deployed functions")
    for r in rows:
        live = running.get(r["routine_id"], {})
        packages = ", ".join(f"{k}=={v}" if v else k for k, v in r["packages"].items()) or "-"
        print(f"{r['routine_id']}: ({', '.join(r['arg_types']) or 'row'}) -> {r['result_type']}  "
              f"created {r['created']} by session {r['creator_session']}  connection {r['connection']}  "
              f"invokers {', '.join(r['invokers'])}  packages {packages}  max_instances {r['max_instances']}  "
              f"workers {live.get('workers', 0)}  requests {live.get('requests', 0)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cormorant", description="cormorant's command line")
    sub = parser.add_subparsers(dest="group", required=True)
    functions = sub.add_parser("functions", help="the function service of a warehouse")
    cmds = functions.add_subparsers(dest="command", required=True)
    serve = cmds.add_parser("serve", help="run the function service (until SIGTERM or Ctrl-C)")
    serve.add_argument("--warehouse", help="the warehouse directory (default: the default warehouse)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="0: the previous port if free, else any")
    serve.add_argument("--max-queue", type=int, default=None,
                       help="requests of one function that may wait for a busy worker; more get 429 (default 16)")
    serve.add_argument("--max-body-bytes", type=int, default=None,
                       help="larger requests get 400 (default 33554432)")
    for name, text in (("list", "show the deployed functions"), ("stop", "stop the running service")):
        cmds.add_parser(name, help=text).add_argument("--warehouse")
    args = parser.parse_args(argv)
    warehouse = _warehouse(args.warehouse)
    if args.command == "serve":
        _core.serve(warehouse, args.host, args.port, sys.executable, args.max_queue, args.max_body_bytes)
        return 0
    if args.command == "list":
        return _list(warehouse)
    print("stopped" if _core.stop_service(warehouse) else "no service was running")
    return 0


if __name__ == "__main__":
    sys.exit(main())
