"""Exports in the shapes event-data users already know: a layout (tollwatch.layouts: `native`
claims, `acled` and `ucdp` incidents, or one a plugin adds) written as csv, json (an array),
geojson (a FeatureCollection of points) or parquet. Every format holds the layout's columns in
its order; CSV can carry HXL hashtags in a second header row for humanitarian data exchange.

Every layout carries the reviewed values (corrections applied, rejected figures left out) and a
review status column (`review_status` for claims, `tollwatch_review_status` in the ACLED and
UCDP layouts, after those projects' own columns): for a claim unreviewed, confirmed, corrected or partly_reviewed (a
figure read from several claims, some checked); for an incident reviewed when a person checked
every figure behind it. `reviewed_only` keeps only reviewed claims or incidents."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from tollwatch import layouts
from tollwatch.errors import InvalidValue, TollwatchError
from tollwatch.reconcile import DocumentInfo, Reconciliation

FORMATS = ("csv", "json", "geojson", "parquet")
STDOUT = Path("-")  # `-o -`: standard output


def schemas() -> tuple[str, ...]:
    return layouts.names()


REVIEWED = ("reviewed", "confirmed", "corrected")


def rows(result: Reconciliation, documents: Mapping[str, DocumentInfo], schema: str,
         reviewed_only: bool = False) -> list[dict[str, Any]]:
    """The rows of layout `schema`, each with exactly the layout's columns, in order; with
    `reviewed_only`, those a reviewer confirmed or corrected (a layout without `review_status`
    keeps none)."""
    layout = layouts.get(schema)
    found = layout.rows(result, documents)
    if reviewed_only:
        found = [r for r in found if (r.get("review_status") or r.get("tollwatch_review_status")) in REVIEWED]
    return [{k: r.get(k) for k in layout.columns} for r in found]


def columns(schema: str) -> list[str]:
    return list(layouts.get(schema).columns)


def write(records: Sequence[dict[str, Any]], schema: str, fmt: str, path: Path, hxl: bool = False) -> None:
    """Write `records` (from `rows`) to `path` (`-` for standard output) as `fmt`. Raises
    InvalidValue for an unknown format or schema, or HXL asked of a format other than CSV, and
    TollwatchError when the file cannot be written."""
    layout = layouts.get(schema)
    if fmt not in FORMATS:
        raise InvalidValue(f"no export format {fmt!r}: give one of {', '.join(FORMATS)}")
    if hxl and fmt != "csv":
        raise InvalidValue(f"HXL hashtags go in a CSV header: give --format csv with --hxl, not {fmt}")
    if fmt == "parquet" and path == STDOUT:
        raise InvalidValue("parquet is binary: give a file with -o, not -")
    try:
        if fmt == "parquet":
            _parquet(records, list(layout.columns), path)
            return
        with _opened(path) as out:
            if fmt == "csv":
                writer = csv.DictWriter(out, layout.columns, extrasaction="ignore")
                writer.writeheader()
                if hxl:
                    writer.writerow({c: layout.hxl.get(c, "") for c in layout.columns})
                writer.writerows(records)
            elif fmt == "json":
                out.write(json.dumps(list(records), ensure_ascii=False, indent=1) + "\n")
            else:
                features = [{"type": "Feature", "geometry": _point(r), "properties": r} for r in records]
                out.write(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n")
    except OSError as e:
        raise TollwatchError(f"{path}: cannot write ({e.strerror or e}); check that its folder exists and "
                             "is writable") from None


@contextmanager
def _opened(path: Path) -> Iterator[IO[str]]:
    if path == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    with path.open("w", newline="", encoding="utf-8") as f:
        yield f


def _parquet(records: Sequence[dict[str, Any]], names: list[str], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InvalidValue("parquet needs pyarrow, which this installation lacks: pip install 'tollwatch[parquet]', "
                           "or give --format csv") from None

    schema = _arrow_schema(names, records)
    typed = {f.name for f in schema if f.type != pa.string()}  # an empty cell of a number column is null
    table = pa.Table.from_pylist([{k: None if k in typed and r.get(k) == "" else r.get(k) for k in names}
                                  for r in records], schema=schema)
    pq.write_table(table, path)


def _arrow_schema(names: list[str], records: Sequence[dict[str, Any]]) -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        values = [r.get(name) for r in records if r.get(name) not in (None, "")]
        if values and all(isinstance(v, bool) for v in values):
            return pa.bool_()
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return pa.int64()
        if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return pa.float64()
        return pa.string()
    return pa.schema([(n, kind(n)) for n in names])


def _point(r: dict[str, Any]) -> dict[str, Any] | None:
    if r.get("latitude") is None or r.get("longitude") is None:
        return None
    return {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
