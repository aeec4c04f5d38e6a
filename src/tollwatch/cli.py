"""Command line: a thin layer over the library. Exit 0 when every input was read, 1 when
some failed (each named on standard error), 2 for a usage error. A library error is one line on
standard error, never a traceback."""

from __future__ import annotations

import csv
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tollwatch import __version__
from tollwatch.errors import EmptyRecord, InputError, InvalidValue, StoreError, TollwatchError
from tollwatch.extract import read_events
from tollwatch.ingest import iter_documents
from tollwatch.ingest.fetch import Fetcher
from tollwatch.models import OUTCOMES, VICTIM_FILTERS, Claim, Event
from tollwatch.ingest.files import Item
from tollwatch.output import ClaimWriter, claim_lines, event_lines, format_events
from tollwatch.published import parse_published

if TYPE_CHECKING:  # the store pulls in SQLAlchemy and NumPy, which `extract` never needs
    from tollwatch.evaluate.events import EventRow
    from tollwatch.reconcile import Reconciliation
    from tollwatch.ledger import Ledger
    from tollwatch.store import Added


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    try:
        return parse_published(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def example_paths() -> list[str]:
    folder = resources.files("tollwatch") / "examples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith((".txt", ".jsonl")))


class _Failure(click.ClickException):
    """A library error as click shows it: `Error: <message>` on one line, exit status 1."""


class _BadValue(_Failure):
    """A value the user gave that the library cannot use: a usage error, exit status 2."""

    exit_code = 2


log = logging.getLogger("tollwatch")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as e:  # one line, with where to read more, instead of click's usage block
            command = e.ctx.command_path if e.ctx else ctx.command_path
            raise _BadValue(f"{e.format_message()} (`{command} -h` shows the options)") from None
        except InvalidValue as e:
            raise _BadValue(str(e)) from None
        except TollwatchError as e:
            raise _Failure(str(e)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # click's own ways out; a closed pipe (`| head`) click ends quietly
        except Exception as e:  # a bug: one line for the user, the traceback with --verbose
            log.debug("traceback", exc_info=True)
            raise _Failure(f"unexpected {type(e).__name__}: {e}. This is a bug in tollwatch: please report it "
                           "with the output of the same command run with --verbose") from None


def _log_to_stderr(level: int) -> None:
    """The CLI's own logging (a library never configures it): messages on standard error, as written."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s" if level > logging.DEBUG else "%(name)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tollwatch")
@click.option("-v", "--verbose", is_flag=True, help="Also say what each step does (and show tracebacks).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on standard error: no notes, warnings or progress.")
def main(verbose: bool, quiet: bool) -> None:
    """tollwatch: every casualty figure in the reports, traced to its quote."""
    if verbose and quiet:
        raise click.UsageError("give --verbose or --quiet, not both")
    _log_to_stderr(logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO)


jobs_option = click.option(
    "--jobs", type=click.IntRange(min=0), default=None, metavar="N",
    help="Worker processes that read and extract (0: one per core; default 1, or with --engine dask one per core "
         "for the local cluster); the output is the same, in the same order.")


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--published", callback=_published, metavar="DATE",
              help="Publication date (YYYY-MM-DD) for documents that carry none; anchors 'on Friday'.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "events", "events-table"]),
              default="table", show_default=True,
              help="events: one JSON line per event a report describes, each counted once; events-table: the same "
                   "for people.")
@click.option("--examples", is_flag=True, help="Also read the example reports that ship with tollwatch.")
@click.option("--no-normalise", is_flag=True, help="Leave places, sources and actors as written (no ids).")
@jobs_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: run on a Dask cluster and write Parquet to --out (inputs: .jsonl(.gz), .parquet, "
                   ".warc(.gz), local or fsspec URLs such as s3://bucket/dump/).")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: a running Dask scheduler "
                                                     "(tcp://host:8786); without it a local cluster is started.")
@click.option("--out", metavar="DIR", help="With --engine dask: the folder or fsspec URL the Parquet output goes to.")
def extract(inputs: tuple[str, ...], published: date | None, fmt: str, examples: bool, no_normalise: bool,
            jobs: int | None, engine: str, scheduler: str | None, out: str | None) -> None:
    """Extract casualty claims from INPUT files, folders, URLs or '-' (standard input). English and
    Arabic reports are read, each by the rules of the language it is detected to be in.

    With --engine dask, every part of the inputs is a task on a Dask cluster, which writes its claims,
    events, documents and errors as Parquet under --out (see docs/scaling.md); `tollwatch ingest
    --from-claims DIR` loads them into a ledger."""
    from tollwatch.workers import extracted, job_count, rendered

    paths = list(inputs) + (example_paths() if examples else [])
    if not paths:
        raise click.UsageError("give at least one INPUT (file, folder, URL or -), or --examples")
    if engine == "dask":
        _on_dask(paths, out, scheduler, jobs, published, not no_normalise)
    elif out or scheduler:
        raise click.UsageError("--out and --scheduler go with --engine dask")
    writer = ClaimWriter(sys.stdout, fmt)
    failures = 0
    events: list[Event] = []
    jobs = job_count(1 if jobs is None else jobs)
    documents = iter_documents(paths, published, defer=jobs > 1)
    if fmt in ("jsonl", "events"):  # the lines are written by the workers, this process only prints them
        results: Iterator[tuple[Item, str | list[Claim]]] = rendered(
            documents, claim_lines if fmt == "jsonl" else event_lines, jobs, not no_normalise)
    else:
        results = extracted(documents, jobs, not no_normalise)
    for item, found in results:
        if isinstance(item, InputError):
            failures += not isinstance(item, EmptyRecord)
            _report(item)
        elif isinstance(found, str):
            sys.stdout.write(found)
        elif fmt == "events-table":
            events.extend(read_events(found))
        else:
            writer.write(found)
    if fmt == "events-table":
        click.echo(format_events(events) if events else "no events found")
    else:
        writer.close()
    sys.exit(1 if failures else 0)


def _on_dask(paths: list[str], out: str | None, scheduler: str | None, jobs: int | None, published: date | None,
             normalise: bool) -> None:
    from tollwatch.cluster import run
    from tollwatch.workers import job_count

    if not out:
        raise click.UsageError("--engine dask writes Parquet: give the folder with --out DIR")
    if scheduler and jobs is not None:
        raise click.UsageError("--jobs sizes the local cluster; a cluster at --scheduler has its own workers")
    done = run(paths, out, scheduler, job_count(0 if jobs is None else jobs), published, normalise)
    rate = done.documents / done.seconds if done.seconds else 0.0
    click.echo(f"{out}: {done.documents} documents, {done.claims} claims, {done.failures} failures"
               f"{f', {done.skipped} empty records skipped' if done.skipped else ''} ({done.parts} parts on "
               f"{done.workers} workers, {done.seconds:.1f} s, {rate:.0f} documents/s)")
    sys.exit(1 if done.failures else 0)


db_option = click.option("--db", envvar="TOLLWATCH_DB", metavar="URL",
                         help="Ledger database: a file path or an SQLAlchemy URL (default ./tollwatch.db, or $TOLLWATCH_DB).")


def _open(db: str | None, write: bool = False) -> Ledger:
    """The ledger: read-only for the commands that only read it, so they never migrate or write
    it, and work on a write-protected file or disk."""
    from tollwatch.ledger import Ledger

    return Ledger(db, read_only=not write)


def _report(problem: InputError) -> None:
    """A skipped record is a warning (--quiet hides it); a failed input is an error."""
    if isinstance(problem, EmptyRecord):
        log.warning("skipped: %s", problem)
    else:
        log.error("error: %s", problem)


class _Progress:
    """A one-line live counter on standard error, only when it is a terminal and not --quiet."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty() and log.isEnabledFor(logging.INFO)
        self.seen = self.new = self.failed = 0
        self.started = self._last = time.monotonic()

    def __call__(self, outcome: Added | InputError) -> None:
        self.seen += 1
        if isinstance(outcome, InputError):
            skipped = isinstance(outcome, EmptyRecord)
            self.failed += not skipped
            self._clear()
            _report(outcome)
        elif outcome.status != "duplicate":
            self.new += 1
        now = time.monotonic()
        if self.enabled and now - self._last > 0.2:
            self._last = now
            rate = self.seen / max(now - self.started, 1e-9)
            click.echo(f"\r{self.seen:,} documents, {self.new:,} new, {self.failed:,} failed ({rate:,.0f}/s)",
                       err=True, nl=False)

    def _clear(self) -> None:
        if self.enabled:
            click.echo("\r\033[K", err=True, nl=False)

    def done(self) -> None:
        self._clear()


@main.command()
@click.argument("inputs", nargs=-1)
@db_option
@click.option("--published", callback=_published, metavar="DATE",
              help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from private and loopback addresses.")
@click.option("--examples", is_flag=True, help="Also ingest the example reports that ship with tollwatch.")
@click.option("--no-refresh", is_flag=True,
              help="Leave the ledger's tallies tables to the next ingest or `tollwatch refresh` (a whole "
                   "reconciliation: seconds on a big ledger); for many small ingests in a row.")
@jobs_option
@click.option("--from-claims", "from_claims", metavar="DIR",
              help="Load what `extract --engine dask --out DIR` wrote (documents and their claims, not extracted "
                   "again) instead of reading INPUTs.")
@click.option("--alerts", "alerts_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A YAML file of alert rules to check once the documents are stored (docs/alerts.md).")
def ingest(inputs: tuple[str, ...], db: str | None, published: date | None, allow_private: bool,
           examples: bool, no_refresh: bool, jobs: int | None, from_claims: str | None,
           alerts_file: Path | None) -> None:
    """Store reports and their claims in the ledger, each once.

    INPUT is a .txt, .html or .jsonl file, a folder, an http(s) URL, or an RSS/Atom feed
    (URL or file), whose every entry is fetched."""
    from tollwatch.workers import job_count

    paths = list(inputs) + (example_paths() if examples else [])
    if from_claims and paths:
        raise click.UsageError("--from-claims loads a cluster's output: give it without INPUTs")
    if not paths and not from_claims:
        raise click.UsageError("give at least one INPUT (file, folder, URL or feed), or --examples")
    if alerts_file is not None and no_refresh:
        raise click.UsageError("--alerts reads the refreshed tallies: give it without --no-refresh")
    rules = _alert_rules(alerts_file)
    ledger = _open(db, write=True)
    progress = _Progress()
    if from_claims:
        summary = ledger.add_extracted(from_claims, progress, refresh_tables=not no_refresh)
    else:
        jobs = job_count(1 if jobs is None else jobs)
        with Fetcher(allow_private=allow_private) as fetcher:
            summary = ledger.add_documents(iter_documents(paths, published, fetcher, defer=jobs > 1), progress,
                                           inputs=paths, refresh_tables=not no_refresh, jobs=jobs)
    progress.done()
    if rules is not None:
        from tollwatch.alerts import Dispatcher

        Dispatcher(ledger, rules, allow_private=allow_private).check()
    linked = [f"{n} {what}{'s' * (n != 1)}" for n, what in ((summary.near_duplicates, "near-duplicate"),
                                                          (summary.versions, "new version")) if n]
    near = f" ({', '.join(linked)} linked)" if linked else ""
    click.echo(f"{ledger.display_url}: {summary.new_documents} new document{'s' * (summary.new_documents != 1)}"
               f"{near}, {summary.duplicates} duplicate{'s' * (summary.duplicates != 1)} skipped, "
               f"{summary.claims} claim{'s' * (summary.claims != 1)} stored, "
               f"{summary.failures} failure{'s' * (summary.failures != 1)}")
    sys.exit(1 if summary.failures else 0)


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from tollwatch.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@main.command()
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@db_option
@click.option("--every", default="15m", show_default=True, callback=_duration, metavar="DURATION",
              help="How often to poll: 30s, 15m, 1h, … (a failing URL waits longer, doubling each time).")
@click.option("--once", is_flag=True, help="Poll every SOURCE once and exit (for cron, and tests).")
@click.option("--alerts", "alerts_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A YAML file of alert rules, checked after every poll (docs/alerts.md).")
@click.option("--pace", default=1.0, show_default=True, type=click.FloatRange(0, 3600), metavar="SECONDS",
              help="The least time between two requests to one host.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching from, and posting alerts to, private and loopback addresses.")
def watch(sources: tuple[str, ...], db: str | None, every: float, once: bool, alerts_file: Path | None, pace: float,
          allow_private: bool) -> None:
    """Poll feeds and pages (http(s) URLs) into the ledger on a schedule.

    Requests are conditional (ETag, Last-Modified), feed entries already stored and unchanged are
    not fetched again, a page whose text changed is stored as its next version, and what is known
    of each URL is kept in the ledger, so a restart resumes. One log line per poll."""
    from tollwatch.watch import Watcher

    if not sources:
        raise click.UsageError("give at least one SOURCE: the URL of a feed or page")
    for source in sources:
        if not source.startswith(("http://", "https://")):
            raise click.BadParameter(f"{source}: a SOURCE is an http(s) URL of a feed or page", param_hint="SOURCE")
    rules = _alert_rules(alerts_file)
    ledger = _open(db, write=True)
    with Fetcher(allow_private=allow_private) as fetcher:
        on_round = None
        if rules is not None:
            from tollwatch.alerts import Dispatcher

            dispatcher = Dispatcher(ledger, rules, allow_private=allow_private)
            on_round = dispatcher.check
        polled = Watcher(ledger, fetcher, every=every, pace=pace, on_round=on_round).run(sources, once=once)
    sys.exit(1 if any(p.status == "failed" or p.failures for p in polled) else 0)


def _alert_rules(path: Path | None) -> Any:
    if path is None:
        return None
    from tollwatch.alerts import read_rules

    return read_rules(path)


@main.command()
@db_option
@click.option("--doc", "doc_ref", metavar="ID", help="Only this document (id, id prefix, URL or path).")
@click.option("--outcome", type=click.Choice(OUTCOMES))
@click.option("--source", metavar="NAME", help="Source id, or part of the source's name.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def claims(db: str | None, doc_ref: str | None, outcome: str | None, source: str | None, fmt: str) -> None:
    """List stored claims, at their reviewed values (`evidence.review` says how each was reviewed)."""
    from tollwatch.pipeline import reviewed_claims

    ledger = _open(db)
    doc_id = ledger.resolve_doc_id(doc_ref) if doc_ref else None
    writer = ClaimWriter(sys.stdout, fmt)
    writer.write(r.claim for r in reviewed_claims(ledger, doc_id, outcome, source))
    writer.close()


@main.command()
@click.argument("doc_ref", metavar="DOC")
@db_option
@click.option("--versions", "list_versions", is_flag=True,
              help="List the versions of DOC's article instead (fetched at, content hash, figures added, removed "
                   "and changed since the version before).")
@click.option("--format", "fmt", type=click.Choice(["text", "table", "json"]), default=None,
              help="The text: text (the default) or json (with its id, language, publication date, title, URL and "
                   "site); with --versions: table (the default) or json (with each changed figure).")
def show(doc_ref: str, db: str | None, list_versions: bool, fmt: str | None) -> None:
    """Print a stored document's text exactly as claim offsets count it (and, as JSON, the
    language it was detected to be written in), or with --versions the versions of its article."""
    ledger = _open(db)
    doc_id = ledger.resolve_doc_id(doc_ref)
    if list_versions:
        _show_versions(ledger, doc_id, "json" if fmt == "json" else "table")
        return
    d = ledger.document(doc_id).document
    if fmt == "json":
        click.echo(json.dumps({"doc_id": d.doc_id, "language": d.language, "published": d.published, "title": d.title,
                               "url": d.url, "site_name": d.site_name, "text": d.text}, ensure_ascii=False))
        return
    click.echo(d.text, nl=not d.text.endswith("\n"))


def _show_versions(ledger: Ledger, doc_id: str, fmt: str) -> None:
    from tollwatch.versions import versions

    found = versions(ledger, doc_id)
    if fmt == "json":
        click.echo(json.dumps([v.to_dict() for v in found], ensure_ascii=False, indent=2))
        return
    for v in found:
        d = v.to_dict()
        current = "" if d["superseded_by"] else "  (latest)"
        click.echo(f"v{d['version']}  {d['doc_id']}  fetched {d['fetched_at'][:19]}  {d['content_hash'][:12]}  "
                   f"+{d['added']} -{d['removed']} ~{d['changed']}{current}")
        for change in v.changes:
            if change.change != "same":
                click.echo(f"    {change.describe()}")


@main.command()
@db_option
@click.option("--from-raw", is_flag=True, help="Also derive web pages' text again from their stored HTML.")
def reextract(db: str | None, from_raw: bool) -> None:
    """Run the current extractor again over every stored document."""
    from tollwatch.pipeline import reextract as run_reextract

    ledger = _open(db, write=True)
    result = run_reextract(ledger, from_raw, report=_report)
    click.echo(f"{ledger.display_url}: {result.documents} documents re-extracted, "
               f"claims {result.claims_before} -> {result.claims_after}")
    sys.exit(1 if result.failures else 0)


@main.command()
@db_option
def refresh(db: str | None) -> None:
    """Bring the ledger's reconciled tables (tallies, incidents, checks, discrepancies) up to date
    with its claims, after `ingest --no-refresh`."""
    from tollwatch.tables import refresh as refresh_tables

    ledger = _open(db, write=True)
    done = refresh_tables(ledger)
    click.echo(f"{ledger.display_url}: reconciled tables {'refreshed' if done else 'already current'}")


@main.command()
@click.argument("query")
@click.option("--context", metavar="NAMES", default="",
              help="Other places the document names, comma-separated, to disambiguate as a document would.")
def places(query: str, context: str) -> None:
    """Show what a place name resolves to, and the other candidates."""
    from tollwatch.normalise import default_normaliser

    normaliser = default_normaliser()
    resolver = normaliser.places
    others = [c.strip() for c in context.split(",") if c.strip()]
    chosen = resolver.resolve_all([query, *others])[query]
    reading = resolver.read(query)
    if not reading.candidates:
        raise click.ClickException(f"{query}: no place of that name in the gazetteer; add it in a YAML file "
                                   "given by TOLLWATCH_CONFIG (see docs/normalisation.md)")
    for place, _ in sorted(reading.candidates, key=lambda pt: pt[0].place_id != (chosen and chosen.place.place_id)):
        mark = "*" if chosen and place.place_id == chosen.place.place_id else " "
        where = ", ".join(x for x in (place.admin1 if place.kind == "city" else None, place.country) if x)
        precision = f", precision {chosen.precision}" if mark == "*" and chosen else ""
        lat = f"{place.lat:.4f}, {place.lon:.4f}" if place.lat is not None and place.lon is not None else "-"
        code = normaliser.codes.code(place.place_id)
        click.echo(f"{mark} {place.place_id:<36} {place.name} ({where}) {place.kind}{precision}, "
                   f"{lat}, population {place.population:,}" + (f", ISO 3166-2 {code}" if code else ""))


@main.command()
@click.argument("query", required=False)
def sources(query: str | None) -> None:
    """List known sources with their ids and kinds, or show what QUERY resolves to."""
    from tollwatch.normalise import default_normaliser

    registry = default_normaliser().sources
    if query:
        entry = registry.lookup(query)
        if entry is None:
            click.echo(f"{query}: not a known source; its id would be {registry.id_for(query)!r}")
        else:
            click.echo(f"{entry.id}\t{entry.kind or '-'}\t{entry.name}"
                       + ("\t(id takes the document's country, e.g. -sy)" if entry.per_country else ""))
        return
    for entry in sorted(registry.entries.values(), key=lambda e: e.id):
        click.echo(f"{entry.id:<32} {entry.kind or '-':<11} {entry.name}")




def _query_options(f: Callable[..., None]) -> Callable[..., None]:
    for option in reversed([
        db_option,
        click.option("--place", metavar="PLACE", help="A place id or name: figures there or inside it."),
        click.option("--from", "start", callback=_published, metavar="DATE", help="Figures for days from DATE."),
        click.option("--to", "end", callback=_published, metavar="DATE", help="Figures for days up to DATE."),
        click.option("--outcome", type=click.Choice(OUTCOMES)),
        click.option("--category", type=click.Choice(VICTIM_FILTERS),
                     help="Victims: 'all' means figures for everyone (mixed or unstated victims)."),
        click.option("--include-undated", is_flag=True,
                     help="With --from/--to: also figures whose days are not known (left out otherwise)."),
    ]):
        f = option(f)
    return f


def _reconciled(db: str | None, place: str | None, start: date | None, end: date | None, outcome: str | None,
                category: str | None, by: str = "place", include_undated: bool = False
                ) -> tuple[Ledger, Reconciliation]:
    from tollwatch.pipeline import reconciled
    from tollwatch.reconcile import Query

    ledger = _open(db)
    query = Query(_place_id(place) if place else None, start.isoformat() if start else None,
                  end.isoformat() if end else None, outcome, category, by, include_undated)
    return ledger, reconciled(ledger, query)


def _place_id(name: str) -> str:
    from tollwatch.normalise import default_normaliser

    place_id = default_normaliser().place_id(name)
    if place_id is None:
        raise click.BadParameter(f"{name}: no such place; `tollwatch places NAME` shows what a name resolves to",
                                 param_hint="--place")
    return place_id


@main.command()
@_query_options
@click.option("--by", type=click.Choice(["place", "day", "source"]), default="place", show_default=True,
              help="Split tallies by place (default), also by day, or also by source.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def tally(db: str | None, place: str | None, start: date | None, end: date | None, outcome: str | None,
          category: str | None, include_undated: bool, by: str, fmt: str) -> None:
    """Reconcile stored claims into tallies with low/best/high, checks and discrepancies."""
    from tollwatch.tally_report import TALLY_COLUMNS, format_reconciliation, tally_row

    _, result = _reconciled(db, place, start, end, outcome, category, by, include_undated)
    if fmt == "json":  # streamed: a national ledger's JSON runs to tens of megabytes
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, TALLY_COLUMNS)
        writer.writeheader()
        writer.writerows(tally_row(t) for t in result.tallies)
    else:
        click.echo(format_reconciliation(result))


@main.command()
@click.argument("ref", metavar="ID")
@db_option
def explain(ref: str, db: str | None) -> None:
    """Show how a tally's or an incident's low/best/high follow from its claims and quotes."""
    from tollwatch.explain import explain as render

    _, result = _reconciled(db, None, None, None, None, None)
    item = result.find(ref)
    if item is None:
        raise click.ClickException(f"{ref}: no tally or incident has this id (or it is ambiguous); "
                                   "`tollwatch tally` lists tally ids, `tollwatch tally --format json` incident ids")
    click.echo(render(item, result))


@main.command()
@_query_options
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "geojson", "parquet"]), required=True)
@click.option("--schema", default="native", show_default=True, metavar="LAYOUT",
              help="native: claims as CONTRACT records; acled, ucdp: incidents in those projects' layouts; "
                   "or a layout a plugin adds (entry point group tollwatch.layouts).")
