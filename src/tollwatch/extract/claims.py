"""Assemble claim records from count phrases, outcome cues, victims, sources, places and times.

The rules work over a light tokenisation of one sentence at a time, so every offset is a
position in the original document text. For each count phrase they decide, in order:

1. what it counts (the head noun after it: people, or a non-person thing, which rejects it);
2. the outcome, from a cue after the victims ("were killed"), before the count ("killing 20",
   "the deaths of 163", "the toll has risen to 524") or in the head itself ("33 dead");
3. victims' category, group and attributes; manner; perpetrator;
4. the source (own sentence, else carried from the previous sentence of the paragraph),
   place, time, scope and modality;
5. part/whole links: "including eight children", sums ("93 and 120" of "213"), and a mixed
   total followed by one of its named parts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from tollwatch.extract import lexicon as lx
from tollwatch.extract.attribution import (Attribution, SourceResolver, continues_voice, find_attribution,
                                           is_anaphoric)
from tollwatch.extract.numbers import CountMatch, find_counts
from tollwatch.extract.places import PlaceMention, find_dateline, find_places
from tollwatch.extract.text import Span, normalise_for_compare, sentences
from tollwatch.extract.times import WEEKDAYS, TimeMention, find_times
from tollwatch.extract.harm import carried_to_care, dies_at, later_died, suffered, with_wound
from tollwatch.extract.victims import (DEAD_ADJECTIVES, HARM_NOUNS, HARM_OF, HONORIFICS, KIN, POSSESSIVES,
                                       SKIP_BEFORE_CUE, Mention, age_before, age_length, antecedent, bracketed,
                                       charged_object, compatible, later_mention, name_part, not_saved,
                                       predicate_start, single_victims)
from tollwatch.models import (Claim, Count, Location, Perpetrator, Source, TimeSpan, Victims)

RULESET = "tollwatch-rules/1"
T = TypeVar("T")

_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][\w’'\-]*[A-Za-z\u00C0-\u024F]|[A-Za-z]|\d[\d,.]*\d|\d|[^\s\w]")
_FUNCTION = frozenset(
    "and or in on at during near for from with after before when while as since by to of across along "
    "into amid following inside outside throughout over under this last that which who".split()
)
_GROUP_ADJECTIVES = {"injured": "injured", "wounded": "injured", "dead": "killed", "missing": "missing",
                     "abducted": "kidnapped", "kidnapped": "kidnapped", "detained": "detained",
                     "displaced": "displaced", "hostages": "kidnapped", "victims": "killed"}
_ADVERBS = frozenset("later also still now subsequently since then reportedly allegedly already".split())
_COPULAS = frozenset("was is were are be been being became becomes remains remained as".split())
_TIME_ADVERBS = frozenset("overnight today yesterday tonight now so thus altogether".split())
_OUTCOME_NOUNS = frozenset("deaths death casualties casualty fatalities fatality injuries injury killings dead "
                           "injured wounded".split())
_PARTS_INTRO = frozenset({"including", "comprising", "among", "incl", "notably", "mostly", "mainly", "whom"})
_NOT_COUNT_BEFORE = re.compile(
    r"(?:Route|Highway|Hwy\.?|Rte\.?|Interstate|I-|SR|FM|Pier|Road|Resolution|Article|Division|Brigade|Battalion|Regiment|Corps|Unit|Flight|Boeing|"
    r"Airbus|Chapter|Section|Room|Gate|Block|Building|Street|Avenue|Level|Phase|Grade|Class|No\.?|Number|"
    r"Page|Item|Table|Figure|Channel|Sector|Zone|Ward|Precinct|Station|Platform|Terminal|Hall|Apartment|"
    r"Kilometre|Kilometer|Km|Mile|Exit|Bus|Line|Camp|Squadron|Group|called|call|calling|dialed|dialled|dial|"
    r"aged|age|ages|Aged|Age|age\s+from|ages\s+of|\$|US\$|USD|€|£|EUR|GBP|Rs\.?|rupees|#|"
    r"Image|Photo|Slide|Picture|Video|Image\s+\d+\s+of|Photo\s+\d+\s+of|Slide\s+\d+\s+of|"
    # "who lives in room number 8", "unit 12": a room, a flat, a bed
    r"room|room\s+number|number|apartment|unit|suite|lot|cell|bed|seat|gate|pump|platform|"
    r"(?:father|mother|parent|grandfather|grandmother|mum|mom|dad)\s+of)[ \t\u00a0]*\Z"  # on the same line
)
_PLAYLIST = re.compile(r"\d{1,2}:\d\d\s+(?![AaPp]\.?[Mm]\b)[A-Z'\"‘“][^\n]*(?<![.!?\"”])")
# a list item or a table row ("- Idlib: 12 killed", "3) Hama 5 dead"): figures of the report's own
_LIST_LINE = re.compile(r"\s*(?:[-•*–·▪]|\d{1,2}[.)])\s|(?!(?i:related|read|watch|video|see|more|also)\b)"
                        r"\w[^:]{0,39}:\s*\d+(?!\d)(?![\s-]*(?:year|month|week|day)s?[\s-]*old)")


def _headings_in_body(text: str, paragraphs: dict[int, tuple[int, int]]) -> list[int]:
    """Lines set as headings once the story has begun: links to related stories ("+ Man shot,
    killed by police identified", "Two men shot, one fatally, inside Brooklyn deli"), a second
    story's title, subheads. A page tells its own figures in sentences; a heading in the body
    is most often another story's, so it is not read as this one's."""
    out: list[int] = []
    started = False
    for index, (start, end) in sorted(paragraphs.items()):
        line = text[start:end].strip()
        ends = line[-1:] in ".!?\"”'’:;)"
        if not started:
            started = ends and len(line.split()) > 8  # the first full paragraph
        elif line and not ends and len(line.split()) <= 16 and not _LIST_LINE.match(line):
            out.append(index)
    return out


_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|[a-z]*)\s+$")
_NOT_COUNT_AFTER = re.compile(
    r"\s*(?:[-–]\s*|\s)(?:year|yr|month|week|day|hour)s?[-\s]old\b|\s*years?\s+(?:old|of\s+age)\b|"
    # "the 2-and-a-half-year-old's death": an age
    r"\s*[-–]\s*and\s*[-–]\s*a\s*[-–]\s*half\b|"
    # "the 19-year veteran", "a 10-year sentence", "a 3-story building": a measure, not people
    r"\s*[-–]\s*(?:year|month|week|day|hour|minute|mile|foot|story|storey|floor|round|page)\b|"
    # "the house at 44 E. Bruce Ave.": a street number
    r"(?-i:\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\.?\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|"
    r"Lane|Way|Ct|Court|Pl|Place|Pkwy|Parkway|Hwy|Highway|Terrace|Circle)\b)|"
    r"/\d|(?-i:\s+(?:[A-Z][a-z]+\s+){0,2}(?:Rifles|Battalion|Regiment|Brigade|Division|Corps|Squadron|Infantry|Artillery))\b|"
    r"\s*(?:%|percent\b|per\s+cent\b)|\s*:\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT|UTC|hrs\b)|"
    r"\s*(?:km|kilomet|miles?\b|metres?\b|meters?\b|feet\b|ft\b|kg\b|tonnes?\b|tons?\b|hectares?\b|acres?\b|"
    r"dollars?\b|euros?\b|pounds?\b|usd\b|rupees?\b|naira\b|shillings?\b|francs?\b|yuan\b|degrees?\b|°)|"
    # "the 911 call": an emergency number
    r"(?<=911)\s+(?:calls?|callers?|dispatch\w*|operators?|centers?|centres?|lines?|recordings?|tapes?)\b",
    re.I,
)
_SPECULATIVE = re.compile(r"\b(?:could(?!\s+not)|(?-i:may)(?!\s+\d)|might|feared|fears?|likely\s+to(?!\s+(?:survive|recover|live))|expected\s+to(?!\s+(?:survive|recover|live|be\s+(?:released|discharged|ok|okay|fine)|make\s+a\s+(?:full\s+)?recovery))|would|possibly|potentially|projected|predicted|risk\s+of)\b", re.I)
_UNVERIFIED = re.compile(r"\b(?:unverified|unconfirmed|could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:be\s+)?verif\w*|cannot\s+be\s+(?:independently\s+)?verif\w*|not\s+(?:been\s+)?independently\s+verif\w*|unable\s+to\s+(?:independently\s+)?verify)\b", re.I)
_SUPERSEDED = re.compile(r"\b(?:earlier\s+(?:reports?|figures?|tolls?|estimates?)|initial(?:ly)?\s+(?:reports?|figures?|tolls?)?|originally\s+(?:said|reported|put|gave|given|counted)|previously|had\s+(?:earlier\s+|originally\s+|first\s+)?(?:put|said|reported|given)|was\s+later\s+revised|revised\s+(?:down|up)\w*\s+from)\b", re.I)
_UNVERIFIED_CAVEAT = re.compile(
    r"\b(?:figures?|tolls?|numbers?|claims?|counts?|reports?|casualt\w+|it|they|this)\b[^.]{0,40}"
    r"\b(?:could\s+not|cannot|can\s*not|was\s+unable\s+to|were\s+unable\s+to|has\s+not\s+been|have\s+not\s+been)"
    r"\s+(?:be\s+)?(?:independently\s+)?(?:be\s+)?verif"
    r"|\b(?:could\s+not|cannot|can\s*not|was\s+unable\s+to|were\s+unable\s+to|did\s+not)\s+(?:immediately\s+)?"
    r"(?:independently\s+)?(?:verify|confirm)\s+(?:the|these|those|this|that|either|any|such|both)\b"
    r"|\b(?:neither|none\s+of\s+the)\s+(?:figures?|claims?|tolls?|accounts?|reports?)\s+(?:could|can|has|have|was|were)\s+"
    r"(?:be(?:en)?\s+)?(?:independently\s+)?(?:verif|confirm)", re.I)
_CAVEAT_ALL = re.compile(r"\b(?:neither|both|either|all|any|none)\b", re.I)
_ESTIMATED = re.compile(r"\b(?:estimates?|estimated|approximately|extrapolat\w+|projections?)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|rejected\s+(?:reports|claims)|false\s+reports?)\b", re.I)
_REPORTED = re.compile(r"\b(?:reportedly|reports?|reported|allegedly)\b", re.I)
_CUMULATIVE = re.compile(r"\b(?:(?:has|have|had)\s+(?:now\s+)?(?:risen|climbed|reached|increased|jumped|grown|surpassed|exceeded|topped|passed)|rose|risen|climbed|rising|toll|so\s+far|to\s+date|since|running\s+(?:toll|total|count)|cumulative|bringing\s+the)\b", re.I)
_TOTAL = re.compile(r"\b(?:(?:in|during|throughout)\s+(?:(?:19|20)\d\d|the\s+(?:war|conflict|year))|last\s+(?:year|month)|"
                    r"this\s+(?:year|month)|over\s+the\s+(?:past|last))\b", re.I)
# "a total of", "in all": a period's total where the clause names a period, else the event's own
# ("a shootout in which seven people total were shot")
_TOTAL_WORDS = re.compile(r"\b(?:a\s+total\s+of|in\s+total|in\s+all|altogether|overall|total)\b", re.I)
_PERIOD_WORDS = re.compile(r"\b(?:weeks?|weekend|months?|years?|days|since|so\s+far|to\s+date|across|statewide|"
                           r"citywide|nationwide|countrywide|nationally)\b", re.I)
_PERP_BY = re.compile(
    r"\b(?:by|at\s+the\s+hands\s+of)\s+(?P<np>(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,9}?)"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|during|when|after|while|as|who|which|that|since|near|at|amid|following|last|"
    r"this|earlier|according|along|across|with|from|targeting|resulting|between|before|inside|outside|against|"
    r"around|over|through|throughout|reported|has|have|had|was|were|is|are)\b)",
    re.I,
)
_PERP_TRIGGER = re.compile(
    r"\b(?:killed|executed|murdered|massacred|wounded|injured|abducted|kidnapped|shot|detained|arrested|"
    r"carried\s+out|committed|perpetrated|attacks?|killings|executions|strikes?|airstrikes?|shelling|bombing|"
    r"targeted|ambushed|fired|launched|slaughtered)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_ACTOR_WORDS = re.compile(r"\b(?:forces|army|troops|militants?|gunmen|police|soldiers|rebels|fighters|group|militia|"
                          r"jihadists|insurgents|attackers|military|members|regime|guards?)\b", re.I)
_HAZARDS = re.compile(r"\b(?:floods?|flooding|earthquakes?|quakes?|storms?|cyclones?|hurricanes?|typhoons?|"
                      r"landslides?|mudslides?|fires?|blazes?|heat\s*waves?|droughts?|tsunamis?|avalanches?|"
                      r"eruptions?|disease|outbreaks?|cholera|epidemic|crash|collapse)\b", re.I)
_WEAPON_WORDS = re.compile(r"\b(?:air\s*strikes?|airstrikes?|strikes?|bomb(?:ing)?s?|explosions?|blasts?|shelling|"
                           r"attacks?|raids?|fire|missiles?|rockets?|drones?|mines?|ied|barrage)\b", re.I)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class _Head:
    kind: str  # "person", "outcome", "none", "pronoun"
    index: int  # token index of the head (or of the first token after the count for "none")
    mods: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    count: Count
    outcome: str
    sentence: Span
    rule: str
    confidence: float
    category: str = "unknown"
    group: str | None = None
    attributes: list[str] = field(default_factory=list)
    victims_text: str | None = None
    manner: str | None = None
    perpetrator: str | None = None
    mixed_of: set[str] = field(default_factory=set)
    part_of: int | None = None  # index into the document's drafts
    parts: list[int] = field(default_factory=list)
    cue_index: int | None = None
    cue_phrase: str | None = None
    negated: bool = False
    victim: Mention | None = None  # the one person a single-victim figure counts
    subset_of: int | None = None  # "4 shot, 1 fatally": the killed are among the people shot
    subset_hint: bool = False  # worded as some of an earlier group ("one of them", "1 fatally")
    same_as: list[tuple[int, int]] = field(default_factory=list)  # later mentions of a single victim
    named: str | None = None  # the name a single victim is given later ("identified as Marcus Hale")
    coordinated_with: int | None = None  # "one soldier and two fighters were killed": the first conjunct
    refers_to: int | None = None  # "abducted 9 soldiers ... later killed them": the figure "them" counts
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # offsets of its source, place, time, victims
    category_inferred: bool = False  # the class is read from the context, not from the figure's own words


def extract_claims(text: str, doc_id: str, published: date | None = None, headline: bool = False) -> list[Claim]:
    """Every casualty claim in `text`. Never raises on any string. A `headline` is read in
    headline grammar too: "Teen killed", "Person shot" name one person without an article."""
    spans = sentences(text)
    resolver = SourceResolver()

    drafts: list[_Draft] = []
    sources: list[tuple[Source, bool]] = []
    places: list[tuple[Location | None, bool]] = []
    times: list[TimeSpan | None] = []
    modalities: list[str] = []
    scopes: list[str] = []

    paragraph_spans: dict[int, tuple[int, int]] = {}
    for s in spans:
        first = paragraph_spans.get(s.paragraph, (s.start, s.end))
        paragraph_spans[s.paragraph] = (first[0], s.end)
    seen_paragraphs: set[str] = set()
    read_paragraphs: set[int] = set()
    skip_paragraphs: set[int] = set()
    for s in spans:
        if s.paragraph not in read_paragraphs:
            read_paragraphs.add(s.paragraph)
            p_start, p_end = paragraph_spans[s.paragraph]
            key = normalise_for_compare(text[p_start:p_end])
            if len(key) > 20 and key in seen_paragraphs or _PLAYLIST.fullmatch(text, p_start, p_end):
                # a scraped page repeating its title or a block; a video playlist entry ("2:40 Raw
                # video: neighbor heard shots that killed man"), another story's title
                skip_paragraphs.add(s.paragraph)
            seen_paragraphs.add(key)

    skip_paragraphs.update(_headings_in_body(text, paragraph_spans))
    dateline = find_dateline(text)
    context = _Context(text, spans, resolver)

    def add(d: _Draft, index: int) -> None:
        attribution, carried_source = context.source(index)
        time_mentions = context.times(index, published)
        drafts.append(d)
        sources.append(_source_for(attribution, carried_source))
        said_by = attribution or carried_source
        if said_by is not None and sources[-1][0].name:
            d.spans["source"] = (said_by.start, said_by.end)
        # a story's place outweighs the dateline's, where the report is filed from
        places.append(_place_for(d, context.places(index), context.carried_place(index) or (
            context.story_place(index, dateline.start) if dateline is not None else None), dateline))
        when = _nearest(d, [(t.start, t.end, t) for t in time_mentions if not _is_report_time(text, t.start)]) \
            or _nearest(d, [(t.start, t.end, t) for t in time_mentions])
        times.append(when.span if when else None)
        if when is not None:
            d.spans["time"] = (when.start, when.end)
            harmed = _harmed_before(text, d, when, time_mentions)
            if harmed is not None:  # "died Wednesday after being shot Monday": the event began on Monday
                first, last = min(when.start, harmed.start), max(when.end, harmed.end)
                times[-1] = TimeSpan(text[first:last], harmed.span.start, when.span.end)
                d.spans["time"] = (first, last)
        if d.victims_text and "victims" not in d.spans:
            at = _nearest(d, [(m.start(), m.end(), m.start()) for m in
                              re.compile(re.escape(d.victims_text)).finditer(text, d.sentence.start, d.sentence.end)])
            if at is not None:
                d.spans["victims"] = (at, at + len(d.victims_text))
        clauses = context.clauses(index)
        modalities.append(_modality(d, clauses, attribution or carried_source))
        scopes.append(_scope(d, clauses))

    people = _People(text, spans, drafts)
    for index, s in enumerate(spans):
        context.reached = index
        if s.paragraph in skip_paragraphs:
            continue
        if not lx.has_cue(text[s.start:s.end]):
            if people.known and _NAMING.search(text, s.start, s.end):
                people.read(index, _tokenize(text, s))  # "Police identified him as Marcus Hale, 31."
            elif people.known:
                people.named_again(text[s.start:s.end])
            if drafts and _RAISED_WORDS.search(text, s.start, s.end):
                for d in _number_raised(text, s, drafts):  # "The figure was later revised to seven."
                    add(d, index)
            continue
        toks = _tokenize(text, s)
        for d in _sentence_drafts(text, s, toks, len(drafts), drafts, headline):
            add(d, index)
        raised = _number_raised(text, s, drafts) if _RAISED_WORDS.search(text, s.start, s.end) else []
        for d in _killed_them(text, s, toks, drafts) + _both_died(text, s, toks, drafts) + \
                _own_life(text, s, drafts) + _shot_self(text, s, drafts) + raised:
            add(d, index)
        for d, at in people.read(index, toks):
            add(d, at)

    _link_subsets(drafts, text)
    _link_sums(drafts, text)
    _link_mixed_wholes(drafts, sources)
    _link_among(drafts)
    caveats = [sp for sp in spans if _may_caveat(text[sp.start:sp.end])]
    for i in _hedged(text, drafts, sources, caveats):
        if modalities[i] in ("asserted", "reported"):
            modalities[i] = "unverified"

    ids = [Claim.make_id(doc_id, d.start, d.end) for d in drafts]
    claims = []
    for i, d in enumerate(drafts):
        if d.rule == "restated":
            continue
        src, src_inherited = sources[i]
        loc, loc_inferred = places[i]
        claims.append(Claim(
            claim_id=ids[i], doc_id=doc_id, start=d.start, end=d.end,
            quote=text[d.sentence.start:d.sentence.end],
            count=d.count, outcome=d.outcome,  # type: ignore[arg-type]
            victims=Victims(d.category, d.group, tuple(dict.fromkeys(d.attributes)), d.victims_text),  # type: ignore[arg-type]
            source=src, scope=scopes[i], modality=modalities[i],  # type: ignore[arg-type]
            manner=d.manner,
            perpetrator=Perpetrator(d.perpetrator) if d.perpetrator else None,
            location=loc, time=times[i],
            part_of=ids[d.part_of] if d.part_of is not None else None,
            parts=tuple(ids[p] for p in d.parts),
            confidence=round(d.confidence, 2),
            evidence=_evidence(d, src_inherited, loc_inferred, ids, _ages_listed(text, d)),
        ))
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


# "Two men, ages 26 and 27, were shot", "three teens, 15, 16 and 17,": the ages of a figure's people
_AGES_OF_FIGURE = re.compile(r"\s+(?:[a-z]+\s+){0,2}?[a-z]+(?:,|\s*\()\s*(?:ages?\s+|aged\s+)?"
                             r"(\d{1,3}(?:\s*(?:,|and|&)\s*\d{1,3})+)\s*(?:,|\)|were\b|are\b)", re.I)


def _ages_listed(text: str, d: _Draft) -> list[int]:
    if d.victim is not None or d.count.best is None or d.count.best < 2:
        return []
    m = _AGES_OF_FIGURE.match(text, d.end, d.sentence.end)
    ages = [int(a) for a in re.findall(r"\d+", m.group(1))] if m else []
    return ages if len(ages) == d.count.best else []


def _evidence(d: _Draft, src_inherited: bool, loc_inferred: bool, ids: list[str],
              ages: list[int]) -> dict[str, object]:
    evidence: dict[str, object] = {"rule": f"{RULESET}:{d.rule}", "source_inherited": src_inherited,
                                   "location_inferred": loc_inferred}
    if ages:
        evidence["ages"] = ages  # who the figure's people are, to tell them from people told one by one
    if d.category_inferred:
        evidence["category_inferred"] = True
    if d.spans:  # where the source, place, time and victims were read, for the evidence view
        evidence["spans"] = {k: list(v) for k, v in sorted(d.spans.items())}
    if d.victim is not None:
        evidence["single_victim"] = True
        # what tells this person from another, across sentences and reports: "a 25-year-old man"
        name = d.count.text.lower() if d.victim.kind == "name" else d.named
        person = {k: v for k, v in (("age", d.victim.age), ("sex", d.victim.gender), ("name", name)) if v is not None}
        if person:
            evidence["person"] = person
    if d.same_as:
        evidence["same_as"] = [{"start": a, "end": b} for a, b in d.same_as]
    if d.subset_of is not None:
        evidence["subset_of"] = ids[d.subset_of]
    if d.coordinated_with is not None:
        evidence["coordinated_with"] = ids[d.coordinated_with]
    if d.refers_to is not None:
        evidence["refers_to"] = ids[d.refers_to]
    if d.cue_phrase in _HIT and d.outcome == "injured":
        evidence["shot"] = True  # people hit: injured unless a later figure says some died
    return evidence


_SEVERITY = {"injured": 1, "casualties": 1, "killed": 2}


class _People:
    """Single victims across a report, and the later mentions that restate them ("he later
    died", "the boy"): a restatement updates its victim's outcome instead of counting again."""

    def __init__(self, text: str, spans: list[Span], drafts: list[_Draft]) -> None:
        self.text, self.spans, self.drafts = text, spans, drafts
        self.known: list[tuple[Mention, int]] = []    # (victim mention, sentence index)
        self.owner: dict[int, int] = {}                # mention start -> index of its draft
        self.scanned: set[int] = set()
        self.named_scanned: set[int] = set()  # sentences read back for a surname: read once
        self.registered = 0                            # drafts whose victims are in `owner`
        self.members: dict[int, int] = {}              # a name's start -> the group figure it is one of

    def read(self, index: int, toks: list[_Tok]) -> list[tuple[_Draft, int]]:
        """New drafts (with their sentence index) for victims whose outcome a later mention
        gives; updates drafts already made."""
        self.scanned.add(index)
        for i in range(self.registered, len(self.drafts)):
            victim = self.drafts[i].victim
            if victim is not None:
                self.owner.setdefault(victim.start, i)
        self.registered = len(self.drafts)
        new: list[tuple[_Draft, int]] = []
        singles = {v.first: v for v in single_victims(toks, set())}
        # "A 12-year-old boy, Jakob Weeks, who was shot": the name is the boy's, one person
        for inner in _in_appositions(toks, {v.start: v for v in singles.values()}):
            v = next(v for v in singles.values() if v.start == inner)
            outer = max((o for o in singles.values() if o.start < inner), key=lambda o: o.start, default=None)
            del singles[v.first]
            if outer is not None and outer.start in self.owner:
                self._name(v, self.owner[outer.start], index, new)
        self._name_members(index, toks, singles)
        k = 0
        while k < len(toks):
            if k in singles and identified_as(toks, singles[k]) and self.known:
                # "Police identified the victim as John Ray": the victim told of before, now named
                v, outer = singles[k], self.known[-1][0]
                if outer.start in self.owner and (outer.kind != "name" or compatible(v, outer)):
                    self._name(v, self.owner[outer.start], index, new)
                k = v.head + 1
                continue
            if k in singles:
                v = singles[k]
                if not ((v.kind == "definite" or self._kin_of_another(v, toks)) and self._restates(index, v, toks, new)) \
                        and not _acts(toks, v) and not _supposed(self.text, v.start, v.end) \
                        and not (v.first > 0 and toks[v.first - 1].low in _COPULAS):  # "... is another juvenile"
                    self.known.append((v, index))
                k = v.head + 1
                continue
            if toks[k].low in ("they", "both") and self._they_died(index, toks, k, new):
                k += 1
                continue
            # the words each looks for, tested here first: most tokens are neither
            m = later_mention(toks, k) if toks[k].low in ("he", "she", "the", "him", "her") else None
            if m is not None and m.kind == "pronoun" and _quoted(self.text, m.start):
                m = None  # "'He pointed it at him and he shot it,' said Ashley Kendall": a witness's own words
            if m is None and toks[k].text[:1].isupper():
                m = self._surname(toks, k, index)
            if m is not None:
                if not self._restates(index, m, toks, new) and m.kind == "definite" and m.word in _DESCRIBED \
                        and not any(t.text[:1].isupper() for t in toks[m.first + 1:m.head + 1]) and not _acts(toks, m):
                    self.known.append((m, index))  # "the boy told his mom he had been shot": he is the boy
                k = m.head + 1
                continue
            k += 1
        return new

    def _name_members(self, index: int, toks: list[_Tok], singles: dict[int, Mention]) -> None:
        """'The three women who were killed have been identified as A, 71, her sister B, 68, and C':
        each person named is one of the figure before it, not someone else to count when told of again."""
        named = [v for v in singles.values() if v.kind not in ("pronoun", "definite")]
        if not named:
            return
        groups: list[tuple[int, _Draft]] = []
        for i in range(len(self.drafts) - 1, -1, -1):  # this sentence's drafts are the last made
            d = self.drafts[i]
            if d.sentence != self.spans[index]:
                break
            if d.victim is None and (d.count.best or 0) >= 2 and d.outcome in _SEVERITY:
                groups.insert(0, (i, d))
        for v in named:
            before = [(i, d) for i, d in groups if d.end <= v.start]
            if before and any(
                    t.low in _LISTS_NAMES for t in toks if before[-1][1].end <= t.start < v.start):
                self.members[v.start] = before[-1][0]

    def _they_died(self, index: int, toks: list[_Tok], k: int, new: list[tuple[_Draft, int]]) -> bool:
        """'A woman shot her son and then herself ... they died early Monday': the people told of
        together in the last sentence that named any, now dead."""
        j = predicate_start(toks, k + 1)
        cue = _cue_at(toks, j) if j < len(toks) else None
        if cue is None or lx.OUTCOME_CUES[cue[0]][0] != "killed" or _active(toks, j, cue[1]):
            return False
        before = [(v, at) for v, at in self.known if v.start < toks[k].start]
        if not before:
            return False
        last = before[-1][1]
        together = [v for v, at in before if at == last and v.start in self.owner]
        drafts = {self.owner[v.start] for v in together}
        # "shot her son and then herself ... both died": the one by her own hand, told beside them
        drafts.update(i for i, d in enumerate(self.drafts) if d.sentence == self.spans[last]
                      and d.count.text.lower() in ("himself", "herself") and d.outcome == "injured")
        if len(drafts) < 2:
            return False
        for owner in drafts:
            d = self._draft_at(owner, new)
            if _SEVERITY.get(d.outcome, 0) and d.outcome != "killed":
                d.outcome = "killed"
            d.same_as.append((toks[k].start, toks[k].end))
        return True

    def _name(self, v: Mention, owner: int, index: int, new: list[tuple[_Draft, int]]) -> None:
        """A name given to a victim already counted: one person, known by the name (and the age
        given with it) from now on."""
        self.owner[v.start] = owner
        self.known.append((v, index))
        d = self._draft_at(owner, new)
        if v.kind == "name" and d.victim is not None and d.victim.kind != "name" and d.named is None:
            d.named = self.text[v.start:v.end].lower()
            if d.victim.age is None and v.age is not None:
                d.victim = replace(d.victim, age=v.age)

    def _counted_as(self, v: Mention, new: list[tuple[_Draft, int]]) -> str | None:
        """The outcome a victim is counted with already, if any."""
        owner = self.owner.get(v.start)
        return None if owner is None else self._draft_at(owner, new).outcome

    def _draft_at(self, i: int, new: list[tuple[_Draft, int]]) -> _Draft:
        """The draft a victim's owner index points to: made before this sentence, or in it (`new`)."""
        return self.drafts[i] if i < len(self.drafts) else new[i - len(self.drafts)][0]

    def _kin_of_another(self, v: Mention, toks: list[_Tok]) -> bool:
        """'her son' after 'a 5-year-old boy' was shot: the boy again, told as his mother's son.
        Kin of the victim's own sex ('a man was shot ... his son was wounded') are someone else."""
        owner = {"his": "m", "her": "f"}.get(toks[v.first].low)
        return v.kind == "possessive" and owner is not None and any(
            known.gender and known.gender != owner for known, _ in self.known)

    def _surname(self, toks: list[_Tok], k: int, index: int) -> Mention | None:
        t = toks[k]
        if not t.text[:1].isupper() or (k > 0 and toks[k - 1].text[:1].isupper()):
            return None
        if k == 0 and name_part(t) and not any(v.kind == "name" and v.word == t.low for v, _ in self.known) \
                and (j := predicate_start(toks, 1)) < len(toks) and _cue_at(toks, j) is not None:
            # "Thompson was pronounced dead", sentences after "Jessie Lamar Thompson, 52, was found"
            self._scan_before(index, named=t.text)
        if any(v.kind == "name" and v.word == t.low for v, _ in self.known):
            return Mention(t.start, t.end, k, k, "name", None, t.low)
        if k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
            return None
        # "Jaimel was unconscious" after "Jaimel Anderson was shot": the first name alone
        named = [v for v, _ in self.known if v.kind == "name" and v.head > v.first
                 and self.text[v.start:v.end].split()[0].lower() == t.low]
        return Mention(t.start, t.end, k, k, "name", None, named[-1].word) if len(
            {v.word for v in named}) == 1 else None

    def _restates(self, index: int, m: Mention, toks: list[_Tok], new: list[tuple[_Draft, int]]) -> bool:
        """Link a mention to the victim it restates; True when it did."""
        j = predicate_start(toks, m.head + 1)
        relative: int | None = None
        if j < len(toks) and toks[j].low == "who":
            relative = predicate_start(toks, j + 1)
            j = _past_relative(toks, j)  # "the 16-year-old boy who was shot was pronounced dead"
        elif j + 1 < len(toks) and toks[j].low == "," and toks[j + 1].low in ("who", "whose") and m.kind != "pronoun":
            # "Reyes, whose age was given as 17 by police, died Sunday": past the clause in commas
            close = _closing_comma(toks, j + 2, 28)
            if close is not None:
                j = predicate_start(toks, close + 1)
        elif j < len(toks) and toks[j].low in _DOING and m.kind != "pronoun":
            # "the 15-year-old girl sitting in the front seat of the car was hit in the back"
            j = predicate_start(toks, _past_post_modifier(toks, j))
        cue = _cue_at(toks, j) if j < len(toks) else None
        dead_one = None
        if cue is None and relative is not None and relative < len(toks) and m.kind == "definite" \
                and (told := _cue_at(toks, relative)) is not None and lx.OUTCOME_CUES[told[0]][0] == "killed" \
                and not _active(toks, relative, told[1]):
            # "the youth who was killed has not been named", told after a second teen wounded: the
            # clause tells which of the people before is meant, the one counted dead
            dead_one = next((i for i in range(len(self.known) - 1, -1, -1) if self.known[i][0].start < m.start
                             and compatible(m, self.known[i][0])
                             and self._counted_as(self.known[i][0], new) == "killed"), None)
        # "he had shot and killed his wife": the mention is the killer, not a victim
        active = cue is not None and (_active(toks, j, cue[1]) or (
            j + cue[1] < len(toks) and _is_object(toks[j + cue[1]]) and toks[j - 1].low in ("had", "has", "have")))
        outcome = lx.OUTCOME_CUES[cue[0]][0] if cue and not active else None
        if outcome == "injured" and toks[j - 1].low == "fatally":
            outcome = "killed"  # "he was fatally shot", "the gunman fatally shot himself"
        if outcome is None and (borne := suffered(toks, j)) is not None:
            outcome = borne[0]  # "the driver suffered serious injuries"
        died = _then_died(toks, j) if outcome is None and m.kind in ("definite", "pronoun") else None
        if died is not None and (dies_at(toks, died) or toks[died].low in ("pronounced", "declared")) \
                and any(toks[x].low == "and" for x in range(j, died)):
            outcome = "killed"  # "the boy was taken off life support on Sunday and passed away"
        if outcome is None and m.kind == "pronoun" and not_saved(toks, m.first):
            outcome = "killed"  # "she was taken to the hospital, but doctors were not able to save her"
        if outcome is None and m.kind == "definite" and with_wound(toks, j) is not None:
            outcome = "injured"  # "the victim was dropped off at the hospital with a gunshot wound"
        if outcome is None and m.word == "victim" and _FATAL_OF.match(self.text, m.end):
            outcome = "killed"  # "the victim of Saturday's fatal shooting has been identified as ..."
        as_object = outcome is None and m.first > 0 and m.kind in ("definite", "pronoun") and \
            (toks[m.first - 1].low in _KILLS_OBJECT or toks[m.first - 1].low in _HURTS_OBJECT)
        if as_object:
            outcome = _object_of_harm(toks, m)  # "shot a soldier, killing the soldier"; "shot him and killed him"
        if outcome not in _SEVERITY:
            outcome = None
        earlier = [v for v, _ in self.known]
        a = antecedent(m, earlier)
        if dead_one is not None:
            a = dead_one
        elif a is not None and m.kind == "pronoun" and m.first == 0 and self.known[a][1] == index - 1:
            # "Quantico was shot along with a 16-year-old boy and a 21-year-old man. He died late Monday":
            # a pronoun opening its sentence takes up the last sentence's subject
            last = [i for i in range(a) if self.known[i][1] == index - 1]
            subject = min(last, key=lambda i: earlier[i].first, default=None)
            if subject is not None and earlier[subject].first <= 3 and compatible(m, earlier[subject]):
                a = subject
        if a is not None and outcome and m.kind == "definite" and m.word != earlier[a].word \
                and self.owner.get(earlier[a].start) is None:
            # "a 13-year-old was shot ... a 16-year-old had a gun ... the child was taken to a hospital with
            # injuries": the hurt child told again, not the one who held the gun
            a = next((i for i in range(a - 1, -1, -1) if compatible(m, earlier[i])
                      and self._counted_as(earlier[i], new) in ("killed", "injured")), a)
        if a is not None and as_object and self.known[a][1] == index and _opens_clause(toks, earlier[a]):
            # "a 17-year-old boy mistook his friend for a deer and shot him": not the one who shot
            a = next((i for i in range(a - 1, -1, -1) if compatible(m, earlier[i])), None)
        if a is not None and as_object and m.kind == "pronoun" and \
                sum(compatible(m, v) for v, at in self.known if index - at <= 3) > 1:
            return False  # "a fight with his mother and another person ... struck Caleb, killing him": whom?
        if a is None and not self.known:
            a = self._look_back(index, m)
            earlier = [v for v, _ in self.known]
        if a is not None and m.kind == "definite" and m.age is not None and self.known[a][0].age is None \
                and index - self.known[a][1] > 2 and any(v.age is not None for v, _ in self.known[a + 1:]):
            # "police also named the 41-year-old man shot and killed Saturday", paragraphs after "a man"
            # and the 27- and 29-year-olds of other shootings: someone not met before
            a = None
        own = self.owner.get(m.start)
        if a is None:
            if m.kind == "definite" and outcome and own is None:
                d = self._draft(m, index, outcome, "definite-victim", toks, j)
                new.append((d, index))
                self.known.append((m, index))
                self.owner[m.start] = len(self.drafts) + len(new) - 1
            return False
        victim, at = self.known[a]
        if m.kind == "name" and not victim.suspect:
            # "... Jaimel was unconscious. He was rushed to ...": named again, the one a pronoun next takes up
            self.known.append(self.known.pop(a))
        if own is not None:
            self.drafts[own].rule = "restated"  # "killing the driver" after "a driver": one person
        target = self.owner.get(victim.start)
        if target is None:
            if outcome is None or victim.suspect and cue is not None and cue[0] in lx.CARE_CUES:
                return True  # (a suspect "treated at a hospital" is told of, not said to be hurt)
            group = self.members.get(victim.start)
            if group is not None and _SEVERITY[outcome] <= _SEVERITY[self.drafts[group].outcome]:
                return True  # one of the dead "treated at a hospital": counted in the figure already
            d = self._draft(victim, at, outcome, "victim+later-mention", toks, j)
            d.same_as.append((m.start, m.end))
            new.append((d, at))
            self.owner[victim.start] = len(self.drafts) + len(new) - 1
            return True
        d = self._draft_at(target, new)
        d.same_as.append((m.start, m.end))
        if outcome and _SEVERITY.get(d.outcome, 0) and _SEVERITY[outcome] > _SEVERITY[d.outcome]:
            d.outcome = outcome  # "a boy was shot ... he died": one death, not one injury
        return True

    def _draft(self, v: Mention, index: int, outcome: str, rule: str, toks: list[_Tok], cue: int) -> _Draft:
        s = self.spans[index]
        surface = self.text[v.start:v.end]
        d = _Draft(v.start, v.end, Count(surface, 1, "exact", 1, 1, 1), outcome, s, rule, 0.7,
                   cue_phrase=toks[cue].low if cue < len(toks) else None)
        category, attribute = lx.PERSON.get(v.word, ("unknown", None))
        d.category = category
        if attribute:
            d.attributes.append(attribute)
        words = surface.split(maxsplit=1)
        d.victims_text = words[1] if v.kind in ("indefinite", "possessive", "definite") and len(words) > 1 else surface
        d.victim = v
        return d

    def named_again(self, sentence: str) -> None:
        """A named victim told of again in a sentence of no harm ("The coroner said Jaimel was
        unconscious"): the one a pronoun after it most likely takes up."""
        words = set(re.findall(r"[A-Z][\w'’-]+", sentence))
        for i in range(len(self.known) - 1, -1, -1):
            v = self.known[i][0]
            if v.kind == "name" and v.head > v.first and v.start in self.owner and (
                    self.text[v.start:v.end].split()[0] in words or self.text[v.start:v.end].split()[-1] in words):
                self.known.append(self.known.pop(i))
                return

    def _look_back(self, index: int, m: Mention) -> int | None:
        """Victims named in the few sentences before, which held no outcome word and were skipped."""
        self._scan_before(index)
        # and in its own sentence, before it: "shooting victim Edgar Salinas, 28, runs away ... police found him dead"
        told = {v.start for v, _ in self.known}
        self.known.extend((v, index) for v in self._people_in(index) if v.start < m.start and v.start not in told)
        self.known.sort(key=lambda x: x[0].start)
        return antecedent(m, [v for v, _ in self.known])

    def _people_in(self, index: int) -> list[Mention]:
        """The people sentence `index` names that a later mention may take up (not who spoke or did
        it: '..., said Lauren Lettelier with the Sheriff's Office')."""
        toks = _tokenize(self.text, self.spans[index])
        return [v for v in single_victims(toks, set())
                if v.kind in ("indefinite", "name", "possessive", "age") and not _acts(toks, v)]

    def _scan_before(self, index: int, named: str | None = None) -> None:
        """Read the people of the few sentences before `index` (of all before it that hold the
        surname `named`), which held no outcome word and were skipped."""
        told = {v.start for v, _ in self.known}
        for j in range(max(0, index - (_NAMED_BACK if named else 3)), index):
            if named and j < index - 3 and named not in self.text[self.spans[j].start:self.spans[j].end]:
                continue
            if j in (self.named_scanned if named else self.scanned):
                continue
            self.scanned.add(j)
            self.named_scanned.add(j)
            self.known.extend((v, j) for v in self._people_in(j) if v.start not in told)
        self.known.sort(key=lambda x: x[0].start)




_NAMED_BACK = 40  # sentences a surname alone may look back for its full name ("Conner died ...")
_KILLS_OBJECT = frozenset("killed killing kills kill murdered murdering executed executing slew beheaded".split())
_HURTS_OBJECT = frozenset("shot shooting shoots wounding wounded injuring stabbing stabbed".split())


def _quoted(text: str, at: int) -> bool:
    """Whether offset `at` lies inside a quotation opened in its paragraph."""
    before = text[text.rfind("\n", 0, at) + 1:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _opens_clause(toks: list[_Tok], v: Mention) -> bool:
    """Whether a mention stands where its clause's subject does."""
    return v.first == 0 or toks[v.first - 1].low in (",", "and", "but", "while", "when", "after", "before", "as", ":")


def _object_of_harm(toks: list[_Tok], m: Mention) -> str | None:
    """What the verb right before a mention did to it: 'killing the soldier', 'shot him dead'."""
    verb = toks[m.first - 1].low
    if verb in _KILLS_OBJECT:
        return "killed"
    if verb not in _HURTS_OBJECT:
        return None
    dead = m.head + 1 < len(toks) and toks[m.head + 1].low == "dead" or \
        m.first > 1 and toks[m.first - 2].low in ("fatally", "mortally")
    return "killed" if dead else "injured"


_FATAL_OF = re.compile(r"\s+(?:of|in)\s+(?:the\s+|a\s+|an\s+|\w+['’]s\s+)?(?:[\w-]+\s+){0,2}?"
                       r"(?:fatal|deadly)\s+(?:shooting|stabbing|crash|attack|beating|assault)\b", re.I)
# how a report names a victim it has not introduced ("the boy told his mom he had been shot")
_DESCRIBED = frozenset("boy girl child kid teen teenager toddler baby infant juvenile youth man woman victim".split())
# what a shooter does, not a victim: "another hunter fired and struck the boy"
_AGENT_VERBS = frozenset("fired opened pulled pointed aimed brandished approached confronted robbed chased "
                         "gave performed administered attempted rendered".split())  # (and who tried to save a life)
# what a named witness does: "neighbor Arturo Claro, who knew the woman, reacted to her death" (a
# victim described, not named, may speak: "the boy told his mom he had been shot")
_SPEECH_VERBS = frozenset("said says told tells added reacted recalled explained described".split())


def _acts(toks: list[_Tok], v: Mention) -> bool:
    """Whether a person is the one who shot, killed, speaks or is charged, not one who was shot:
    later "he died" is not about them."""
    after = v.head + 1
    if v.kind == "name" and v.first > 0 and toks[v.first - 1].low in ("said", "says") and (
            after >= len(toks) or toks[after].low in (".", ";", "with", "of", "from") or toks[after].low == ","
            and after + 1 < len(toks) and toks[after + 1].low in ("a", "an", "the", "who")):
        return True  # "..., said Melissa Bujeda, a spokeswoman for the Sheriff's Office"
    j = _past_post_modifier(toks, predicate_start(toks, after))
    while j + 1 < len(toks) and toks[j].low.endswith("ly") and toks[j].text.isalpha():
        j += 1  # "a security guard fatally shot Kincaid-Hill"
    if j + 1 < len(toks) and toks[j].low == "," and toks[j + 1].low in ("who", "a", "an", "the", "and"):
        # past an aside: "Arturo Claro, who knew the woman, reacted"; "An officer, and then paramedics, gave"
        j = next((i + 1 for i in range(j + 2, min(j + 16, len(toks))) if toks[i].low == ","), j)
    elif j + 1 < len(toks) and toks[j].low == "," and name_part(toks[j + 1]):
        # past the name: "His uncle, Richard Ruffin, told Local 10 News that ..."
        end = j + 1
        while end < len(toks) and name_part(toks[end]):
            end += 1
        j = end + 1 if end < len(toks) and toks[end].low == "," else j
    if j >= len(toks):
        return False
    speaker = v.kind == "name" or v.kind == "indefinite" and v.word in (
        "official", "spokesman", "spokeswoman", "spokesperson", "neighbor", "neighbour", "witness") \
        or v.kind == "possessive" and v.word in KIN  # "his uncle told reporters"
    if speaker and (toks[j].low in _SPEECH_VERBS or v.head + 1 < len(toks) and toks[v.head + 1].low in _SPEECH_VERBS):
        return True  # (before the auxiliaries are passed, among which "said" is: "were said to be")
    if speaker and toks[j].low in ("with", "of", "from", "at") and next(
            (t.low in _SPEECH_VERBS for t in toks[j + 1:j + 12] if t.low in _SPEECH_VERBS or t.low in (",", ";", ".")
             or t.low in lx.BE_AUX), False):
        return True  # "Robert McCollough with the state Department of Natural Resources said"
    passive = j < len(toks) and toks[j].low in ("was", "were", "is", "are", "been", "being")
    while j < len(toks) and toks[j].low in lx.BE_AUX:
        j += 1
    if j >= len(toks):
        return False
    cue = _cue_at(toks, j)
    w = toks[j].low
    held = w in ("in", "behind") and j + 1 < len(toks) and toks[j + 1].low in ("jail", "custody", "prison", "bars")
    # ("Noor Zamin was fired upon": done to him)
    return w in _AGENT_VERBS and not passive or w in _ACCUSED or w in ("arrested", "booked", "jailed") or held \
        or speaker and w in _SPEECH_VERBS or (cue is not None and _active(toks, j, cue[1]))  # ("a man is in jail")


def _may_caveat(sentence: str) -> bool:
    return ("erif" in sentence or "onfirm" in sentence) and bool(_UNVERIFIED_CAVEAT.search(sentence))


def _hedged(text: str, drafts: list[_Draft], sources: list[tuple[Source, bool]], caveats: list[Span]) -> set[int]:
    """The figures a caveat ("the figures could not be independently verified") covers: those given
    before it in its paragraph by the source it follows, or, standing alone as a paragraph, those of
    the paragraph before it with figures. Not every earlier figure of the report."""
    covered: set[int] = set()
    for c in caveats:
        if _CAVEAT_ALL.search(text[c.start:c.end]):  # "Neither figure could be verified": every figure before it
            covered.update(i for i, d in enumerate(drafts)
                           if d.sentence.start <= c.start and d.sentence.paragraph >= c.paragraph - 3)
            continue
        scope = [i for i, d in enumerate(drafts) if d.sentence.paragraph == c.paragraph and d.sentence.start <= c.start]
        if not scope:
            before = [i for i, d in enumerate(drafts) if d.sentence.paragraph < c.paragraph]
            if before:
                last = drafts[before[-1]].sentence.paragraph
                scope = [i for i in before if drafts[i].sentence.paragraph == last]
        if scope:
            name = sources[scope[-1]][0].name
            covered.update(i for i in scope if sources[i][0].name == name)
    return covered


_STORY_REACH = 8  # sentences back that a story's place is carried across paragraphs


class _Context:
    """Sources and places of the sentences before a claim, computed only when a claim needs them."""

    def __init__(self, text: str, spans: list[Span], resolver: SourceResolver) -> None:
        self.text, self.spans, self.resolver = text, spans, resolver
        self.reached = 0  # the sentence being read: sources are learnt up to it
        self._learnt = 0
        self._sources: dict[int, Attribution | None] = {}
        self._places: dict[int, list[PlaceMention]] = {}
        self._times: dict[int, list[TimeMention]] = {}
        self._clauses: dict[int, _Clauses] = {}
        self._source_of: dict[int, tuple[Attribution | None, Attribution | None]] = {}
        self._carried_sources: dict[int, Attribution | None] = {}
        self._carried_places: dict[int, PlaceMention | None] = {}

    def _attribution(self, i: int) -> Attribution | None:
        if i not in self._sources:
            # the names a source is known by so far: every sentence up to the one being read, learnt
            # only now, so that a report without claims is never read for them
            while self._learnt <= self.reached:
                sp = self.spans[self._learnt]
                self.resolver.learn_from(self.text[sp.start:sp.end])
                self._learnt += 1
            s = self.spans[i]
            self._sources[i] = find_attribution(self.text[s.start:s.end], s.start, self.resolver)
        return self._sources[i]

    def times(self, i: int, published: date | None) -> list[TimeMention]:
        if i not in self._times:
            self._times[i] = find_times(self.text, self.spans[i].start, self.spans[i].end, published)
        return self._times[i]

    def places(self, i: int) -> list[PlaceMention]:
        if i not in self._places:
            self._places[i] = find_places(self.text, self.spans[i].start, self.spans[i].end)
        return self._places[i]

    def clauses(self, i: int) -> _Clauses:
        if i not in self._clauses:
            self._clauses[i] = _Clauses(self.text[self.spans[i].start:self.spans[i].end], self.spans[i].start)
        return self._clauses[i]

    def _latest_before(self, i: int, memo: dict[int, T | None], own: Callable[[int], T | None]) -> T | None:
        """The latest `own(j)` that is not None for j before i in i's paragraph (memoised, so a long
        paragraph of claims is read once, not once per claim)."""
        paragraph = self.spans[i].paragraph
        j, found = i - 1, None
        while j >= 0 and self.spans[j].paragraph == paragraph:
            found = own(j)
            if found is not None:
                break
            if j in memo:
                found = memo[j]
                break
            j -= 1
        memo[i] = found
        return found

    def source(self, i: int) -> tuple[Attribution | None, Attribution | None]:
        if i not in self._source_of:
            self._source_of[i] = self._source(i)
        return self._source_of[i]

    def _source(self, i: int) -> tuple[Attribution | None, Attribution | None]:
        """(the sentence's own attribution, the one it carries: the latest before it in its paragraph, or,
        for a sentence that goes on in a source's voice ("It added ...", "According to the same
        statement ..."), the latest before it in the report)."""
        own = self._attribution(i)
        if own is not None and is_anaphoric(own.source.name):
            return None, self._voice_before(i)
        carried = self._latest_before(i, self._carried_sources, self._resolved)
        if carried is not None:
            return own, carried
        if own is None and continues_voice(self.text[self.spans[i].start:self.spans[i].end]):
            return None, self._voice_before(i)
        return own, None

    def _resolved(self, j: int) -> Attribution | None:
        found = self._attribution(j)
        return self._voice_before(j) if found is not None and is_anaphoric(found.source.name) else found

    def _voice_before(self, i: int) -> Attribution | None:
        """The latest named source before sentence i, across paragraphs (a report's voice)."""
        for j in range(i - 1, max(-1, i - 15), -1):
            found = self._attribution(j)
            if found is not None and not is_anaphoric(found.source.name):
                return found
        return None

    def carried_place(self, i: int) -> tuple[int, int, str] | None:
        found = self._latest_before(i, self._carried_places, self._last_place)
        return (found.start, found.end, found.text) if found is not None else None

    def story_place(self, i: int, since: int) -> tuple[int, int, str] | None:
        """The latest place named in the sentences before i and after the dateline (at `since`), across
        paragraphs: "KHARTOUM — An airstrike on Al-Fashir killed 27 ... ¶ More than 40 others were
        wounded": the town's wounded, not the dateline's (a story's place holds until another is named)."""
        for j in range(i - 1, max(-1, i - _STORY_REACH), -1):
            found = self._last_place(j)
            if found is not None and found.start > since:
                return found.start, found.end, found.text
        return None

    def _last_place(self, i: int) -> PlaceMention | None:
        found = self.places(i)
        return found[-1] if found else None


# --- tokens --------------------------------------------------------------------------------

def _tokenize(text: str, s: Span) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group(), m.group().lower().replace("’", "'"))
            for m in _TOKEN.finditer(text, s.start, s.end)]


def _index_at(toks: list[_Tok], pos: int) -> int:
    return bisect_left(toks, pos, key=lambda t: t.start)


def _cue_at(toks: list[_Tok], k: int) -> tuple[str, int] | None:
    """The longest outcome cue starting at token k, and its length in tokens."""
    if toks[k].low == "in":
        held = _in_condition(toks, k)
        if held:
            return "in critical condition", held
    if toks[k].low in ("victim", "victims"):
        hit = _victims_of(toks, k)
        if hit:
            return hit
    if toks[k].low in ("struck", "hit") and k + 3 < len(toks) and toks[k + 1].low in ("twice", "once", "repeatedly"):
        n = 3 if toks[k + 2].low == "by" else 0
        n += n and toks[k + n].low in ("a", "the", "stray", "multiple", "several")
        n += n and toks[k + n].low == "stray"
        if n and k + n < len(toks) and toks[k + n].low in ("bullet", "bullets", "gunfire", "shots", "rounds"):
            return "struck by gunfire", n + 1  # "was struck twice by bullets fired through the door"
    for n in range(min(lx.MAX_CUE_WORDS, len(toks) - k), 0, -1):
        phrase = " ".join(t.low for t in toks[k:k + n])
        if phrase in lx.OUTCOME_CUES:
            if n == 1 and phrase in ("lost", "lose", "loses", "losing") and _lost_a_part(toks, k + 1):
                return None  # "the boy lost a kidney": hurt, not dead; no count either
            if phrase in ("injury", "injuries", "harm") and k > 0 and toks[k - 1].low == "bodily":
                return None  # "child neglect causing serious bodily injury": a charge's words
            return phrase, n
    return None


_ATTACKS = {"shooting": "struck by gunfire", "drive-by": "struck by gunfire", "shootout": "struck by gunfire",
            "stabbing": "stabbed"}


def _victims_of(toks: list[_Tok], k: int) -> tuple[str, int] | None:
    """'were victims of a double shooting', 'was the victim of a stabbing': hurt in it (a fatal one
    is a death, read by the rules for deaths). The cue it stands for, and its length in tokens."""
    if k + 2 >= len(toks) or toks[k + 1].low != "of":
        return None
    for j in range(k + 2, min(k + 6, len(toks))):
        low = toks[j].low
        if low in ("fatal", "deadly", "murder", "homicide", "killing", "slaying"):
            return None
        if low in _ATTACKS:
            return _ATTACKS[low], j + 1 - k
        if low not in ("a", "an", "the", "double", "triple", "quadruple", "apparent", "random", "targeted",
                       "weekend", "overnight", "late-night", "early-morning", "mass", "gang-related"):
            return None
    return None


def _in_condition(toks: list[_Tok], k: int) -> int:
    """'in critical but stable condition', 'in critical, but stable condition', 'in serious to critical
    condition', 'in very grave condition': a patient's state, from 'in' at k. Its length in tokens, else 0."""
    j = k + 1
    while j < len(toks) and toks[j].low in ("very", "extremely", "a", "an", "still"):
        j += 1
    if j >= len(toks) or toks[j].low not in lx.CONDITIONS:
        return 0
    j += 1
    j += j + 2 < len(toks) and toks[j].low == "," and toks[j + 1].low in ("but", "and", "yet")  # "critical, but stable"
    if j + 1 < len(toks) and toks[j].low in ("but", "and", "to", "or", "-", "yet") and toks[j + 1].low in lx.CONDITIONS:
        j += 2
    return j + 1 - k if j < len(toks) and toks[j].low == "condition" else 0


_BODY_PARTS = frozenset("kidney kidneys leg legs arm arms eye eyes hand hands foot feet finger fingers toe toes spleen "
                        "lung sight vision hearing blood teeth tooth limb limbs".split())


def _lost_a_part(toks: list[_Tok], k: int) -> bool:
    """'lost a kidney', 'lost part of his leg', 'lost much blood': a part of the body, not a life."""
    if k < len(toks) and toks[k].low in ("a", "an", "his", "her", "their", "one", "both", "part", "much"):
        k += 1
    if k < len(toks) and toks[k].low == "of":
        k += 1
    return k < len(toks) and toks[k].low in _BODY_PARTS


_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                      "june july august september october november december".split())


