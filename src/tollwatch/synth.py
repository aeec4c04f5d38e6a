"""Synthetic news reports with exactly known claims, for scale tests and regression checks.

`generate(n, seed)` yields JSONL-ready documents of about 600 words: a few casualty sentences
built from templates (each with the claim it must produce) among filler paragraphs of the
kind wire copy carries (background, quotes, numbers that are not casualties).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

PLACES = ["Baniyas", "Latakia province", "El Fasher", "Goma", "Khan Younis", "Kharkiv", "Maiduguri",
          "Sittwe", "Tartus", "Jableh", "North Kivu", "Darfur", "Mosul", "Idlib", "Zamfara state"]
SOURCES = [("the health ministry", "said"), ("medics", "said"), ("the monitor", "said"),
           ("local officials", "said"), ("the United Nations", "said"), ("witnesses", "said"),
           ("the army", "said"), ("rescue workers", "said")]
VICTIMS = [("civilians", "civilian"), ("people", "unknown"), ("soldiers", "state_forces"),
           ("militants", "non_state_armed"), ("fighters", "combatant"), ("children", "civilian"),
           ("villagers", "civilian"), ("police officers", "state_forces")]
QUALIFIED = [("at least {n}", "{n}", None), ("more than {n}", "{n1}", None), ("{n}", "{n}", "{n}"),
             ("nearly {n}", "{n10}", "{nm1}"), ("about {n}", "{n10}", "{np10}")]
TEMPLATES = [
    ("{Q} {V} were killed in {P} on {D}, {S} {said}.", "killed"),
    ("An airstrike on a market in {P} killed {Q} {V}, {S} {said}.", "killed"),
    ("{S_cap} {said} {Q} {V} had been wounded in the shelling of {P}.", "injured"),
    ("Gunmen abducted {Q} {V} from a village near {P} on {D}, {S} {said}.", "kidnapped"),
    ("The death toll from the fighting in {P} has risen to {N}, {S} {said}.", "killed"),
    ("{Q} {V} fled their homes in {P} after the attack, according to {S}.", "displaced"),
]
FILLER = [
    "The fighting is the latest in a series of clashes that began in {year}, when a ceasefire collapsed.",
    "Aid groups have warned for months that supplies of food and medicine are running low across the region.",
    "The convoy travelled 40 km along Route 7 before it was stopped at a checkpoint at 10:30.",
    "Officials said they had allocated $25 million to rebuild 300 homes and 12 schools damaged in the storms.",
    "A 45-year-old shopkeeper said the market had been closed for three days and prices had risen by 30 percent.",
    "Diplomats met in Geneva on Tuesday to discuss a new round of talks, the fifth this year.",
    "The government has accused foreign powers of arming the groups, a charge they deny.",
    "Residents described hearing explosions through the night as drones circled overhead.",
    "Human rights groups called for an independent investigation into the events of the past week.",
    "Satellite images showed damage to several buildings near the port and along the main road.",
    "The region has been hit by drought, and many families depend on food aid delivered by road.",
    "Journalists have been barred from the area, making it difficult to confirm accounts from residents.",
]


@dataclass(frozen=True, slots=True)
class SynthClaim:
    anchor: str
    outcome: str
    low: int | None
    high: int | None
    category: str


def _count(rng: random.Random) -> tuple[str, int | None, int | None]:
    n = rng.choice([3, 7, 12, 19, 27, 40, 58, 73, 104, 212, 340])
    phrase, low, high = rng.choice(QUALIFIED)
    values = {"n": n, "n1": n + 1, "n10": n - (-(-n // 10)), "nm1": n - 1, "np10": n + (-(-n // 10))}
    return phrase.format(n=n), int(low.format(**values)), (int(high.format(**values)) if high else None)


def report(rng: random.Random, published: date) -> tuple[str, list[SynthClaim]]:
    paragraphs: list[str] = []
    claims: list[SynthClaim] = []
    for template, outcome in rng.sample(TEMPLATES, 3):
        q, low, high = _count(rng)
        victims, category = rng.choice(VICTIMS)
        source, said = rng.choice(SOURCES)
        n = rng.choice([31, 87, 152, 524])
        text = template.format(Q=q, V=victims, P=rng.choice(PLACES), D=rng.choice(["Friday", "Monday", "Saturday"]),
                               S=source, S_cap=source[0].upper() + source[1:], said=said, N=n)
        text = text[0].upper() + text[1:]
        if "{N}" in template:
            claims.append(SynthClaim(str(n), outcome, n, n, "unknown"))
        else:
            claims.append(SynthClaim(q, outcome, low, high, category))
        paragraphs.append(text)
    words = sum(len(p.split()) for p in paragraphs)
    while words < 600:
        filler = " ".join(rng.choice(FILLER).format(year=rng.randint(2011, 2023)) for _ in range(3))
        paragraphs.insert(rng.randint(1, len(paragraphs)), filler)
        words += len(filler.split())
    return "\n\n".join(paragraphs), claims


def generate(n: int, seed: int = 0) -> Iterator[tuple[dict[str, str], list[SynthClaim]]]:
    """n documents as JSONL records ({id, text, published}) with the claims each must yield."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    for i in range(n):
        published = start + timedelta(days=rng.randint(0, 300))
        text, claims = report(rng, published)
        yield {"id": f"synth-{seed}-{i}", "text": text, "published": published.isoformat()}, claims
