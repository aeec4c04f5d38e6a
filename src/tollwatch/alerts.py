"""Alerts: rules in a YAML file, checked against the ledger's reconciled tables after each poll
or ingest, each alert raised once and delivered by webhook, email and the dashboard's Atom feed.

    webhook_secret_env: TOLLWATCH_WEBHOOK_SECRET   # signs webhook bodies (HMAC-SHA256)
    dashboard: https://tollwatch.example.org        # makes evidence links absolute
    smtp: {host: mail.example.org, port: 587, sender: tollwatch@example.org, starttls: true,
           username: tollwatch, password_env: TOLLWATCH_SMTP_PASSWORD}
    alerts:
      - when: discrepancy        # a new contradiction, revision down or parts > whole
        webhook: https://example.org/hook
      - when: threshold          # a tally above a value
        place: "Syria's coast"
        outcome: killed
        above: 500
        email: desk@example.org
      - when: new_incident
        min_killed: 10

An alert's id is made from its rule and its subject (the discrepancy, tally or incident), and it is
stored before it is sent; each channel's delivery is recorded, and one that failed is tried again
at the next check (up to MAX_ATTEMPTS times). So an alert is sent once however often the rules run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import smtplib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import select

from tollwatch.errors import ConfigError, FetchError
from tollwatch.ingest.fetch import RETRY_STATUSES, Fetcher
from tollwatch.models import Outcome
from tollwatch.store import Ledger
from tollwatch.store.schema import alert_deliveries, alerts, discrepancies, incidents, tallies

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Tollwatch-Signature"
MAX_ATTEMPTS = 5  # per channel, across checks
RETRIES = 3       # within one check, with backoff


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Smtp(_Entry):
    host: str = Field(min_length=1)
    port: int = Field(default=25, ge=1, le=65535)
    sender: str = Field(min_length=3, pattern=r"^[^@\s]+@[^@\s]+$")
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout: float = Field(default=10.0, gt=0, le=120)


class Rule(_Entry):
    when: Literal["discrepancy", "threshold", "new_incident"]
    name: str | None = None
    webhook: str | None = None
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+$")
    kinds: list[Literal["contradiction", "revised_down", "parts_exceed_whole"]] | None = None  # discrepancy
    place: str | None = None                                                                    # threshold
    outcome: Outcome | None = None
    category: str | None = None
    above: int | None = Field(default=None, ge=0)
    min_killed: int = Field(default=1, ge=0)                                                    # new_incident

    @field_validator("webhook")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise PydanticCustomError("http_url", "must be an http:// or https:// URL")
        return value

    @model_validator(mode="after")
    def _complete(self) -> Rule:
        if self.when == "threshold" and self.above is None:
            raise PydanticCustomError("threshold", "a threshold rule needs `above: N`")
        return self

    @property
    def label(self) -> str:
        return self.name or self.when


class AlertFile(_Entry):
    alerts: list[Rule] = Field(min_length=1)
    smtp: Smtp | None = None
    dashboard: str | None = None
    webhook_secret_env: str = "TOLLWATCH_WEBHOOK_SECRET"


@dataclass(frozen=True, slots=True)
class Rules:
    file: AlertFile
    secret: bytes | None          # the webhook signing key, from the environment
    places: dict[int, str]        # rule index → the place id its `place` names
    origin: str


def read_rules(path: Path) -> Rules:
    """The alert file, every rule checked (places resolved, a secret for webhooks, SMTP for email);
    ConfigError, one line naming the file and the field, otherwise."""
    from tollwatch.normalise.config import validated

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the alerts file ({getattr(e, 'strerror', None) or e})") from None
    file = validated(AlertFile, text, path)
    places: dict[int, str] = {}
    for n, rule in enumerate(file.alerts):
        if rule.email and file.smtp is None:
            raise ConfigError(f"{path}: alerts[{n}].email: sending email needs an `smtp:` section (host, sender)")
        if rule.place:
            from tollwatch.normalise import default_normaliser

            place_id = default_normaliser().place_id(rule.place)
            if place_id is None:
                raise ConfigError(f"{path}: alerts[{n}].place: {rule.place!r} is no place in the gazetteer; "
                                  "`tollwatch places NAME` shows what a name resolves to")
            places[n] = place_id
    secret = os.environ.get(file.webhook_secret_env)
    if any(r.webhook for r in file.alerts) and not secret:
        raise ConfigError(f"{path}: webhooks are signed: set ${file.webhook_secret_env} to a secret shared with "
                          "the receiver (or name another variable with webhook_secret_env)")
    return Rules(file, secret.encode() if secret else None, places, str(path))


@dataclass(frozen=True, slots=True)
class Alert:
    alert_id: str
    rule: str
    kind: str
    subject: str
    title: str
    payload: dict[str, Any]
    created_at: datetime


def raised(ledger: Ledger, rules: Rules, now: datetime) -> Iterator[tuple[Rule, Alert]]:
    """Every alert the rules raise on the ledger's reconciled tables, raised before or not."""
    from tollwatch.reconcile import default_places

    tree = default_places() if rules.places else None
    with ledger.engine.connect() as conn:
        found_flags = conn.execute(select(discrepancies)).mappings().all() \
            if any(r.when == "discrepancy" for r in rules.file.alerts) else []
        found_tallies = conn.execute(select(tallies)).mappings().all() \
            if any(r.when == "threshold" for r in rules.file.alerts) else []
        found_incidents = conn.execute(select(incidents).where(incidents.c.outcome == "killed")).mappings().all() \
            if any(r.when == "new_incident" for r in rules.file.alerts) else []
    base = (rules.file.dashboard or "").rstrip("/")
    for n, rule in enumerate(rules.file.alerts):
        fingerprint = json.dumps(rule.model_dump(), sort_keys=True)
        if rule.when == "discrepancy":
            for d in found_flags:
                if rule.kinds is None or d["kind"] in rule.kinds:
                    yield rule, _alert(fingerprint, rule, d["discrepancy_id"], f"{d['kind'].replace('_', ' ')}: "
                                       f"{d['reason']}", now, {
                                           "kind": d["kind"], "reason": d["reason"],
                                           "quotes": _quotes(d, base),
                                           "evidence": [f"{base}/tallies/{d['tally_id']}"] if d["tally_id"] else []})
        elif rule.when == "threshold":
            place = rules.places.get(n)
            for t in found_tallies:
                if rule.outcome and t["outcome"] != rule.outcome or rule.category and t["category"] != rule.category:
                    continue
                if place and not (t["place_id"] and tree is not None and tree.contains(place, t["place_id"])):
                    continue
                if t["best"] > (rule.above or 0):
                    where = f" in {t['place_name']}" if t["place_name"] else ""
                    yield rule, _alert(fingerprint, rule, t["tally_id"], f"{t['outcome']} {t['category']}{where} "
                                       f"above {rule.above}: best {t['best']} ({t['low']}–{t['high']})", now, {
                                           "tally_id": t["tally_id"], "best": t["best"], "low": t["low"],
                                           "high": t["high"], "above": rule.above,
                                           "quotes": [{"source": s["name"], "figure": s["best"],
                                                       "claim_id": s["claim_id"],
                                                       "evidence": f"{base}/claims/{s['claim_id']}"}
                                                      for s in t["sources"]],
                                           "evidence": [f"{base}/tallies/{t['tally_id']}"]})
        else:
            for i in found_incidents:
                if i["best"] >= rule.min_killed:
                    where = f" in {i['place_name']}" if i["place_name"] else ""
                    yield rule, _alert(fingerprint, rule, i["incident_id"], f"new incident: {i['best']} killed{where}, "
                                       f"{i['start']}", now, {
                                           "incident_id": i["incident_id"], "best": i["best"], "low": i["low"],
                                           "high": i["high"], "start": i["start"], "end": i["end"],
                                           "sources": i["sources"], "quotes": [],
                                           "evidence": [f"{base}/incidents/{i['incident_id']}"]})


