"""The ``mapapp`` command line: thin click commands over the library's functions.

Every command turns ``InputError`` into one ``FILE:LINE: column: problem`` line per problem
on stderr and exit status 2, never a traceback; outputs are written atomically.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

import click

from mapapp.errors import MapappError

EXIT_BAD_INPUT = 2

F = TypeVar("F", bound=Callable[..., object])


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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@reports_input_errors
def validate(file: str) -> None:
    """Check an events CSV; print one line per problem (FILE:LINE: column: problem).

    Exits 0 with a one-line summary when the table is valid, 2 when it is not.
    """
    from mapapp.load import load_events

    result = load_events(file)
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(
            f"{file}: {len(result.problems)} problem(s) in {result.rows_rejected} of {result.rows_read} rows",
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    events = result.events
    located = int(events["latitude"].notna().sum())
    click.echo(
        f"{file}: OK, {len(events)} events ({located} with coordinates, "
        f"{events['category'].nunique()} categories)"
    )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="Where to write the table with the added geocoding columns.")
@click.option("--online", is_flag=True, help="Also ask Nominatim (1 request/s) for places the gazetteer lacks.")
@click.option("--user-agent", default=None, help="User agent for Nominatim (default $MAPAPP_USER_AGENT).")
@click.option("--context", default=None, help="Country or region for rows without a context column.")
@reports_input_errors
def geocode(file: str, output: str, online: bool, user_agent: str | None, context: str | None) -> None:
    """Add coordinates to a CSV with a `place` (and optional `context`) column.

    Same rows, same order; adds latitude, longitude, resolved_name, country_code, admin1,
    geo_precision, geo_source and geocode_note.  Offline unless --online.
    """
    from mapapp.errors import InputError, Problem
    from mapapp.geocode import default_geocoder, geocode_table
    from mapapp.load import atomic_write, read_table

    raw = read_table(file)
    if "place" not in raw.frame.columns:
        raise InputError(f"{file}: no 'place' column", [Problem(file, 1, "place", "required column is missing")])
    if raw.frame.empty:
        raise InputError(f"{file}: no rows", [Problem(file, None, "", "no rows below the header")])
    table = geocode_table(raw.frame, default_geocoder(online=online, user_agent=user_agent),
                          default_context=context)
    with atomic_write(output) as handle:
        table.to_csv(handle, index=False, lineterminator="\n")
    total = len(table)
    resolved = int(table["latitude"].notna().sum())
    click.echo(f"resolved {resolved} of {total} places ({total - resolved} unresolved)", err=True)


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
    from mapapp.filters import select_events
    from mapapp.load import load_events
    from mapapp.mapbuild import write_map

    result = load_events(file, strict=not skip_bad_rows)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    events = select_events(result.events, start, end, categories or None)
    stats = write_map(events, output, assets=assets)
    click.echo(f"{output}: drew {stats.drawn} events, skipped {stats.skipped} without coordinates"
               + (f", left out {result.rows_rejected} bad rows" if result.rows_rejected else ""))
