"""The ``mapapp`` command line: thin click commands over the library's functions.

Every command turns ``InputError`` into one ``FILE:LINE: column: problem`` line per problem
on stderr and exit status 2, never a traceback; outputs are written atomically.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TypeVar

import click

from mapapp.arrowmemory import use_preferred_pool
from mapapp.columnar import is_parquet_path
from mapapp.errors import InputError, MapappError, Problem
from mapapp.extract import evaluate_documents, extract_documents, format_scores
from mapapp.filters import select_events
from mapapp.importers import ImportOptions, import_paths, merge_results, offline_geocode, summary_lines
from mapapp.load import atomic_write, load_events, read_table, spreadsheet_safe, write_events
from mapapp.progress import elapsed_text, progress_bar

EXIT_BAD_INPUT = 2

F = TypeVar("F", bound=Callable[..., object])

quiet_option = click.option("-q", "--quiet", is_flag=True,
                            help="No progress bar (there is none either when stderr is not a terminal).")


def dask_options(command: F) -> F:
    """``--dask``, ``--scheduler`` and ``--workers``: run a command's work on a Dask cluster."""
    for option in reversed((
        click.option("--dask", "use_dask", is_flag=True,
                     help="Run on Dask: a LocalCluster on this machine unless --scheduler is given."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="Dask scheduler of a running cluster (tcp://host:8786); implies --dask."),
        click.option("--workers", type=click.IntRange(1), default=None,
                     help="Worker processes of the LocalCluster (default: one per core)."),
    )):
        command = option(command)
    return command


def refuse_directory(output: str, partitioned: bool) -> None:
    """An existing directory may only be replaced by a partitioned Parquet output (--dask, .parquet)."""
    if Path(output).is_dir() and not (partitioned and is_parquet_path(output)):
        raise InputError(f"{output}: is a directory", [Problem(output, None, "", "is a directory")])