@click.option("--hxl", is_flag=True, help="CSV only: a second header row of HXL hashtags.")
@click.option("--reviewed-only", is_flag=True,
              help="Only what a reviewer confirmed or corrected: claims, or incidents whose every figure was.")
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              required=True, help="File to write, or - for standard output.")
def export(db: str | None, place: str | None, start: date | None, end: date | None, outcome: str | None,
           category: str | None, include_undated: bool, fmt: str, schema: str, hxl: bool, reviewed_only: bool,
           path: Path) -> None:
    """Write reconciled incidents (acled, ucdp) or claims (native) to a file."""
    from tollwatch import export as exporter
    from tollwatch import layouts

    layout = layouts.get(schema)
    ledger, result = _reconciled(db, place, start, end, outcome, category, include_undated=include_undated)
    records = exporter.rows(result, ledger.document_infos(), schema, reviewed_only)
    exporter.write(records, schema, fmt, path, hxl)
    # the summary never mixes with the rows when they go to standard output
    click.echo(f"{path}: {len(records)} {layout.unit} ({schema}, {fmt})", err=path == exporter.STDOUT)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--docs", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the gold file's documents (default: beside it).")
@click.option("--show-errors", is_flag=True, help="List missed, wrong and extra claims.")
@click.option("--min-f1", type=click.FloatRange(0, 1), metavar="F",
              help="Exit 1 when strict F1 falls below F (a regression gate for CI).")