def _alert(fingerprint: str, rule: Rule, subject: str, title: str, now: datetime, details: dict[str, Any]) -> Alert:
    alert_id = "alr-" + hashlib.sha256(f"{fingerprint}\x00{subject}".encode()).hexdigest()[:16]
    payload = {"alert_id": alert_id, "rule": rule.label, "when": rule.when, "title": title,
               "created_at": now.isoformat() + "Z", **details}
    return Alert(alert_id, rule.label, rule.when, subject, title, payload, now)


def _quotes(d: Any, base: str) -> list[dict[str, Any]]:
    """Both sides' words, each with a link to its claim (an event figure read from several claims:
    to the tally)."""
    def link(claim_id: str) -> str:
        tally = f"{base}/tallies/{d['tally_id']}" if d["tally_id"] else ""
        return f"{base}/claims/{claim_id}" if claim_id.startswith("clm-") or not tally else tally
    return [{"source": s, "quote": q, "claim_id": c, "evidence": link(c)}
            for s, q, c in zip(d["sources"], d["quotes"], d["claim_ids"])]


class Dispatcher:
    """Checks the rules against the ledger, stores what is new, and delivers what is undelivered."""

    def __init__(self, ledger: Ledger, rules: Rules, *, allow_private: bool = False,
                 sleep: Callable[[float], None] = time.sleep, backoff: float = 1.0,
                 now: Callable[[], datetime] | None = None) -> None:
        self.ledger, self.rules, self.allow_private = ledger, rules, allow_private
        self.sleep, self.backoff = sleep, backoff
        self.now = now or (lambda: datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0))

    def check(self) -> list[Alert]:
        """Raise and deliver; returns the alerts raised for the first time."""
        new: list[Alert] = []
        with self.ledger.engine.connect() as conn:
            known = set(conn.scalars(select(alerts.c.alert_id)))
        for rule, alert in raised(self.ledger, self.rules, self.now()):
            if alert.alert_id in known:
                continue
            known.add(alert.alert_id)
            self._store(rule, alert)
            new.append(alert)
            log.info("alert: %s", alert.title)
        self.deliver()
        return new

    def _store(self, rule: Rule, alert: Alert) -> None:
        channels = [("webhook", rule.webhook), ("email", rule.email)]
        with self.ledger._writing() as conn:
            conn.execute(alerts.insert().values(alert_id=alert.alert_id, rule=alert.rule, kind=alert.kind,
                                                subject=alert.subject, title=alert.title, payload=alert.payload,
                                                created_at=alert.created_at))
            for channel, target in channels:
                if target:
                    conn.execute(alert_deliveries.insert().values(alert_id=alert.alert_id, channel=channel,
                                                                  target=target, attempts=0))

    def deliver(self) -> None:
        """Send every delivery not yet made (and not given up on)."""
        query = (select(alert_deliveries.c.alert_id, alert_deliveries.c.channel, alert_deliveries.c.target,
                        alert_deliveries.c.attempts, alerts.c.payload, alerts.c.title)
                 .join(alerts, alerts.c.alert_id == alert_deliveries.c.alert_id)
                 .where(alert_deliveries.c.delivered_at.is_(None), alert_deliveries.c.attempts < MAX_ATTEMPTS)
                 .order_by(alerts.c.created_at))
        with self.ledger.engine.connect() as conn:
            pending = conn.execute(query).all()
        if not pending:
            return
        with Fetcher(allow_private=self.allow_private, deadline=30.0, respect_robots=False) as fetcher:
            for alert_id, channel, target, attempts, payload, title in pending:
                try:
                    if channel == "webhook":
                        self._post(fetcher, target, payload)
                    else:
                        self._mail(target, title, payload)
                except DeliveryError as e:
                    log.warning("alert %s: %s not delivered: %s", alert_id, channel, e)
                    self._record(alert_id, channel, attempts + 1, error=str(e))
                else:
                    self._record(alert_id, channel, attempts + 1, delivered=True)

    def _record(self, alert_id: str, channel: str, attempts: int, delivered: bool = False,
                error: str | None = None) -> None:
        with self.ledger._writing() as conn:
            conn.execute(alert_deliveries.update().where(alert_deliveries.c.alert_id == alert_id,
                                                         alert_deliveries.c.channel == channel)
                         .values(attempts=attempts, delivered_at=self.now() if delivered else None,
                                 error=None if delivered else (error or "")[:500]))

    def _post(self, fetcher: Fetcher, url: str, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"Content-Type": "application/json", "X-Tollwatch-Alert": payload["alert_id"],
                   SIGNATURE_HEADER: "sha256=" + sign(self.rules.secret or b"", body)}
        problem = ""
        for attempt in range(RETRIES + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                status = fetcher.post(url, body, headers)
            except FetchError as e:
                if "private or local address" in str(e) or "only http" in str(e):
                    raise DeliveryError(str(e)) from None  # refused, not failed: trying again changes nothing
                problem = str(e)
                continue
            if 200 <= status < 300:
                return
            problem = f"{url}: the receiver answered HTTP {status}"
            if status not in RETRY_STATUSES:
                break
        raise DeliveryError(problem)

    def _mail(self, to: str, title: str, payload: dict[str, Any]) -> None:
        smtp = self.rules.file.smtp
        assert smtp is not None  # read_rules refuses email rules without it
        message = EmailMessage()
        message["Subject"] = f"[tollwatch] {title}"[:200]
        message["From"], message["To"] = smtp.sender, to
        message["X-Tollwatch-Alert"] = payload["alert_id"]
        message.set_content(_mail_text(title, payload))
        try:
            with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as server:
                if smtp.starttls:
                    server.starttls()
                if smtp.username:
                    server.login(smtp.username, os.environ.get(smtp.password_env or "", ""))
                server.send_message(message)
        except (OSError, smtplib.SMTPException) as e:
            raise DeliveryError(f"{smtp.host}:{smtp.port}: {e}") from None


class DeliveryError(Exception):
    """A channel that did not take an alert; recorded, tried again at the next check."""


def sign(secret: bytes, body: bytes) -> str:
    """The HMAC-SHA256 of a webhook body, hex: what the receiver computes to trust it."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def _mail_text(title: str, payload: dict[str, Any]) -> str:
    lines = [title, ""]
    for q in payload.get("quotes", []):
        said = q.get("quote") or f"figure {q.get('figure')}"
        lines.append(f"- {q.get('source')}: {said}\n  {q.get('evidence')}")
    lines += ["", *payload.get("evidence", [])]
    return "\n".join(lines) + "\n"


def recent(ledger: Ledger, limit: int = 20) -> list[Alert]:
    """The latest alerts, newest first (the dashboard's list, /alerts.atom)."""
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(alerts).order_by(alerts.c.created_at.desc(), alerts.c.alert_id)
                            .limit(limit)).mappings().all()
    return [Alert(r["alert_id"], r["rule"], r["kind"], r["subject"], r["title"], r["payload"], r["created_at"])
            for r in rows]