def reports_input_errors(command: F) -> F:
    """Turn a ``MapappError`` raised by a command into clean stderr lines and exit 2."""

    @wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except MapappError as exc:
            lines = exc.lines() if hasattr(exc, "lines") else [str(exc)]
            for line in lines:
                click.echo(line, err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mapapp", message="mapapp %(version)s")
def main() -> None:
    """Turn reported events into a geocoded events table and an interactive map."""
    use_preferred_pool()  # before any command allocates its table (see mapapp.arrowmemory)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--strict", is_flag=True, help="Also fail (exit 2) on warnings: repeated ids, merged exact copies.")
@reports_input_errors
def validate(file: str, strict: bool) -> None:
    """Check an events CSV; print one line per problem (FILE:LINE: column: problem).

    Exits 0 with a one-line summary when the table is valid, 2 when it is not.  Warnings
    (a repeated id kept as ID~2, an exact copy merged) are printed and do not fail the
    check unless --strict.
    """
    result = load_events(file)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    for note in result.notes:
        click.echo(str(Problem(note.file, note.line, note.column, f"warning: {note.message}")), err=True)
    if result.problems:
        click.echo(
            f"{file}: {len(result.problems)} problem(s) in {result.rows_rejected} of {result.rows_read} rows",
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    if strict and result.notes:
        click.echo(f"{file}: --strict: {len(result.notes)} warning(s)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    events = result.events
    located = int(events["latitude"].notna().sum())
    warned = f", {len(result.notes)} warning(s)" if result.notes else ""
    click.echo(
        f"{file}: OK, {len(events)} events ({located} with coordinates, "
        f"{events['category'].nunique()} categories{warned})"
    )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(path_type=str),
              help="Where to write the table with the added geocoding columns.")
@click.option("--online", is_flag=True, help="Also ask Nominatim (1 request/s) for places the gazetteer lacks.")
@click.option("--user-agent", default=None, help="User agent for Nominatim (default $MAPAPP_USER_AGENT).")
@click.option("--context", default=None, help="Country or region for rows without a context column.")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write the on-disk cache of online answers ($MAPAPP_CACHE_DIR, "
                   "default ~/.cache/mapapp/geocode-cache.json).")
@quiet_option
@dask_options
@reports_input_errors
def geocode(file: str, output: str, online: bool, user_agent: str | None, context: str | None,
            no_cache: bool, quiet: bool, use_dask: bool, scheduler: str | None, workers: int | None) -> None:
    """Add coordinates to a CSV with a `place` (and optional `context`) column.

    Same rows, same order; adds latitude, longitude, resolved_name, country_code, admin1,
    geo_precision, geo_source and geocode_note (which starts with the source that answered).
    Offline unless --online; only online answers are cached, the gazetteer is always asked first.
    With --dask the rows are geocoded on a cluster (offline only); a .parquet OUTPUT is then a
    directory of ordered part files.
    """
    refuse_directory(output, use_dask or bool(scheduler))
    if (use_dask or scheduler) and online:
        raise InputError("--online with --dask", [Problem("--online", None, "", "cannot be combined with --dask: "
                                                          "Nominatim's 1 request/s cannot be shared by workers")])
    raw = read_table(file)
    if "place" not in raw.frame.columns:
        raise InputError(f"{file}: no 'place' column", [Problem(file, 1, "place", "required column is missing")])
    if raw.frame.empty:
        raise InputError(f"{file}: no rows", [Problem(file, None, "", "no rows below the header")])
    started = time.perf_counter()
    if use_dask or scheduler:
        from mapapp.cluster import dask_client, geocode_on_cluster, partitioned_output  # Dask: 0.7 s to import

        with dask_client(scheduler, workers) as client, \
                partitioned_output(output, is_parquet_path(output)) as directory:
            run = geocode_on_cluster(client, raw.frame, context, parquet_dir=directory)
        if run.events is not None:
            with atomic_write(output) as handle:
                spreadsheet_safe(run.events).to_csv(handle, index=False, lineterminator="\n")
        click.echo(f"resolved {run.rows - run.unresolved} of {run.rows} places ({run.unresolved} unresolved) "
                   f"{elapsed_text(started)}", err=True)
        return
    # Lazy on purpose: geopy costs 0.07-0.17 s of start-up (python -X importtime, 2-core machine under
    # load), which every other command (extract: ~5% of 100 documents) would pay if hoisted.
    from mapapp.geocode import default_geocoder, geocode_table

    geocoder = default_geocoder(online=online, user_agent=user_agent, cache_dir="" if no_cache else None)
    with progress_bar("geocoding", "place", quiet=quiet) as bar:
        def advance(done: int, distinct: int) -> None:
            bar.total = distinct
            bar.update(done - bar.n)

        table = geocode_table(raw.frame, geocoder, default_context=context, progress=advance)
    with atomic_write(output) as handle:
        spreadsheet_safe(table).to_csv(handle, index=False, lineterminator="\n")
    total = len(table)
    resolved = int(table["latitude"].notna().sum())
    click.echo(f"resolved {resolved} of {total} places ({total - resolved} unresolved) {elapsed_text(started)}",
               err=True)


@main.command("map")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="Where to write the standalone HTML map.")
@click.option("--start", default=None, help="First day to include (YYYY-MM-DD); events overlapping it count.")
@click.option("--end", default=None, help="Last day to include (YYYY-MM-DD).")
@click.option("--category", "categories", multiple=True, help="Only this category (repeatable).")
@click.option("--assets", type=click.Choice(["inline", "cdn"]), default="inline", show_default=True,
              help="inline: one file that works offline (tiles aside); cdn: smaller, needs internet.")
@click.option("--skip-bad-rows", is_flag=True, help="Draw the valid rows and list the bad ones, instead of refusing.")
@reports_input_errors
def map_command(file: str, output: str, start: str | None, end: str | None, categories: tuple[str, ...],
                assets: str, skip_bad_rows: bool) -> None:
    """Write a standalone interactive map (HTML) of an events CSV."""
    # Lazy on purpose: folium and its templates cost 0.3-0.5 s of start-up (python -X importtime,
    # on top of pandas; noisy 2-core machine), paid by every other command and `--help` if hoisted.
    from mapapp.mapbuild import write_map

    result = load_events(file, strict=not skip_bad_rows)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    events = select_events(result.events, start, end, categories or None)
    stats = write_map(events, output, assets=assets)
    click.echo(f"{output}: drew {stats.drawn} events, skipped {stats.skipped} without coordinates"
               + (f", left out {result.rows_rejected} bad rows" if result.rows_rejected else ""))


@main.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="Where to write the events table.")
@click.option("--format", "fmt", type=click.Choice(["acled", "timemap", "geojson", "csv"]), default=None,
              help="Format of every SRC (default: detected per file).")
@click.option("--strict", is_flag=True, help="Fail (exit 2, nothing written) if any row is rejected.")
@click.option("--geocode", "geocode_missing", is_flag=True,
              help="Geocode events without coordinates from their place (offline gazetteer).")
@click.option("--associations", type=click.Path(exists=True, dir_okay=False, path_type=str), default=None,
              help="timemap associations file (default: export_associations.json beside the events).")
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=str), default=None,
              help="timemap sources file (default: export_sources.json beside the events).")
@click.option("--date-order", type=click.Choice(["dmy", "mdy"]), default=None,
              help="Order of numeric ACLED dates such as 08/10/2023 (refused as ambiguous without it).")