def _is_object(t: _Tok | None) -> bool:
    if t is None:
        return False
    return (t.low in lx.DETERMINERS or t.low in lx.PERSON or t.text[0].isdigit()
            or bool(re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", t.text)) and t.low not in _CALENDAR  # "killed Kincaid-Hill"
            or t.low in ("him", "them", "her", "us", "another", "both", "one", "two", "three", "four", "five", "six",
                         "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "scores"))


def _noun_modifier(toks: list[_Tok], k: int, heads: Collection[str]) -> bool:
    """A plain word before a person noun modifies it: "aid" in "two aid workers", "cattle" in "a cattle
    trader", "public" in "a public prosecutor". Only when a person noun follows within three words."""
    t = toks[k]
    if not t.text.isalpha() or not t.text.islower() or t.low in _FUNCTION or t.low in lx.NON_PERSON_HINTS \
            or t.low in _COPULAS \
            or _cue_at(toks, k):
        return False
    for n in range(1, 4):  # "rapid intervention battalion soldier"
        if k + n >= len(toks):
            return False
        if toks[k + n].low in heads:
            return True
        if not toks[k + n].text.isalpha() or toks[k + n].low in _FUNCTION or _cue_at(toks, k + n):
            return False
    return False


def _is_modifier(t: _Tok) -> bool:
    if t.low in lx.NON_PERSON_HINTS:
        return False
    if t.low in ("al", "el", "ul", "bin", "ibn"):  # inside a name: "two al Shabaab dead"
        return True
    if t.low in lx.MODIFIERS:
        return True
    if t.text[0].isupper() and t.low not in _FUNCTION and t.low not in ("the", "a", "an"):
        return True
    return "-" in t.text and len(t.text) > 3


# --- one sentence ----------------------------------------------------------------------------

def _sentence_drafts(text: str, s: Span, toks: list[_Tok], base: int, earlier: list[_Draft] = [],  # noqa: B006
                     headline: bool = False) -> list[_Draft]:
    counts = [c for c in find_counts(text, s.start, s.end) if _plausible(text, c)]
    victims = {v.start: v for v in single_victims(toks, {c.start for c in counts}, headline)
               if (v.kind != "name" or _names_a_victim(toks, v)) and not _supposed(text, v.start, v.end)
               and not _acts(toks, v)  # "an official tells News 5 the victim was shot"
               and not (v.first > 0 and toks[v.first - 1].low in _COPULAS and not _inverted(toks, v.first)
                        and not (v.first > 1 and toks[v.first - 2].low == "well"))}  # (but "as well as his wife")
    # ("he was a passenger"; but "killed were Victor Ortiz and ...")
    for w in _in_appositions(toks, victims):
        del victims[w]
    counts += [CountMatch(v.start, v.end, Count(text[v.start:v.end], 1, "exact", 1, 1, 1), True)
               for v in victims.values()]
    counts += _negative_counts(toks, text)
    counts.sort(key=lambda c: c.start)
    # counts of things ("four days", "12 villages") do not bound another figure's clause
    heads = [_Head("person", victims[c.start].head, list(range(
                victims[c.start].first + (victims[c.start].kind not in ("name", "age")), victims[c.start].head)))
             if c.start in victims else _find_head(toks, _index_at(toks, c.end), c) for c in counts]
    count_starts = {_index_at(toks, c.start) for c, h in zip(counts, heads) if h is not None}
    if not count_starts:
        return []
    shared = _Shared(_manner_cues(toks), _perpetrator_by(text[s.start:s.end]), headline)
    out: list[_Draft] = []
    for c, head in zip(counts, heads):
        if head is None:
            continue
        d = _analyse(text, s, toks, c, head, count_starts, out, base, shared)
        if d is None:
            d = _breakdown_part(text, s, toks, c, head, out, earlier, base)
        elif head.kind == "pronoun" and toks[head.index].low in ("them", "whom") and d.part_of is None:
            _of_them(d, out, earlier, base, s, c)
        if d is not None and (d.cue_phrase == "among the victims" or d.rule == "among+count" and d.cue_index is not None
                              and toks[d.cue_index + 1].low == "victims"):
            # "Three boys were shot ... the victims included two 15-year-olds", "his son was among the
            # victims": the victims told of, whatever befell them
            told = next((o for o in reversed(out or earlier) if not o.negated and o.count.best != 0), None)
            if told is not None and told.outcome in ("injured", "casualties"):
                d.outcome = told.outcome
        if d is not None:
            d.victim = victims.get(c.start)
            _coordinate(d, out, toks, base)
            if d.victim is not None and d.victim.word in ("himself", "herself") or \
                    d.rule in ("along-with+count", "elided+count"):
                _kills_self_too(d, out, base)
            out.append(d)
    return out


_KILLING = frozenset(w for w, outcome in lx.TRANSITIVE.items() if outcome == "killed") - {"claimed", "claiming"}


def _killed_them(text: str, s: Span, toks: list[_Tok], drafts: list[_Draft]) -> list[_Draft]:
    """'Gunmen abducted 9 soldiers ... They later killed them': the people of the figure just given,
    now killed. The claim's count phrase is the pronoun; `refers_to` names the figure it counts."""
    out: list[_Draft] = []
    for j in range(1, len(toks)):
        if toks[j].low != "them" or toks[j - 1].low not in _KILLING:
            continue
        if any(d.sentence == s and d.outcome == "killed" and d.start > toks[j - 1].start for d in drafts):
            continue  # "killed them and two others": read already
        before = _figure_before(drafts, toks[j].start, s)
        if before is None or drafts[before].outcome not in ("kidnapped", "detained", "injured", "missing"):
            continue
        whole = drafts[before]
        c = whole.count
        d = _Draft(toks[j].start, toks[j].end, Count(text[toks[j].start:toks[j].end], c.value, c.qualifier, c.low,
                                                     c.high, c.best), "killed", s, "pronoun+outcome", 0.6,
                   category=whole.category, group=whole.group, attributes=list(whole.attributes),
                   victims_text=whole.victims_text, cue_index=j - 1, cue_phrase=toks[j - 1].low)
        d.refers_to = before
        out.append(d)
    return out


def _figure_before(drafts: list[_Draft], at: int, s: Span) -> int | None:
    """The last figure before offset `at`, in sentence `s`'s paragraph or the one before."""
    before = [i for i, d in enumerate(drafts) if d.start < at and d.sentence.paragraph >= s.paragraph - 1]
    return before[-1] if before else None


_RAISED = re.compile(r"\b(?:that|the|this)\s+(?:number|figure|total|count|tally)\s+(?:(?:was|has\s+been|had\s+been|"
                     r"is)\s+)?(?:(?:later|since|now|then|also)\s+)?(?:raised|increased|revised|updated|rose|risen|"
                     r"climbed|grew|jumped)(?:\s+(?:up|upward|upwards))?\s+to\s+$", re.I)


_RAISED_WORDS = re.compile(r"\b(?:number|figure|total|count|tally)\b[^.;]{0,40}?\bto\b", re.I)


def _number_raised(text: str, s: Span, drafts: list[_Draft]) -> list[_Draft]:
    """'Police said four others were injured; that number was later raised to five': the figure
    just given, raised. The new figure restates it (events take the larger)."""
    out: list[_Draft] = []
    for c in find_counts(text, s.start, s.end):
        if not _RAISED.search(text, max(s.start, c.start - 80), c.start) or \
                any(d.sentence == s and d.start == c.start for d in drafts):
            continue
        before = _figure_before(drafts, c.start, s)
        if before is None or (c.count.best or 0) < (drafts[before].count.best or 0):
            continue
        whole = drafts[before]
        d = _Draft(c.start, c.end, c.count, whole.outcome, s, "raised+count", 0.7, category=whole.category,
                   group=whole.group, attributes=list(whole.attributes), victims_text=whole.victims_text)
        d.manner = whole.manner
        out.append(d)
    return out


def _both_died(text: str, s: Span, toks: list[_Tok], drafts: list[_Draft]) -> list[_Draft]:
    """'Two men were shot ... Both died at the hospital': the two just counted, now dead. The
    claim's count phrase is "Both", a subset of the figure it restates (so they are no longer
    counted as injured)."""
    for k, t in enumerate(toks):
        if t.low != "both" or k and toks[k - 1].low not in ("and", ",", ";", "but"):
            continue
        j = k + 1 + (k + 1 < len(toks) and toks[k + 1].low in lx.PERSON)  # "both men", "both victims"
        if [x.low for x in toks[j:j + 2]] == ["of", "them"]:
            j += 2
        elif j > k + 1 and j < len(toks) and toks[j].low in ("inside", "in", "near", "at", "from", "aboard"):
            j = next((m for m in range(j + 1, min(j + 8, len(toks))) if toks[m].low in lx.BE_AUX), j)
        while j < len(toks) and toks[j].low in SKIP_BEFORE_CUE:
            j += 1
        cue = _cue_at(toks, j) if j < len(toks) else None
        if cue is None or _active(toks, j, cue[1]):
            continue
        before = _figure_before(drafts, t.start, s)
        whole = drafts[before] if before is not None else None
        if whole is None or whole.outcome not in ("injured", "casualties") or whole.count.best != 2 \
                or whole.part_of is not None or lx.OUTCOME_CUES[cue[0]][0] != "killed":
            if k + 1 < len(toks) and toks[k + 1].low in lx.PERSON and toks[k + 1].low not in ("people", "persons") \
                    and lx.OUTCOME_CUES[cue[0]][0] in ("killed", "injured"):
                # "Both men inside the car were killed": two people, counted here
                end = toks[k + 1]
                d = _Draft(t.start, end.end, Count(text[t.start:end.end], 2, "exact", 2, 2, 2),
                           lx.OUTCOME_CUES[cue[0]][0], s, "both+outcome", 0.7, cue_index=j, cue_phrase=cue[0])
                d.manner = lx.OUTCOME_CUES[cue[0]][1]
                if whole is not None and whole.count.best == 2 and whole.part_of is None:
                    d.subset_of = before  # "Two men were wounded ... Both men were treated": the same two
                return [d]
            continue
        d = _Draft(t.start, t.end, Count(t.text, 2, "exact", 2, 2, 2), "killed", s, "both+outcome", 0.7,
                   category=whole.category, group=whole.group, attributes=list(whole.attributes),
                   victims_text=whole.victims_text, cue_index=j, cue_phrase=cue[0])
        d.subset_of = before
        return [d]
    return []


_OWN_LIFE = re.compile(
    r"\b(?:turn(?:ed|ing|s)?\s+(?:the|a|his|her)\s+(?:gun|weapon|rifle|pistol|handgun|shotgun|knife)\s+on\s+"
    r"(?P<self>himself|herself)|(?:took|taking|takes|take)\s+(?P<life>(?:his|her)\s+own\s+life))\b"
    r"(?![^.;]{0,40}\b(?:survived|critical|wounded|injured|hospitali[sz]ed)\b)", re.I)


_KILLED_THEM = re.compile(r"\b(?:shot|killed|murdered)\s+(?:them|both|all\s+(?:three|four|five))\b", re.I)


def _own_life(text: str, s: Span, drafts: list[_Draft]) -> list[_Draft]:
    """The killer dead by his own hand after killing others: "shot his ex-wife before turning the
    gun on himself", "killed his daughter and then took his own life" are two deaths."""
    m = _OWN_LIFE.search(text, s.start, s.end)
    if m is None:
        return []
    killed = [i for i, d in enumerate(drafts) if d.sentence == s and d.outcome == "killed" and d.start < m.start()]
    if not killed and _KILLED_THEM.search(text, s.start, m.start()):
        # "the girls' father shot them and turned the gun on himself": the dead told before, taken up by a pronoun
        killed = [i for i, d in enumerate(drafts) if d.outcome == "killed" and d.start < s.start][-1:]
    if not killed or any(d.sentence == s and d.count.text.lower() in ("himself", "herself") for d in drafts):
        return []
    start, end = m.span("self") if m.group("self") else m.span("life")
    d = _Draft(start, end, Count(text[start:end], 1, "exact", 1, 1, 1), "killed", s, "own-life", 0.7,
               victims_text=text[start:end])
    d.coordinated_with = killed[-1]
    return [d]


_SHOT_SELF = re.compile(r"\b(?P<also>also\s+)?(?P<how>(?:accidentally|fatally|mortally|apparently|unintentionally)\s+)?"
                        r"(?:(?:shot|shoots|shooting|shoot|wounded|wounds|wounding)\s+(?P<self>himself|herself|self)\b"
                        r"|(?P<blew>blew|blows|blowing)\s+(?P<bomber>himself|herself)\s+up\b)"
                        r"(?P<after>[^.;]{0,60})", re.I)


def _shot_self(text: str, s: Span, drafts: list[_Draft]) -> list[_Draft]:
    """'Firefighter accidentally shoots self', 'a patient ... after accidentally shooting himself':
    one hurt, by his own hand, where the report has counted no one before (whoever shot himself
    after killing others is read by `_own_life` and the reflexive's own rules)."""
    m = _SHOT_SELF.search(text, s.start, s.end)
    if m is not None and m.group("self") and _supposed(text, m.start("self"), m.end("self")):
        return []  # "officials did not confirm if Cole shot himself": asked, not told
    if m is None or not (m.group("also") or m.group("blew")) and \
            any(d.outcome in ("killed", "injured", "casualties") for d in drafts):
        return []  # (after a victim told before, "the victim accidentally shot himself" is that victim; but
        # "the 18-year-old was wounded, while the 15-year-old also shot himself" is one more)
    fatal = (m.group("how") or "").strip().lower() in ("fatally", "mortally") or m.group("blew") or \
        re.search(r"\b(?:dead|to\s+death|dies|died|killing|killed|kills|fatal|fatally)\b", text[s.start:m.end()], re.I)
    start, end = m.span("bomber") if m.group("blew") else m.span("self")  # "a suicide bomber blew himself up"
    d = _Draft(start, end, Count(text[start:end], 1, "exact", 1, 1, 1), "killed" if fatal else "injured", s,
               "shot-self", 0.7, victims_text=text[start:end], manner="shooting")
    hurt = [i for i, o in enumerate(drafts) if o.outcome == d.outcome and o.part_of is None]
    if (m.group("also") or m.group("blew")) and hurt:  # the bomber dead besides the dead he killed
        d.coordinated_with = hurt[-1]
    return [d]


def _kills_self_too(d: _Draft, out: list[_Draft], base: int) -> None:
    """More people of the figure before, added to it: the killer dead by his own hand ("and then
    himself"), the people killed "along with" the first."""
    killed = [i for i, o in enumerate(out) if o.outcome == d.outcome and o.part_of is None]
    if killed:
        if d.rule != "along-with+count":
            d.victim = None  # (a person killed along with another is still one to tell again: "the man")
        d.coordinated_with = base + killed[-1]


def _as_well_as(toks: list[_Tok], k: int) -> bool:
    """Whether 'as well as' stands right before token k: the next item of a list, as after 'and'."""
    return k > 2 and [t.low for t in toks[k - 3:k]] == ["as", "well", "as"]


def _coordinate(d: _Draft, out: list[_Draft], toks: list[_Tok], base: int) -> None:
    """Link a figure to the one before it when the two share one predicate as a list ("one French
    soldier and two fighters were killed", "1 FC personnel, and 4 militants"): other people, to add."""
    if not out or d.part_of is not None:
        return
    prev = out[-1]
    kc = _index_at(toks, d.start)
    if _as_well_as(toks, kc) and prev.part_of is None \
            and prev.outcome == d.outcome and prev.sentence == d.sentence and d.count.qualifier == "exact":
        d.coordinated_with = base + len(out) - 1  # "two men were killed, as well as a woman": three
        return
    if kc > 1 and toks[kc - 1].low in POSSESSIVES and toks[kc - 2].low in ("and", "&"):
        kc -= 1  # "a commander and his three aides"
    if prev.part_of is None and prev.outcome == d.outcome and prev.cue_index is not None and d.cue_index is not None \
            and prev.cue_index < kc < d.cue_index and kc > 0 and toks[kc - 1].low == "and" and prev.victim is None \
            and toks[prev.cue_index].low == toks[d.cue_index].low \
            and d.victim is None and d.count.qualifier == "exact" and prev.count.qualifier == "exact" \
            and not d.subset_hint and toks[_index_at(toks, d.end)].low != "of":  # not "one of the victims"
        # "two victims died on the scene and two died on the way to hospital": two clauses, one verb, four
        # dead ("four people were shot and two are being treated" is no second group)
        d.coordinated_with = base + len(out) - 1
        return
    if prev.part_of is None and prev.outcome == d.outcome and prev.cue_index == d.cue_index is not None \
            and prev.victims_text and d.victims_text \
            and kc > 0 and (toks[kc - 1].low in ("and", "&") or toks[kc - 1].low == "," and _list_goes_on(toks, kc) and (
                prev.victim is not None or _list_ends_at_predicate(toks, kc))) \
            and _continues_list(toks, prev, kc):
        d.coordinated_with = base + len(out) - 1


def _list_ends_at_predicate(toks: list[_Tok], k: int) -> bool:
    """'three soldiers, two police officers and a civilian were killed': the list runs into its
    predicate; 'five people, two women and three men, were killed' closes an apposition first."""
    seen_and = False
    for j in range(k, min(k + 16, len(toks))):
        t = toks[j].low
        seen_and = seen_and or t in ("and", "&")
        if seen_and and t == ",":
            return False
        if t in lx.BE_AUX or _cue_at(toks, j):
            return seen_and
    return False


def _list_goes_on(toks: list[_Tok], k: int) -> bool:
    """'a 15-year-old girl, two women and a man were shot': after a comma, the list ends with
    'and' before its predicate. (After a count, a comma opens an apposition: "two people, a
    14-year-old and an 18-year-old, were hurt".)"""
    for j in range(k, min(k + 12, len(toks))):
        if toks[j].low in ("and", "&"):
            return True
        if toks[j].low in lx.BE_AUX or toks[j].low in lx.CLAUSE_STOPS or _cue_at(toks, j):
            return False
    return False


_IDENTIFIED = frozenset("identified named id'd id’d".split())
_LISTS_NAMES = _IDENTIFIED | {"are", "were", "was", "is", ":"}
_NAMING = re.compile(r"\b(?:identified|named|ID['’]d)\b[^.;]{0,40}?\bas\b")


def identified_as(toks: list[_Tok], v: Mention) -> bool:
    """'... identified as 17-year-old Juzahris Webb', 'police named him as John Ray': the name of
    someone told of before, not another person."""
    k = v.first - 1
    while k > 0 and (toks[k].low in ("-", "year-old") or toks[k].text.isdigit()):
        k -= 1  # past an age before the name: "as 17-year-old Juzahris Webb"
    if k < 1 or toks[k].low != "as":
        return False
    before = [t.low for t in toks[max(0, k - 4):k]]
    return bool(before) and (before[-1] in _IDENTIFIED or len(before) > 1 and before[-2] in _IDENTIFIED
                             or len(before) > 2 and before[-3] in _IDENTIFIED and before[-2] == "the")


def _in_appositions(toks: list[_Tok], victims: dict[int, Mention]) -> list[int]:
    """Victims that only describe the victim before them: "Craig Roberts, a Greensburg Junior High
    School student, was killed" and "a worker of an election candidate was killed" name one
    person, not two."""
    inside: list[int] = []
    starts = {v.first: v for v in victims.values()}
    heads = {v.head for v in victims.values()}
    for v in victims.values():
        if v.first > 1 and toks[v.first - 1].low in ("of", "from", "for") and v.first - 2 in heads:
            inside.append(v.start)
        elif v.first > 2 and toks[v.first - 1].low == "of" and toks[v.first - 2].low in KIN \
                and toks[v.first - 3].low in (",", "and"):
            inside.append(v.start)  # "a 14-year-old boy, and son of a police officer, who was shot": the boy
        named = starts.get(v.head + 1)
        if v.kind in ("definite", "possessive", "indefinite") and named is not None and named.kind == "name":
            inside.append(named.start)  # "the business owner Norman Bobo", "his son Cary Taylor": one person
        if identified_as(toks, v) and any(o.head < v.first for o in victims.values()):
            inside.append(v.start)  # "a teenager shot Tuesday has been identified as Juzahris Webb"
        j = v.head + 1
        while j + 2 < len(toks) and toks[j].low == "," and toks[j + 1].text.isdigit() and toks[j + 2].low == ",":
            j += 2  # past an age: "Craig Roberts, 13, a student, ..."
        named_at = j + 1 + age_length(toks, j + 1)  # "her son, 17-year-old Javeer Arter"
        if named_at >= len(toks) or toks[j].low not in (",", "-", "—", "–") or not (
                toks[named_at].low in ("a", "an", "the") or toks[named_at].text[:1].isupper()):
            continue  # "a youth, Jagjit Singh, was killed": one person
        inner = starts.get(named_at)
        past = inner.head + 1 if inner is not None else 0
        if past + 1 < len(toks) and toks[past].low == "of" and toks[past + 1].text[:1].isupper():
            past += 2  # "a 12 year old male, Jaylen Pender of Indianapolis had been shot": where from
            while past < len(toks) and toks[past].text[:1].isupper() and toks[past].low not in lx.BE_AUX:
                past += 1
            past += past + 1 < len(toks) and toks[past].low == "," and toks[past + 1].low in lx.BE_AUX
        if inner is not None and inner.kind == "name" and past < len(toks) and toks[past].low in lx.BE_AUX:
            inside.append(inner.start)  # "a senior tribal journalist, Zaman Mehsud was killed"
            continue
        close = next((k for k in range(j + 2, min(j + 12, len(toks))) if toks[k].low in (",", ";", ".", "and", "or")),
                     None)
        if v.kind == "name" and toks[j + 1].low in ("a", "an"):
            end = next((k for k in range(j + 2, min(j + 30, len(toks))) if toks[k].low in (",", ";", ".", "and", "or")),
                       len(toks))
            if end == len(toks) or toks[end].low in (".", ";"):
                # "against the death of Siku Raj, a resident of Mudera village in the Tekari area.": the name, described
                inside.extend(starts[k].start for k in range(j + 1, end) if k in starts)
                continue
        if close is None or toks[close].low != ",":
            continue  # "a man, a woman and a child were killed": a list, three people
        if v.kind == "name" and inner is not None and inner.kind == "name":
            # "Lyndon Beharry, 35, Amanda Morris, 29, and ...", "Ralph Robinson, Kia Thomas, Dee Doe and":
            # the next name of a list ("his friend, Owen Hicks, 20," names the friend)
            continue
        if close + 1 < len(toks) and toks[close + 1].low in ("and", "or") and toks[j + 1].low in ("a", "an"):
            continue  # "a man, a woman, and a child": a list too; "a man, Tom Ray, and a woman": a name told
        inside.extend(starts[k].start for k in range(j + 1, close) if k in starts)
    return list(dict.fromkeys(inside))  # (one victim may be inside on two counts)


_NAME_HARMED = frozenset(("shot", "killed", "killing", "murdered", "stabbed", "wounded", "injured", "injuring", "wounding"))


def _past_appositive(toks: list[_Tok], k: int) -> int:
    """From k, after an age in commas, past who the person is: "Nick Ursiny, 15, a prized member of
    the marching band, died"."""
    if 0 < k < len(toks) and toks[k - 1].low == "," and toks[k].low in ("a", "an"):
        close = _closing_comma(toks, k + 1, 15)
        if close is not None:
            return predicate_start(toks, close + 1)
    return k


def _closing_comma(toks: list[_Tok], k: int, most: int) -> int | None:
    """The comma that closes an aside opened before k, within `most` tokens, if a comma comes
    before the sentence's next stop."""
    close = next((i for i in range(k, min(k + most, len(toks))) if toks[i].low in (",", ".", ";")), None)
    return close if close is not None and toks[close].low == "," else None


def _names_a_victim(toks: list[_Tok], v: Mention) -> bool:
    """A proper name counts as a victim only as the subject of a harm word ("Katie Reid was shot",
    "Santiago, 3, was pronounced dead") or the object of one ("fatally shot Charlie Martin")."""
    if charged_object(toks, v.first):
        return False  # "police have charged 16-year-old student Quinterrious Norman in a shooting that wounded ..."
    titled = v.first - 1
    while titled > 0 and v.first - titled < 4 and toks[titled].text.islower() and toks[titled].low not in _FUNCTION:
        titled -= 1  # "shot youth wing leader Kamal Uddin dead": a title between the verb and the name
    if v.first > 0 and toks[v.first - 1].low in _NAME_HARMED or titled >= 0 and toks[titled].low in _NAME_HARMED \
            and any(toks[j].low in lx.PERSON for j in range(titled + 1, v.first)):
        return True
    if _inverted(toks, v.first):
        return True  # "Also killed were Victor Ortiz, 22, and Alejandro Hernandez, 25"
    k = _before_age(toks, v.first)
    if k > 2 and [t.low for t in toks[k - 2:k + 1]] in (["the", "life", "of"], ["the", "lives", "of"]) \
            and toks[k - 3].low in ("claimed", "claiming", "claims", "took", "taking", "takes"):
        return True  # "a shooting that claimed the life of 17-year-old Destiny Nelson"
    if k > 1 and toks[k].low == "of" and toks[k - 1].low in HARM_OF and not any(
            t.low in ("involved", "responsible", "punishment", "punish") for t in toks[max(0, k - 8):k]):
        # "an arrest in the shooting death of 6-year-old King Carter" ("punishment of those involved in
        # the killing of ..." recalls a death, as a protest's demands do)
        return True
    after = v.head + 1
    while after < len(toks) and name_part(toks[after]) and after - v.first < 6:
        after += 1  # the rest of a long name: "Maulvi Mir Ahmad Gul Hashmi"
    opened = v.first - 1 - (v.first > 1 and toks[v.first - 1].low in HONORIFICS)
    if opened > 2 and toks[opened].low.endswith("-old") and toks[opened - 1].low == "-" \
            and toks[opened - 2].text.isdigit():
        opened -= 3  # "the victim, 53-year-old Brenda Flues, died"
    if 0 < opened and toks[opened].low == "," and after + 1 < len(toks) and toks[after].low == "," \
            and (toks[after + 1].low in lx.BE_AUX or _cue_at(toks, after + 1) or dies_at(toks, after + 1)):
        after += 1  # "The boy, Victor Hernandez, had been hit", "the victim, Brenda Flues, died": an apposition
    aside = bracketed(toks, after) if after < len(toks) else None
    if aside is not None and aside - after == 3 and toks[after + 1].text.isdigit():
        after = aside  # "Prahlad Singh (40) was killed": an age in brackets
    if after + 2 < len(toks) and toks[after].low == "," and toks[after + 1].low == "who":
        told = predicate_start(toks, after + 2)
        cue = _cue_at(toks, told) if told < len(toks) and toks[told - 1].low in lx.BE_AUX else None
        if cue is not None and lx.OUTCOME_CUES[cue[0]][0] in ("killed", "injured") and not _active(toks, told, cue[1]):
            return True  # "a shooting involving 16-year-old Christian Madueno, who was shot in the face"
    k = _past_appositive(toks, _past_post_modifier(toks, predicate_start(toks, after)))
    if after < k < len(toks) and toks[k - 1].low == "," and (toks[k].low in POSSESSIVES or name_part(toks[k])):
        k -= 1  # "John Smith, 35, his wife, ...": the list goes on past the age
    # "Rodreka Jones and Jacoreian Jennings were critically injured": the predicate after the list
    while k + 3 < len(toks) and toks[k].low == "," and toks[k + 1].low in ("and", "&") and name_part(toks[k + 2]) \
            or k + 2 < len(toks) and toks[k].low in ("and", ",", "&") and (
            name_part(toks[k + 1]) or toks[k + 1].low in KIN and name_part(toks[k + 2])
            or toks[k + 1].low in POSSESSIVES and (toks[k + 2].low in KIN or _kin_counted(toks, k + 2))
            or toks[k + 1].low in ("a", "an") and (toks[k + 2].low in KIN or toks[k + 2].low in lx.PERSON)
            or toks[k].low == "," and age_length(toks, k + 1) and name_part(toks[k + 1 + age_length(toks, k + 1)])):
        # "... and daughter Tasmia Allen, 17, were shot"; "John Smith, 30, and his son, 8, were killed";
        # "Bianca Arter and her son, 17-year-old Javeer Arter were found dead"; "and their two children"
        k += toks[k].low == "," and toks[k + 1].low in ("and", "&")  # "Kia Thomas, Dee Doe, and Bryant Turner"
        k += age_length(toks, k + 1) if toks[k].low == "," else 0
        if toks[k + 1].low in POSSESSIVES or toks[k + 1].low in ("a", "an"):
            k += 2 + (_kin_counted(toks, k + 2) or 1)
            # "his wife, Amy, 29,"; "their two children, 7-year-old X and 4-year-old Y,"; "a neighbor, Paul Ivers,"
            named = _named_after(toks, k)
            if named > k:
                k = named
                continue
        else:
            k += 1 + (toks[k + 1].low in KIN)
        while k < len(toks) and name_part(toks[k]):
            k += 1
        if k + 1 < len(toks) and toks[k].low == "," and toks[k + 1].low in ("was", "were", "is", "are", "had", "have"):
            k += 1  # "Maria Lopez and her daughter, Ana Lopez, were found dead": the name closed
        k = predicate_start(toks, k)
    while k < len(toks) and toks[k].low in SKIP_BEFORE_CUE:
        k += 1
    cue = _cue_at(toks, k) if k < len(toks) else None
    if cue is None:
        return with_wound(toks, k) is not None or suffered(toks, k) is not None
    if _active(toks, k, cue[1]):
        return False  # "John Ward killed his wife": the named man is the killer
    if toks[k].low in ("death", "deaths", "injury", "injuries", "wound", "wounds"):
        return False  # "Arturo Claro, who knew the woman, reacted to her death": someone else's
    # a bare verb right after a name must be a death or a wound, not a noun ("Lisbon Av. shooting")
    return k > v.head + 1 or lx.OUTCOME_CUES[cue[0]][0] in ("killed", "injured") and toks[k].low not in (
        "shot", "dead", "death", "deaths", "injuries", "injury", "wounds")


def _kin_counted(toks: list[_Tok], k: int) -> int:
    """Tokens of a counted kin noun at k ("two children", "three sons"), else 0."""
    if k + 1 < len(toks) and (toks[k].text.isdigit() or toks[k].low in _NUMBER_WORDS) \
            and (toks[k + 1].low in KIN or toks[k + 1].low in lx.PERSON):
        return 2
    return 0


def _named_after(toks: list[_Tok], k: int) -> int:
    """Past the names and ages set in commas after a kin noun ending before k ("his wife, Amy, 29,",
    "their two children, 7-year-old Brandon and 4-year-old Brian,"), to where the list goes on
    or the predicate starts; k itself where none are given."""
    if k >= len(toks) or toks[k].low != ",":
        return k
    j = k + 1
    while j < len(toks) and j - k < 30 and (name_part(toks[j]) or toks[j].text.isdigit() or toks[j].low in (
            "and", "-", "year-old", "month-old") or age_length(toks, j)
            or toks[j].low == "," and j + 1 < len(toks) and toks[j + 1].text.isdigit()):  # "Amy, 29,"
        j += 1
    if j > k + 1 and j + 1 < len(toks) and toks[j].low == ",":
        goes_on = name_part(toks[j + 1]) or toks[j + 1].low in POSSESSIVES  # ", Tom Lee, 40, were shot"
        return j if goes_on else j + 1  # ", and Tom Lee"; ", died"
    return k


# --- breakdowns named after their toll ------------------------------------------------------------

_LIST_RULES = frozenset({"among+count", "part-of-previous", "breakdown"})
_DEAD_GROUPS = {"the dead": "killed", "the victims": "killed", "those killed": "killed", "the injured": "injured",
                "the wounded": "injured", "the casualties": "casualties", "the missing": "missing",
                "the fatalities": "killed", "those who died": "killed", "those injured": "injured"}
_INVERTED = frozenset("killed dead wounded injured hurt".split())


def _passive(toks: list[_Tok], j: int) -> bool:
    """Whether the verb at j follows an auxiliary ("was shot", "were allegedly shot"), not a
    subject ("suspects who allegedly shot two men")."""
    k = j - 1
    while k > 0 and toks[k].low in ("allegedly", "reportedly", "also", "later"):
        k -= 1
    return k >= 0 and toks[k].low in lx.BE_AUX and toks[k].low not in ("allegedly", "reportedly", "also", "later")


def _before_age(toks: list[_Tok], k: int) -> int:
    """The token before k, past an age told before a name ("17-year-old", "17 - year-old")."""
    start = age_before(toks, k)
    return (k if start is None else start) - 1


def _inverted(toks: list[_Tok], k: int) -> bool:
    """Whether the person at k is listed after an inverted predicate ("Also killed were Victor
    Ortiz, 22, and Alejandro Hernandez, 25"; "Injured were Taylor Mack and Sid Lamb")."""
    for j in range(k - 1, max(0, k - 14), -1):
        if toks[j].low in ("were", "was"):
            return j > 0 and toks[j - 1].low in _INVERTED
        if toks[j].low in (".", ";", ":") or toks[j].low in lx.CUE_WORDS:
            return False
    return False
_PREDICATE_BE = frozenset("were are was is included include includes including been all".split())


def _breakdown_part(text: str, s: Span, toks: list[_Tok], c: CountMatch, head: _Head, out: list[_Draft],
                    earlier: list[_Draft], base: int) -> _Draft | None:
    """A figure without an outcome of its own that breaks down a toll just given: "17 people died, six
    of whom were children"; "Eleven of them were students"; "Of the 17 dead, six were children";
    "Among the dead were 31 women and nine children" (the second item of the list)."""
    kc = _index_at(toks, c.start)
    whole_index: int | None = None
    rule = "breakdown"
    if head.kind == "pronoun" and toks[head.index].low in ("whom", "them", "those", "these", "victims"):
        whole_index = _recent_whole(out, earlier, base, s, c)
    elif out and (k0 := kc - 1 if kc > 1 and toks[kc - 1].low in POSSESSIVES else kc) > 0 \
            and toks[k0 - 1].low in ("and", ",", "&") and _continues_list(toks, out[-1], k0) and \
            out[-1].rule in _LIST_RULES | {"transitive+count", "noun-of+count", "lost+count"}:
        # "killed a man and his two sons": the possessive stands where the list's article would
        prev = out[-1]
        if prev.rule in ("transitive+count", "noun-of+count", "lost+count") and prev.outcome != "casualties":
            d = _Draft(c.start, c.end, c.count, prev.outcome, s, prev.rule, 0.75, manner=prev.manner,
                       perpetrator=prev.perpetrator, cue_index=prev.cue_index,
                       cue_phrase=prev.cue_phrase)  # "killed five soldiers and three civilians": one verb
            _victims(d, toks, head, head.index + 1 if head.kind == "person" else head.index, text)
            return d
        d = _Draft(c.start, c.end, c.count, prev.outcome, s, prev.rule, 0.75, manner=prev.manner,
                   cue_index=prev.cue_index, cue_phrase=prev.cue_phrase)
        _victims(d, toks, head, head.index + 1 if head.kind == "person" else head.index, text)
        if prev.part_of is not None:
            d.part_of = prev.part_of
            (out[prev.part_of - base] if prev.part_of >= base else earlier[prev.part_of]).parts.append(
                base + len(out))
        return d
    elif out and head.kind == "none" and [t.low for t in toks[:2]] in (["of", "the"], ["of", "those"], ["of", "these"]) \
            and out[0].start < toks[min(4, len(toks) - 1)].end and kc > 0 and toks[kc - 1].low == ",":
        whole_index = base  # "Of the 17 dead, six were children"
    elif not out and head.kind == "none" and kc > 2 and toks[0].low == "of" and toks[kc - 1].low == "," and \
            " ".join(t.low for t in toks[1:kc - 1]) in _DEAD_GROUPS:
        # "Of those killed, 15 were women": a part of the toll given before, or a figure of its own
        outcome = _DEAD_GROUPS[" ".join(t.low for t in toks[1:kc - 1])]
        w = _recent_whole(out, earlier, base, s, c)
        if w is not None and _family(earlier[w].outcome) == _family(outcome):
            whole_index = w
        else:
            d = _Draft(c.start, c.end, c.count, outcome, s, "among+count", 0.75)
            _predicate_victims(d, toks, head.index, text)
            return d
    if whole_index is None:
        return None
    whole = out[whole_index - base] if whole_index >= base else earlier[whole_index]
    if whole.negated or (whole.count.best is not None and c.count.best is not None and c.count.best >= whole.count.best):
        return None
    d = _Draft(c.start, c.end, c.count, whole.outcome, s, rule, 0.75, manner=whole.manner)
    after = head.index + 1 if head.kind == "pronoun" else head.index
    _predicate_victims(d, toks, after, text)
    if d.victims_text is None and whole.category not in ("unknown", "mixed"):
        d.category, d.category_inferred = whole.category, True
    d.part_of = whole_index
    whole.parts.append(base + len(out))
    return d


def _of_them(d: _Draft, out: list[_Draft], earlier: list[_Draft], base: int, s: Span, c: CountMatch) -> None:
    """'Twenty soldiers were killed ... Eleven of them died in the first hour': 'them' are the toll's
    victims, so the figure takes their class and, for the same outcome, is a part of the toll."""
    w = _recent_whole(out, earlier, base, s, c)
    if w is None:
        return
    whole = out[w - base] if w >= base else earlier[w]
    if d.category == "unknown" and whole.category not in ("unknown", "mixed"):
        d.category, d.category_inferred = whole.category, True
    if _family(whole.outcome) == _family(d.outcome) and whole.count.best is not None and \
            c.count.best is not None and c.count.best < whole.count.best and not whole.negated:
        d.part_of = w
        whole.parts.append(base + len(out))


def _recent_whole(out: list[_Draft], earlier: list[_Draft], base: int, s: Span, c: CountMatch) -> int | None:
    """The toll 'of them' refers to: the latest figure before it that is no part itself, in this
    sentence, else in this paragraph or the one before."""
    for i in range(len(out) - 1, -1, -1):
        if out[i].part_of is None and out[i].end <= c.start:
            return base + i
    for i in range(len(earlier) - 1, max(-1, len(earlier) - 6), -1):
        if earlier[i].sentence.paragraph < s.paragraph - 1:
            break
        if earlier[i].part_of is None:
            return i
    return None


def _continues_list(toks: list[_Tok], prev: _Draft, kc: int) -> bool:
    """'31 women and nine children': only the previous item's victims stand between the two counts."""
    start = _index_at(toks, prev.end)
    between = toks[start:kc - 1]
    if any(t.low in ("ages", "aged") or t.text.isdigit() for t in between):
        # "two children, ages 3 and 5, and their mother": the ages of the item before
        between = [t for t in between if not (t.text.isdigit() or t.low in ("ages", "aged", "and", "&"))]
    # "three 28-year-old men from Tarboro and a 27-year-old man": an age and a home town are the item's
    between = [t for t in between if not (t.low in ("-", "from", "of") or t.low.endswith("-old"))]
    return len(between) <= 4 and all(t.low in lx.PERSON or _is_modifier(t) or t.low == "," for t in between)


def _predicate_victims(d: _Draft, toks: list[_Tok], k: int, text: str) -> None:
    """Victims named after a copula: 'six of whom were children', 'Eleven of them were students'."""
    j = k
    while j < len(toks) and j < k + 3 and toks[j].low in _PREDICATE_BE | _ADVERBS:
        j += 1
    first = j
    while j < len(toks) and j < first + 3 and toks[j].low not in lx.PERSON and (
            _is_modifier(toks[j]) or toks[j].low in ("a", "an")):
        j += 1
    if j == k or j >= len(toks) or toks[j].low not in lx.PERSON:
        return
    category, attribute = lx.PERSON[toks[j].low]
    mods = {t.low for t in toks[first:j]}
    if category in ("unknown", "combatant"):
        category = "state_forces" if mods & lx.STATE_MODIFIERS else "non_state_armed" if mods & lx.ARMED_MODIFIERS \
            else "civilian" if mods & lx.CIVILIAN_MODIFIERS else category
    d.category = category
    if attribute:
        d.attributes.append(attribute)
    d.victims_text = text[toks[first].start:toks[j].end]


def _plausible(text: str, c: CountMatch) -> bool:
    before = text[max(0, c.start - 12):c.start]
    if _NOT_COUNT_BEFORE.search(before) or _NOT_COUNT_AFTER.match(text, c.end):
        return False
    if before.endswith("(") and text[c.end:c.end + 1] == ")":
        return False  # "Ahmed (34)" is an age
    if re.search(r"\d/$", before):
        return False  # "(20/01)": a date, "3/4": a fraction
    v = c.count.value
    if v is not None and v <= 31 and not c.is_word and _MONTH_BEFORE.search(before) and \
            not re.match(r"\s+(?:people|persons|civilians|soldiers|fighters|children|men|women)\b", text[c.end:c.end + 20]):
        return False  # "the Oct 30 elections", "on March 5": a day of the month
    if v is not None and not c.is_word and re.fullmatch(r"(?:1[89]|20)\d\d", c.count.text.strip()):
        return bool(re.match(r"\s+(?:people|civilians|persons|soldiers|fighters|children)\b", text[c.end:c.end + 20]))
    return not _decoy(text, c)


_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|" \
          r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
_AGE_LIST_BEFORE = re.compile(r"\b(?:aged|ages|ages\s+of|age\s+from)\s+\d+(?:\s*(?:,|and|&|or|to)\s*\d+)*\s*"
                              r"(?:,|and|&|or|to)\s*$", re.I)
# "two males, 30 and 42, were injured", "two women, believed to be 30 and 60": ages told after the
# people they belong to
_AGES_AFTER_PEOPLE = re.compile(r"\b(?:males|females|men|women|boys|girls|teens|teenagers|adults|victims|brothers|"
                                r"sisters),\s*(?:(?:believed|thought|said|estimated)\s+to\s+be\s+|both\s+|aged\s+)?"
                                r"(?:\d+\s*(?:,|and|&)\s*)*$", re.I)
# "whose age was given as 17 by police", "his age listed as 16": an age, said of someone
_AGE_GIVEN = re.compile(r"\bage\s+(?:(?:was|is|had\s+been|has\s+been)\s+)?(?:(?:given|listed|reported|put|stated)\s+)?"
                        r"(?:as|at|of)\s+$|,\s+who\s+(?:\w+\s+){0,4}?(?:was|is)\s+$", re.I)  # "Reyes, who was 16,"
_AGE_LIST_AFTER = re.compile(r"[-–]?(?:\s*(?:,|and|&|or|to)\s*\d+[-–]?)+\s*(?:[-–]\s*|\s)?(?:year|yr)s?[-\s]old", re.I)
_DAY_AFTER = re.compile(rf"(?:\s*(?:and|&|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTHS}")
# the word before a comma, past "Jr." and "also": "Lee Hunt Jr., 13,", "another woman, also 22,"
_NAME_COMMA = re.compile(r"([A-Za-z\u00C0-\u024F][\w’'-]*)\.?,\s*(?:also\s+|now\s+)?$")
_MEMBER_OF = re.compile(r"\b(?:jawan|soldier|trooper|officer|member|commander|constable|rifleman|sepoy|"
                        r"havildar|major|captain|lieutenant|sergeant|personnel|man)\s+of\s+(?:the\s+)?$", re.I)
_FRACTION = re.compile(r"\s*/\s*\d")  # "1 / 3 Back to Gallery", "2/5": a counter or a ratio
_CALL_SIGN = re.compile(r"(?-i:\b[A-Z]{3,5}(?:-(?:TV|FM|AM))?|Channel|Fox|FOX|News)\s*$")
_BRAND_AFTER = re.compile(r"\s+(?-i:On\s+Your\s+Side|News\b|Investigates|Action\s+News|Eyewitness|Alive|I-Team|Problem\s+Solvers)")
_SENTENCE_END = re.compile(r"[.!\n]")
_HYPOTHETICAL = re.compile(
    r"(?:\b(?:ask\w*|wonder\w*|unclear|not\s+(?:yet\s+)?(?:known|clear)|unknown|know|knew|question\w*|check\w*|"
    r"confirm)\s+(?:\w+\s+){0,3}(?:if|whether)|(?:^|[,;:]\s*|\b(?:even|only)\s+)(?:if|whether|unless))\b[^,;:.]*$", re.I)


def _decoy(text: str, c: CountMatch) -> bool:
    """Numbers that look like counts but are not: ages in lists ("aged 4 and 7"), a name's age
    ("Jalen Wilfong, 21, of Princeton"), a photo counter ("1 / 3"), day pairs ("on 13 and 14 November"), station names ("KHOU 11",
    "10 On Your Side") and figures asked about or supposed ("asked whether 20 people had died")."""
    before = text[max(0, c.start - 40):c.start]
    after = text[c.end:c.end + 40]
    if _AGE_LIST_BEFORE.search(before) or _AGE_LIST_AFTER.match(after) or _AGE_GIVEN.search(before):
        return True
    if not c.is_word and _AGES_AFTER_PEOPLE.search(before):
        word = re.match(r"\s+([A-Za-z]+)", after)
        if not (word and word.group(1).lower() in lx.PERSON):  # "two victims, 5 adults and 3 children": counts
            return True
    if not c.is_word and _DAY_AFTER.match(after) and (c.count.value or 0) <= 31:
        return True
    if not c.is_word and re.match(r"\s*(?:,|[—–]|-\s|\)|\.(?:\s|$))|[ \t]*(?:\n|$)|\s+who\b", after):
        # "Jalen Wilfong, 21,", "Santiago, 3,", "the driver, 45,", "... and Alejandro Hernandez, 25.",
        # "Darrell Hawkins, 34 who were shot", a headline's "fatally shoots girl, 15": an age
        name = _NAME_COMMA.search(before)
        if name and (name.group(1)[:1].isupper() or name.group(1).lower() in lx.PERSON):
            return True
        if re.search(r"[A-Z][a-z]+\s+(?-i:Jr|Sr|II|III|IV)\.?\s+$", before):
            return True  # "Larry Watkins Jr. 26, were also injured": the comma before the age left out
    named = re.search(r"(?-i:([A-Z][a-z]+)\s+[A-Z][\w’'-]+),\s*$", before)
    if not c.is_word and (c.count.value or 0) <= 110 and named and named.group(1).lower() not in _NOT_FIRST_NAMES \
            and re.match(r"\s+(?:and\s+(?:(?-i:[A-Z])|his\b|her\b|their\b)|were\b)", after, re.I):
        return True  # "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead": the comma after the age left out
    if not c.is_word and (c.count.value or 0) <= 110 and re.search(r"[A-Za-z]{2,},\s*$", before) \
            and re.match(r"\s+(?:was|is|has|had)\b", after, re.I):
        return True  # "Calvin Williams, 24 was shot in the chest": one person's age (a count takes "were")
    if not c.is_word and (c.count.value or 0) <= 110 and re.match(r"\s+(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)", after):
        name = _NAME_COMMA.search(before)  # "kills man, 18 Jose Estrada fatally wounded": his age, then his name
        if name and name.group(1).lower() in lx.PERSON:
            return True
    if not c.is_word and (_CALL_SIGN.search(before[-12:]) or _BRAND_AFTER.match(after)):
        return True
    if not c.is_word and (_FRACTION.match(after) or re.search(r"\d\s*/\s*$", before)):
        return True
    if not c.is_word and _MEMBER_OF.search(before) and re.match(r"\s+(?-i:[A-Z]{1,5}\b|[A-Z][a-z]+\b)", after):
        return True  # "a jawan of 24 AR", "a soldier of 21 Brigade": a unit's number
    if not c.is_word and (re.search(r"\b(?:one|the\s+other|another)\s+$", before, re.I)
                          and re.match(r"\s*(?:,|and\b|were\b|are\b|\)|years?\b)", after, re.I)):
        return True  # "two teenagers, one 16 and the other 17, were injured": ages
    if not c.is_word and (c.count.value or 0) % 10 == 0 and re.match(r"['’′]?s\b(?!\s+of\b)", after):
        return True  # "men in their 20′s", "ages from 20's to 50's": decades of age
    if re.match(r"\s+(?:more\s+)?(?:shots?|rounds?|bullets?|gunshots?)\b", after, re.I) and \
            re.search(r"\b(?:fired|fires|fire|firing|heard|hear|hearing|let\s+off|squeezed\s+off|unloaded)\s+"
                      r"(?:at\s+least\s+|about\s+|around\s+|some\s+|another\s+)?$", before, re.I):
        return True  # "fired one shot which struck his wife": shots, not people
    if not c.is_word and c.count.value == 911 and not re.match(r"\s+(?:people|persons|civilians|dead|killed)\b", after, re.I):
        return True  # "after receiving a 911 call": the emergency number
    if re.search(r"\b(?:(?:younger|older)\s+than|under\s+(?:the\s+)?age\s+(?:of\s+)?|aged?\s+(?:under|over|between))\s*$",
                 before, re.I):
        return True  # "a boy younger than 12 was shot": an age, bounded
    if re.search(r"\b(?:father|mother|dad|mom|mum|parent|grand(?:father|mother|parent))s?\s+of\s+$", before, re.I):
        return True  # "Father of 3 fatally shot": his children, not the dead
    if re.search(r"\baccording\s+to\s+(?:the\s+|at\s+least\s+)?$", before, re.I):
        return True  # "pronounced dead, according to two family members": who told it
    if re.search(r"\b(?:who|which|that)\s+(?:has|have|had)\s+(?:at\s+least\s+|only\s+)?$", before, re.I):
        return True  # "the woman, who has at least one teenaged son, died": whom she has, not the dead
    if not c.is_word and re.search(r"(?:,\s*(?:both|all|each)|\bages?\s+(?:rang(?:e|es|ed|ing)\s+)?(?:from|between)|"
                                   r"rang(?:e|es|ed|ing)\s+in\s+age\s+from|between\s+the\s+ages\s+of)\s+$", before, re.I):
        return True  # "Justin Aiken and Cody Bouphavong, both 21, were killed"; "their ages ranging from 21 to 58"
    if c.is_word and c.count.text.lower() == "one" and re.search(r"\bno\s+$", before, re.I):
        return True  # "no one was killed": the denial is read whole, not also as one person
    if not c.is_word and re.match(r"\s*-?\s*(?:yo|y/o|y\.o\.|yrs?\.?[-\s]old)(?![\w/])", after, re.I):
        return True  # "8 yo girl killed", "a 15 yr old": an age
    if not c.is_word and re.search(r"\b(?:he|she|victim|boy|girl|man|woman|teen|teenager|child|gunman|suspect)\s+"
                                   r"(?:was|is)\s+(?:only\s+|just\s+)?$", before, re.I) \
            and re.match(r"\s*(?:[.,;)]|years?\b|and\b|but\b|$)", after, re.I):
        return True  # "the victim was 17, but a relative said he was 16": ages
    kin = re.search(r"\b([a-z]+)(?:'s|’s|\s+is)\s+$", before, re.I)
    if not c.is_word and kin and (kin.group(1).lower() in KIN or kin.group(1).lower() in ("he", "she")):
        return True  # "my dad's 40 and he hasn't been shot yet": an age
    return _supposed(text, c.start, c.end)


# words that begin a capitalised pair that is no person's name: "In Homs, 30 were killed"
_NOT_FIRST_NAMES = frozenset("in at on from near outside inside across of to for by with and the after before "
                             "during since until throughout".split())


def _supposed(text: str, start: int, end: int) -> bool:
    """A figure asked about or supposed: "asked whether 20 people had died", "if a child is shot"."""
    window = text[max(0, start - 120):start]
    if re.search(r"\b(?:before|until|lest)\s+$", window, re.I) and \
            re.match(r"(?:another|more|other|someone|anyone)\b", text[start:end], re.I):
        return True  # "more supervision is needed before another teen is killed"
    lowered = window.lower()
    if "if" in lowered or "whether" in lowered or "unless" in lowered:
        sentence_start = max(window.rfind(". "), window.rfind("\n")) + 1
        if _HYPOTHETICAL.search(window[sentence_start:].lstrip()):
            return True
    question = text.find("?", end, end + 300)
    return question >= 0 and not _SENTENCE_END.search(text, end, question)


def _negative_counts(toks: list[_Tok], text: str) -> list[CountMatch]:
    """'no one was killed', 'nobody was hurt', 'no casualties', 'no civilians were harmed'."""
    out = []
    for i, t in enumerate(toks):
        if t.low not in _NEG_STARTS:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.low == "nobody" or (t.low == "no" and nxt is not None and nxt.low == "one"):
            end = t.end if t.low == "nobody" else nxt.end  # type: ignore[union-attr]
            surface = t.text if t.low == "nobody" else f"{t.text} {nxt.text}"  # type: ignore[union-attr]
            out.append(CountMatch(t.start, end, Count(surface, 0, "exact", 0, 0, 0), True))
        elif t.low == "no" and nxt is not None and nxt.low in ("casualties", "deaths", "fatalities", "injuries",
                                                                "civilians", "people", "soldiers", "victims"):
            out.append(CountMatch(t.start, t.end, Count(t.text, 0, "exact", 0, 0, 0), True))
        elif t.low == "none" and nxt is not None and nxt.low == "of":
            out.append(CountMatch(t.start, t.end, Count(t.text, 0, "exact", 0, 0, 0), True))  # "none of the crew"
        elif t.low in ("no", "without") or (t.low == "any" and _DENIAL_BEFORE.search(" ".join(x.low for x in toks[:i]))):
            found = _negated_noun(text, toks, i)
            if found is not None:
                out.append(found)
    return out


_NEG_STARTS = frozenset("no nobody none without any".split())
_NEG_HEADS = frozenset("casualties casualty deaths death fatalities fatality injuries injury dead injured wounded "
                       "victims lives".split())
_NEG_REPORTS = frozenset("reports report word sign signs indication indications record records".split())
_DENIAL_BEFORE = re.compile(r"\b(?:denied|denies|deny|denying|rejected|dismissed)\b(?:\s+\w+){0,6}\s*$")


def _negated_noun(text: str, toks: list[_Tok], i: int) -> CountMatch | None:
    """'no fatal casualties', 'no reports of any casualties', 'without casualties', '(denied that) any
    soldiers (were killed)': a zero, spanning the words up to the modifiers before the noun."""
    j = i + 1
    if j + 1 < len(toks) and toks[j].low in ("immediate", "initial", "further", "official") and \
            toks[j + 1].low in _NEG_REPORTS:
        j += 1
    if j + 1 < len(toks) and toks[j].low in _NEG_REPORTS and toks[j + 1].low == "of":
        j += 2
        if j < len(toks) and toks[j].low == "any":
            j += 1
    elif j < len(toks) and toks[j].low == "any" and toks[i].low == "without":
        j += 1
    k = j
    while k < len(toks) and k < j + 3 and toks[k].low in lx.MODIFIERS:
        k += 1
    if k >= len(toks) or not (toks[k].low in _NEG_HEADS or (toks[k].low in lx.PERSON and toks[i].low != "without")):
        return None
    end = toks[j - 1].end
    return CountMatch(toks[i].start, end, Count(text[toks[i].start:end], 0, "exact", 0, 0, 0), True)


_AGENT_PLURALS = ("ers", "ists", "ants", "ents", "ians", "ees", "ors", "ards", "ites")


def _unlisted_people(toks: list[_Tok], last: int, k: int, c: CountMatch) -> bool:
    """A noun in no list ("3 civilans", a misspelling; "40 pickers", "one dahalo") that something
    was done to as only people are: "were killed", "have been wounded", "a mob killed two extortionists"."""
    w = toks[last].low
    if not (w.isalpha() and (w.endswith("s") or c.count.value == 1) and len(w) > 4 and w not in lx.NON_PERSON_HINTS
            and w not in _FUNCTION and w not in lx.TRANSITIVE and not _cue_at(toks, last)):
        return False
    kc = _index_at(toks, c.start)
    if kc > 0 and toks[kc - 1].low in _KILLING and w.endswith(_AGENT_PLURALS) and k == last + 1:
        return True  # the object of a killing verb, named as people are: "extortionists", "rustlers"
    j = k
    while j < len(toks) and j < k + 3 and toks[j].low in ("were", "was", "have", "has", "had", "been", "are",
                                                             "reportedly"):
        j += 1
    if j < len(toks) and dies_at(toks, j):
        return True  # "One civillian died"
    if j == k or j >= len(toks):
        return False
    cue = _cue_at(toks, j)
    return cue is not None and lx.OUTCOME_CUES.get(cue[0], ("", None))[0] in ("killed", "injured") \
        and cue[0] not in ("dead", "lost", "buried", "destroyed", "hit", "affected")


def _find_head(toks: list[_Tok], k: int, c: CountMatch) -> _Head | None:
    n = len(toks)
    if k < n and toks[k].low in WEEKDAYS:
        return _Head("none", k)  # "killed a woman and wounded three Saturday night": the people understood
    if k < n and toks[k].low == "of":
        k += 1
        while k < n and toks[k].low in ("the", "these", "those", "them", "whom", "us", "which", "his", "her", "their"):
            if toks[k].low in ("them", "whom", "us", "which"):
                return _Head("pronoun", k)
            if k + 1 < n and toks[k].low == "the" and toks[k + 1].low in _GROUP_ADJECTIVES:
                return _Head("pronoun", k + 1)  # "five of the injured": a subgroup, outcome comes after
            if k + 2 < n and toks[k].low == "the" and toks[k + 1].low in ("shooting", "gunshot", "stabbing") \
                    and toks[k + 2].low == "victims":
                return _Head("pronoun", k + 2)  # "three of the shooting victims"
            if toks[k].low in ("those", "these") and not (k + 1 < n and toks[k + 1].low in lx.PERSON):
                return _Head("pronoun", k)
            k += 1
    mods: list[int] = []
    while k < n and len(mods) <= 4:
        t = toks[k]
        inside = bracketed(toks, k) if mods else None
        if inside is not None:  # "two NSCN (Khaplang) [National Socialist Council of Nagaland] cadres"
            k = inside
            continue
        if t.text.isdigit() and k + 2 < n and toks[k + 1].low in ("-", "–") and \
                toks[k + 2].low.startswith(("year-old", "month-old", "week-old", "day-old")):
            mods.extend((k, k + 1, k + 2))  # "one 54-year-old woman": an age, not a second count
            k += 3
            continue
        if t.low == "other" and k + 1 < n and toks[k + 1].low in lx.NON_PERSON_HINTS:
            return None  # "hit two other cars": things
        if t.low in lx.PERSON or t.low.startswith("ex-") and t.low[3:] in lx.PERSON:  # "the ex-militants"
            while k + 1 < n and toks[k + 1].low in lx.PERSON and toks[k + 1].low not in ("others", "other"):
                mods.append(k)
                k += 1  # compound heads: "police officers", "aid workers", "family members"
            return _Head("person", k, mods)
        if t.low in _VICTIMS_OF and k + 1 < n and toks[k + 1].low in ("victims", "victim"):
            mods.append(k)  # "four shooting victims": people, named for what befell them
            k += 1
            continue
        if t.low in lx.NON_PERSON_HINTS:
            return None  # before cues: "several gunshot wounds" counts wounds
        if t.text.isdigit() and not mods and k + 2 < n and toks[k + 1].low in ("st", "nd", "rd", "th") and \
                toks[k + 1].start == t.end and toks[k + 2].low not in lx.NON_PERSON_HINTS:
            mods.extend((k, k + 1))  # "two 6th battalion personnel": an ordinal, not a second count
            k += 2
            continue
        if _cue_at(toks, k):
            if t.low in ("shot", "shots") and k + 1 < n and toks[k + 1].low in _SHOT_FIRED:
                return None  # "just one shot heard", "a single shot rang out": gunfire, not people
            return _Head("outcome", k, mods)
        if re.fullmatch(r"[A-Z][a-z]+(?:ians|ans|is|ese|ites|ders|ks|ns)", t.text) and not (
                k + 1 < n and (toks[k + 1].low in lx.PERSON or _is_modifier(toks[k + 1]))):
            return _Head("person", k, mods)  # demonyms: "12 Palestinians", "five Israelis"
        if t.low == "more" and not mods and (k + 1 >= n or not _could_continue(toks, k + 1)):
            return _Head("none", k + 1)  # "wounded dozens more", "five more were injured": the victims are understood
        if (_is_modifier(t) and not (t.low in lx.MODIFIERS and k + 1 < n and not _could_continue(toks, k + 1))) \
                or _noun_modifier(toks, k, lx.PERSON) or _inside_name(toks, k, mods):
            mods.append(k)
            k += 1
            continue
        if mods and t.low in ("and", "/", "&") and k + 1 < n and toks[k + 1].text[:1].isupper() | (
                toks[k + 1].low in lx.MODIFIERS) and _is_modifier(toks[k + 1]):
            mods.append(k)  # "6 TTP and foreign militants", "28 TTP/LeI militants": one group's names
            k += 1
            continue
        break
    if k >= n:
        return _Head("none", k, mods) if not mods else None
    t = toks[k]
    if mods and toks[mods[-1]].text[0].isupper() and toks[mods[-1]].low not in lx.MODIFIERS and \
            (t.low in ("(", ",", ".", ";") or t.low in lx.BE_AUX or _cue_at(toks, k)) and \
            all(toks[m].text[0].isupper() or toks[m].low in lx.MODIFIERS for m in mods):
        return _Head("person", mods[-1], mods[:-1])  # a people named by its own name: "12 Sudanese Misseriya"
    if mods and _unlisted_people(toks, mods[-1], k, c):
        return _Head("person", mods[-1], mods[:-1])
    if not mods and _unlisted_people(toks, k, k + 1, c):
        return _Head("person", k)
    if mods:
        return None
    if t.low in _TIME_ADVERBS:
        return _Head("none", k)
    if not t.low[0].isalnum() or t.low in lx.BE_AUX or t.low in _FUNCTION or _cue_at(toks, k) or t.low in lx.TRANSITIVE:
        return _Head("none", k)
    return None


def _inside_name(toks: list[_Tok], k: int, mods: list[int]) -> bool:
    """'of' or '/' inside a capitalised name before a person noun: "State of Sinai militants", "BH/IS fighters"."""
    return bool(mods) and toks[k].low in ("of", "/") and toks[mods[-1]].text[0].isupper() and k + 1 < len(toks) \
        and toks[k + 1].text[0].isupper()


def _could_continue(toks: list[_Tok], k: int) -> bool:
    t = toks[k]
    return t.low in lx.PERSON or _is_modifier(t) or (t.low in _OUTCOME_NOUNS and _cue_at(toks, k) is not None) \
        or (k > 0 and _inside_name(toks, k, [k - 1]))


# "struck his wife in the neck, resulting in her death": one hurt, then dead
_FATAL_RESULT = re.compile(r"[^.;]*?\b(?:result(?:ing|ed)\s+in|lead(?:ing)?\s+to|led\s+to|caus(?:ing|ed))\s+"
                           r"(?:his|her|their)\s+(?:deaths?|immediate\s+death)\b", re.I)


def _analyse(text: str, s: Span, toks: list[_Tok], c: CountMatch, head: _Head, count_starts: set[int],
             previous: list[_Draft], base: int, shared: _Shared) -> _Draft | None:
    kc = _index_at(toks, c.start)
    negative = c.count.value == 0 and c.count.qualifier == "exact" and \
        c.count.text.lower().startswith(("no", "nobody", "without", "any"))
    weak = c.is_word and c.count.value == 1  # "a"/"one": needs a clear cue next to it

    if kc > 2 and toks[kc - 1].low == "the" and toks[kc - 2].low == "of" and head.kind == "person" and (
            toks[kc - 3].low in KIN or toks[kc - 3].low in lx.SINGULAR_PERSON):
        return None  # "the sister of the two boys ... died": what is told is the sister's
    outcome = manner = None
    rule = ""
    cue_index = None
    after = head.index + 1 if head.kind in ("person", "pronoun") else head.index
    if head.kind == "person" and after + 2 < len(toks) and toks[after].low == "," and (
            toks[after + 1].text.isdigit() and toks[after + 2].low == "," or toks[after + 1].low == "of"):
        # past an age and a home town, and who the person is: "Jalen Wilfong, 21, of Princeton, was"
        after = _past_appositive(toks, predicate_start(toks, after))
    if head.kind == "person":
        after = _past_post_modifier(toks, after)
    of_the = kc > 1 and toks[kc - 1].low in ("the", "these", "those") and toks[kc - 2].low == "of"
    # "one of the two boys died", "one of the four died": what is told is the one's, not the whole's
    some_of = of_the and kc > 2 and (
        toks[kc - 3].text.isdigit() or toks[kc - 3].low in _NUMBER_WORDS or toks[kc - 3].low in _SOME)
    if head.kind == "outcome" and not (some_of and toks[head.index].low in _DIE):
        cue = _cue_at(toks, head.index)
        phrase = cue[0] if cue else toks[head.index].low
        outcome, manner = lx.OUTCOME_CUES.get(phrase, ("killed", None))
        length = cue[1] if cue else 1
        # "the three injured men": the cue right after the count, before the people, is what befell them
        told_of = toks[head.index - 1].end == c.end and head.index + length < len(toks) \
            and toks[head.index + length].low in lx.PERSON
        if told_of or not _active(toks, head.index, length):
            rule, cue_index = "count+outcome-noun", head.index
        else:
            outcome = None
    if outcome is None and head.kind == "person" and toks[head.index].low in ("bodies", "body", "corpses", "remains"):
        outcome, rule, cue_index = "killed", "bodies", head.index
    # "including eight children": the part shares its whole's outcome; "of whom three died" has its own
    intro_part = bool(previous) and head.kind in ("person", "none") and _introduces_part(toks, kc, after, previous)
    if outcome is None and intro_part and not (kc > 0 and toks[kc - 1].low == "whom"):
        whole = previous[_whole_for(previous, base)]
        outcome, manner, rule = whole.outcome, whole.manner, "part-of-previous"
    # a bare number reads leftwards first ("fatalities ... reaching 93"); victims read rightwards
    # "accused of killing his wife": the object of a harm verb reads leftwards first
    harmed = kc > 0 and (toks[kc - 1].low in lx.TRANSITIVE or toks[kc - 1].low in ("shot", "shoots", "shooting"))
    # "Raheem Shannon, who was expecting a child with his girlfriend, died": the comma after the
    # girlfriend closes the clause she is in, and what follows is Shannon's
    closing = head.kind == "person" and (after < len(toks) and toks[after].low == "," and _inside_relative(toks, kc)
                                         or weak and _in_restrictive_relative(toks, kc))
    told = _cue_at(toks, after) if some_of and head.kind == "person" and after < len(toks) else None
    if told is not None and toks[after].low not in _DIE and not _active(toks, after, told[1]):
        # "one of the five people hospitalized has died": the five's own participle, and no more
        outcome, manner, cue_index, rule = (*lx.OUTCOME_CUES[told[0]], after, "victims+outcome")
    for side in (("left", "right") if head.kind == "none" or harmed else ("right", "left")):
        if outcome is not None:
            break
        if side == "right" and head.kind in ("person", "pronoun", "none") and not closing and not some_of:
            found = _right_cue(toks, after, count_starts, strict=head.kind == "none" or weak, headline=shared.headline,
                               partitive_whole=of_the)
            if found:
                outcome, manner, cue_index = found
                rule = "victims+outcome" if head.kind != "none" else "count+outcome"
        elif side == "left" and not negative:
            found_left = _left_cue(toks, kc, after, count_starts)
            if found_left:
                outcome, manner, cue_index, rule = found_left
    if rule == "toll+count" and cue_index is not None and toks[cue_index].low in ("losses", "loss") \
            and head.kind != "person" and not any(t.low in lx.PERSON for t in toks[cue_index + 1:kc]):
        # "losses of 3 million": money, unless people are named ("losses of 30 soldiers", "losses
        # among government troops reaching 71")
        outcome = None
    if outcome is None and head.kind == "person":
        wound = with_wound(toks, after)
        if wound is not None:  # "Tony McLaughlin, 38, arrived at the hospital with a gunshot wound"
            shot = any(t.low in ("gunshot", "bullet", "graze") for t in toks[wound:wound + 6])
            outcome, manner, cue_index, rule = "injured", "shooting" if shot else None, wound, "victims+outcome"
    clause = kc + 1 < len(toks) and toks[kc + 1].low in ("was", "is")  # "... and one was taken to a hospital"
    if outcome is None and head.kind in ("person", "none") and c.count.value == 1 and not c.count.text[:1].isdigit() \
            and (head.kind == "person" or clause) and not (kc > 0 and toks[kc - 1].low in ("and", ",", "&") and not clause):
        brought = carried_to_care(toks, after)
        died = None if brought is None else next(
            (j for j in range(brought, len(toks)) if dies_at(toks, j) or toks[j].low in ("dead", "killed", "fatally")), None)
        if brought is not None and died is None:
            # "a Hart County teen was taken to a hospital after being shot"
            outcome, cue_index, rule = "injured", brought, "victims+outcome"
        elif died is not None and head.kind == "none":
            outcome, cue_index, rule = "killed", died, "victims+outcome"  # "one was taken to a hospital, where she died"
    if head.kind in ("person", "none") and outcome in (None, "injured"):
        borne = suffered(toks, predicate_start(toks, after))
        if borne is not None and (outcome is None or borne[0] == "killed"):
            # "Justin Anderson, 42, suffered non-life threatening injuries"; "sustained fatal injuries"
            outcome, manner, cue_index, rule = (*borne, "victims+outcome")
    if outcome == "injured" and rule == "transitive+count":
        past = after
        aside = bracketed(toks, past) if past < len(toks) else None
        past = aside if aside is not None else past  # "shot a policeman (Mamnoonur Rashid) dead"
        while past < len(toks) and past - after < 5 and (name_part(toks[past]) or toks[past].low in lx.PERSON):
            past += 1  # "shot Jubo Dal leader Nurul Amin dead": the name after the title
        if [t.low for t in toks[past:past + 2]] == ["to", "death"] or past < len(toks) and toks[past].low == "dead":
            outcome = "killed"  # "stabbed a man to death", "shot the two guards to death", "shot his daughter dead"
    if outcome == "injured" and rule == "victims+outcome" and not negative:
        deadly = _left_cue(toks, kc, after, count_starts)
        if deadly and deadly[0] == "killed":  # "the fatal shooting of a girl who was struck by gunfire"
            outcome, manner, cue_index, rule = deadly
    # "three of the victims are male": the victims of the figure before, not a death of their own
    if outcome is None and head.kind == "pronoun" and toks[head.index].low in _GROUP_ADJECTIVES \
            and toks[head.index].low != "victims":
        outcome, rule, cue_index = _GROUP_ADJECTIVES[toks[head.index].low], "part-of-group", head.index
    elided = [t.low for t in toks[after:after + 2]]
    if outcome is None and previous and kc > 0 and toks[kc - 1].low == "and" and head.kind in ("person", "none") \
            and (elided[:1] == ["too"] or elided == ["as", "well"]):
        # "one soldier was killed and 3 militants too": the predicate left out is the one before
        outcome, manner, cue_index, rule = previous[-1].outcome, previous[-1].manner, previous[-1].cue_index, \
            "elided+count"
    if head.kind == "person" and toks[head.index].low in ("victims", "victim") and not weak \
            and (outcome is None or kc > 1 and toks[kc - 1].low == "the" and toks[kc - 2].low == "of"):
        # "the four shooting victims"; "two of the four shooting victims had died": the four were shot,
        # what befell the two is theirs
        hurt = next((m for m in head.mods if toks[m].low in _VICTIMS_OF), None)
        if hurt is not None:
            outcome, manner, cue_index, rule = (*_VICTIMS_OF[toks[hurt].low], hurt, "victims+outcome")
    dead = next((m for m in head.mods if toks[m].low in DEAD_ADJECTIVES), None) if head.kind == "person" else None
    if dead is not None and outcome in (None, "injured"):
        outcome, cue_index, rule = "killed", dead, "victims+outcome"  # "located a deceased male with a gunshot wound"
    part_whole = _whole_for(previous, base) if intro_part else None
    if outcome is None:
        return None
    if negative and head.kind == "none" and toks[kc].low == "no" and kc + 1 < len(toks):
        phrase = toks[kc + 1].low
        outcome = lx.OUTCOME_CUES.get(phrase, (outcome, None))[0]
    if head.kind == "outcome" and toks[head.index].low in ("casualties", "casualty") and negative:
        outcome = "casualties"
    if head.kind == "outcome" and outcome == "casualties" and any(toks[m].low == "fatal" for m in head.mods):
        outcome = "killed"  # "no fatal casualties"

    if cue_index is not None and cue_index > 0 and toks[cue_index - 1].low in ("nearly", "almost", "narrowly"):
        return None  # "bullets struck another house, nearly hitting a woman": a near miss harms no one
    if outcome == "injured" and c.count.value == 1 and _FATAL_RESULT.match(text, c.end, min(s.end, c.end + 90)):
        outcome = "killed"  # "struck his wife in the neck, resulting in her death"
    # "the two men inside the SUV, which was the target, were not injured": the predicate denies it
    denied = False
    if cue_index is not None and cue_index > 1 and rule == "victims+outcome":
        at = cue_index - 1 - (toks[cue_index - 1].low == "been")  # "were not injured", "had not been hurt"
        denied = toks[at].low in ("not", "never")
    d = _Draft(c.start, c.end, c.count, outcome, s, rule, _confidence(rule, c, head), cue_index=cue_index,
               negated=negative or denied)
    group_word = toks[head.index].low if head.kind == "pronoun" else ""
    if _GROUP_ADJECTIVES.get(group_word, outcome) != outcome and group_word != "victims":
        # "five of the injured later died": people already counted once, under another outcome
        d.attributes.append(f"previously {_GROUP_ADJECTIVES[group_word]}")
        d.victims_text = text[toks[head.index - 1].start:toks[head.index].end]
    if cue_index is not None:
        found_cue = _cue_at(toks, cue_index)
        d.cue_phrase = found_cue[0] if found_cue else toks[cue_index].low
    if negative and toks[kc].low == "no" and kc + 1 < len(toks) and toks[kc + 1].low in lx.PERSON:
        d.end = toks[kc].end
    if negative and head.kind == "outcome":
        d = replace(d, end=toks[head.index].end, count=replace(c.count, text=text[c.start:toks[head.index].end]))
    _victims(d, toks, head, after, text)
    if d.category == "unknown" and d.victims_text is None and head.kind in ("none", "outcome"):
        carried = _patient_class(toks, kc)  # "Four soldiers were ambushed ..., leaving two dead"
        if carried is not None:
            d.category, d.category_inferred = carried, True
    if d.outcome == "displaced" and "prisoners" in d.attributes and d.cue_phrase in ("fled", "displaced", None):
        return None  # "40 inmates fled": an escape, not displacement
    d.subset_hint = (head.kind == "pronoun" and toks[head.index].low in ("them", "whom", "those", "these")) or \
        (head.kind in ("none", "outcome") and d.cue_phrase == "fatally") or \
        (outcome == "killed" and f"previously {_GROUP_ADJECTIVES.get(group_word)}" in d.attributes)
    d.manner = manner or _manner(shared.manners, kc)
    d.perpetrator = shared.by_actor or _perpetrator(text, toks, kc, cue_index)
    if part_whole is not None:
        d.part_of = base + part_whole
        previous[part_whole].parts.append(base + len(previous))
    return d


def _in_restrictive_relative(toks: list[_Tok], k: int) -> bool:
    """Whether token k, the object of a verb, stands in a relative clause with no commas that a
    person noun opens: "a man who tried to rob a school pupil was killed" (what follows the clause
    is the man's; "a policeman who worked there and his mother were killed" lists the mother)."""
    if k == 0 or not toks[k - 1].low.isalpha() or toks[k - 1].low in _FUNCTION or toks[k - 1].low in ("and", "or"):
        return False
    for j in range(k - 1, max(-1, k - 15), -1):
        if toks[j].low in (",", ";", ".") or toks[j].low in lx.CLAUSE_STOPS:
            return False
        if toks[j].low == "who":
            return j > 0 and toks[j - 1].low in lx.PERSON
    return False


def _inside_relative(toks: list[_Tok], k: int) -> bool:
    """Whether token k stands in a relative clause opened by ", who" or ", which" and not yet closed."""
    for j in range(k - 1, max(-1, k - 25), -1):
        if toks[j].low in (",", ";", "."):
            return False
        if toks[j].low in ("who", "which") and j > 0 and toks[j - 1].low == ",":
            return True
    return False


def _active(toks: list[_Tok], k: int, length: int) -> bool:
    """True when a verb cue has its own object ('soldiers killed 12'), so its subject is no victim."""
    word = toks[k].low
    if word in ("fatally", "mortally") and length == 1 and k + 1 < len(toks):
        return _active(toks, k + 1, 1)  # "a 6-year-old boy fatally shoots his grandfather"
    phrase = " ".join(t.low for t in toks[k:k + length])
    if word not in lx.TRANSITIVE and word not in ("shot", "shoots") and phrase not in lx.TRANSITIVE_PAIRS:
        return False  # "4 militants gunned down a journalist": the four are the killers
    if k > 0 and toks[k - 1].low in lx.BE_AUX:
        return False
    nxt = toks[k + length] if k + length < len(toks) else None
    if nxt is not None and nxt.low in ("and", ","):
        then = k + length + 1
        while then < len(toks) and toks[then].low.endswith("ly") and toks[then].text.isalpha():
            then += 1  # "shot and critically injured his brother"
        if then < len(toks) and toks[then].low in lx.TRANSITIVE:
            # "Yashkus, 23, shot and killed Thompson"; "Girl Accidentally Shot, Killed Another Teen"
            return _active(toks, then, 1)
    if nxt is not None and nxt.low in ("at", "about", "around", "over") and not (
            k + length + 1 < len(toks) and (toks[k + length + 1].low == "least" or toks[k + length + 1].text[0].isdigit())):
        return False  # "shot at a juvenile facility": a place, not "shot at least three"
    return _is_object(nxt)



def _right_cue(toks: list[_Tok], k: int, count_starts: set[int], strict: bool,
               headline: bool = False, partitive_whole: bool = False) -> tuple[str, str | None, int] | None:
    limit = 6 if strict else 14
    steps = 0
    listing = k  # where the current list of people began: "a man, a woman, and a child were killed"
    while k < len(toks) and steps < limit:
        t = toks[k]
        if t.low in lx.CLAUSE_STOPS or t.low in ("he", "she", "they", "we", "i", "you"):
            return None  # "the boy told his mom he had been shot": the harm is his, not hers
        if steps > 0 and t.low in _SAYING and k + 1 < len(toks) and toks[k + 1].low not in (",", ".", ";", "that") \
                and not any(x.low in ("who", "whom", "that", "which") for x in toks[k - steps:k]):
            return None  # "a woman speaking for the family says the teen died": the harm is the teen's
        if steps == 0 or t.low in (",", "(", "—", "–", "-"):
            skip = _parenthetical_end(toks, k)
            if skip is not None:
                k, steps = skip, steps + 1
                continue
        aged = age_before(toks, k) if k in count_starts else None  # ", 17-year-old Javeer Arter"
        listed = toks[k - 1].low in ("and", ",", "&", "plus", "including") or _as_well_as(toks, k) or (
            (toks[k - 1].low in POSSESSIVES or toks[k - 1].low in KIN) and k > 1 and toks[k - 2].low in ("and", ",")) \
            or aged is not None and aged > 0 and toks[aged - 1].low in ("and", ",")
        # "and his three aides", "and daughter Tasmia Allen"
        if k in count_starts and steps > 0 and (not listed or _part_of_group(toks, k)):
            return None  # "nearly 200 teens were at the party and four of them were shot": the four's harm
        if k in count_starts and steps > 0 and (all(_in_list(x) for x in toks[listing:k]) or [
                x.low for x in toks[listing:k] if x.low != ","] == ["as", "well", "as"]):
            steps, listing = 0, k  # "one French soldier and two suspected fighters were reportedly killed"
            j = k + 1
            while j < len(toks) and (_in_list(toks[j]) or toks[j].low in ("-", "year-old")) \
                    and toks[j].low not in (",", "and", "&", "(", ")") and not _cue_at(toks, j):
                j += 1
            # the last person listed and what qualifies them put no distance between the list and its
            # predicate: "a boy and a 69-year-old man in the vehicle were also shot"
            k = _past_post_modifier(toks, j)
            continue
        if t.low in _ACCUSED and k + 1 < len(toks) and toks[k + 1].low in ("of", "with", "in", "for", "over") and any(
                toks[j].low in lx.CUE_WORDS or toks[j].low in _CRIMES for j in range(k + 1, min(k + 5, len(toks)))):
            return None  # "a Sheraden man charged with fatally shooting a teenager": the killer
        if steps == 0 and t.low in _REDUCED_HARM and k > 0 and toks[k - 1].low not in lx.BE_AUX \
                and not partitive_whole:  # "one of the five people hospitalized ... has died": the one, not the five
            died = later_died(toks, k + 1)
            if died is not None:  # "a boy shot earlier this week while riding in a car has died", "struck by a car"
                return "killed", "shooting" if t.low == "shot" else None, died
        decade = _decade_end(toks, k)
        if decade is not None:  # "a man in his 60s was found dead": an age, not a step away
            k = decade
            continue
        if t.low in ("ages", "aged") and k + 1 < len(toks) and toks[k + 1].text.isdigit():
            k += 1  # "six grandchildren ages 3 months to 10 years old died": their ages, not a count
            while k < len(toks) and (toks[k].text.isdigit() or toks[k].low in _AGE_RANGE):
                k += 1
            continue
        cue = _cue_at(toks, k)
        if cue and steps > 0 and k + cue[1] < len(toks) and toks[k + cue[1]].low == "of" \
                and toks[k + cue[1] - 1].low in HARM_NOUNS:
            return None  # "neighbors rallied after the shooting death of a 12-year-old": the harm is the 12-year-old's
        if cue:
            phrase, n = cue
            outcome, manner = lx.OUTCOME_CUES[phrase]
            noun_like = phrase in ("deaths", "death", "executions", "execution", "casualties", "casualty",
                                   "fatalities", "fatality", "killings", "injuries", "injury", "wounds",
                                   "bodies", "abductions", "kidnappings", "arrests", "detentions", "displacement")
            between = {toks[j].low for j in range(max(0, k - steps), k)}
            wounded_with = phrase in ("gunshot wound", "gunshot wounds", "wound", "wounds", "injuries") and \
                toks[k - 1].low in ("a", "with", "multiple", "several", "two", "three", "serious", "minor") and \
                any(toks[j].low == "with" for j in range(max(0, k - 3), k)) and steps <= 12
            if noun_like and not wounded_with and (steps > 4 or between & {"of", "for", "to", "from", "with", "about",
                                                                           "over"}):
                k += 1
                steps += 1
                continue
            if phrase == "dead" and k > 0 and toks[k - 1].low == "the":
                return None
            if phrase in ("injured", "wounded", "dead") and steps > 0 and toks[k - 1].low in ("the", "a", "an") and any(
                    t.low in lx.PERSON for t in toks[k + n:k + n + 2]):
                return None  # "her two kids and the injured little boy ride bikes": the boy's harm, not theirs
            if phrase == "fatally" and any(t.low in ("none", "not") for t in toks[max(0, k - 3):k]):
                return "injured", manner, k  # "four others were hit, none fatally": hurt, all of them
            if phrase in _DIE and [t.low for t in toks[k + 1:k + 2]] in (["of"], ["from"]) \
                    and k + 2 < len(toks) and toks[k + 2].low in _ILLNESS:
                return None  # "died of cancer": no casualty
            if phrase == "lost" and not _lost_means_died(toks, k):
                return None
            be = ("was", "were", "been", "got", "being", "is", "are")
            # "was shot", "was accidentally shot"
            before = k - 1
            while before > 0 and (toks[before].low in _ADVERBS or toks[before].low.endswith("ly")):
                before -= 1  # "were also shot", "was accidentally shot"
            passive_shot = phrase == "shot" and (headline or toks[before].low in be)
            if phrase in ("bodies", "buried") or (strict and phrase in ("shot", "fled", "affected", "lost")
                                                  and not passive_shot) or (
                    phrase == "treated" and k + 1 < len(toks) and toks[k + 1].low in ("as", "like", "with", "to")):
                k += 1
                steps += 1
                continue
            if _active(toks, k, n):
                return None
            if outcome in ("injured", "kidnapped", "detained"):  # "shot in the head and died", "abducted and killed"
                participle = steps == 0 and toks[k - 1].low not in lx.BE_AUX  # "a woman injured in the raid"
                died = _died_after_all(toks, k + n) if participle else _then_died(toks, k + n)
                if died is not None:
                    return "killed", manner, died
            return outcome, manner, k
        k += 1
        # a name of several words is one step: "was taken to University Medical Center in critical condition"
        steps += not (t.low in _NO_DISTANCE or len(t.low) > 4 and t.low.endswith("ly") and t.low.isalpha()
                      or t.text[:1].isupper() and k >= 2 and toks[k - 2].text[:1].isupper() and steps > 0)
    return None


def _part_of_group(toks: list[_Tok], k: int) -> bool:
    """The count at k is worded as part of a group named before it: "four of them", "at least two of those"."""
    for j in range(k + 1, min(k + 4, len(toks) - 1)):
        if toks[j].low == "of":
            return toks[j + 1].low in ("them", "those", "whom", "these")
    return False


# harm told in a reduced relative after the victims: "a boy shot last week ... has died"
_REDUCED_HARM = frozenset("shot wounded injured hit struck stabbed beaten hurt hospitalized hospitalised".split())
# "were reportedly killed", "were also shot": words that put no distance between victims and their
# outcome (adverbs in -ly neither: "accidentally shot"; nor an age: "a 69 - year-old man"; nor an
# article: "was dropped off at a hospital and later died")
_NO_DISTANCE = frozenset("was were been reportedly allegedly reported also later subsequently - year-old "
                         "a an the".split())
# people hit by gunfire, the dead among them unless the report says otherwise
_HIT = frozenset({"shot", "hitting", "striking", "hit", "struck", "gunshot wound", "gunshot wounds",
                  "struck by gunfire", "hit by gunfire", "struck by a bullet", "hit by a bullet", "grazed by a bullet",
                  "grazed by gunfire", "grazed by a stray bullet", "struck by a stray bullet", "hit by a stray bullet",
                  "hit during the shooting", "struck during the shooting", "hit during the gunfire",
                  "struck during the gunfire", "hit by the gunfire", "struck by the gunfire", "hit by stray gunfire",
                  "struck by stray gunfire", "shooting", "shootings", "stabbing", "stabbings",
                  # "both victims were taken to the hospital, where the child died": brought in, then dead
                  "taken to hospital", "rushed to hospital", "hospitalized", "hospitalised"})
_SHOT_FIRED = frozenset("heard fired rang went rung echoed hit struck missed".split())
# words that make the person before them the accused, not a victim
_ACCUSED = frozenset("charged accused convicted sentenced indicted suspected pleaded faces facing wanted".split())
_TO_DEATH = frozenset("beat beaten beating stabbed hacked stoned burned burnt clubbed bludgeoned lynched "
                      "trampled crushed tortured".split())
_CRIMES = frozenset("murder murders homicide homicides shooting shootings manslaughter killing killings death deaths "
                     "stabbing assault attack attacks".split())
_SAYING = frozenset("says said say tells told".split())  # before a clause of its own
_THEN = frozenset("later then subsequently eventually soon also".split())


_REDUCED = frozenset("accused suspected wanted known believed belonging affiliated linked loyal".split())
# what people were doing, said after them: "five policemen escorting a bus have been killed"
_DOING = frozenset("escorting guarding patrolling manning protecting travelling traveling riding returning heading "
                   "driving working carrying sitting standing waiting attending fleeing".split())


def _in_list(t: _Tok) -> bool:
    """A word that can stand in a list of people: their nouns and modifiers, commas, 'and'."""
    return t.low in lx.PERSON or t.low in (",", "and", "&", "a", "an", "(", ")") or t.low in POSSESSIVES \
        or _is_modifier(t) or t.text[:1].isdigit()


def _past_post_modifier(toks: list[_Tok], after: int) -> int:
    """Where the predicate of a person noun starts, past what qualifies the noun: "a leader of the
    banned Baloch Liberation Front (BLF) was killed", "Malik Khan, a member of the village defence
    committee, was murdered", "a man accused of stealing 11 goats was beaten to death", "a leader
    of the party, who was arrested on Sunday, died"."""
    if after >= len(toks):
        return after
    first = toks[after].low
    if first in ("of", "from", "for", "in", "near") or first in _REDUCED or first in _DOING:
        for k in range(after + 1, min(after + 17, len(toks))):
            w = toks[k].low
            if w in lx.BE_AUX - {"also", "later", "reportedly", "allegedly"}:
                return k
            if _cue_at(toks, k):
                # "a leader of the party died"; never past the crime someone is accused of
                return k if first in ("of", "from", "for") else after
            if w == "," and k + 1 < len(toks) and toks[k + 1].low in lx.BE_AUX:
                return k + 1  # "a local commander of the Baloch Liberation Army (BLA), was killed"
            if w == "," and first in _REDUCED:
                nxt = _past_quotes(toks, k + 1)
                if nxt < len(toks) and _cue_at(toks, nxt):
                    return nxt  # "Darmayah Smith, 16, known to friends as 'Bug,' died"
            if w == ",":
                aside = _past_aside(toks, k)
                return after if aside == k else aside
            if w == "who" and first == "of":
                rel = _past_relative(toks, k)  # "a father of three who stopped for a snack was fatally shot"
                return rel if rel != k else after
            if w in (";", ".", "who", "which", "that") or w in lx.CLAUSE_STOPS:
                return after
    elif first == ",":
        aside = _past_aside(toks, after)
        return after if aside == after else aside
    elif first == "who":
        if after > 0 and toks[after - 1].low == ",":
            # "Jamal Smith, 19, who was shot Friday, died Monday" (the comma before "who" was passed
            # with the age): the noun's own harm after the clause, or else the clause's
            aside = _past_aside(toks, after - 1)
            j = aside
            while j < len(toks) and (toks[j].low in lx.BE_AUX or toks[j].low in _FINALLY):
                j += 1
            if aside != after - 1 and j < len(toks) and _cue_at(toks, j):
                return aside
        return _past_relative(toks, after)
    return after


def _past_aside(toks: list[_Tok], k: int) -> int:
    """From a comma at k opening an apposition or a relative clause, where the predicate starts
    after its closing comma; k when there is none."""
    opener = toks[k + 1] if k + 1 < len(toks) else None
    if opener is None or not (opener.low in ("a", "an", "the", "who", "which") or opener.low in _REDUCED
                              or opener.low in _NAMED_ASIDE or opener.text[:1].isupper()):
        return k  # "a youth, Jagjit Singh, was killed", "Niloy Neel, known for his views, was murdered"
    relative = opener.low in ("who", "which") or opener.low in _REDUCED  # its own verbs are its own
    for j in range(k + 2, min(k + (25 if relative else 15), len(toks) - 1)):
        if toks[j].low == ",":
            nxt = min(_past_quotes(toks, j + 1), len(toks) - 1)  # 'known to friends as "Bug," died'
            while nxt + 1 < len(toks) and toks[nxt].low in _FINALLY:
                nxt += 1  # "..., finally succumbed"
            return nxt if toks[nxt].low in lx.BE_AUX or _cue_at(toks, nxt) else k
        if relative and toks[j].low in ("who", "which") or toks[j].low == "and" and toks[j + 1].low in lx.DETERMINERS:
            relative = False  # another person's clause: its death is not this noun's
        if relative and dies_at(toks, j) and toks[j - 1].low not in ("who", "which", "and", "or"):
            return j  # "a leader, who received bullet wounds died at the hospital": the clause ends unmarked
        if toks[j].low in (";", ".") or not relative and _cue_at(toks, j):
            return k
    return k


_FINALLY = _THEN | {"finally", "ultimately"}


def _past_quotes(toks: list[_Tok], k: int) -> int:
    """From k, past the quotation marks that close a quote after its comma ('as "Bug," died')."""
    while k < len(toks) and toks[k].text in ('"', "”", "’", "'"):
        k += 1
    return k


_AGE_RANGE = frozenset("to and through - – , months month years year weeks days old".split())
# "a man, recently identified as Nikobra Stringer, was also shot": an aside naming the person
_NAMED_ASIDE = frozenset("identified named recently later since now".split())


_SAYS = frozenset("said says say told tells saying telling reported reports believes believed thinks thought that".split())


def _past_relative(toks: list[_Tok], after: int) -> int:
    """'a man who was injured during the clash died later': past a relative clause with no commas
    to the death that is the noun's own predicate; `after` when there is none."""
    for j in range(after + 2, min(after + 20, len(toks))):
        if toks[j].low in (";", ".", ",", "who", "which") or toks[j].low in lx.CLAUSE_STOPS or \
                toks[j].low == "and" and j + 1 < len(toks) and toks[j + 1].low in lx.DETERMINERS:
            return after  # "... shot in the leg and a child who had died": another person's death
        if dies_at(toks, j) and toks[j - 1].low not in ("and", "or"):
            return j
        if toks[j].low == "dead" and toks[j - 1].low in ("pronounced", "declared", "found"):
            return j  # "the boy who was shot was pronounced dead"
        if toks[j].low in ("was", "were") and toks[j - 1].low not in ("who", "which") and j + 1 < len(toks) \
                and _cue_at(toks, j + 1 + (toks[j + 1].low.endswith("ly") and j + 2 < len(toks))) \
                and not any(t.low in _SAYS for t in toks[after + 1:j]):
            # "a man who stopped at a store for a snack was fatally shot": the man's own predicate ("a
            # doctor who treated him said the boy was shot": another clause's)
            return j
    return after


def _decade_end(toks: list[_Tok], k: int) -> int | None:
    """The token after "in his 60s", "in her early twenties", "in their mid-30s" starting at k."""
    if k + 2 >= len(toks) or toks[k].low != "in" or toks[k + 1].low not in ("his", "her", "their"):
        return None
    j = k + 2
    if toks[j].low in ("early", "mid", "late") or toks[j].low.startswith("mid-"):
        j += toks[j].low in ("early", "mid", "late")
    word = toks[j].low.removeprefix("mid-") if j < len(toks) else ""
    if re.fullmatch(r"\d0s|\d0|\w+ties|teens", word):
        return j + 1 + (word.isdigit() and j + 1 < len(toks) and toks[j + 1].low in ("s", "'s"))
    return None


def _died_after_all(toks: list[_Tok], k: int) -> int | None:
    """'A woman injured during the raid later died of her injuries': the death that is the main
    verb after a hurt participle. The token of the death word, else None."""
    for j in range(k, min(k + 16, len(toks))):
        w = toks[j].low
        if w in (".", ";", ",", "but", "while", "who", "whom", "which", "when", "and") or w in lx.CLAUSE_STOPS - {"after"}:
            return _then_died(toks, j) if w in ("and", ",") else None
        if w in ("died", "succumbed") and toks[j - 1].low not in ("had", "has", "have"):
            return j
    return None


def _then_died(toks: list[_Tok], k: int) -> int | None:
    """The death that ends a hurt victim's clause: "was shot in the head and died Tuesday", "was
    stabbed, and later died in hospital". The token of the death word, else None."""
    for j in range(k, min(k + 14, len(toks) - 1)):
        w = toks[j].low
        if w in (".", ";", "but", "while", "who", "which", "when") or w in lx.CLAUSE_STOPS:
            return None
        if w == "," and toks[j + 1].low in ("succumbed", "killed", "dies", "died"):
            # "was beaten up and seriously injured by police last week, succumbed to his injuries";
            # "Man shot, killed in Dayton"
            return j + 1 if toks[j + 1].low != "killed" or j + 2 >= len(toks) or not _is_object(toks[j + 2]) else None
        if w != "and":
            continue
        m = j + 1
        while m < len(toks) - 1 and toks[m].low in _THEN:
            m += 1
        nxt = toks[m].low
        if nxt in ("died", "dies", "succumbed", "killed", "executed", "murdered", "slain", "beheaded") or dies_at(toks, m) or \
                nxt in ("pronounced", "declared") and toks[m + 1].low == "dead" or \
                nxt in ("was", "is", "were") and toks[m + 1].low in ("killed", "pronounced", "executed", "murdered") or \
                nxt in ("shot", "gunned", "beaten", "stabbed", "hacked") and toks[m + 1].low in ("dead", "down", "to"):
            return m  # "kidnapped and shot dead", "attacked and beaten to death"
        return None
    return None


def _parenthetical_end(toks: list[_Tok], k: int) -> int | None:
    """', including three paramedics,' / '(among them two children)': the token after it, so the whole's
    outcome can be read past its parts ('Nine people, including three paramedics, were killed')."""
    opener = toks[k].low
    first = k + 1 if opener in (",", "(", "—", "–", "-") else k
    if opener == "," and k > 0 and (toks[k - 1].low in KIN or toks[k - 1].low in lx.PERSON) and (named := _named_after(toks, k)) > k:
        return named  # "and their two children, 7-year-old Brandon and 4-year-old Brian, died"
    if opener == "," and first < len(toks) and name_part(toks[first]):
        j = first  # "his son, Storm Malone, and a friend were shot": the name told in passing
        while j < len(toks) and name_part(toks[j]):
            j += 1
        if j - first <= 4 and j + 1 < len(toks) and toks[j].low == "of" and toks[j + 1].text[:1].isupper():
            k = j + 2  # "a 12 year old male, Jaylen Pender of Indianapolis had been shot": the name and home town
            while k < len(toks) and toks[k].text[:1].isupper() and toks[k].low not in lx.BE_AUX:
                k += 1
            return k if k < len(toks) and toks[k].low in lx.BE_AUX else None
        return j + 1 if j < len(toks) and toks[j].low == "," and j - first <= 4 else None
    if opener in ("—", "–") and first < len(toks) and name_part(toks[first]):
        j = first  # "a man — Harold P. Quint, 58 — was found dead"
        while j < len(toks) and (name_part(toks[j]) or toks[j].low == "." or toks[j].text.isupper() and len(toks[j].text) == 1):
            j += 1
        if j + 1 < len(toks) and toks[j].low == "," and toks[j + 1].text.isdigit():
            j += 2
        return j + 1 if j < len(toks) and toks[j].low == opener and j - first <= 6 else None
    if opener == "," and first + 2 < len(toks) and toks[first + 1].low == "of" and \
            toks[first + 2].low in ("them", "whom") and (toks[first].low in _NUMBER_WORDS or toks[first].text.isdigit()
                                                       or toks[first].low in ("both", "all", "most", "some")):
        # "Two men, one of them a teenager, were killed": the whole's predicate is past the aside
        close_at = next((j for j in range(first + 3, min(first + 10, len(toks))) if toks[j].low in (",", ";", ".")), None)
        return close_at + 1 if close_at is not None and toks[close_at].low == "," else None
    if first >= len(toks) or toks[first].low not in ("including", "among", "incl", "mostly", "mainly", "among"):
        return None
    close = {"(": ")", "—": "—", "–": "–", "-": "-"}.get(opener, ",")
    # "two, including the woman killed, were in their thirties": a victim told before, not this fate
    told = first + 1 < len(toks) and toks[first + 1].low == "the"
    for j in range(first + 1, min(first + 12, len(toks))):
        if toks[j].low == close or (close == "," and toks[j].low in ("—", "–")):
            return j + 1
        if toks[j].low in lx.CLAUSE_STOPS or toks[j].low == "." or \
                _cue_at(toks, j) and toks[j].low not in lx.PERSON and not told:
            return None
    return None


_INTENT = frozenset("aim aims aimed aiming try tries tried trying attempt attempts attempted attempting intend "
                    "intends intended intending plot plots plotted plotting plan plans planned planning threaten "
                    "threatens threatened threatening vow vows vowed vowing want wants wanted wanting seek seeks "
                    "sought seeking conspire conspired conspiring".split())


def _reflexive_verb(toks: list[_Tok], kc: int) -> int:
    """'killed a guard and then himself': the reflexive takes the verb of the object before it."""
    j = kc - 1
    while j > 0 and toks[j].low in ("then", "and", ",", "later"):
        j -= 1
    if j == kc - 1:
        return j
    for v in range(j, max(-1, j - 7), -1):
        if toks[v].low in lx.TRANSITIVE or toks[v].low in ("shot", "shoots"):
            return v
    return kc - 1


def _lost_people(toks: list[_Tok], after: int) -> bool:
    """'lost 30 men', 'lost two soldiers': a count of people after 'lost' (not 'lost 30 homes')."""
    head = toks[after - 1] if 0 < after <= len(toks) else None
    return head is not None and head.low in lx.PERSON and lx.PERSON[head.low][0] != "unknown" or (
        head is not None and head.low in ("men", "people", "members", "colleagues", "comrades", "lives"))


def _lost_means_died(toks: list[_Tok], k: int) -> bool:
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or not nxt.low[0].isalnum():
        return True
    return nxt.low in _FUNCTION or nxt.text[0].isupper() or nxt.low in ("amid", "due", "because")


# what befell victims named for it: "shooting victims" were shot, hurt unless they died ("homicide
# victims" is the language of a city's yearly count more often than of an event)
_VICTIMS_OF = {"shooting": ("injured", "shooting"), "gunshot": ("injured", "shooting"),
               "stabbing": ("injured", "stabbing")}
_DIE = frozenset({"died", "dies", "die"})  # the verb of a death ("one of the four died", "died of cancer")
_ILLNESS = frozenset("cancer illness disease natural old covid covid-19 pneumonia leukemia stroke".split())
_SOME = frozenset("one some none each most several many few".split())
_ATTACKS_OF = frozenset({"shooting", "shootings", "stabbing", "stabbings"})
_DEATHS_OF = frozenset(w for w in HARM_OF if w.endswith("s"))  # of more than one: the list after shares it
_SHOT_NOUN = frozenset("a single one the first second third last warning fatal final".split())  # "a single shot 223"


def _left_cue(toks: list[_Tok], kc: int, after: int, count_starts: set[int]) -> tuple[str, str | None, int, str] | None:
    j = kc - 1
    if toks[kc].low in ("himself", "herself"):
        j = _reflexive_verb(toks, kc)
    elif toks[kc].text[:1].isupper():
        j = _before_age(toks, kc)  # "claimed the life of 17-year-old Destiny Nelson": the age is the name's
    if j > 0 and toks[j].low in ("his", "her", "their", "its", "our", "my"):
        j -= 1  # "killed his two sons", "shot their three children"
    elif j > 1 and toks[j].low.endswith(("'s", "’s")) and toks[j - 1].low in ("his", "her", "their", "the", "a"):
        j -= 2  # "killed his ex-girlfriend's two daughters", "shot the family's three children"
    elif j > 2 and toks[j].low == "of" and toks[j - 1].low in ("total", "family", "group") and toks[j - 2].low == "a":
        j -= 3  # "killing a total of 12 people", "killed a family of three"
    if j < 0:
        return None
    w = toks[j].low
    pair = f"{toks[j - 1].low} {w}" if j > 0 else ""
    if pair in lx.TRANSITIVE_PAIRS:
        return lx.TRANSITIVE_PAIRS[pair], "shooting" if "shot" in pair or "gun" in pair else None, j, "transitive+count"
    if w == "shooting" and not (j > 0 and (toks[j - 1].low in lx.DETERMINERS or toks[j - 1].low in lx.BE_AUX)):
        # "..., shooting a child multiple times"; "charged with fatally shooting a teenager"
        return ("killed" if toks[j - 1].low == "fatally" else "injured"), "shooting", j, "transitive+count"
    if w == "and" and j > 1 and toks[j - 1].low in ("himself", "herself") and \
            toks[j - 2].low in ("shot", "shoots", "shooting", "wounded", "wounding", "injured", "injuring"):
        # "accidentally shot himself and a friend": the friend is hit too
        return "injured", "shooting" if toks[j - 2].low.startswith("shoot") or toks[j - 2].low == "shot" else None, \
            j - 2, "transitive+count"
    if w in ("and", ",", "&"):
        # "shot along with a 16-year-old boy and a 21-year-old man": the list's later people, the same fate
        k = next((k for k in range(j - 1, max(0, j - 12), -1) if toks[k].low in ("with", "alongside", "of", ".", ";")
                  or toks[k].low in lx.CLAUSE_STOPS), None)
        if k is not None and (toks[k].low == "with" and toks[k - 1].low in ("along", "together")
                              or toks[k].low == "alongside"):
            j, w = k, toks[k].low
        elif k is not None and toks[k].low == "of" and toks[k - 1].low in _DEATHS_OF:
            return "killed", None, k - 1, "noun-of+count"  # "the murders of a woman and her 4-year-old daughter"
    if (w == "with" and j > 1 and toks[j - 1].low in ("along", "together") or w == "alongside") and j > 2:
        verb = j - 2 if w == "with" else j - 1  # "was killed along with 15 militants": more people, the same fate
        cue = _cue_at(toks, verb)
        if cue is not None and lx.OUTCOME_CUES[cue[0]][0] in ("killed", "injured", "kidnapped", "detained"):
            return lx.OUTCOME_CUES[cue[0]][0], lx.OUTCOME_CUES[cue[0]][1], verb, "along-with+count"
    if _as_well_as(toks, j + 1):
        # "the homeowner was hurt, as well as a boy nearby": the predicate told before, shared
        for k in range(j - 3, max(-1, j - 20), -1):
            if toks[k].low in (".", ";") or k in count_starts:
                break
            cue = _cue_at(toks, k)
            if cue is not None and lx.OUTCOME_CUES[cue[0]][0] in ("killed", "injured") and not _active(toks, k, cue[1]) \
                    and toks[k].low not in HARM_NOUNS:
                return lx.OUTCOME_CUES[cue[0]][0], lx.OUTCOME_CUES[cue[0]][1], k, "transitive+count"
    if w == "death" and j > 1 and toks[j - 1].low == "to" and toks[j - 2].low in _TO_DEATH:
        return "killed", None, j, "transitive+count"  # "villagers beat to death two people"
    if w in ("shot", "shoots") and not _passive(toks, j) and not (j > 0 and toks[j - 1].low in _SHOT_NOUN):
        # "shot a woman in the back", "fatally shot his friend": hit, and killed only when it says so
        return ("killed" if j > 0 and toks[j - 1].low == "fatally" else "injured"), "shooting", j, "transitive+count"
    if w in _PREDICATE_BE and j >= 2:
        for n in (3, 2):  # "among the dead were 31 women", "the victims included 12 children"
            if j < n:
                continue
            phrase = " ".join(t.low for t in toks[j - n:j])
            if phrase in lx.AMONG_CUES or (phrase in _DEAD_GROUPS and w.startswith("includ")):
                found_outcome = lx.OUTCOME_CUES[phrase][0] if phrase in lx.AMONG_CUES else _DEAD_GROUPS[phrase]
                return found_outcome, None, j - n, "among+count"
    if w in ("lost", "lose", "losing", "loses") and _lost_people(toks, after):
        return "killed", None, j, "lost+count"  # "we lost 30 men": the speaker's side lost them
    if w in ("injured", "wounded", "hurt") and j > 1 and toks[j - 1].low in ("or", "and") and \
            toks[j - 2].low in ("killed", "killing", "kill"):
        return "casualties", None, j - 2, "transitive+count"  # "killed or injured 40 people"
    if w in lx.TRANSITIVE:
        if w in ("claimed", "claiming") or j > 1 and toks[j - 1].low == "to" and toks[j - 2].low in _INTENT:
            return None  # "aiming to kill four of the six people who were shot": an aim, not a toll
        if w in ("affected",) and not (j > 0 and toks[j - 1].low in ("has", "have", "had")):
            return None
        fatally = lx.TRANSITIVE[w] == "injured" and j > 0 and toks[j - 1].low in ("fatally", "mortally")
        return "killed" if fatally else lx.TRANSITIVE[w], lx.MANNER_CUES.get(w), j, "transitive+count"
    if w == "at" and j > 2 and toks[j - 1].low in ("number", "figure", "tally", "count", "total") and \
            toks[j - 2].low == "the" and toks[j - 3].low in ("put", "puts", "putting", "placed", "places", "set"):
        # "the death toll rose overnight; officials put the number at 14": the number is the toll's
        for k in range(j - 3, -1, -1):
            two = f"{toks[k - 1].low} {toks[k].low}" if k > 0 else ""
            noun = two if two in lx.TOLL_NOUNS else toks[k].low if toks[k].low in ("toll", "dead", "deaths") else None
            if noun:
                return lx.TOLL_NOUNS[noun], None, k, "toll+count"
    if w in ("were", "was") and j > 0 and toks[j - 1].low in _INVERTED and (j == 1 or toks[j - 2].low in (
            "also", ",", ":", "and")):
        # "Also killed were Victor Ortiz, 22, and ...", "Injured were four others": the predicate first
        return lx.OUTCOME_CUES[toks[j - 1].low][0], None, j - 1, "transitive+count"
    if w == "of" and j > 2 and toks[j - 1].low in ("life", "lives") and toks[j - 2].low == "the" and \
            toks[j - 3].low in ("claimed", "claiming", "claims", "took", "taking", "takes"):
        # "a shooting that claimed the life of 17-year-old Destiny Nelson"
        return "killed", None, j - 3, "transitive+count"
    if w == "of" and j > 1 and toks[j - 1].low in ("shooting", "stabbing") and toks[j - 2].low in ("fatal", "deadly"):
        return "killed", toks[j - 1].low, j - 1, "noun-of+count"  # "the fatal shooting of a 1-year-old girl"
    if w == "of" and j > 0 and toks[j - 1].low in lx.OF_NOUNS:
        noun = toks[j - 1].low
        if noun in _ATTACKS_OF:
            if any(t.low in ("fatal", "deadly") for t in toks[max(0, j - 4):j - 1]):
                return "killed", noun, j - 1, "noun-of+count"  # "the fatal police shooting of two men"
            if toks[kc].low in ("a", "an", "another") or toks[kc].text[:1].isupper():
                return None  # "the shooting of a man": the text tells elsewhere whether he lived
        return lx.OF_NOUNS[noun], lx.MANNER_CUES.get(noun), j - 1, "noun-of+count"
    if w in ("sent", "sending", "sends") and [t.low for t in toks[after:after + 1]] == ["to"] and \
            any(t.low in ("hospital", "hospitals") for t in toks[after + 1:after + 4]):
        return "injured", None, j, "left+count+result"  # "a shooting that sent four people to the hospital"
    if w in lx.LEAVE_VERBS:
        for k in range(after, min(after + 3, len(toks))):
            if toks[k].low in lx.LEAVE_RESULTS:
                return lx.LEAVE_RESULTS[toks[k].low], None, k, "left+count+result"
        return None
    if w == "from" and j > 0 and toks[j - 1].low in ("ranging", "ranged", "range", "ranges", "varying", "varied"):
        j, w = j - 1, toks[j - 1].low  # "the toll ranged from 19 to 26"
    # "the death toll ... has risen to 524", "fatalities among military personnel reaching 93"
    # ("the victims, two men and two women, had just ...": who they were, not a toll)
    listing = w in (",", ":") and j > 0 and toks[j - 1].low == "victims"  # "located four victims: a 54-year-old man ..."
    if not listing and (w in lx.TOLL_LINKS or w == "," and j > 0 and toks[j - 1].low in lx.TOLL_NOUNS):
        for k in range(j - (0 if w == "," else 1), max(-1, j - 20), -1):
            if k in count_starts and k > 0 and toks[k - 1].low == "from":
                continue  # "rose from 19 to 26": the earlier figure stands between the toll and the new one
            if k in count_starts or toks[k].low in lx.CLAUSE_STOPS or toks[k].low == ".":
                break
            two = f"{toks[k - 1].low} {toks[k].low}" if k > 0 else ""
            if two in lx.TOLL_NOUNS:
                return lx.TOLL_NOUNS[two], None, k, "toll+count"
            if toks[k].low in lx.TOLL_NOUNS:
                if toks[k].low in ("dead", "killed", "injured", "wounded", "displaced", "missing", "arrested", "detained",
                                   "kidnapped", "abducted") and not (
                        k > 0 and toks[k - 1].low in ("the", "of")) and not any(
                        t.low in ("number", "tally", "count", "total") for t in toks[max(0, k - 4):k]):
                    continue  # only "the dead", "the number of people killed" name a figure
                return lx.TOLL_NOUNS[toks[k].low], None, k, "toll+count"
    return None


def _introduces_part(toks: list[_Tok], kc: int, after: int, previous: list[_Draft]) -> bool:
    window = [t.low for t in toks[max(0, kc - 3):kc]]
    if any(w in _PARTS_INTRO for w in window) or "among them" in " ".join(window):
        return True
    following = " ".join(t.low for t in toks[after:after + 2])
    if following in ("among them", "among those", "among whom"):
        return True  # "... 210 killings, with 40 children among them"
    # a list continuing a part: "including eight children and three women" (not "... and 5 were wounded")
    return bool(window) and window[-1] in ("and", ",") and previous[-1].part_of is not None and not (
        after < len(toks) and toks[after].low in lx.BE_AUX)


def _whole_for(previous: list[_Draft], base: int) -> int:
    """Local index of the whole a new part belongs to: a list of parts shares one whole."""
    last = previous[-1]
    if last.rule == "part-of-previous" and last.part_of is not None and last.part_of >= base:
        return last.part_of - base
    return len(previous) - 1


def _confidence(rule: str, c: CountMatch, head: _Head) -> float:
    score = {"victims+outcome": 0.9, "transitive+count": 0.85, "toll+count": 0.85, "noun-of+count": 0.85,
             "count+outcome-noun": 0.85, "count+outcome": 0.75, "left+count+result": 0.8,
             "part-of-previous": 0.8, "along-with+count": 0.8, "elided+count": 0.75}.get(rule, 0.7)
    if c.count.qualifier == "vague":
        score -= 0.1
    if c.is_word and c.count.value in (0, 1):
        score -= 0.1
    if head.kind == "none":
        score -= 0.05
    return max(0.3, score)


# --- victims, manner, perpetrator ---------------------------------------------------------------

def _victims(d: _Draft, toks: list[_Tok], head: _Head, after: int, text: str) -> None:
    if head.kind == "person":
        h = toks[head.index]
        category, attribute = lx.PERSON.get(h.low, ("unknown", None))
        mod_tokens = [toks[m] for m in head.mods]
        mod_lows = {t.low for t in mod_tokens}
        if h.low in ("police", "policeman", "policemen") or mod_lows & {"police"}:
            category = "state_forces"
        if category in ("unknown", "combatant") or h.low in ("forces",):
            if mod_lows & lx.STATE_MODIFIERS:
                category = "state_forces"
            elif mod_lows & lx.ARMED_MODIFIERS:
                category = "non_state_armed"
            elif mod_lows & lx.CIVILIAN_MODIFIERS:
                category = "civilian"
        if category == "unknown" and h.low in ("member", "members", "personnel", "staff", "employees"):
            tail = " ".join(t.low for t in toks[head.index + 1:head.index + 7])
            m = re.match(r"of\s+(?:the\s+)?(?:same\s+)?([\w\s-]+)", tail)
            if m:
                words = set(m.group(1).split())
                if words & (lx.STATE_MODIFIERS | {"forces"}):
                    category = "state_forces"
                elif words & lx.ARMED_MODIFIERS:
                    category = "non_state_armed"
                elif words & {"family", "families", "community", "household", "public"}:
                    category = "civilian"
        if category == "combatant" and h.low in ("fighter", "fighters") and any(
                t.text[0].isupper() and not re.search(r"(?:ian|ese|ish|i|an)$", t.text) for t in mod_tokens):
            category = "non_state_armed"  # "Hamas fighters", "RSF fighters": a named armed group
        if mod_lows & {"civilian", "unarmed", "innocent"}:
            category = "civilian"
        if attribute:
            d.attributes.append(attribute)
        for t in mod_tokens:
            if t.low in lx.PERSON and lx.PERSON[t.low][1]:
                d.attributes.append(lx.PERSON[t.low][1])  # type: ignore[arg-type]
        groups = [t.text for t in mod_tokens if t.text[0].isupper() and t.low not in lx.MODIFIERS
                  and t.low not in lx.PERSON]
        if groups:
            d.group = " ".join(groups)
        if re.fullmatch(r"[A-Z][a-z]+(?:ians|ans|is|ese|ites|ders|ks|ns)", h.text) and h.low not in lx.PERSON:
            d.group = h.text
        start = toks[head.mods[0]].start if head.mods else h.start
        d.victims_text = text[start:h.end]
        d.category = category
    elif head.kind == "outcome" or head.kind == "none":
        # victims named after the figure: "fatalities among civilians", "524, comprising both civilians and fighters"
        cats, first, last = _listed_victims(toks, after)
        if not cats and d.cue_index is not None and d.cue_index < _index_at(toks, d.start):
            cats, first, last = _listed_victims(toks, d.cue_index + 1, among_only=True)
        if cats:
            d.category = "mixed" if len(cats) > 1 else next(iter(cats))
            d.mixed_of = cats
            d.victims_text = text[toks[first].start:toks[last].end]


_PATIENT_VERBS = frozenset("ambushed attacked targeted hit struck stormed raided shelled bombed surrounded caught trapped "
                           "attacking targeting ambushing hitting striking storming raiding shelling bombing "
                           "abducted kidnapped shot".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen dozens scores "
                          "hundreds thousands".split())
_PATIENT_PREPS = frozenset("on at against of targeting".split())
_UNIT_NOUNS = frozenset("patrol patrols convoy convoys checkpoint checkpoints post posts outpost outposts base bases "
                        "unit units position positions barracks".split())


def _patient_class(toks: list[_Tok], kc: int) -> str | None:
    """The class of the people a clause is about, when a figure names none: the subject of a passive
    ("Four soldiers were ambushed ..., leaving two dead") or the object of an attack ("gunmen opened
    fire on worshippers, killing three"; "an attack on a police patrol left two dead"). Never the
    attackers: a noun followed by an active verb is the agent."""
    for j in range(kc - 1, max(-1, kc - 25), -1):
        t = toks[j]
        if t.low in (";", ":") or (t.text[0].isdigit() and j < kc - 1):
            return None
        category = None
        if t.low in lx.PERSON and lx.PERSON[t.low][0] not in ("unknown", "mixed"):
            category = lx.PERSON[t.low][0]
            mods = {x.low for x in toks[max(0, j - 2):j]}
            if category == "combatant":
                category = "state_forces" if mods & lx.STATE_MODIFIERS else \
                    "non_state_armed" if mods & lx.ARMED_MODIFIERS else category
        elif t.low in _UNIT_NOUNS and j > 0:
            before = toks[j - 1].low
            category = "state_forces" if before in lx.STATE_MODIFIERS else \
                "non_state_armed" if before in lx.ARMED_MODIFIERS else None
        if category is None:
            continue
        if _is_patient(toks, j):
            return category
    return None


def _is_patient(toks: list[_Tok], j: int) -> bool:
    k = j + 1
    while k < len(toks) and (toks[k].low in lx.PERSON or toks[k].low in _UNIT_NOUNS):
        k += 1
    aux = k
    while k < len(toks) and k < aux + 3 and toks[k].low in lx.BE_AUX:
        k += 1
    if k > aux and k < len(toks) and (toks[k].low in _PATIENT_VERBS or toks[k].low in lx.TRANSITIVE or
                                      (toks[k].low.endswith("ed") and toks[k].low not in lx.BE_AUX)):
        return True  # "soldiers were ambushed", "police officers had been targeted"
    i = j - 1
    while i >= 0 and (_is_modifier(toks[i]) or toks[i].low in lx.DETERMINERS or toks[i].text[0].isdigit()
                      or toks[i].low in _NUMBER_WORDS
                      or toks[i].low in lx.PERSON or toks[i].low in lx.STATE_MODIFIERS | lx.ARMED_MODIFIERS):
        i -= 1
    return i >= 0 and (toks[i].low in _PATIENT_PREPS or toks[i].low in _PATIENT_VERBS or toks[i].low in lx.TRANSITIVE
                       or toks[i].low in lx.LEAVE_VERBS)


def _listed_victims(toks: list[_Tok], k: int, among_only: bool = False) -> tuple[set[str], int, int]:
    cats: set[str] = set()
    first = last = -1
    intro = False
    for j in range(k, min(k + 10, len(toks))):
        w = toks[j].low
        if w in ("among", "comprising", "including", "both", "of", "mostly", "mainly", "all", "whom"):
            intro = True
            continue
        if not intro and not among_only:
            if w in (",", "the"):
                continue
            break
        if toks[j].text[0].isdigit() or w in lx.CLAUSE_STOPS or w == ".":
            break
        if among_only and not intro:
            if w in lx.TOLL_LINKS or _cue_at(toks, j):
                break
            continue
        if w in lx.PERSON:
            category = lx.PERSON[w][0]
            mods = {toks[j - 1].low} if j > 0 else set()
            if category in ("unknown", "combatant"):
                if mods & lx.STATE_MODIFIERS:
                    category = "state_forces"
                elif mods & lx.ARMED_MODIFIERS:
                    category = "non_state_armed"
            cats.add(category)
            first = j if first < 0 else first
            last = j
        if w in lx.TOLL_LINKS and cats:
            break
    if first >= 0:
        while first > k and _is_modifier(toks[first - 1]) and toks[first - 1].low not in ("both", "all", "among"):
            first -= 1
    return cats, first, last


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every figure of one sentence reads alike, found once per sentence rather than once
    per figure: a sentence dense with figures would otherwise take quadratic time."""
    manners: list[tuple[int, str]]  # (token index, manner) of each manner word
    by_actor: str | None            # the actor of a "killed by ..." phrase
    headline: bool = False          # headline grammar: "3 adults shot", auxiliaries left out


def _manner_cues(toks: list[_Tok]) -> list[tuple[int, str]]:
    out = []
    for j, t in enumerate(toks):
        two = f"{t.low} {toks[j + 1].low}" if j + 1 < len(toks) else ""
        manner = lx.MANNER_CUES.get(two) or lx.MANNER_CUES.get(t.low)
        if manner:
            out.append((j, manner))
    return out


def _manner(cues: list[tuple[int, str]], kc: int) -> str | None:
    """The manner word nearest the count (the earlier one on a tie), within 25 tokens."""
    i = bisect_left(cues, kc, key=lambda cue: cue[0])
    best = min(cues[max(0, i - 1):i + 1], key=lambda cue: abs(cue[0] - kc), default=None)
    return best[1] if best and abs(best[0] - kc) <= 25 else None


def _perpetrator_by(sentence: str) -> str | None:
    """The actor of "killed by X" or "at the hands of X" in a sentence."""
    for m in _PERP_BY.finditer(sentence):
        before = sentence[:m.start()]
        if "hands of" in m.group(0).lower() or _PERP_TRIGGER.search(before):
            np = m.group("np").strip()
            if re.match(r"(?:the\s+)?(?:\d|end|time|way|means|far|then|now)\b", np, re.I):
                continue
            if re.search(r"\b(?:confirmed|documented|reported|recorded|cited|compiled|verified)\s+by\s*$",
                         sentence[:m.start() + 3 + len(m.group(0)) - len(m.group(0).lstrip())], re.I):
                continue
            return np
    return None


def _perpetrator(text: str, toks: list[_Tok], kc: int, cue_index: int | None) -> str | None:
    # active subject of a transitive cue just before the count: "Syrian forces killed 12 people"
    if cue_index is not None and cue_index < kc and toks[cue_index].low in lx.TRANSITIVE:
        start = cue_index
        stops = (",", ";", ":", "—", "–", "(", "that", "when", "as", "after", "and", "while")
        while start > 0 and toks[start - 1].low not in stops and cue_index - start < 8:
            start -= 1
        if start > 0 and toks[start - 1].low not in stops:
            return None  # a subject longer than eight words was cut: no safe actor in a fragment
        if start < cue_index:
            subject = text[toks[start].start:toks[cue_index - 1].end]
            subject = re.sub(r"^(?:the|a|an)\s+", "", subject, flags=re.I)
            if re.search(r"\b(?:has|have|had|also|reportedly|allegedly)$", subject):
                subject = re.sub(r"\s+(?:has|have|had|also|reportedly|allegedly)$", "", subject)
            if _HAZARDS.search(subject):
                return None
            if _WEAPON_WORDS.search(subject):
                actors = [a for a in re.findall(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", subject)
                          if not _WEAPON_WORDS.search(a)]
                return actors[0] if actors else None
            if _ACTOR_WORDS.search(subject) or re.search(r"(?:^|\s)(?:[A-Z]{2,}|\S+\s+[A-Z])", subject):
                return subject
    return None


# --- context ------------------------------------------------------------------------------------

_REPORT_VERB = re.compile(r"\b(?:said|says|told\s+\w+|reported|announced|added|stated|confirmed|noted|tweeted|wrote)\s*$", re.I)


def _is_report_time(text: str, start: int) -> bool:
    """'the ministry said on Monday': when the figure was given, not when people died."""
    return bool(_REPORT_VERB.search(text[max(0, start - 30):start]))


def _source_for(own: Attribution | None, carried: Attribution | None) -> tuple[Source, bool]:
    if own is not None:
        return own.source, False
    if carried is not None:
        return carried.source, True
    return Source(), False


def _place_for(d: _Draft, mentions: list[PlaceMention], carried: tuple[int, int, str] | None,
               dateline: PlaceMention | None) -> tuple[Location | None, bool]:
    near = _nearest(d, [(p.start, p.end, p) for p in mentions])
    if near is not None:
        d.spans["place"] = (near.start, near.end)
        return Location(text=near.text), False
    if carried is not None:
        d.spans["place"] = (carried[0], carried[1])
        return Location(text=carried[2]), True
    if dateline is not None and d.start > dateline.start:  # (a headline above the dateline is not filed from it)
        d.spans["place"] = (dateline.start, dateline.end)
        return Location(text=dateline.text), True
    return None, False


_AFTER_HARM = re.compile(r"\bafter\s+(?:being|(?:he|she)\s+(?:was|had\s+been))\s+(?:\w+ly\s+)?"
                         r"(?:shot|wounded|stabbed|struck|hit|beaten|injured)\b", re.I)


def _harmed_before(text: str, d: _Draft, when: TimeMention, mentions: list[TimeMention]) -> TimeMention | None:
    """The earlier day a death's sentence gives for the harm that led to it: "Damon Sochko died
    Wednesday after being shot in the head Monday"."""
    if d.outcome != "killed" or when.span.start is None:
        return None
    m = _AFTER_HARM.search(text, d.sentence.start, d.sentence.end)
    if m is None:
        return None
    return next((t for t in mentions if m.end() <= t.start <= m.end() + 40 and t.span.start is not None
                 and t.span.start < when.span.start), None)


def _nearest(d: _Draft, items: list[tuple[int, int, T]]) -> T | None:
    best = None
    for start, end, value in items:
        distance = d.start - end if end <= d.start else start - d.end if start >= d.end else 0
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


class _Clauses:
    """The cues of one sentence that decide modality and scope. Each pattern runs once per
    sentence or clause (the part around a figure bounded by ';' and 'but'), not once per figure."""

    def __init__(self, sentence: str, offset: int) -> None:
        self.sentence, self.offset = sentence, offset
        denial = _DENIED.search(sentence)
        # a denial before a figure negates it; no figure starts inside a denial's words
        self.denied_until = denial.end() if denial else None
        self.unverified = bool(_UNVERIFIED.search(sentence))
        self._found: dict[tuple[int, int, re.Pattern[str]], bool] = {}

    def denied_before(self, d: _Draft) -> bool:
        return self.denied_until is not None and self.denied_until <= d.start - self.offset

    def before(self, d: _Draft, width: int) -> str:
        rel = d.start - self.offset
        return self.sentence[max(0, rel - width):rel]

    def has(self, pattern: re.Pattern[str], d: _Draft, own: bool = False) -> bool:
        """Whether `pattern` occurs in the clause around d's figure; `own`: not in a clause that
        follows it to say what it adds up to (", bringing the toll to 524")."""
        sentence, rel = self.sentence, d.start - self.offset
        left = max(sentence.rfind(";", 0, rel), sentence.rfind(" but ", 0, rel))
        right_candidates = [i for i in (sentence.find(";", rel), sentence.find(" but ", rel)) if i >= 0]
        if own:
            adding = lx.ADDING_UP.search(sentence, d.end - self.offset)
            ranked = lx.RANKED.search(sentence, d.end - self.offset)
            right_candidates += [m.start() for m in (adding, ranked) if m]
        right = min(right_candidates) if right_candidates else len(sentence)
        key = (left, right, pattern)
        if key not in self._found:
            self._found[key] = bool(pattern.search(sentence[left + 1:right]))
        return self._found[key]


# "initially reported 12 dead, but later lowered the toll to 9": the figure after the revision stands
_REVISED_SINCE = re.compile(r"\b(?:but|later|now|since|amended|revised|lowered|raised|updated|corrected)\b", re.I)


def _superseded(before: str) -> bool:
    last = None
    for last in _SUPERSEDED.finditer(before):
        pass
    return last is not None and not _REVISED_SINCE.search(before, last.end())


# "another child was not killed", "the officer wasn't hurt": the harm said not to have happened
_NOT_HARMED = re.compile(r"[^.;,]{0,40}?\b(?:(?:was|were|is|are|had|has|have)(?:n['’]t|\s+not|\s+never)\s+"
                         r"(?:\w+\s+){0,2}?(?:killed|hurt|injured|wounded|shot|harmed|struck|hit|seriously)|"
                         r"escaped\s+(?:injury|injuries|unharmed|unhurt|unscathed|without)|"
                         r"(?:was|were)\s+(?:unharmed|unhurt|uninjured|unscathed|not\s+struck))\b", re.I)


# "a shooting that left two men dead": the toll told of the event a hedge is about
_RELATIVE_TOLL = re.compile(r"\b(?:that|which)\s+(?:\w+\s+){0,2}?(?:left|killed|wounded|injured|claimed)\b", re.I)


def _toll_of_hedged_cause(clauses: _Clauses, d: _Draft) -> bool:
    """'A dispute might have led to a shooting that left two men dead': the hedge is about the
    cause; the toll, told in the relative clause, is no less certain."""
    rel = d.start - clauses.offset
    relative = None
    for relative in _RELATIVE_TOLL.finditer(clauses.sentence, 0, rel):
        pass
    if relative is None:
        return False
    # the relative clause ends at its comma: "the shooting, which claimed the life of X, may have been revenge"
    stop = [i for i in (clauses.sentence.find(";", rel), clauses.sentence.find(" but ", rel),
                        clauses.sentence.find(",", rel)) if i >= 0]
    return not _SPECULATIVE.search(clauses.sentence, relative.start(), min(stop) if stop else len(clauses.sentence))


def _hedge_of_what(clauses: _Clauses, d: _Draft) -> bool:
    """'An officer was injured by what officials believe may have been shrapnel': the hedge is
    about what hurt them, told after the harm, not about the harm."""
    sentence, rel = clauses.sentence, d.end - clauses.offset
    hedge = _SPECULATIVE.search(sentence, rel)
    return hedge is not None and not _SPECULATIVE.search(sentence, 0, rel) and \
        bool(re.search(r"\b(?:from|by|of)\s+what\b", sentence[rel:hedge.start()]))


def _modality(d: _Draft, clauses: _Clauses, attribution: Attribution | None) -> str:
    if d.negated or clauses.denied_before(d) or (attribution and attribution.verb in ("denied", "denies")) \
            or _NOT_HARMED.match(clauses.sentence, d.end - clauses.offset):
        return "negated"
    if d.rule != "raised+count" and _superseded(clauses.before(d, 80)):  # not the figure it was revised to
        return "superseded"
    if clauses.unverified:
        return "unverified"
    if clauses.has(_SPECULATIVE, d) and not _toll_of_hedged_cause(clauses, d) and not _hedge_of_what(clauses, d):
        return "speculative"
    if clauses.has(_ESTIMATED, d) or (attribution and attribution.verb in ("estimated", "estimates", "estimate")):
        return "estimated"
    if attribution is not None or clauses.has(_REPORTED, d):
        return "reported"
    return "asserted"


def _scope(d: _Draft, clauses: _Clauses) -> str:
    if clauses.has(_CUMULATIVE, d, own=True):
        return "cumulative"
    if clauses.has(_TOTAL, d, own=True) or clauses.has(_TOTAL_WORDS, d, own=True) and clauses.has(_PERIOD_WORDS, d, own=True):
        return "total"
    return "event"


# --- part/whole links across sentences ---------------------------------------------------------

def _family(outcome: str) -> str:
    return "killed" if outcome in ("killed", "casualties") else outcome


def _link_subsets(drafts: list[_Draft], text: str) -> None:
    """'4 shot, 1 fatally', 'two men were shot; one of them died': the dead are among the people
    hit, so the hit figure counts them too (events subtract them from the injured)."""
    for j, d in enumerate(drafts):
        if d.outcome == "killed" and d.part_of is None and j + 1 < len(drafts):
            # "one of the five people hospitalized ... has died": the five are the figure right after
            hit = drafts[j + 1]
            of = re.match(r"\s+of\s+(?:the|those|these)\s+", text[d.end:hit.start])
            if of and d.end + of.end() == hit.start and hit.outcome in ("injured", "casualties") \
                    and (hit.count.best or 0) > (d.count.best or 0):
                d.subset_of = j + 1
                continue
        if d.outcome in ("injured", "casualties") and d.part_of is None:
            _link_some_of_hurt(drafts, j, text)
            continue
        if not d.subset_hint or d.outcome != "killed" or d.part_of is not None:
            continue
        # "two of the wounded had died" names its group, which may have been told paragraphs before
        named = "previously injured" in d.attributes
        for i in range(j - 1, max(-1, j - (7 if named else 4)), -1):
            hit = drafts[i]
            if hit.sentence.paragraph != d.sentence.paragraph and not named:
                break
            if hit.outcome in ("injured", "casualties") and (hit.count.best or 0) >= (d.count.best or 0):
                d.subset_of = i
                break


_SOME_OF = re.compile(r"\s+of\s+(?:the|those|these)\s+(?:\w+\s+){0,2}?"
                      r"(?:injured|wounded|hurt|shot|victims|people|wounded\s+people)\b", re.I)


def _link_some_of_hurt(drafts: list[_Draft], j: int, text: str) -> None:
    """'Police said three of those injured had minor injuries': some of the hurt told before, not
    a count of its own (read beside the whole from another source, the lower would win)."""
    d = drafts[j]
    if not _SOME_OF.match(text, d.end):
        return
    for i in range(j - 1, max(-1, j - 5), -1):
        hit = drafts[i]
        if hit.outcome in ("injured", "casualties") and hit.part_of is None \
                and (hit.count.best or 0) > (d.count.best or 0):
            d.subset_of = i
            return


# "another man", "two other people", "three more": people besides those told before, no part of them
_ADDED = re.compile(r"(?:another|a\s+(?:second|third|fourth|fifth))\b|[\w-]+\s+(?:others?|more|additional)\b", re.I)


def _link_sums(drafts: list[_Draft], text: str) -> None:
    """A figure followed, in its paragraph, by figures that add up to it: '213 ... 93 and 120'."""
    for i, whole in enumerate(drafts):
        v = whole.count.value
        if v is None or whole.count.qualifier != "exact" or whole.parts or v < 2:
            continue
        # the predicate's offset, worked out only for a whole with a list sibling under the same cue
        shares_cue = any(d.sentence == whole.sentence and d.cue_index == whole.cue_index for d in drafts[i + 1:i + 8])
        predicate = _cue_start(text, whole) if shares_cue else None
        followers = [j for j in range(i + 1, min(i + 8, len(drafts)))
                     if drafts[j].sentence.paragraph == whole.sentence.paragraph
                     and _family(drafts[j].outcome) == _family(whole.outcome)
                     and drafts[j].part_of is None and drafts[j].count.value is not None
                     and drafts[j].count.qualifier == "exact" and not _siblings(whole, drafts[j], predicate)
                     and not _ADDED.match(text, drafts[j].start)]
        for a in range(len(followers)):
            total = 0
            for b in range(a, len(followers)):
                total += drafts[followers[b]].count.value or 0
                if total > v:
                    break
                if total == v and b > a:
                    members = followers[a:b + 1]
                    if all(m == members[0] + n for n, m in enumerate(members)):
                        whole.parts.extend(members)
                        for m in members:
                            drafts[m].part_of = i
                        break
            if whole.parts:
                break


def _cue_start(text: str, d: _Draft) -> int | None:
    """Where a figure's predicate starts in the text, when it has one."""
    if d.cue_index is None:
        return None
    toks = _tokenize(text, d.sentence)
    return toks[d.cue_index].start if d.cue_index < len(toks) else None


def _siblings(first: _Draft, later: _Draft, predicate: int | None) -> bool:
    """Items of one list under one predicate (starting at `predicate`) that comes after them
    ("three soldiers, two police officers and a civilian were killed"): other people, not a
    breakdown of the first."""
    return predicate is not None and first.sentence == later.sentence and first.cue_index == later.cue_index \
        and later.end <= predicate


def _link_among(drafts: list[_Draft]) -> None:
    """'182 civilians were among the dead' is part of the nearest earlier, larger figure."""
    for j, part in enumerate(drafts):
        if part.part_of is not None or (part.rule != "among+count" and (
                part.rule != "victims+outcome" or part.cue_phrase not in lx.AMONG_CUES)):
            continue
        for i in range(j - 1, max(-1, j - 6), -1):
            whole = drafts[i]
            if whole.rule in _LIST_RULES and whole.sentence == part.sentence:
                continue  # "31 women and nine children": items of one list, not a whole and its part
            if (_family(whole.outcome) == _family(part.outcome) and whole.count.best is not None
                    and part.count.best is not None and whole.count.best > part.count.best
                    and whole.part_of is None):
                part.part_of = i
                whole.parts.append(j)
                break


def _link_mixed_wholes(drafts: list[_Draft], sources: list[tuple[Source, bool]]) -> None:
    """'524, comprising both civilians and fighters. Notably, 213 fighters ...': 213 is part of 524."""
    for i, whole in enumerate(drafts):
        if whole.category != "mixed" or whole.count.value is None or len(whole.mixed_of) < 2:
            continue
        for j in range(i + 1, min(i + 6, len(drafts))):
            part = drafts[j]
            if part.sentence.paragraph != whole.sentence.paragraph:
                break
            same_source = sources[j][0].name == sources[i][0].name
            fits = part.category in whole.mixed_of or (
                part.category in ("state_forces", "non_state_armed") and "combatant" in whole.mixed_of) or (
                part.category == "combatant" and whole.mixed_of & {"state_forces", "non_state_armed"})
            if (part.part_of is None and fits and same_source and _family(part.outcome) == _family(whole.outcome)
                    and (part.count.best or 0) < whole.count.value):
                part.part_of = i
                whole.parts.append(j)
                break
