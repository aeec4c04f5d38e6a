"""Arabic claims, on the English reader's document model: sentences -> mentions (figures, victim
nouns, cues, sources, places, times) -> victims -> claim records.

For each figure the rules decide, in order:
1. what it counts: the noun after it ("35 قتيلا"، "17 شخصا"، "عشرات من المدنيين"); a thing
   (غارة، منزل، عاما، دولار، أسرة) rejects it;
2. the outcome: the noun itself (قتيلا، جرحى), a cue before it (مقتل، أودى بحياة، استشهد،
   إصابة ...), a running toll (ارتفعت حصيلة القتلى إلى 64، "والجرحى إلى 950"), a cue after
   the victims (لقوا حتفهم، أصيبوا), a list it continues (مقتل 5 أطفال و3 نساء) or the whole
   it breaks down (بينهم 7 أطفال);
3. victims' class and attributes; manner, perpetrator, source, place, time, scope, modality.
Duals (قتيلان، جنديين) count two and an indefinite singular after a cue (مقتل شاب) one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

from tollwatch.extract.lang.ar import lexicon as lx
from tollwatch.extract.lang.ar.context import (MONTHS, Mention, When, find_manners, find_perpetrators, find_places,
                                               find_sources, find_times, month_at, source_kind)
from tollwatch.extract.lang.ar.numbers import Figure, find_figures
from tollwatch.extract.lang.ar.script import Folded, Tok, fold, fold_with_map, tokens, variants
from tollwatch.models import Claim, Count, Location, Perpetrator, Source, TimeSpan, Victims

RULESET = "tollwatch-rules-ar/1"

_BOUNDARY = re.compile(r"[.!?؟]+(?=\s|$)|\n+")  # not the point inside "2.5"
_MAX_SENTENCE = 2000
_IN_YEAR = re.compile(r"(?:عام|سنه|خلال)\s+(?:19|20)\d\d(?!\d)")  # "في عام 2024": a year's total
_CLAUSE_BREAK = frozenset({"،", ",", "؛", ";", ":", "(", ")", "-", "–", "—", '"', "«", "»"})
_FORCES = lx._words("قوات القوات الجيش جيش الأمن الشرطة النظام الحكومة الحكومية الحرس الجيش")
_ARMED = lx._words("تنظيم داعش الفصائل فصائل حزب حماس الحوثي الحوثيين جماعة الدعم ميليشيا ميليشيات مليشيا "
                   "مليشيات المعارضة المسلحة")
_DEATH_VERB = lx._words("أودى أودت يودي تودي")
_NOT_SINGLE = lx._words("إصابة إصابات وفاة وفيات جثمان")
_CASES = lx._words("حالة حالات")
_COUNTED_AS = (fold("في"), fold("عداد"))  # "نحو 10 آلاف في عداد المفقودين"
_ONE = lx._words("واحد واحدة")
_KIN_OBJECTS = lx._words("زوجته زوجها ابنه ابنها ابنته ابنتها شقيقه شقيقها شقيقته شقيقتها والده والدها والدته "
                         "والدتها طفله طفلها أطفاله أطفالها أمه أمها أباه أباها أخاه أخته جاره جارته")
_NOT_LESS = lx._words("يقل تقل")
_MONTH_FIRST = frozenset(name.split()[0] for name in MONTHS)
_OF = lx._words("من في صفوف عناصر أفراد")
_NEGATION_STARTS = frozenset(p[0] for p in (*lx.NO_ONE, *lx.NEGATION))
_NEGATED_NOUNS = {fold(w): o for w, o in (("إصابات", "casualties"), ("ضحايا", "casualties"), ("قتلى", "killed"),
                                         ("جرحى", "injured"), ("خسائر", "casualties"), ("وفيات", "killed"))}


@dataclass(slots=True)
class _Draft:
    start: int  # folded offsets of the count phrase
    end: int
    count: Count
    outcome: str
    rule: str
    sentence: tuple[int, int]
    paragraph: int
    confidence: float
    category: str = "unknown"
    attributes: list[str] = field(default_factory=list)
    victims: tuple[int, int] | None = None
    part_of: int | None = None
    parts: list[int] = field(default_factory=list)
    negated: bool = False
    group: str | None = None
    key: int = -1  # its index as made, before the sentence's drafts are put in text order


def extract_claims(text: str, doc_id: str, published: date | None = None) -> list[Claim]:
    """Every casualty claim in Arabic `text`; offsets index `text` itself. Never raises on any string."""
    folded = fold_with_map(text)
    ft = folded.text
    drafts: list[_Draft] = []
    extras: list[_Said] = []
    dateline: Mention | None = None
    paragraph = 0
    carried: dict[str, Mention | None] = {"source": None, "place": None}
    carried_time: When | None = None
    for s, e, new_paragraph in _sentences(ft):
        if new_paragraph:
            paragraph += 1
            carried = {"source": None, "place": None}
            carried_time = None
        while s < e and ft[s].isspace():
            s += 1
        while e > s and ft[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        toks = tokens(ft, s, e)
        figures = find_figures(toks, ft)
        figure_tokens = {k for f in figures for k in range(f.number, f.last)}
        sources = find_sources(toks, figure_tokens)
        places = find_places(toks)
        if s == 0 and places and _is_dateline(ft, places[0]):
            dateline, places = places[0], places[1:]  # "دمشق - (وكالات):": where it was filed, the fallback
        times = find_times(ft, s, e, published)
        manners = find_manners(toks)
        perpetrators = find_perpetrators(toks, figure_tokens)
        found = _sentence_drafts(toks, ft, figures, (s, e), paragraph, drafts)
        words = {f for t in toks for f in variants(t)} if found else set()
        for d in found:
            src, inherited = (sources[0], False) if sources else (carried["source"], True)
            place = _nearest(d, places)
            place_inferred = False
            if place is None:
                place, place_inferred = carried["place"] or dateline, True
            when = _nearest(d, times) or carried_time
            manner = _nearest(d, manners)
            perpetrator = _nearest(d, perpetrators)
            spans: dict[str, list[int]] = {}
            source = Source()
            if src is not None:
                name = _orig(text, folded, src.start, src.end)
                if name.startswith("لل"):
                    name = "ال" + name[2:]  # "للمرصد": ل + المرصد, its alef elided
                source = Source(name, None, source_kind(src.kind))
                spans["source"] = list(folded.span(src.start, src.end))
            location = None
            if place is not None:
                location = Location(_orig(text, folded, place.start, place.end))
                spans["place"] = list(folded.span(place.start, place.end))
            time = None
            if when is not None:
                time = TimeSpan(_orig(text, folded, when.start, when.end), when.first, when.last)
                spans["time"] = list(folded.span(when.start, when.end))
            if d.victims is not None:
                spans["victims"] = list(folded.span(*d.victims))
            modality = _modality(d, toks, words, src is not None)
            scope = _scope(words, ft[s:e])
            extras.append(_Said(source, inherited and src is not None, location, place_inferred and place is not None,
                                time, modality, scope, manner.kind if manner else None,
                                _orig(text, folded, perpetrator.start, perpetrator.end) if perpetrator else None,
                                spans))
            drafts.append(d)
        if sources:
            carried["source"] = sources[0]
        if places:
            carried["place"] = places[-1]
        if times:
            carried_time = times[-1]
    return _claims(text, folded, doc_id, drafts, extras)


_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?[-–—:،,(]")


def _is_dateline(text: str, place: Mention) -> bool:
    """A place that opens the report, followed by a dash, a colon or the agency in brackets."""
    return not text[:place.start].strip() and _DATELINE_END.match(text, place.end) is not None


def _sentences(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, starts a paragraph) of each sentence; a line break ends a paragraph. A text
    without breaks is cut at a space every _MAX_SENTENCE characters, so the rules' windows stay bounded."""
    out: list[tuple[int, int, bool]] = []
    start, new_paragraph = 0, False
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        _add(out, text, start, end, new_paragraph)
        new_paragraph = "\n" in m.group()
        start = m.end()
    _add(out, text, start, len(text), new_paragraph)
    return out


