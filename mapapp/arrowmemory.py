"""Which allocator Arrow uses in mapapp's processes: jemalloc where the pyarrow wheel has it.

Why not pyarrow's default: since pyarrow moved to mimalloc on Linux, a big table's buffers are
backed by transparent huge pages, and freed memory goes back to the system quickly.  A million
events are about 400 MB of fresh Arrow buffers (read, decoded, cast), and on the virtual
machines we measure on every 2 MB huge-page fault costs milliseconds of kernel time: reading a
prepared million-event Parquet file spent 1.1-1.9 s in the kernel with mimalloc against
0.4-0.75 s with jemalloc (same user time), the app's first render lost about 1 s of it and
``mapapp map`` went from 12.1 to 8.7 s (``benchmarks/bench_scale.py``).  jemalloc backs the
same buffers with ordinary pages and keeps freed memory for reuse.

The operator's own choice wins: with ``ARROW_DEFAULT_MEMORY_POOL`` set (Arrow reads it when
it loads), nothing is changed.  A wheel without jemalloc keeps its default.
"""

from __future__ import annotations

import os

import pyarrow as pa

POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"
PREFERRED = "jemalloc"


def use_preferred_pool() -> str:
    """Make jemalloc Arrow's default pool unless the operator chose one; returns the pool in use.

    Cheap and idempotent, so every entry point (the CLI, each app run) may call it.  Buffers
    allocated before the switch stay with their own pool: Arrow frees each buffer to the pool
    it came from.
    """
    if not os.environ.get(POOL_ENV, "").strip():
        try:
            pool = pa.jemalloc_memory_pool()
        except NotImplementedError:  # a pyarrow build without jemalloc (some platforms)
            pool = None
        if pool is not None and pa.default_memory_pool().backend_name != PREFERRED:
            pa.set_memory_pool(pool)
    return pa.default_memory_pool().backend_name
