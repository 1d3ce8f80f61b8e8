"""Parquet and GeoParquet tables -> events (columns named like the schema, or renamed with options).

The cells are read by ``columnar.parquet_frame`` as the text a CSV would hold (coordinates and
counts typed as numbers stay numbers), so the same column options (``--lat y``) and the same
validation apply as for a CSV; rows are addressed by record number.
"""

from __future__ import annotations

import pandas as pd

from mapapp.columnar import parquet_frame
from mapapp.importers.common import ImportOptions, ImportResult
from mapapp.importers.csvgeneric import map_table
from mapapp.schema import NUMBER_COLUMNS


def import_parquet(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map a Parquet (or GeoParquet) table onto the events schema, one record per row."""
    options = options or ImportOptions()
    # The source columns that become coordinates and counts may stay numbers (map_table makes any
    # other use of them text again).
    numbers = {options.columns.get(column) or column for column in NUMBER_COLUMNS}
    frame, rejected = parquet_frame(data, name, numbers, trim=False)  # map_table trims every cell
    records = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="int64")
    return map_table(frame, records, name, options, fmt="parquet", rejected=rejected,
                     records=True)
