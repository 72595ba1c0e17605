"""Execute the numbered notebooks in place so a rerun leaves ``git diff`` clean.

``jupyter execute --inplace`` stores execution time stamps in every cell's metadata;
this runs the same kernel through nbclient without them (``record_timing=False``) and
without widget state, so the committed outputs change only when results change. The
kernel talks to this script over local sockets in a private temporary folder (IPC), not
over TCP, so no other user of the machine can reach it (and Jupyter does not warn about an
unencrypted TCP kernel).

Usage (from the project root): ``python notebooks/execute.py [NOTEBOOK ...]``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="newskit-kernel-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc",
                           ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(nb, km=km, timeout=1800, record_timing=False,
                                store_widget_state=False,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        finally:
            if km.has_kernel:
                km.shutdown_kernel()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(HERE.glob("[0-9]*.ipynb"))
    for path in paths:
        print(f"executing {path.name}", flush=True)
        execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
