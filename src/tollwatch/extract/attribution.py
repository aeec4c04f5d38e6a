"""Who a figure is attributed to: "according to X", "X said", "..., medics said",
"Reports from X indicate", "confirmed by X", and short references ("the Observatory")
resolved to the full name the document used earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.models import Source, SourceKind

_SAY = (
    r"said|says|say|reported|reports|report|told|tells|confirmed|confirms|announced|announces|stated|states|"
    r"documented|documents|estimated|estimates|estimate|recorded|records|counted|added|noted|notes|claimed|"
    r"claims|denied|denies|indicated|indicates|indicate|reveal|reveals|revealed|showed|shows|show|"
    r"tallied|put|puts|wrote|writes|tweeted|posted|cited|cites|warned|warns|updated|raised|revised|"
    r"suggest|suggests|suggested"
)
_AUX = r"(?:(?:has|have|had|also|earlier|later|previously|separately|further|now|separately|would|had\s+earlier)\s+)*"
_NP = r"[^,;:()\"“”]{2,90}?"

_ACCORDING = re.compile(rf"\baccording\s+to\s+(?P<src>{_NP})(?=\s*(?:[,.;:)]|$|\s+(?:on|in|which|who|that|as|at|and)\b))", re.I)
_BY = re.compile(rf"\b(?:confirmed|documented|reported|recorded|compiled|verified|counted|cited|released|published|provided|issued)\s+by\s+(?P<src>{_NP})(?=\s*(?:[,.;:)]|$|\s+(?:on|in|which|who|that|as|at|during|since|resulting|after)\b))", re.I)
_NOT_VERB_NEXT = rf"(?!\s+{_AUX}(?:{_SAY})\b)"  # "the report added": "report" is the noun, "added" the verb
_DENIAL_CLAUSE = r"(?!\s*(?:(?:a|the)\s+(?:claim|figure|number|toll)\b|claims?\b|which\b|something\b|an?\s+allegation|allegations))"  # "..., a claim the army denied"
_APPOSITION = r"(?:,\s+(?:a|an|the|who|its|their|his|her)\s[^,;:()\"“”]{2,70})?"
_TRAILING = re.compile(
    rf"[,—–-][\"”’]?\s*(?:(?P<v1>{_SAY})\s+(?!(?:{_SAY})\b)(?P<src1>{_NP}){_APPOSITION}"
    rf"|{_DENIAL_CLAUSE}(?P<src2>{_NP})\s+{_AUX}(?P<v2>{_SAY}){_NOT_VERB_NEXT}(?:\s+(?!that)[\w’'-]+){{0,4}})"
    rf"\s*[.!?\"”’]*\s*$", re.I)
_LABEL = re.compile(r"^(?:[^:]{1,40}:\s+)?(?:(?:[\w’'-]+\s+){0,3}[\w’'-]+,\s+)?")
_VERB = re.compile(rf"\s+{_AUX}(?P<verb>{_SAY})\b{_NOT_VERB_NEXT}", re.I)
_APPOSED_SUBJECT = re.compile(
    rf"(?P<src>[^,;:()\"“”]{{2,90}}?),\s+(?:(?:a|an|the|which|who)\s+[^,;:()\"“”]{{2,80}}?|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*),"
    rf"\s+{_AUX}(?P<verb>{_SAY})\b{_NOT_VERB_NEXT}", re.I)
# A wire dateline before the first sentence: "GAZA CITY, Oct 12 (Reuters) -", "NAIROBI, Kenya (AP) —".
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:\s+\d{1,2})?)*\s*"
                       r"(?:\([^()]{2,40}\))?\s*[-–—]+\s*")
# Headlines: "Ministry: 14 dead in overnight shelling", "Quake toll reaches 120 – governor".
_SOURCE_HEAD = (r"(?:ministry|police|army|military|governor|officials?|medics|doctors|hospitals?|UN|U\.N\.|agency|"
                r"spokes(?:man|woman|person)|president|minister|mayor|rebels|monitor|observatory|Red\s+Cross|"
                r"Red\s+Crescent|witnesses|residents|authorities|government|council|command|IDF|WHO|OCHA|UNICEF|"
                r"militants|media|reports?|sources|chief|rescuers|civil\s+defen[cs]e|coroner|prefect|state\s+media)")
_HEADLINE_LABEL = re.compile(rf"^(?P<src>(?:[\w’'.-]+\s+){{0,4}}?{_SOURCE_HEAD}):\s+", re.I)
_HEADLINE_TAIL = re.compile(rf"\s[–—-]\s*(?P<src>(?:[\w’'.-]+\s+){{0,4}}?{_SOURCE_HEAD})\s*$", re.I)
_CLAUSE_LEADING = re.compile(rf"(?:^|[,;]\s+|\bwhile\s+|\band\s+)(?P<src>(?:the\s+)?[A-Z][^,;:()\"“”]{{1,80}}?)\s+{_AUX}(?P<verb>{_SAY})\s+(?:on\s+\w+\s+)?that\b")

_PRONOUNS = frozenset("he she they it we i you this that these those there which who".split())
_NOT_SOURCES = re.compile(
    r"\d|^(?:it|there|this|that|these|those|which|who|what|where|when|and|but|as|while|with|in|on|at|for|from|by|of|"
    r"to|if|because|after|before|since|earlier|later|meanwhile|separately|many|some|most|the\s+number|"
    r"the\s+(?:death\s+)?toll|the\s+total|the\s+figure|figures?|numbers?|no)\b"
    r"|\b(?:killed|died|dead|injured|wounded|casualties|deaths|fatalities|people|civilians|soldiers|toll)\b"
    r"|\b(?:was|were|is|are|be|been|being|had|has|have)$",
    re.I,
)
# Never a source: a clause ("final total would be higher"), a cut-off phrase ("including an"), a gerund.
_FRAGMENT = re.compile(
    r"\b(?:would|could|will|should|might|must|can|cannot|may|is|are|was|were|be|been|being|do|does|did|than)\b"
    r"|^(?:including|such|both|either|neither|not|only|even|just|all|any|each|every|[a-z]+ing)\b"
    r"|\b(?:a|an|the|of|and|or|to|for|with|in|on|at|by|from|including|that)$"
    r"|^(?:a|an|the)$", re.I)
_WRAPPERS = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:latest|new|initial|earlier|preliminary|official|separate|recent|further)\s+)*"
    r"(?:reports?|findings|figures|data|tally|tallies|count|statement|statements|estimates?|spokes(?:man|woman|person)|"
    r"officials?|sources?|head|director|chief|representative|member|members|report|documentation|records|"
    r"update|bulletin|monitors?)\s+(?:from|for|of|by|at|with|in)\s+(?P<inner>.+)$",
    re.I,
)
_POSSESSIVE_TAIL = re.compile(r"^(?P<inner>.+?)(?:'s|’s)\s+(?:[\w-]+\s+){0,2}[\w-]+$")
_LEAD_TRIM = re.compile(r"^(?:(?:but|and|meanwhile|however|separately|also|moreover|notably|in\s+addition|earlier|later|while|although|as|on\s+\w+|in\s+\w+),?(?:\s+|$))+", re.I)

_KIND_RULES: list[tuple[SourceKind, re.Pattern[str]]] = [
    ("un", re.compile(r"\b(?:UN|U\.N\.|United Nations|OCHA|UNHCR|OHCHR|UNICEF|WHO|World Health Organi[sz]ation|IOM|UNRWA|WFP|UNAMA|MONUSCO|UNAMI|UNMISS|UNFPA|Security Council)\b")),
    ("monitor", re.compile(r"\b(?:observatory|monitor|monitoring|network for human rights|human rights|rights group|watch|airwars|acled|amnesty|documentation|violations|ucdp|iraq body count|armed conflict location)\b", re.I)),
    ("medical", re.compile(r"\b(?:medics?|doctors?|hospitals?|paramedics?|health workers?|red crescent|red cross|icrc|msf|doctors without borders|m[ée]decins sans fronti[èe]res|ambulance|medical|civil defen[cs]e|white helmets|rescuers?|morgue|nurses?|health officials?|firefighters?|fire\s+(?:service|department|brigade)|emergency\s+services|coroners?|rescue\s+workers|ambulance)\b", re.I)),
    ("government", re.compile(r"\b(?:ministry|ministries|government|minister|governor|authorities|army|military|police|president|prime minister|interior|defen[cs]e|state|officials?|spokes(?:man|woman|person)|mayor|council|department|prefect|administration|commission|agency|idf|forces|kremlin|pentagon)\b", re.I)),
    ("armed_group", re.compile(r"\b(?:rebels?|militants?|militia|insurgents?|taliban|hamas|hezbollah|houthis?|rsf|rapid support forces|m23|islamic state|isis|isil|al[- ]shabaab|boko haram|sdf|hts|jihadists?|armed group|brigades?|liberation front|resistance)\b", re.I)),
    ("witness", re.compile(r"\b(?:witnesses|witness|eyewitness(?:es)?|residents?|survivors?|locals?|villagers|relatives|activists?|neighbou?rs|families)\b", re.I)),
    ("outlet", re.compile(r"\b(?:reuters|afp|agence france|associated press|ap|al jazeera|bbc|cnn|sana|anadolu|xinhua|tass|ria|dpa|efe|new york times|washington post|guardian|times|post|news agency|tv|television|channel|radio|newspaper|daily|gazette|tribune)\b", re.I)),
    ("media", re.compile(r"\b(?:media|reports?|press|news|outlets|journalists|reporters|correspondents?)\b", re.I)),
]

# Head words a short reference can point back through ("the Observatory" -> the full name).
ORG_HEAD = re.compile(
    r"\b(?:Observatory|Network|Ministry|Organi[sz]ation|Agency|Committee|Council|Office|Commission|Watch|"
    r"International|Crescent|Cross|Nations|Project|Cent(?:er|re)|Authority|Department|Service|Coalition|"
    r"Mission|Institute|Foundation|Fund|Programme|Program|Society|Union|Association|Front|Party|Movement|"
    r"Forces|Army|Police|Monitor|Group)\b"
)
_ORG_HEAD_ANY_CASE = re.compile(ORG_HEAD.pattern, re.I)
_ORG_NAME = re.compile(
    r"\b(?:[A-Z][\w’'-]+|al-[A-Z][\w’'-]+)(?:\s+(?:(?:for|of|and|the|de|al)\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\w’'-]+)*"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    source: Source
    verb: str | None  # the reporting verb, for modality ("denied", "estimated")
    start: int
    end: int


class SourceResolver:
    """Remembers the full source names a document uses so later short forms resolve to them.

    Only the latest names are kept: a report refers back to a handful of organisations, and a
    document naming thousands must not make each lookup scan them all."""

    MAX_NAMES = 100

    def __init__(self) -> None:
        self._names: dict[str, frozenset[str]] = {}  # full name -> its lower-case words, oldest first

    def learn_from(self, sentence: str) -> None:
        for m in _ORG_NAME.finditer(sentence):
            name = m.group(0).strip()
            if len(name.split()) >= 2 and ORG_HEAD.search(name):
                self.remember(_strip_article(name))

    def remember(self, name: str) -> None:
        self._names.pop(name, None)
        self._names[name] = _words(name)
        if len(self._names) > self.MAX_NAMES:
            del self._names[next(iter(self._names))]

    def resolve(self, name: str) -> str:
        words = _words(name) - {"the", "a", "an", "s"}
        if not words:
            return name
        heads = {w.lower() for w in _ORG_HEAD_ANY_CASE.findall(name)}
        generic = {"monitor": "monitor", "watchdog": "monitor", "ministry": "government", "observatory": "monitor"}
        candidates = [full for full, full_words in self._names.items()
                      if words <= full_words and (heads or len(words) >= 2)]
        if candidates:  # the most complete name wins: "Syrian Observatory for Human Rights" over "Syrian Observatory"
            return max(reversed(candidates), key=len)
        if len(words) == 1:
            (w,) = tuple(words)
            if w in generic:  # "the monitor" -> the latest named monitor
                for full in reversed(self._names):
                    if classify(full) == generic[w]:
                        return full
            if w in ("group", "organisation", "organization") and self._names:
                return next(reversed(self._names))
        return name


_ANAPHORIC = re.compile(
    r"^(?:(?:same|this|that|its|their|his|her|the\s+same)\s+)?(?:statement|report|bulletin|update|communiqu\S*|"
    r"release|figures|tally|source|count)$", re.I)
_CONTINUES = re.compile(
    rf"(?:^|[,;:]\s*|[“\"]\s*)(?:it|he|she|they)\s+{_AUX}(?:{_SAY}|explained|continued)\b"
    rf"|\b(?:{_SAY})\s+(?:it|he|she|they)\b"
    rf"|\b(?:the|this|that|its)\s+(?:same\s+)?(?:statement|report|bulletin|update|communiqu\S*)\s+{_AUX}(?:{_SAY})\b"
    r"|^(?:according\s+to\s+)?(?:the\s+)?same\s+(?:statement|report|bulletin|source)",
    re.I)


def is_anaphoric(name: str | None) -> bool:
    """'the same statement', 'the report': a source named only by pointing back to the one before."""
    return bool(name) and bool(_ANAPHORIC.match(name.strip()))  # type: ignore[union-attr]


def continues_voice(sentence: str) -> bool:
    """'It added ...', '..., he said', 'The statement also said ...': a sentence that goes on in the
    voice of a source named before it."""
    return bool(_CONTINUES.search(sentence))


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[\w-]+", name))


def _strip_article(s: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", s.strip(), flags=re.I)


def classify(name: str) -> SourceKind | None:
    for kind, pattern in _KIND_RULES:
        if pattern.search(name):
            return kind
    return None


def clean_name(raw: str) -> str | None:
    s = _LEAD_TRIM.sub("", raw.strip().strip(",.;:\"“”'’ "))
    s = re.sub(r"\s+(?:on|late|early)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*$", "", s, flags=re.I)
    s = re.sub(r"\s+(?:in\s+a\s+statement|in\s+its\s+\w+\s+report|in\s+a\s+report)\b.*$", "", s, flags=re.I)
    for _ in range(3):
        m = _WRAPPERS.match(s)
        if not m:
            break
        s = m.group("inner")
    m = _POSSESSIVE_TAIL.match(s)
    if m and re.search(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,2}(?:findings|figures|data|tally|count|statement|report|estimates?|records|spokes\w+|officials?|documentation|update|bulletin)$", s, re.I):
        s = m.group("inner")
    s = _strip_article(s)
    if not s or len(s.split()) > 10 or s.lower() in _PRONOUNS or _NOT_SOURCES.search(s):
        return None
    if not re.search(r"[A-Za-z]", s) or _FRAGMENT.search(s):
        return None
    if not re.search(r"[A-Z]", s) and classify(s) is None and len(s.split()) > 3:
        return None  # many lower-case words naming no kind of source: a piece of the sentence, not a source
    return s


def find_attribution(sentence: str, offset: int, resolver: SourceResolver) -> Attribution | None:
    """The source a sentence attributes its figures to, if it names one."""
    if not sentence.rstrip().endswith((".", "!", "?", '"', "”")):  # a headline, caption or list item
        for pattern in (_HEADLINE_LABEL, _HEADLINE_TAIL):
            m = pattern.search(sentence)
            if m:
                att = _make(m.group("src"), None, m, "src", offset, resolver)
                if att:
                    return att
    for pattern, group in ((_ACCORDING, "src"), (_BY, "src")):
        m = pattern.search(sentence)
        if m:
            att = _make(m.group(group), None, m, group, offset, resolver)
            if att:
                return att
    m = _TRAILING.search(sentence)
    if m:
        group = "src1" if m.group("src1") else "src2"
        att = _make(m.group(group), m.group("v1") or m.group("v2"), m, group, offset, resolver)
        if att:
            return att
    label_end = _LABEL.match(sentence).end()  # type: ignore[union-attr]
    dateline = _DATELINE.match(sentence)
    if dateline:
        label_end = max(label_end, dateline.end())
    for m in _VERB.finditer(sentence, label_end):
        np = sentence[label_end:m.start()]
        if len(np) > 90 or re.search(r"[,;:()\"“”]", np):
            break
        name = clean_name(np)
        if name:
            return _attribution(name, m.group("verb"), offset + label_end, offset + m.start(), resolver)
    m = _APPOSED_SUBJECT.match(sentence, label_end)
    if m:  # "The Syrian Observatory for Human Rights, a Britain-based war monitor, said ..."
        att = _make(m.group("src"), m.group("verb"), m, "src", offset, resolver)
        if att:
            return att
    m = _CLAUSE_LEADING.search(sentence)
    if m:
        return _make(m.group("src"), m.group("verb"), m, "src", offset, resolver)
    return None


def _make(raw: str, verb: str | None, m: re.Match[str], group: str, offset: int,
          resolver: SourceResolver) -> Attribution | None:
    name = clean_name(raw)
    if name is None:
        return None
    return _attribution(name, verb, offset + m.start(group), offset + m.end(group), resolver)


def _attribution(name: str, verb: str | None, start: int, end: int, resolver: SourceResolver) -> Attribution:
    resolved = resolver.resolve(name)
    if resolved == name and len(name.split()) >= 2:
        resolver.remember(name)  # "the state emergency agency" lets a later "the agency" resolve
    return Attribution(Source(name=resolved, kind=classify(resolved)), verb.lower() if verb else None, start, end)
