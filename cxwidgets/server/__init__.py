"""What `cxwidgets serve` runs: Voila with a lobby in front of the apps, and the kernel
manager that keeps one kernel per person.

- `lobby`: tickets, the line and its estimates, which kernel is whose (pure bookkeeping);
- `handlers`: the lobby's HTTP routes and the gated app page;
- `kernels`: kernels that follow their pages, start one by one, and warm pools;
- `app`: Voila's application with the above (`python -m cxwidgets.server.app`).
"""

#: `app` and `kernels` are named by `cxwidgets.serve` when it starts the server; `quiet`
#: keeps Jupyter's start-up notices out of the log for `serve` and `lab` alike.
__all__ = ["app", "kernels", "quiet"]
