"""Peak memory of a command, measured without the parent's memory in it.

On Linux a child's peak RSS (wait4's ru_maxrss) includes what it inherited at
fork, so a child of a big process (pytest, a benchmark holding large inputs)
looks big. Commands are therefore started from a small launcher process,
which reports the wall time, the peak RSS and the exit status of its child.
The launcher's own few MiB stay in the figure: it errs high, never low.
"""

from __future__ import annotations

import subprocess
import sys

LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=open(os.environ["RSS_STDOUT"], "w"),
                         stderr=open(os.environ["RSS_STDERR"], "w"))
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status))
"""


def run_measured(
    command: list[str], cwd: str, env: dict[str, str], out: str, err: str
) -> tuple[float, int, int]:
    """(seconds, peak RSS in bytes, exit status); the command's output goes to the files out and err."""
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**env, "RSS_STDOUT": out, "RSS_STDERR": err},
        check=True,
    )
    seconds, peak, status = proc.stdout.split()
    return float(seconds), int(peak), int(status)