def _add(out: list[tuple[int, int, bool]], text: str, start: int, end: int, new_paragraph: bool) -> None:
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        out.append((start, cut, new_paragraph))
        start, new_paragraph = cut, False
    out.append((start, end, new_paragraph))


@dataclass(frozen=True, slots=True)
class _Said:
    """What a figure's sentence and paragraph say around it."""

    source: Source
    inherited: bool
    location: Location | None
    inferred: bool
    time: TimeSpan | None
    modality: str
    scope: str
    manner: str | None
    perpetrator: str | None
    spans: dict[str, list[int]]


def _claims(text: str, folded: Folded, doc_id: str, drafts: list[_Draft], extras: list[_Said]) -> list[Claim]:
    spans = [folded.span(d.start, d.end) for d in drafts]
    ids = [Claim.make_id(doc_id, a, b) for a, b in spans]
    out = []
    for i, d in enumerate(drafts):
        x = extras[i]
        source, inherited, location, inferred, time = x.source, x.inherited, x.location, x.inferred, x.time
        modality, scope, manner, perpetrator, where = x.modality, x.scope, x.manner, x.perpetrator, x.spans
        start, end = spans[i]
        q0, q1 = folded.span(*d.sentence)
        victims_text = _orig(text, folded, *d.victims) if d.victims else None
        evidence: dict[str, object] = {"rule": f"{RULESET}:{d.rule}", "source_inherited": inherited,
                                       "location_inferred": inferred, "language": "ar"}
        if where:
            evidence["spans"] = dict(sorted(where.items()))
        out.append(Claim(
            claim_id=ids[i], doc_id=doc_id, start=start, end=end, quote=text[q0:q1],
            count=Count(text[start:end], d.count.value, d.count.qualifier, d.count.low, d.count.high, d.count.best),
            outcome=d.outcome,  # type: ignore[arg-type]
            victims=Victims(d.category, d.group, tuple(dict.fromkeys(d.attributes)), victims_text),  # type: ignore[arg-type]
            source=source, scope=scope, modality=modality,  # type: ignore[arg-type]
            manner=manner, perpetrator=Perpetrator(perpetrator) if perpetrator else None,
            location=location, time=time,
            part_of=ids[d.part_of] if d.part_of is not None else None,
            parts=tuple(ids[p] for p in d.parts), confidence=d.confidence, evidence=evidence,
        ))
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _orig(text: str, folded: Folded, start: int, end: int) -> str:
    a, b = folded.span(start, end)
    return text[a:b]


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