@click.option("--lat", default=None, help="Column (or GeoJSON property) holding the latitude.")
@click.option("--lon", default=None, help="Column holding the longitude.")
@click.option("--date", default=None, help="Column holding the ISO event date.")
@click.option("--place", default=None, help="Column holding the place name.")
@click.option("--title", default=None, help="Column holding the title.")
@click.option("--category", default=None, help="Column holding the category.")
@click.option("--id", "id_column", default=None, help="Column holding the event id (generated when absent).")
@quiet_option
@reports_input_errors
def import_command(sources: tuple[str, ...], output: str, fmt: str | None, strict: bool, geocode_missing: bool,
                   associations: str | None, sources_file: str | None, date_order: str | None, lat: str | None,
                   lon: str | None, date: str | None, place: str | None, title: str | None, category: str | None,
                   id_column: str | None, quiet: bool) -> None:
    """Import ACLED, timemap, GeoJSON or CSV files (SRC...) into one events table.

    Reports rows read, imported and rejected per file on stderr, with one
    FILE:LINE: column: problem line per rejected row (FILE:record N: for JSON).
    """
    named = {"latitude": lat, "longitude": lon, "event_date": date, "place": place, "title": title,
             "category": category, "event_id": id_column}
    options = ImportOptions(
        format=fmt, date_order=date_order, columns={k: v for k, v in named.items() if v},
        associations=(associations, Path(associations).read_bytes()) if associations else None,
        sources=(sources_file, Path(sources_file).read_bytes()) if sources_file else None,
        geocode=offline_geocode() if geocode_missing else None,
    )
    started = time.perf_counter()
    with progress_bar("importing", "row", quiet=quiet) as bar:
        options.progress = bar.update
        results = import_paths(sources, options)
    merged = merge_results(results)
    notes = [str(type(n)(n.file, n.line, n.column, f"note: {n.message}")) for n in merged.notes]
    for line in [*map(str, merged.problems), *notes, *summary_lines(results)]:
        click.echo(line, err=True)
    if strict and merged.problems:
        raise InputError(f"--strict: {merged.rows_rejected} row(s) rejected (listed above); {output} not written")
    write_events(merged.events, output, checked=True)  # every row passed validation and was typed
    click.echo(f"{output}: wrote {len(merged.events)} events ({merged.rows_rejected} of {merged.rows_read} rows "
               f"rejected) {elapsed_text(started)}", err=True)


@main.command()
@click.argument("docs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(path_type=str),
              help="Events table to write (atomically): CSV, or GeoParquet for a .parquet name.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD|YYYY-MM",
              help="Publication date for documents without a ' date ...' first line.")
@quiet_option
@dask_options
@reports_input_errors
def extract(docs: tuple[str, ...], output: str, date: str | None, quiet: bool, use_dask: bool, scheduler: str | None,
            workers: int | None) -> None:
    """Extract events (places, dates, casualties, categories) from plain-text news DOCS.

    With --dask the documents are extracted on a cluster, same rows in the same order; a
    .parquet OUTPUT is then a directory of ordered part files, each written by a worker.
    """
    refuse_directory(output, use_dask or bool(scheduler))
    started = time.perf_counter()
    if use_dask or scheduler:
        from mapapp.cluster import dask_client, extract_on_cluster, partitioned_output  # Dask: 0.7 s to import

        with dask_client(scheduler, workers) as client, \
                partitioned_output(output, is_parquet_path(output)) as directory:
            run = extract_on_cluster(client, list(docs), date, parquet_dir=directory)
        if run.events is not None:
            write_events(run.events, output)
        click.echo(f"{output}: {run.documents} document(s), {run.rows} event(s), {run.unresolved} unresolved "
                   f"place(s) {elapsed_text(started)}", err=True)
        return
    with progress_bar("extracting", "doc", total=len(docs), quiet=quiet) as bar:
        table, summary = extract_documents(list(docs), date, progress=bar.update)
    write_events(table, output)
    click.echo(f"{output}: {summary.documents} document(s), {summary.events} event(s), "
               f"{summary.unresolved} unresolved place(s) {elapsed_text(started)}", err=True)


@main.command()
@click.argument("gold", type=click.Path(dir_okay=False, path_type=str))
@click.argument("docs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD|YYYY-MM",
              help="Publication date for documents without a ' date ...' first line.")
@reports_input_errors
def evaluate(gold: str, docs: tuple[str, ...], date: str | None) -> None:
    """Precision and recall of `extract` on DOCS against a GOLD CSV (doc, place, event_date, killed, injured)."""
    for line in format_scores(evaluate_documents(gold, list(docs), date)):
        click.echo(line)
