"""Command line: a thin layer over the library. Exit 0 when every input was read, 1 when
some failed (each named on standard error), 2 for a usage error."""

from __future__ import annotations

import sys
from datetime import date
from importlib import resources

import click

from tollwatch import __version__
from tollwatch.errors import InputError
from tollwatch.extract import extract_document
from tollwatch.ingest import iter_documents
from tollwatch.output import ClaimWriter
from tollwatch.published import parse_published


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    try:
        return parse_published(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def example_paths() -> list[str]:
    folder = resources.files("tollwatch") / "examples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith((".txt", ".jsonl")))


@click.group()
@click.version_option(__version__, prog_name="tollwatch")
def main() -> None:
    """tollwatch: every casualty figure in the reports, traced to its quote."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--published", callback=_published, metavar="DATE",
              help="Publication date (YYYY-MM-DD) for documents that carry none; anchors 'on Friday'.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--examples", is_flag=True, help="Also read the example reports that ship with tollwatch.")
def extract(inputs: tuple[str, ...], published: date | None, fmt: str, examples: bool) -> None:
    """Extract casualty claims from INPUT files, folders, URLs or '-' (standard input)."""
    paths = list(inputs) + (example_paths() if examples else [])
    if not paths:
        raise click.UsageError("give at least one INPUT (file, folder, URL or -), or --examples")
    writer = ClaimWriter(sys.stdout, fmt)
    failures = 0
    for item in iter_documents(paths, published):
        if isinstance(item, InputError):
            failures += 1
            click.echo(f"error: {item}", err=True)
            continue
        writer.write(extract_document(item))
    writer.close()
    sys.exit(1 if failures else 0)
