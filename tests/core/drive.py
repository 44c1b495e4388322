"""Driver processes for the concurrency and crash tests (run as `python drive.py MODE …`).

Each imports cadre once and then works in a loop, so hundreds of commands cost no start-ups."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys

import pendulum

from tui import cli
from tui.core.store import Store

BASE = pendulum.date(2000, 1, 1)


def day(index: int) -> str:
    """The date of the `index`-th study record a driver writes."""
    return BASE.add(days=index).to_date_string()


def run_cli(args: list[str]) -> tuple[int, str]:
    """Run `cadre ARGS` in this process (a fresh Session and Store each time): exit code, stdout.

    It calls the click group, as `tui.cli.main` ends the process when it is done."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            cli.cli.main(args=args, prog_name="cadre", standalone_mode=False)
        except SystemExit as done:  # a refused input
            return int(done.code or 0), out.getvalue()
    return 0, out.getvalue()


def adds(start: int, count: int) -> int:
    """`cadre add study` for `count` distinct dates, after a line on stdin says go."""
    sys.stdin.readline()
    failures = 0
    for index in range(start, start + count):
        code, out = run_cli(["add", "study", "--points", str(index % 50), "--date", day(index)])
        if code != 0:
            failures += 1
            print(f"add {index} exited {code}", file=sys.stderr)
        else:
            print(out.strip(), flush=True)
    return 1 if failures else 0


def store_adds(start: int, count: int) -> int:
    """Like `adds`, through one long-lived Store (as the TUI holds one): its cache must follow."""
    sys.stdin.readline()
    store = Store(os.environ["CADRE_DB"], today=BASE)
    for index in range(start, start + count):
        print(store.add("study", {"date": day(index), "points": index % 50})["id"], flush=True)
    return 0


def lists() -> int:
    """`cadre list study --json` until stdin closes; every output must parse and never shrink."""
    os.set_blocking(sys.stdin.fileno(), False)
    reads, seen = 0, 0
    while sys.stdin.buffer.read() is None:  # None: the test has not closed stdin yet
        code, out = run_cli(["list", "study", "--json"])
        rows = json.loads(out)
        if code != 0 or len(rows) < seen or len({r["id"] for r in rows}) != len(rows):
            print(f"read {reads}: exit {code}, {len(rows)} rows after {seen}", file=sys.stderr)
            return 1
        seen, reads = len(rows), reads + 1
    print(reads, seen, flush=True)
    return 0


def crash_writer() -> int:
    """For every `go N` line, fork a child that adds study N, N+1, … and acknowledges each.

    The child prints `pid P` first and then `ack N ID` after each add returns; the test kills
    it with SIGKILL. The parent then prints `done` (forking saves an interpreter start-up)."""
    for line in sys.stdin:
        start = int(line.split()[1])
        sys.stdout.flush()
        child = os.fork()
        if child == 0:
            os.write(1, f"pid {os.getpid()}\n".encode())
            store = Store(os.environ["CADRE_DB"], today=BASE)
            for index in range(start, start + 100_000):
                record = store.add("study", {"date": day(index), "points": index % 50})
                os.write(1, f"ack {index} {record['id']}\n".encode())
            os._exit(0)
        os.waitpid(child, 0)
        print("done", flush=True)
    return 0


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode in {"adds", "store-adds"}:
        sys.exit({"adds": adds, "store-adds": store_adds}[mode](int(rest[0]), int(rest[1])))
    sys.exit({"lists": lists, "crash-writer": crash_writer}[mode]())
