"""Parquet and GeoParquet tables -> events (columns named like the schema, or renamed with options).

The cells are read by ``columnar.parquet_cells`` as the text a CSV would hold, so the same
column options (``--lat y``) and the same validation apply as for a CSV; rows are addressed
by record number.
"""

from __future__ import annotations

import pandas as pd

from mapapp.columnar import parquet_cells
from mapapp.importers.common import ImportOptions, ImportResult
from mapapp.importers.csvgeneric import map_table


def import_parquet(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map a Parquet (or GeoParquet) table onto the events schema, one record per row."""
    frame, rejected = parquet_cells(data, name)
    records = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="int64")
    return map_table(frame, records, name, options or ImportOptions(), fmt="parquet", rejected=rejected,
                     records=True)
