"""Where `framing score` runs its chunks: in this process, or on a dask.distributed cluster.

An engine has `map(function, items, **shared)`, which calls ``function(item, **shared)`` for
every item and yields the results **in the order of the items**, whatever order they finish
in, so that every engine writes the same files; and `close()`.
"""

from __future__ import annotations

import logging
import os
from collections import deque

from .errors import FramingError


def make_engine(engine: str = "local", *, scheduler: str | None = None,
                workers: int | None = None):
    """``LocalEngine()`` for "local", ``DaskEngine(...)`` for "dask"."""
    if engine == "dask":
        return DaskEngine(scheduler=scheduler, workers=workers)
    if scheduler or workers:
        raise FramingError("--scheduler and --workers need --engine dask")
    return LocalEngine()


class LocalEngine:
    """Runs every chunk in this process, one after the other."""

    workers = 1

    def map(self, function, items, **shared):
        for item in items:
            yield function(item, **shared)

    def close(self) -> None:
        pass


class DaskEngine:
    """Runs chunks as tasks on a dask.distributed cluster: a local one with `workers`
    processes (default: one per CPU core), or the running scheduler at `scheduler`. At most
    two tasks per worker are in flight. With a remote scheduler the output folder must be on
    a file system the workers share (the chunks are cached there)."""

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise FramingError("--engine dask needs Dask: pip install 'framing[scale]'") from None
        if workers is not None and workers < 1:
            raise FramingError(f"--workers {workers}: give at least 1")
        self._cluster = self._client = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                             threads_per_worker=1, processes=True,
                                             dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except OSError as err:
            self.close()
            raise FramingError(f"--scheduler {scheduler}: cannot connect ({err}); start the "
                               "cluster or check the address") from None
        except BaseException:
            self.close()
            raise
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def map(self, function, items, **shared):
        shared = {name: self._client.scatter([value], broadcast=True, hash=False)[0]
                  for name, value in shared.items()}
        window = deque()
        for item in items:
            window.append(self._client.submit(function, item, pure=False, **shared))
            if len(window) >= 2 * self.workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        try:
            if self._client is not None:
                self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
