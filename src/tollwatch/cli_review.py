"""The review commands: `review`, `history` and `users`, registered on the main group (cli.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from tollwatch.errors import StoreError

if TYPE_CHECKING:
    from tollwatch.store import Ledger

db_option = click.option("--db", envvar="TOLLWATCH_DB", metavar="URL",
                         help="Ledger database: a file path or an SQLAlchemy URL (default ./tollwatch.db, or $TOLLWATCH_DB).")


def _open(db: str | None, write: bool) -> Ledger:
    from tollwatch.store import Ledger

    return Ledger(db, read_only=not write)


@click.command()
@click.argument("claim_id", required=False)
@click.option("--confirm", "action", flag_value="confirm", help="The figure is right as extracted (or as corrected).")
@click.option("--reject", "action", flag_value="reject", help="Not a figure to count: it is set aside.")
@click.option("--set", "changes", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field (repeatable): count, low, best, high, outcome, category, group, source, place, "
                   "start, end, scope, modality, manner.")
@click.option("--same-as", metavar="CLAIM_ID", help="The same figure as that claim: counted once, there.")
@click.option("--move-to", metavar="CLAIM_ID", help="Into that claim's incident: its place, days and manner.")
@click.option("--split", "action", flag_value="split", help="Out of its incident, into one of its own.")
@click.option("--note", metavar="TEXT", help="Why: kept with the review.")
@click.option("--as", "reviewer", metavar="NAME", help="Who reviews (required to review).")
@click.option("--orphans", is_flag=True, help="List reviews whose figure re-extraction no longer finds.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def review(claim_id: str | None, action: str | None, changes: tuple[str, ...], same_as: str | None,
           move_to: str | None, note: str | None, reviewer: str | None, orphans: bool, fmt: str,
           db: str | None) -> None:
    """Confirm, reject or correct a claim's figure; each review is kept, with who, when and why."""
    from tollwatch.pipeline import reviewed_claim
    from tollwatch.review import new_review, parse_changes
    from tollwatch.store import reviews

    if orphans:
        _orphans(_open(db, write=False), fmt)
        return
    chosen = [a for a in (action, "correct" if changes else None, "same_as" if same_as else None,
                          "move" if move_to else None) if a]
    if not claim_id or len(chosen) != 1:
        raise click.UsageError("give a CLAIM_ID and one of --confirm, --reject, --set FIELD=VALUE..., --same-as, "
                               "--move-to, --split (or --orphans)")
    if not reviewer:
        raise click.UsageError("say who reviews with --as NAME")
    ledger = _open(db, write=True)
    claim = _claim(ledger, claim_id)
    other = same_as or move_to
    target = _claim(ledger, other).claim if other else None
    entry = reviews.append(ledger, new_review(claim.claim, chosen[0], reviewer, note, parse_changes(changes), target))
    now = reviewed_claim(ledger, claim_id)
    if fmt == "json":
        click.echo(json.dumps({"review": entry.to_dict(), "status": now.status, "current": now.claim.to_dict()},
                              ensure_ascii=False))
    else:
        click.echo(f"{claim_id}: {now.status} (review {entry.review_id} by {entry.reviewer}); "
                   f"`tollwatch history {claim_id}` shows every review")


def _claim(ledger: Ledger, claim_id: str) -> Any:
    from tollwatch.pipeline import reviewed_claim

    try:
        return reviewed_claim(ledger, claim_id)
    except StoreError:
        raise StoreError(f"{claim_id}: no stored claim has this id; `tollwatch claims --format jsonl` lists them "
                         "(figures derived by reconciling cannot be reviewed: review the claims they come from)") from None


def _orphans(ledger: Ledger, fmt: str) -> None:
    from tollwatch.store import reviews

    lost = reviews.book(ledger).orphans(lambda doc_id: ledger.claims(doc_id))
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in lost], ensure_ascii=False, indent=1))
        return
    if not lost:
        click.echo("no orphaned reviews: every review is with its figure")
        return
    click.echo(f"{len(lost)} review{'s' * (len(lost) != 1)} whose figure re-extraction no longer finds:")
    for r in lost:
        click.echo(_line(r.to_dict()) + f"  [{r.claim_id}, {r.doc_id}[{r.start}:{r.end}] {r.figure!r}]")


def _line(r: dict[str, Any]) -> str:
    """One review for people: who did what when, and why."""
    what = ", ".join(f"{k}={_shown(v)}" for k, v in r["changes"].items()) if r["action"] == "correct" else \
        f"{r['action'].replace('_', ' ')} {r['target']}" if r["target"] else r["action"]
    note = f"  “{r['note']}”" if r["note"] else ""
    return f"  #{r['review_id']} {r['reviewed_at']} {r['reviewer']}: {what}{note}"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or value)
    return "none" if value is None else str(value)


@click.command()
@click.argument("claim_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def history(claim_id: str, fmt: str, db: str | None) -> None:
    """Show a claim's reviews, oldest first, with its extracted and current values."""
    from tollwatch.pipeline import claim_history

    found = claim_history(_open(db, write=False), claim_id)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    current = found["current"]
    head = f"{current['count']['text']!r} {current['outcome']}" if current else "(no longer extracted)"
    click.echo(f"{claim_id}: {head}, {found['status']}")
    if not found["reviews"]:
        click.echo("  no reviews yet")
    for r in found["reviews"]:
        click.echo(_line(r))


@click.group()
def users() -> None:
    """Accounts for the dashboard and API: viewer (reads), reviewer (reviews, ingests), admin (users)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "reviewer", "admin"]), required=True)
@db_option
def users_add(name: str, role: str, db: str | None) -> None:
    """Add a user and print their API token, once: it is stored only as a hash."""
    from tollwatch.store.accounts import add_user

    token = add_user(_open(db, write=True), name, role)
    click.echo(f"added {name} ({role}). API token, shown only now; it is also the dashboard password:")
    click.echo(token)


@users.command("list")
@db_option
def users_list(db: str | None) -> None:
    """List users and their roles."""
    from tollwatch.store.accounts import list_users

    found = list_users(_open(db, write=False))
    for user in found:
        click.echo(f"{user.name}\t{user.role}")
    if not found:
        click.echo("no users: reads are open to all; `tollwatch users add NAME --role admin` adds one", err=True)


@users.command("remove")
@click.argument("name")
@db_option
def users_remove(name: str, db: str | None) -> None:
    """Remove a user; their token and logins stop working at once."""
    from tollwatch.store.accounts import remove_user

    if not remove_user(_open(db, write=True), name):
        raise click.ClickException(f"{name}: no such user; `tollwatch users list` lists them")
    click.echo(f"removed {name}")
