"""Parquet and GeoParquet tables -> events (columns named like the schema, or renamed with options).

The cells are read by ``columnar.parquet_frame`` as the text a CSV would hold (coordinates and
counts typed as numbers stay numbers), so the same column options (``--lat y``) and the same
validation apply as for a CSV; rows are addressed by record number.  The one exception: a file
mapapp wrote from checked rows is read as it is when the caller trusts it
(``ImportOptions.trust_prepared``, ``load.read_prepared``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mapapp.columnar import parquet_frame
from mapapp.importers.common import DeferredNotes, ImportOptions, ImportResult, as_record_problems, unlocated_notes
from mapapp.importers.csvgeneric import map_table
from mapapp.load import read_prepared
from mapapp.schema import NUMBER_COLUMNS


def import_parquet(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map a Parquet (or GeoParquet) table onto the events schema, one record per row."""
    options = options or ImportOptions()
    if options.trust_prepared and not options.columns and options.geocode is None:
        prepared = read_prepared(data)
        if prepared is not None:
            return prepared_result(prepared.events, name, prepared.cells)
    # The source columns that become coordinates and counts may stay numbers (map_table makes any
    # other use of them text again).
    numbers = {options.columns.get(column) or column for column in NUMBER_COLUMNS}
    frame, rejected = parquet_frame(data, name, numbers, trim=False)  # map_table trims every cell
    records = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="int64")
    return map_table(frame, records, name, options, fmt="parquet", rejected=rejected,
                     records=True)


def prepared_result(events: pd.DataFrame, name: str, cells: np.ndarray | None = None) -> ImportResult:
    """The import of a prepared file (``load.read_prepared``): every row kept, nothing to reject,
    and the H3 cells the file carries, if any.

    The notes are the ones the full check gives such a file: one per row without coordinates,
    written only when someone reads them (the app never does: ``DeferredNotes``).
    """
    records = pd.Series(range(1, len(events) + 1), index=events.index, dtype="int64")
    unlocated = events["latitude"].isna() & events["longitude"].isna()
    places, lines = events.loc[unlocated, ["place"]], records[unlocated]  # as they are now
    notes = DeferredNotes(lambda: as_record_problems(unlocated_notes(places, lines, name, geocoded=False)))
    return ImportResult(events=events, notes=notes, rows_read=len(events), format="parquet", name=name,
                        lines=records, cells=cells)