def _nearest(d: _Draft, items: Sequence[S]) -> S | None:
    best: tuple[int, S] | None = None
    for it in items:
        distance = d.start - it.end if it.end <= d.start else it.start - d.end if it.start >= d.end else 0
        if best is None or distance < best[0]:
            best = (distance, it)
    return best[1] if best else None


# --- figures in one sentence ----------------------------------------------------------------------

@dataclass(slots=True)
class _Head:
    index: int            # token index of the noun
    outcome: str | None   # when the noun names the outcome (قتيلا، جرحى)
    category: str
    attribute: str
    thing: bool = False


def _head(toks: list[Tok], k: int) -> _Head | None:
    """The noun a figure counts: the token at k, or after a partitive 'من' ('35 من المدنيين')."""
    for j in (k, k + 1):
        if j >= len(toks):
            return None
        t = toks[j]
        if j == k + 1 and toks[k].text != "من":
            return None
        forms = variants(t)
        if t.text in _CASES and j + 1 < len(toks):  # "12 حالة وفاة": cases of an outcome
            outcome = next((lx.OUTCOME_PEOPLE[f][0] for f in variants(toks[j + 1]) if f in lx.OUTCOME_PEOPLE), None)
            if outcome is not None:
                return _Head(j + 1, outcome, "unknown", "")
        for f in forms:
            if f in lx.THINGS:
                return _Head(j, None, "unknown", "", thing=True)
            if f in lx.OUTCOME_PEOPLE:
                return _Head(j, lx.OUTCOME_PEOPLE[f][0], "unknown", "")
            if f in lx.PEOPLE:
                category, attribute, _ = lx.PEOPLE[f]
                return _Head(j, None, category, attribute)
        if j == k and t.text != "من":
            return None
    return None


def _phrase(toks: list[Tok], k: int, phrase: tuple[str, ...]) -> bool:
    if k + len(phrase) > len(toks):
        return False
    return all((toks[k + n].text == w or (n == 0 and w in variants(toks[k]))) for n, w in enumerate(phrase))