def eval_(gold: Path, docs: Path | None, show_errors: bool, min_f1: float | None) -> None:
    """Score the extractor on a gold file (the format of shared/tools/score_claims.py)."""
    from tollwatch.evaluate import evaluate_gold

    result = evaluate_gold(gold, docs)
    click.echo(result.report(show_errors))
    if min_f1 is not None and result.strict_f1 < min_f1:
        click.echo(f"error: strict F1 {result.strict_f1:.3f} is below {min_f1}", err=True)
        sys.exit(1)


def _eval_registries(paths: list[Path], worst: int, sample: int | None, seed: int) -> None:
    from tollwatch.errors import TollwatchError
    from tollwatch.evaluate.incidents import evaluate, read_registry

    for path in paths:
        try:
            report = evaluate(*read_registry(path, sample, seed))
        except TollwatchError as e:
            raise click.ClickException(str(e)) from None
        click.echo(f"{path}: killed and injured of each incident, as the ledger reads them")
        for incident, killed, injured in report.misses[:worst]:
            click.echo(f"  {incident.incident_id} ({incident.day}, {incident.state}) coded {incident.killed} killed "
                       f"{incident.injured} injured, tollwatch {killed} killed {injured} injured")
        click.echo(report.line())


@main.command("eval-events")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--worst", type=int, default=15, show_default=True, help="How many disagreements to show.")
@click.option("--sample", type=click.IntRange(min=1), help="Incidents registries: score a random sample of N incidents.")
@click.option("--seed", type=int, default=11, show_default=True, help="The sample's random seed.")
def eval_events(paths: tuple[Path, ...], worst: int, sample: int | None, seed: int) -> None:
    """Compare tollwatch's per-event reading with coded event data: ACLED exports (.csv: each
    note's events against its fatalities) or a GVA incidents registry (incidents.jsonl with
    documents.jsonl beside it: each incident's articles through ingest and reconciliation)."""
    from tollwatch.evaluate.events import evaluate, read_acled

    registries = [p for p in paths if p.suffix == ".jsonl"]
    if registries:
        _eval_registries(registries, worst, sample, seed)
        paths = tuple(p for p in paths if p.suffix != ".jsonl")
        if not paths:
            return

    def rows() -> Iterator[EventRow]:
        for path in paths:
            yield from read_acled(path)

    report = evaluate(rows())
    click.echo(f"stated figures:      {report.stated.rates()}")
    click.echo(f"  with deaths > 0:   {report.with_deaths.rates()}")
    click.echo(f"conventional codes:  {report.conventional.rates()} (the text states no number)")
    click.echo("by country (stated figures, 20 rows or more):")
    for country, t in sorted(report.by_country.items(), key=lambda kv: -kv[1].rows):
        if t.rows >= 20:
            click.echo(f"  {country:<28} {t.rates()}")
    click.echo(f"worst disagreements (of {len(report.disagreements)} outside bounds):")
    for a in report.worst(worst):
        high = "" if a.high is None else a.high
        click.echo(f"  {a.row.event_id} coded {a.row.fatalities}, tollwatch {a.best} ({a.low}..{high}): "
                   f"{' '.join(a.row.text.split())[:160]}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="TOLLWATCH_TOKEN", metavar="TOKEN",
              help="Require this token for every write (ingest) request; it acts as an admin's. Prefer "
                   "$TOLLWATCH_TOKEN: a token on the command line is visible to every user of the machine in `ps`.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME[:PORT]",
              help="Also answer requests for this host name (the name users browse to, e.g. behind a proxy); "
                   "repeatable. Default: only the listening address and localhost, 127.0.0.1, [::1] on this port.")
