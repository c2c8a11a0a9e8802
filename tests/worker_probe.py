"""What a batch worker process looks like from inside, for tests/test_batch_workers.py.

Kept apart from the test module on purpose: unpickling a function imports its module in the worker, and
this one imports nothing of baocao_gen, so what the probe finds in `sys.modules` the worker already had.
"""

from __future__ import annotations

import os
import sys
import threading


def describe() -> dict[str, object]:
    """Return the worker's parent pid, what it had imported, where from, and how many threads it runs."""
    package = sys.modules.get("baocao_gen")
    return {
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "pipeline_loaded": "baocao_gen.pipeline" in sys.modules,
        "package_file": getattr(package, "__file__", None),
        "python_threads": threading.active_count(),
        "os_threads": len(os.listdir(f"/proc/{os.getpid()}/task")) if os.path.isdir("/proc") else None,
    }