def _sentence_drafts(toks: list[Tok], text: str, figures: list[Figure], sentence: tuple[int, int],
                     paragraph: int, earlier: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    heads: set[int] = set()
    base = len(earlier)
    figure_at = {f.first: f for f in figures}
    for f in figures:
        d = _figure_draft(toks, text, f, sentence, paragraph, earlier, out, base)
        if d is not None:
            out.append(d)
        heads.update(range(f.first, f.last))
        h = _head(toks, f.last)
        if h is not None:
            heads.add(h.index)
    for k, t in enumerate(toks):
        if k in heads or k in figure_at:
            continue
        d = _noun_draft(toks, k, sentence, paragraph, earlier, out, base)
        if d is not None:
            out.append(d)
    out.extend(_negations(toks, sentence, paragraph))
    out.sort(key=lambda d: d.start)
    _renumber(out, base, earlier)
    return out


def _renumber(out: list[_Draft], base: int, earlier: list[_Draft]) -> None:
    """Drafts were made in two passes; links between them follow the sort (a whole in an earlier
    sentence keeps its index and learns of its new parts)."""
    index = {id(d): base + i for i, d in enumerate(out)}
    by_old: dict[int, _Draft] = {}
    for d in out:
        by_old[d.key] = d
    for d in out:
        d.parts = []
    for d in out:
        if d.part_of is not None and d.part_of < base:
            earlier[d.part_of].parts.append(index[id(d)])
        elif d.part_of is not None:
            whole = by_old.get(d.part_of)
            if whole is not None:
                d.part_of = index[id(whole)]
                whole.parts.append(index[id(d)])


def _figure_draft(toks: list[Tok], text: str, f: Figure, sentence: tuple[int, int], paragraph: int,
                  earlier: list[_Draft], out: list[_Draft], base: int) -> _Draft | None:
    if f.first > 0 and _is(toks[f.first - 1], lx.NOT_BEFORE_COUNT):
        return None
    if f.last < len(toks) and toks[f.last].text in ("%", "٪", ":", "/"):
        return None
    if month_at(text, toks[f.last - 1].end):
        return None
    head = _head(toks, f.last)
    if head is not None and head.thing:
        return None
    if head is None and f.last < len(toks) and toks[f.last].text == "من" and _listed_after(toks, f.first, out):
        head = _Head(f.last, None, "unknown", "")  # "9 عناصر من قوات النظام و6 من الفصائل": the list's noun
    after = head.index + 1 if head else f.last
    value = f.count.value
    if head is None and value is not None and 1900 <= value <= 2100 and f.count.qualifier == "exact":
        return None  # a year
    outcome, rule, part_of = None, "", None
    if _casualties_after(toks, f.last) or (head and _casualties_after(toks, head.index)):
        outcome, rule = "casualties", "figure+between-killed-and-injured"
    elif head is not None and head.outcome is not None:
        outcome, rule = head.outcome, "figure+victims-noun"
        if head.index + 1 < len(toks) and _both_outcomes(toks[head.index], toks[head.index + 1]):
            outcome = "casualties"  # "مئات القتلى والجرحى"
    intro = _parts_intro(toks, f.first)
    if outcome is None or intro:
        whole = _whole(out, earlier, paragraph) if intro else None
        if whole is not None:
            part_of = whole
            outcome = outcome or _draft(out, earlier, base, whole).outcome
            rule = rule or "breakdown"
    if outcome is None:
        left = _left_cue(toks, f.first, head)
        if left is not None:
            outcome, rule = left, "cue+figure"
    if outcome is None:
        toll = _toll(toks, f.first)
        if toll is not None:
            outcome, rule = toll, "toll+figure"
            window = toks[max(0, f.first - 6):f.first]
            if any(_is(t, lx.EXCEEDED) for t in window):
                f = f.with_qualifier("more_than")  # "تجاوز عدد القتلى 100"
            elif toks[f.first - 1].text == "عن" and any(t.text in _NOT_LESS for t in window):
                f = f.with_qualifier("at_least")  # "لا يقل عدد القتلى عن 50"
    if outcome is None and (head is not None or _phrase(toks, f.last, _COUNTED_AS)):
        right = _right_cue(toks, after)
        if right is not None:
            outcome, rule = right, "figure+victims+cue"
    if outcome is None and head is not None and head.outcome is None:
        prev = _listed_after(toks, f.first, out)
        if prev is not None:
            outcome, rule, part_of = prev.outcome, "list", prev.part_of
    if outcome is None:
        return None
    if f.count.value is None and head is None and rule not in ("cue+figure", "toll+figure"):
        return None
    count = f
    for phrase, q in lx.POST_QUALIFIERS:
        if _phrase(toks, after, phrase) or _phrase(toks, f.last, phrase):
            count = f.with_qualifier(q)  # type: ignore[arg-type]
    start = count.start
    d = _Draft(start, count.end, count.count, outcome, rule, sentence, paragraph,
               0.8 if rule in ("figure+victims-noun", "cue+figure") else 0.7)
    if head is not None:
        d.category, d.attributes = _category(toks, head)
        d.group = _group(toks, head.index)
        d.victims = (_noun_start(toks[head.index]), toks[head.index].end)
    d.part_of = part_of
    return _tag(d, base + len(out))


def _tag(d: _Draft, key: int) -> _Draft:
    d.key = key
    return d


def _draft(out: list[_Draft], earlier: list[_Draft], base: int, index: int) -> _Draft:
    return out[index - base] if index >= base else earlier[index]


def _is(tok: Tok, words: Container[str]) -> bool:
    return any(f in words for f in variants(tok))


def _noun_start(tok: Tok) -> int:
    """Where the noun itself starts: 'وجنديين' -> 'جنديين' (the article stays: it is the noun's)."""
    for pre in ("وب", "ول", "و", "ب", "ل", "ف"):
        rest = tok.text[len(pre):]
        if tok.text.startswith(pre) and (rest in lx.PEOPLE or rest in lx.OUTCOME_PEOPLE or rest.startswith("ال")
                                         and (rest[2:] in lx.PEOPLE or rest[2:] in lx.OUTCOME_PEOPLE)):
            return tok.start + len(pre)
    return tok.start


def _category(toks: list[Tok], head: _Head) -> tuple[str, list[str]]:
    category, attributes = head.category, [head.attribute] if head.attribute else []
    if head.outcome is not None or category in ("unknown", "combatant"):
        for n, t in enumerate(toks[head.index + 1:head.index + 5]):
            if t.text in _CLAUSE_BREAK or n > 0 and not _is(toks[head.index + n], _OF):
                break  # "عناصر من قوات النظام"، "قتلى في صفوف المدنيين"; not "في اشتباكات مع قوات الأمن"
            if _is(t, _FORCES):
                return "state_forces", attributes
            if _is(t, _ARMED):
                return "non_state_armed", attributes
            for f in variants(t):
                if f in lx.PEOPLE and lx.PEOPLE[f][0] != "unknown" and head.outcome is not None:
                    c, a, _ = lx.PEOPLE[f]
                    return c, attributes + ([a] if a else [])
    return category, attributes


def _both_outcomes(first: Tok, second: Tok) -> bool:
    """'القتلى والجرحى'، 'قتلى وجرحى': the killed and the injured named together."""
    if not second.text.startswith("و"):
        return False
    outcomes = set()
    for tok in (first, second):
        for f in variants(tok):
            if f in lx.OUTCOME_PEOPLE:
                outcomes.add(lx.OUTCOME_PEOPLE[f][0])
            elif f in lx.TOLL_NOUNS:
                outcomes.add(lx.TOLL_NOUNS[f])
    return outcomes == {"killed", "injured"}


def _group(toks: list[Tok], k: int) -> str | None:
    """'37 فلسطينياً' -> Palestinians; '1,383 مدنياً من أبناء الطائفة العلوية' -> Alawite."""
    noun = next((lx.GROUP_NOUNS[f] for f in variants(toks[k]) if f in lx.GROUP_NOUNS), None)
    if noun is not None:
        return noun
    for t in toks[k + 1:k + 6]:
        if t.text in _CLAUSE_BREAK or t.text[:1].isdigit():
            break
        found = next((lx.GROUP_ADJECTIVES[f] for f in variants(t) if f in lx.GROUP_ADJECTIVES), None)
        if found is not None:
            return found
    return None


def _casualties_after(toks: list[Tok], k: int) -> bool:
    return any(_phrase(toks, k, p) or _phrase(toks, k + 1, p) for p in lx.CASUALTIES_AFTER)


def _parts_intro(toks: list[Tok], k: int) -> bool:
    """'بينهم 7 أطفال'، 'منهم'، 'من بينهم'، and 'وبين القتلى 5 أطفال'، 'ومن بين الضحايا 3 نساء'."""
    if k == 0:
        return False
    if any(f in lx.PARTS_INTRO for f in (toks[k - 1].text, toks[k - 1].text[1:], toks[k - 1].text[2:])):
        return True
    return (k > 1 and _is(toks[k - 1], lx.TOLL_NOUNS) and toks[k - 1].text.startswith("ال")
            and toks[k - 2].text in ("بين", "وبين"))


def _whole(out: list[_Draft], earlier: list[_Draft], paragraph: int) -> int | None:
    """The figure a breakdown ('بينهم 7 أطفال') is part of: the last whole before it in the paragraph
    (as a key in this sentence, or an index among the earlier drafts)."""
    for d in reversed(out):
        if d.part_of is None:
            return d.key
    for i in range(len(earlier) - 1, -1, -1):
        if earlier[i].paragraph != paragraph:
            break
        if earlier[i].part_of is None:
            return i
    return None


def _left_cue(toks: list[Tok], k: int, head: _Head | None) -> str | None:
    """The outcome a cue right before a figure gives it ('مقتل 12'، 'أودى بحياة 12'، 'وإصابة 30');
    an active verb may stand a few words before, its subject between ('قتلت القوات 5 مدنيين')."""
    reach = 4 if head is not None and head.outcome is None else 1
    for j in range(k - 1, max(-1, k - 1 - reach), -1):
        t = toks[j]
        if t.text in _CLAUSE_BREAK or t.text[:1].isdigit():
            return None
        forms = variants(t)
        for form in forms:
            if form in lx.NOT_OUTCOME:
                return None
            if form in lx.LEFT_CUES:
                if (j == k - 1 and j > 0 and t.text.startswith("و") and lx.LEFT_CUES[form] == "injured"
                        and any(lx.LEFT_CUES.get(f) == "killed" for f in variants(toks[j - 1]))
                        and not (j > 1 and (toks[j - 2].text[:1].isdigit() or _is(toks[j - 2], lx.PEOPLE)
                                            or _is(toks[j - 2], lx.OUTCOME_PEOPLE)))):
                    return "casualties"  # "قتل وأصيب العشرات"، "مقتل وإصابة 20": killed and injured together
                if form == fold("حياة") and not any(_is(x, _DEATH_VERB) for x in toks[max(0, j - 3):j]):
                    return None  # "أنقذ حياة 5": lives saved, not taken
                if j > 0 and (_is(toks[j - 1], lx.NOT_OUTCOME)
                              or any(_is(x, lx.UNREALISED) for x in toks[max(0, j - 2):j])):
                    return None
                return lx.LEFT_CUES[form]
            if form in lx.WEAK_CUES and j == k - 1 and head is not None:
                return lx.WEAK_CUES[form] or head.outcome
        if j == k - 1 and t.text in ("عن", "علي") and j > 0 and _is(toks[j - 1], {fold("القبض"): "detained"}):
            return "detained"
    return None


def _toll(toks: list[Tok], k: int) -> str | None:
    """'ارتفعت حصيلة القتلى إلى 64'، 'بلغ عدد الشهداء 210'، '... والجرحى إلى 950'."""
    saw_to = False
    for j in range(k - 1, max(-1, k - 9), -1):
        t = toks[j]
        if t.text[:1].isdigit() and not (j + 1 < k and toks[j + 1].text in _MONTH_FIRST):
            return None  # another figure between; a date ("منذ 7 أكتوبر") is not one
        if t.text in ("؛", ";", "."):
            return None
        if any(f in lx.TO_WORDS for f in variants(t)):
            saw_to = True
            continue
        for form in variants(t):
            if form in lx.TOLL_NOUNS:
                near_toll = j > 0 and _is(toks[j - 1], lx.TOLL_WORDS)
                if j > 0 and _both_outcomes(toks[j - 1], t):
                    return "casualties"  # "حصيلة الشهداء والجرحى إلى 300"
                if saw_to or near_toll or j == k - 1:
                    return lx.TOLL_NOUNS[form]
    return None


def _right_cue(toks: list[Tok], k: int) -> str | None:
    for j in range(k, min(len(toks), k + 4)):
        t = toks[j]
        if t.text in _CLAUSE_BREAK or t.text[:1].isdigit():
            return None
        if t.text == "عداد" and j + 1 < len(toks):  # "في عداد المفقودين"
            return next((lx.TOLL_NOUNS[f] for f in variants(toks[j + 1]) if f in lx.TOLL_NOUNS), None)
        for form in variants(t):
            if form in lx.RIGHT_CUES:
                return lx.RIGHT_CUES[form]
    return None


def _listed_after(toks: list[Tok], k: int, out: list[_Draft]) -> _Draft | None:
    """'مقتل 5 أطفال و3 نساء'، '9 عناصر من قوات النظام و6 من الفصائل': a figure joined by و to
    the one before, with no clause break between, shares its outcome."""
    if not out or k == 0:
        return None
    joined = toks[k - 1].text == "و" or toks[k].text.startswith("و")
    prev = out[-1]
    if not joined or prev.victims is None:
        return None
    between = [t for t in toks if prev.end <= t.start and t.end <= toks[k - 1].start]
    if len(between) > 7 or any(t.text in _CLAUSE_BREAK or t.text[:1].isdigit() for t in between):
        return None
    return prev


def _noun_draft(toks: list[Tok], k: int, sentence: tuple[int, int], paragraph: int, earlier: list[_Draft],
                out: list[_Draft], base: int) -> _Draft | None:
    """A dual (قتيلان، جنديين) as two; an indefinite singular after a cue (مقتل شاب) as one."""
    t = toks[k]
    number = outcome = None
    category, attribute = "unknown", ""
    named = False
    for form in variants(t):
        if form.startswith("ال"):
            continue
        if form in lx.OUTCOME_PEOPLE:
            outcome, number = lx.OUTCOME_PEOPLE[form]
        elif form in lx.PEOPLE:
            category, attribute, number = lx.PEOPLE[form]
        if number:
            if t.text.startswith("ال") or t.text[1:].startswith("ال") and t.text[0] in "وبل":
                # "استشهد الشاب محمد أحمد": a definite singular is one victim only when a name follows
                named = number == "s" and k + 1 < len(toks) and _is_name(toks[k + 1])
                if not named:
                    return None
            break
    if number not in ("s", "d") or any(f in _NOT_SINGLE for f in variants(t)):
        return None
    one = number == "s" and k + 1 < len(toks) and toks[k + 1].text in _ONE  # "شخص واحد"
    if k + 1 < len(toks) and not one and (toks[k + 1].text[:1].isdigit()
                                          or toks[k + 1].text in lx.UNITS and number == "s"):
        return None
    if k + 1 < len(toks) and _is(toks[k + 1], _KIN_OBJECTS):
        return None  # "قتل رجل زوجته": the man is the killer (the verb is active), not the killed
    value = 2 if number == "d" else 1
    head = _Head(k, outcome, category, attribute)
    rule = "dual" if value == 2 else "single"
    if number == "s":
        cue = _left_cue(toks, k, head) if k > 0 else None
        if named and (cue is None or k == 0 or not _is(toks[k - 1], lx.LEFT_CUES)):
            return None
        if cue is None and _parts_intro(toks, k) and not named:  # "3 شهداء بينهم مسعف"
            whole = _whole(out, earlier, paragraph)
            cue = _draft(out, earlier, base, whole).outcome if whole is not None else None
        if cue is None and outcome is not None and k > 0 and _is(toks[k - 1], lx.WEAK_CUES):
            cue = outcome
        if cue is None and outcome is not None and (k == 0 or toks[k - 1].text in _CLAUSE_BREAK):
            cue = outcome  # a headline's "قتيل وجريحان في ...": the noun opens the clause
        if cue is None:
            prev = _listed_after(toks, k, out)
            if prev is None or prev.count.value != 1 or not t.text.startswith("و"):
                return None
            cue = prev.outcome
        if outcome is None or value == 1:
            outcome = cue
    else:
        cue = outcome or _left_cue(toks, k, head) or _right_cue(toks, k + 1) or _toll(toks, k)
        if cue is None:
            prev = _listed_after(toks, k, out)
            cue = prev.outcome if prev else None
        if cue is None and _parts_intro(toks, k):
            whole = _whole(out, earlier, paragraph)
            cue = _draft(out, earlier, base, whole).outcome if whole is not None else None
        if cue is None:
            return None
        outcome = outcome or cue
    start = _noun_start(t)
    end = t.end
    if value == 2 and k + 1 < len(toks) and toks[k + 1].text in (fold("اثنين"), fold("اثنان"), fold("اثنتين"),
                                                                   fold("اثنتان")) or one:
        end = toks[k + 1].end
    d = _Draft(start, end, Count("", value, "exact", value, value, value), outcome, rule, sentence, paragraph, 0.7)
    d.category, d.attributes = _category(toks, head)
    d.group = _group(toks, k)
    d.victims = (start, t.end)
    if _parts_intro(toks, k):
        d.part_of = _whole(out, earlier, paragraph)
    return _tag(d, base + len(out))


def _is_name(tok: Tok) -> bool:
    """A word that can only be a name here: not one the rules know, no article, no clitic letter
    in front (names starting with those letters are missed rather than guessed), or an age in brackets."""
    if tok.text == "(":
        return True
    w = tok.text
    return (w[:1] >= "\u0621" and not w.startswith("ال") and w[0] not in "بلوفك" and len(w) > 2
            and not any(f in lx.PEOPLE or f in lx.OUTCOME_PEOPLE or f in lx.THINGS or f in lx.LEFT_CUES
                        or f in lx.RIGHT_CUES or f in lx.SOURCE_STOP or f in lx.MANNERS for f in variants(tok)))


def _negations(toks: list[Tok], sentence: tuple[int, int], paragraph: int) -> list[_Draft]:
    """'لم يسفر عن وقوع إصابات'، 'دون وقوع ضحايا'، 'لم يصب أحد': no one hurt, a figure of 0
    (modality negated)."""
    out = []
    for k in range(len(toks)):
        forms = variants(toks[k])
        if not any(f in _NEGATION_STARTS for f in forms):
            continue
        said = next(((p, o) for p, o in lx.NO_ONE.items() if _phrase(toks, k, p)), None)
        if said is not None:
            end = toks[k + len(said[0]) - 1].end
            start = toks[k].start + len(toks[k].text) - len(said[0][0])  # "ولم": the conjunction left out
            out.append(_Draft(start, end, Count("", 0, "exact", 0, 0, 0), said[1], "negated", sentence,
                              paragraph, 0.7, negated=True))
            continue
        for phrase in lx.NEGATION:
            if not _phrase(toks, k, phrase):
                continue
            j = k + len(phrase)
            for m in range(j, min(len(toks), j + 5)):
                outcome = next((_NEGATED_NOUNS[f] for f in variants(toks[m]) if f in _NEGATED_NOUNS), None)
                if outcome is not None:
                    start = toks[k].start
                    d = _Draft(start, toks[m].end, Count("", 0, "exact", 0, 0, 0), outcome, "negated", sentence,
                               paragraph, 0.7, negated=True)
                    out.append(d)
                    break
            break
    return out


# --- standing of a figure -------------------------------------------------------------------------

def _modality(d: _Draft, toks: list[Tok], words: set[str], attributed: bool) -> str:
    """`words`: every reading of the sentence's tokens."""
    before = toks[:bisect_left([t.end for t in toks], d.start + 1)]
    if d.negated or (words & lx.DENIAL and any(_is(t, lx.DENIAL) for t in before)):
        return "negated"
    if any(_is(t, lx.SUPERSEDED) for t in before[-8:]):
        return "superseded"
    if fold("يتسن") in words or fold("يتسنى") in words or (fold("التحقق") in words and (
            fold("لم") in words or fold("لا") in words or fold("يتعذر") in words)):
        return "unverified"
    for i, t in enumerate(before[-6:]):
        if _is(t, lx.SPECULATIVE) and not (t.text == "قد" and i + 1 < len(before[-6:]) and not
                                          before[-6:][i + 1].text[:1] in "يت"):
            return "speculative"
    if words & lx.ESTIMATED:
        return "estimated"
    return "reported" if attributed else "asserted"


def _scope(words: set[str], sentence: str) -> str:
    if words & lx.CUMULATIVE:
        return "cumulative"
    if words & lx.TOTAL or _IN_YEAR.search(sentence):
        return "total"
    return "event"