@click.option("--allow-private", is_flag=True, help="Let ingest by URL fetch private and loopback addresses.")
@click.option("--public-read", is_flag=True,
              help="Let everyone read, logged in or not (default: once any user exists, reads need a login).")
@click.option("--access-log", is_flag=True, help="Log every request on standard error (uvicorn's access log).")
@click.option("--alerts", "alerts_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A YAML file of alert rules, checked whenever the ledger changes (docs/alerts.md); "
                   "--allow-private also lets its webhooks reach private addresses.")
def serve(db: str | None, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...],
          allow_private: bool, public_read: bool, access_log: bool, alerts_file: Path | None) -> None:
    """Serve the dashboard and the REST API (under /api/; schema at /openapi.json)."""
    try:
        import uvicorn

        from tollwatch.web import create_app
        from tollwatch.web.guard import served_hosts
    except ImportError as e:
        raise _BadValue(f"serve needs the web extra, which this installation lacks ({e.name} is missing): "
                        "pip install 'tollwatch[web]'") from None

    rules = _alert_rules(alerts_file)
    try:
        app = create_app(db, token, allow_private, served_hosts(host, port, allow_hosts), public_read, rules)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        if not token:
            log.warning("warning: listening beyond this machine without a token: anyone who can reach it can "
                        "ingest; set TOLLWATCH_TOKEN")
        if not allow_hosts:
            log.info("note: only requests for localhost or the listening address are answered; give the name "
                     "users browse to with --allow-host")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"tollwatch: serving {app.state.ledger.ledger.display_url} at http://{shown}:{port}/ (Ctrl-C stops)")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=access_log)
    if access_log:  # one line per request; uvicorn's other messages stay at WARNING
        logging.getLogger("uvicorn.access").setLevel(logging.INFO)
    uvicorn.Server(config).run()


def _register_review_commands() -> None:
    from tollwatch.cli_review import history, review, users

    for command in (review, history, users):
        main.add_command(command)


_register_review_commands()
