"""A report's headline, read as part of it when its text does not carry it.

A page's title often holds the one figure its body leaves implicit ("Four wounded in shooting at
a drive-through" above a body that only says "the victims"), and crawled dumps keep the title
apart from the text. Claims read from the title index the title, not the text: they carry
`evidence["field"] = "title"`, a claim id of their own, and the title as their quote, so every
figure still traces back to the words it came from.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from tollwatch.extract import lexicon as lx
from tollwatch.models import Claim, Count, Document

FIELD = "title"


def headline_of(doc: Document) -> str | None:
    """The title, when the text does not already open with it (pages put it on their first line)."""
    title = doc.title or ""
    words = " ".join(title.split())
    if not words:
        return None
    opening = " ".join(doc.text[:len(title) + 200].split())
    return None if words[:60] in opening else title  # as stored: claims index it


# words a Title Case headline capitalises that the rules read in lower case
_COMMON = frozenset(lx.CUE_WORDS | set(lx.PERSON) | lx.BE_AUX | lx.DETERMINERS | lx.LEAVE_VERBS | set(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds others other more in on at "
    "of for from with by to and or after before during near outside inside as while when police say says said".split()))
_WORD = re.compile(r"[A-Z][a-z]+")


def sentence_case(title: str) -> str:
    """'Gunman Shoots 4 People Outside Philly Restaurant' → 'Gunman shoots 4 people outside Philly
    restaurant': the common words of a Title Case headline in lower case, names kept, offsets kept."""
    words = re.findall(r"[A-Za-z]+", title)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return title
    return _WORD.sub(lambda m: m.group().lower() if m.start() and m.group().lower() in _COMMON else m.group(), title)


def in_title(c: Claim) -> bool:
    return c.evidence.get("field") == FIELD


def headline_like(c: Claim) -> bool:
    """The title, or a line of the text written as one ("4-Year-Old Child Shoots Self In Head,
    Expected to Survive" under another headline): Title Case, unpunctuated, four words or more."""
    if in_title(c):
        return True
    line = c.quote.strip()
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", line)
    return len(words) >= 4 and not line.endswith((".", "!", "?", '"', "”", ":")) and \
        sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def from_title(title: str, claims: list[Claim]) -> list[Claim]:
    """Claims read from a headline (in `sentence_case`), marked, quoting the headline as written,
    and given ids apart from the text's claims at the same offsets; links follow the new ids."""
    ids = {c.claim_id: "clm-" + hashlib.sha256(f"{c.doc_id}\x00{FIELD}\x00{c.start}\x00{c.end}".encode()
                                               ).hexdigest()[:16] for c in claims}
    out = []
    for c in claims:
        evidence = {**c.evidence, "field": FIELD}
        if evidence.get("subset_of") in ids:
            evidence["subset_of"] = ids[evidence["subset_of"]]
        count = Count(title[c.start:c.end], c.count.value, c.count.qualifier, c.count.low, c.count.high, c.count.best)
        out.append(replace(c, claim_id=ids[c.claim_id], quote=title, count=count,
                           part_of=ids.get(c.part_of or "", c.part_of),
                           parts=tuple(ids.get(p, p) for p in c.parts), evidence=evidence))
    return out
