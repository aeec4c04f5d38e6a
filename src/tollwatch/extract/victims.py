"""Single victims and the later mentions that refer back to them.

A report often counts nobody with a number: "A 16-year-old boy was shot and killed", "Katie
Reid was taken to hospital, where she died", "gunmen ambushed the bus, killing the driver". Each
is one victim, counted as 1 with the noun phrase as the count's text (CONTRACT.md).

Later mentions ("he", "the boy", "the victim", "Reid") are not new victims. `link_mentions`
ties each to the victim it restates, so that its predicate ("he later died") updates that
victim's outcome instead of counting someone twice. The rules read tokens of one sentence at a
time; every offset is a position in the document text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from tollwatch.extract import lexicon as lx


class Token(Protocol):
    start: int
    end: int
    text: str
    low: str


Kind = Literal["indefinite", "possessive", "age", "name", "definite", "pronoun"]

_MALE = frozenset("man boy male father son brother husband boyfriend uncle nephew grandson grandfather "
                  "stepson stepfather dad fiance he him his gentleman businessman policeman ex-husband ex-boyfriend".split())
_FEMALE = frozenset("woman girl female mother daughter sister wife girlfriend aunt niece granddaughter "
                    "grandmother stepdaughter stepmother mom mum fiancee she her lady businesswoman ex-wife ex-girlfriend".split())
# heads of one person that are no casualty noun elsewhere ("a juvenile", "his daughter")
KIN = frozenset("father son brother husband boyfriend uncle nephew grandson grandfather stepson stepfather "
                "dad mother daughter sister wife girlfriend aunt niece granddaughter grandmother stepdaughter "
                "stepmother mom mum fiance fiancee friend cousin neighbor neighbour roommate classmate "
                "grandchild stepchild sibling partner son-in-law daughter-in-law father-in-law mother-in-law "
                "brother-in-law sister-in-law ex-wife ex-husband ex-girlfriend ex-boyfriend ex-partner".split())
_EXTRA_HEADS = frozenset("youth juvenile male female teenager youngster motorist pedestrian homeowner clerk cashier "
                         "customer resident victim gentleman lady toddler infant baby motorcyclist cyclist "
                         "bicyclist deputy".split())
SINGLE_HEADS = frozenset(lx.SINGULAR_PERSON) | KIN | _EXTRA_HEADS
# who did it, not who suffered it: "police are looking for a suspect ... the victim is stable"
ASSAILANTS = frozenset("suspect shooter gunman attacker assailant killer robber intruder perpetrator".split())
# heads that refer back to any earlier victim ("the victim", "the teen" after "a 16-year-old boy")
_YOUNG = frozenset("boy girl child kid teen teenager juvenile youngster toddler infant baby minor student "
                   "youth son daughter".split())
_GENERIC = frozenset("victim person individual".split())
_SINGLE_DETERMINERS = frozenset({"a", "an", "another"})
POSSESSIVES = frozenset({"his", "her", "their"})
# ages spelt out, as some outlets write them under ten or twenty ("a six-year-old boy")
_AGE_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_AGE = re.compile(rf"(?:\d{{1,3}}|{'|'.join(_AGE_NUMBERS)})-(?:year|yr|month|week|day)-old$")
_NOT_NAME = frozenset(
    "police sheriff county city state department officers officer deputies deputy authorities investigators "
    "the a an this that he she they it his her their officials hospital street road avenue court jail "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december breaking update photo image video caption related "
    "according but and when after before on in at mr mrs ms dr lt sgt officials medical examiner coroner "
    "fire rescue news channel av ave st rd blvd hwy park center centre medical memorial lane drive way place "
    "boulevard highway square rifles battalion regiment brigade division corps army forces front league party "
    "school college university church mosque temple market district village town lake river creek apartments "
    "apartment complex mall plaza hotel motel lounge club restaurant grill cafe store station terminal airport "
    "bridge heights hills valley beach harbor harbour island gardens manor estates towers academy elementary "
    "high middle landing township twp borough parish stories story more top related popular trending latest "
    "then later also meanwhile instead still yet so now soon once while during since until as because "
    "although though if repair repairs services service inc llc corp company shop bar pub tavern saloon liquor "
    "garage salon mart grocery bank pharmacy bakery diner motors wrecker towing health healthcare clinic "
    "infirmary side".split()
)
# the last word of a place's name ("Near West Side", "Oak Hill Apartments")
_PLACE_NOUNS = frozenset(
    "side park center centre lane drive way place boulevard highway square district village town lake river "
    "creek apartments complex mall plaza hotel motel bridge heights hills valley beach harbor harbour island "
    "gardens manor estates towers landing township borough parish station terminal airport street avenue road "
    "court county city".split())
HONORIFICS = frozenset("dr mr mrs ms prof maulana maulvi mufti sheikh haji hajji syed pir".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozens several "
                          "hundreds scores".split())
_NAME_NOT_AFTER = frozenset("& of for the in at from on to into with near by via sgt lt capt officer detective "
                            "sheriff chief deputy mayor gov governor sen senator rep spokesman spokeswoman "
                            "spokesperson lieutenant sergeant captain commissioner coroner attorney judge "
                            # "in downtown Des Moines", "outside suburban Oak Park": a place
                            "downtown uptown suburban rural northern southern eastern western central outside "
                            "inside across near".split())
# a word after a person noun that makes it a modifier: "a minor injury", "a child seat"
_NOT_AFTER_HEAD = frozenset("injury injuries wound wounds gunshot graze cuts burns bruises lacerations offense offence "
                            "offenses car seat care support "
                            "abuse protective services advocate advocacy custody welfare bus buses van train "
                            "plane vehicle vehicles boat ferry jeep truck convoy aircraft flight".split())
# verbs whose object is a victim before a definite noun phrase: "killing the driver"
_OBJECT_VERBS = frozenset("killed killing kills murdered murdering shot executed executing wounded wounding "
                          "injured injuring stabbed stabbing slew struck striking hit found".split())
SKIP_BEFORE_CUE = frozenset(lx.BE_AUX | {"later", "then", "subsequently", "also", "has", "have", "had", "been",
                                          "was", "were", "is", "eventually", "ultimately", "since", "apparently",
                                          "reportedly", "allegedly", "both", "fatally", "critically", "seriously",
                                          "accidentally", "pronounced", "declared", "found", "now"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A noun phrase or pronoun naming one person. `first`/`head` are token indexes in its sentence."""

    start: int
    end: int
    first: int
    head: int
    kind: Kind
    gender: str | None
    word: str  # the head word, lower case (for a name, its last part)
    age: int | None = None  # in years, where the phrase gives it ("a 16-year-old boy", "Katie Reid, 31,")
    suspect: bool = False  # a name given to the one who did it: "the suspect, 38-year-old Jon Doe"

    def refers_back(self) -> bool:
        return self.kind in ("definite", "pronoun")


def _gender(words: Sequence[str]) -> str | None:
    for w in words:
        if w in _MALE:
            return "m"
        if w in _FEMALE:
            return "f"
    return None


_AGE_UNIT = re.compile(r"(?:year|yr|month|week|day)-old")
_AGE_WORD = re.compile(r"(?:year|yr|month)s?")
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_NAME_PART = re.compile(r"[A-Z][a-z’'\-]+(?:[A-Z][a-z]+)?|[A-Z]\.")


def _is_age(toks: Sequence[Token], k: int) -> int:
    """Tokens taken by an age compound at k ("16-year-old" or "16 - year-old"), else 0."""
    if k < len(toks) and _AGE.fullmatch(toks[k].low):
        return 1
    if k + 1 < len(toks) and toks[k].text.isdigit() and (_AGE_UNIT.fullmatch(toks[k + 1].low) or
                                                        toks[k + 1].low in ("yo", "y.o.")):
        return 2  # "a 17 year-old boy", "8 yo girl killed"
    if k + 2 < len(toks) and toks[k].text.isdigit() and toks[k + 1].low == "-" and \
            _AGE_UNIT.fullmatch(toks[k + 2].low):
        return 3
    if k + 2 < len(toks) and (toks[k].text.isdigit() or toks[k].low in _AGE_NUMBERS) \
            and _AGE_WORD.fullmatch(toks[k + 1].low) and toks[k + 2].low == "old":
        return 3  # "a 20 year old girl", "a ten year old boy"
    if k + 3 < len(toks) and toks[k].text.isdigit() and toks[k + 1].low == "-" and \
            _AGE_WORD.fullmatch(toks[k + 2].low) and toks[k + 3].low == "old":
        return 4  # "her 33-year old father"
    return 0


def _modifier(t: Token) -> bool:
    if t.low in lx.NON_PERSON_HINTS or t.low in _SINGLE_DETERMINERS or t.low in _FUNCTION_WORDS \
            or t.low in ("the", "his", "her", "their", "its", "this", "that"):
        return False
    # a lower-case word ending like a verb is a modifier only when listed ("armed", "masked", "unidentified")
    return t.low in lx.MODIFIERS or t.text[:1].isupper() or (
        t.text.isalpha() and t.text.islower() and t.low not in lx.CLAUSE_STOPS and t.low not in lx.BE_AUX
        and not t.low.endswith(("ed", "ing")))


_QUOTES = frozenset("' ‘ ’ \" “ ”".split())


def _in_brackets(toks: Sequence[Token], i: int) -> bool:
    for j in range(i - 1, max(-1, i - 12), -1):
        if toks[j].low in (")", "]"):
            return False
        if toks[j].low in ("(", "["):
            return True
    return False


def bracketed(toks: Sequence[Token], k: int) -> int | None:
    """Past an aside in brackets inside a noun phrase ("an NSCN (Khaplang) cadre"): the index after
    its closing bracket, when it closes within a few words; None where no aside opens at k."""
    close = {"(": ")", "[": "]"}.get(toks[k].low)
    if close is None:
        return None
    for j in range(k + 1, min(k + 12, len(toks))):
        if toks[j].low == close:
            return j + 1
        if toks[j].low in (".", ";", "(", "["):
            return None
    return None


def _noun_phrase(toks: Sequence[Token], k: int) -> tuple[int, list[int]] | None:
    """From token k (after a determiner), the head of a one-person noun phrase and its modifiers:
    "16-year-old boy", "local man", "off-duty police officer"; an age alone is a head too."""
    mods: list[int] = []
    j = k
    while j < len(toks) and len(mods) < 7:  # "a 17 - year-old Brighton High student"
        if toks[j].low in _QUOTES:
            j += 1  # "killed an 'infiltrator'"
            continue
        aside = bracketed(toks, j) if mods else None
        if aside is not None:
            j = aside  # "an NSCN (Khaplang) cadre"
            continue
        if toks[j].low in SINGLE_HEADS:
            # compound heads: "police officer", "store clerk"
            while j + 1 < len(toks) and toks[j + 1].low in SINGLE_HEADS:
                mods.append(j)
                j += 1
            if j + 1 < len(toks) and toks[j + 1].low in _NOT_AFTER_HEAD:
                return None
            return j, mods
        age = _is_age(toks, j)
        if age:
            nxt = j + age
            if nxt < len(toks) and (toks[nxt].low in SINGLE_HEADS or _modifier(toks[nxt])) and \
                    toks[nxt].low not in lx.OUTCOME_CUES and toks[nxt].low not in _FUNCTION_WORDS:
                mods.extend(range(j, nxt))
                j = nxt
                continue
            return nxt - 1, mods  # "a 16-year-old was shot": the age names the person
        if toks[j].text.isdigit() and j + 2 < len(toks) and toks[j + 1].low == "-" and \
                toks[j + 2].low in ("year", "month", "week", "day", "time"):
            mods.extend((j, j + 1, j + 2))  # "a 19-year veteran officer", "the three-time champion"
            j += 3
            continue
        if toks[j].low == "-" or not (_modifier(toks[j]) or toks[j].low in DEAD_ADJECTIVES) \
                or toks[j].low in lx.OUTCOME_CUES and toks[j].low not in DEAD_ADJECTIVES:
            return None
        mods.append(j)
        j += 1
    return None


# what a person found is said to be: "a deceased white male", "a dead man"
DEAD_ADJECTIVES = frozenset({"dead", "deceased"})
_OBJECT_PREPS = frozenset("for at in on to into from with near over under about after before during".split())


def _harmed_phrase(toks: Sequence[Token], i: int) -> tuple[int, list[int]] | None:
    """Any indefinite noun phrase that is killed: only people are "shot dead", "gunned down" or
    "assassinated", so "a councillor-elect was shot dead" and "killed a revenue collector" name
    one person even when the noun is in no list."""
    if i + 1 < len(toks) and toks[i + 1].low in _QUANTITY_NOUNS:
        return None  # "killing a total of 12 people": a count follows, not one person
    j = i + 1
    while j < len(toks) and j - i <= 5 and _WORD.fullmatch(toks[j].text) and \
            toks[j].low not in _FUNCTION_WORDS and toks[j].low not in lx.BE_AUX and toks[j].low not in lx.NON_PERSON_HINTS \
            and toks[j].low not in lx.OUTCOME_CUES and toks[j].low not in lx.TRANSITIVE:
        j += 1
    head = j - 1
    if head <= i:
        return None
    before = toks[i - 1].low if i else ""
    if before in _KILLING_VERBS:
        return head, list(range(i + 1, head))
    if head + 1 < len(toks) and toks[head + 1].low in ("died", "dies") and "A" <= toks[i].text[:1] <= "Z":
        return head, list(range(i + 1, head))  # "A Lodi eighth-grader died Friday": only people die
    if before in _OBJECT_PREPS:
        return None  # "a father who stopped at a store for a snack was fatally shot": not the snack
    k = head + 1
    while k < len(toks) and toks[k].low in ("was", "were", "has", "had", "been", "is", "reportedly", "allegedly",
                                            "later", "also", "found"):
        k += 1
    if k > head + 1 and k < len(toks):
        found = toks[k - 1].low == "found"  # only people are found dead: "a drug trafficker was found dead"
        for n in (3, 2, 1):
            phrase = " ".join(x.low for x in toks[k:k + n])
            if lx.OUTCOME_CUES.get(phrase, ("", None))[0] == "killed" and (phrase not in _NOT_OF_PEOPLE or found):
                return head, list(range(i + 1, head))
    return None


_QUANTITY_NOUNS = frozenset("total number group handful couple few dozen lot majority minimum maximum series "
                            "crowd score".split())
# verbs after which the object is a person killed ("slew a ward leader", "martyred a youth")
_KILLING_VERBS = frozenset("killed killing murdered murdering assassinated assassinating slew slaying executed "
                           "executing beheaded beheading lynched lynching martyred".split())
_KILLING_BARE = _KILLING_VERBS | {"kill", "kills", "shoots"}  # verbs that may drop the article after them
# killing cues that may be said of things ("bodies were buried", "a house was lost")
_NOT_OF_PEOPLE = frozenset({"lost", "buried", "bodies", "dead", "death", "deaths", "killings", "fatalities",
                            "fatality", "lifeless", "eliminated", "neutralised", "neutralized"})
# harm words that make a bare noun opening a sentence one person, as notes and captions write
# ("Farmer killed in Selea.")
_CLAUSE_OPENERS = frozenset("after as when while before , ; and".split())


def _age_ends(toks: Sequence[Token], i: int, head: int) -> bool:
    """Whether the phrase from i to head ends in an age: "Killeen 2-year-old"."""
    return any(j + _is_age(toks, j) - 1 == head for j in range(i, head + 1))


_TELEGRAPHIC = frozenset("killed shot dies died wounded injured hurt stabbed murdered slain kidnapped abducted".split())
# words that cannot open a noun phrase left without its article
_NOT_BARE = frozenset("the a an his her their its our my your him them us me one two three some several many "
                      "dozens scores hundreds thousands at least more than nearly about around".split())
_HARM_OF = frozenset("death killing murder shooting slaying stabbing".split())  # a headline's "... of <victim>"
# nouns of a harm whose victim follows "of": "the shooting death of a 12-year-old"
HARM_NOUNS = frozenset("death deaths killing killings murder murders shooting shootings stabbing stabbings slaying "
                       "slayings execution executions assassination beating abduction kidnapping".split())
_FUNCTION_WORDS = frozenset("and or but yet so then in on at of for from with by to was were is are has had who which "
                            "that as after before when while where whose whom over during near inside outside "
                            "into through across behind".split())


_PLACE_PREPS = frozenset("in near from outside inside across throughout".split())


def _place_named(toks: Sequence[Token], first: int) -> bool:
    """Whether a name starting at token `first` is a place: "in Oak Park", "a hospital in
    Huntington, West Virginia, where she"."""
    k = first - 1
    if k >= 2 and toks[k].low == "," and toks[k - 1].text[:1].isupper():
        k -= 1
        while k > 0 and toks[k - 1].text[:1].isupper() and toks[k - 1].low not in _PLACE_PREPS:
            k -= 1
        k -= 1
    return k >= 0 and toks[k].low in _PLACE_PREPS


def single_victims(toks: Sequence[Token], taken: set[int], headline: bool = False) -> list[Mention]:
    """Noun phrases that each name one person: "a man", "an off-duty police officer", "his
    3-year-old daughter", "16-year-old" opening a headline, "Katie Reid", and "the driver" as the
    object of a killing verb. `taken` holds the start offsets of counts found already; a
    `headline` may open with a bare noun ("Teen shot")."""
    out: list[Mention] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        found: Mention | None = None
        if t.start in taken:
            i += 1
            continue
        owner = t.low in POSSESSIVES or t.low.endswith(("'s", "’s")) and (
            "A" <= t.text[:1] <= "Z" or i > 0 and toks[i - 1].low in ("the", "his", "her", "their"))
        # "Smith's son", "the woman's 23-year-old boyfriend"
        if (t.low in _SINGLE_DETERMINERS or owner) and not (
                i and toks[i - 1].low in ("by", "from", "against")):
            # (not "shot by another teenager", "fired from another hunter": who shot, not who was shot)
            np = _noun_phrase(toks, i + 1)
            if np is None and t.low in ("a", "an"):
                np = _harmed_phrase(toks, i)
            listed = i > 0 and toks[i - 1].low in ("and", "&")  # "the driver of a truck and his helper"
            if np is not None and toks[np[0]].low == "family" and np[0] + 2 < n and toks[np[0] + 1].low == "of" \
                    and (toks[np[0] + 2].text.isdigit() or toks[np[0] + 2].low in _AGE_NUMBERS):
                np = None  # "a family of three": the three are counted, not one family
            if np is not None and not (owner and toks[np[0]].low not in KIN and not _is_age(toks, i + 1)
                                       and not (listed and t.low in POSSESSIVES and toks[np[0]].low in SINGLE_HEADS)):
                head, _ = np
                kind: Kind = "possessive" if owner else "indefinite"
                found = Mention(t.start, toks[head].end, i, head, kind,
                                _gender([x.low for x in toks[i + 1:head + 1]]), toks[head].low)
        elif (i == 0 or toks[i - 1].low == ":" or headline and toks[i - 1].low in _CLAUSE_OPENERS) \
                and (np := _noun_phrase(toks, i)) is not None and np[0] <= i + 4 \
                and (toks[np[0]].low in SINGLE_HEADS and toks[np[0]].low not in _GENERIC - {"person"}
                     or headline and _age_ends(toks, i, np[0])) \
                and (headline and (i == 0 or toks[i - 1].low == ":") or np[0] + 1 < n and toks[np[0] + 1].low in _TELEGRAPHIC
                     or _bare_then_harmed(toks, np[0])):
            # ("Gang members plead guilty after 10-year-old girl shot": a clause of its own)
            # "Teen killed", "Man, 20, shot", "Police: Lakewood teenager shoots himself"
            head = np[0]
            found = Mention(t.start, toks[head].end, i, head, "indefinite",
                            _gender([x.low for x in toks[i:head + 1]]), toks[head].low)
        elif (i == 0 or toks[i - 1].low in (",", ":", "—", "–")) and _is_age(toks, i):
            np = _noun_phrase(toks, i)
            if np is not None:
                head = np[0]
                found = Mention(t.start, toks[head].end, i, head, "age",
                                _gender([x.low for x in toks[i:head + 1]]), toks[head].low)
        elif i > 0 and (toks[i - 1].low in _KILLING_BARE or i > 1 and
                        (toks[i - 2].low, toks[i - 1].low) == ("shot", "dead")) \
                and t.low not in _FUNCTION_WORDS and t.low not in _NOT_BARE and not t.text[:1].isdigit() \
                and (np := _noun_phrase(toks, i)) is not None and np[0] <= i + 3 and toks[np[0]].low in SINGLE_HEADS \
                and toks[np[0]].low not in _GENERIC:
            # "Armed men killed former separatist leader", "gunmen kill NISS officer": an article left out
            head = np[0]
            found = Mention(t.start, toks[head].end, i, head, "indefinite",
                            _gender([x.low for x in toks[i:head + 1]]), toks[head].low)
        elif headline and i > 1 and toks[i - 1].low == "of" and toks[i - 2].low in _HARM_OF and t.low not in _NOT_BARE \
                and t.low not in _FUNCTION_WORDS and (np := _noun_phrase(toks, i)) is not None and np[0] <= i + 3 \
                and (toks[np[0]].low in SINGLE_HEADS and toks[np[0]].low not in _GENERIC
                     or _age_ends(toks, i, np[0])):
            # "Dad calls death of Cleveland 16-year-old 'sad'": a headline drops the article
            head = np[0]
            found = Mention(t.start, toks[head].end, i, head, "indefinite",
                            _gender([x.low for x in toks[i:head + 1]]), toks[head].low)
        elif t.low == "the" and (i > 0 and toks[i - 1].low in _OBJECT_VERBS or (i == 0 or toks[i - 1].low == ",") and (
                np := _noun_phrase(toks, i + 1)) is not None and np[0] + 1 < n and toks[np[0] + 1].low == "of"
                and (i == 0 or _harm_follows(toks, np[0] + 2))):
            # "On 3 May, the leader of a local group was shot dead" (not ", the mother of the victim said")
            # "killing the driver"; "The driver of a truck and his helper were killed" opening a report
            np = _noun_phrase(toks, i + 1)
            if toks[i - 1].low not in _OBJECT_VERBS and np is not None and any(
                    t.low in ("who", "that", "which") for t in toks[np[0] + 2:np[0] + 8]):
                np = None  # "The mother of the man who died spoke": the death is the man's
            if np is not None and toks[np[0]].low in SINGLE_HEADS and toks[np[0]].low not in _GENERIC:
                head = np[0]
                found = Mention(t.start, toks[head].end, i, head, "definite",
                                _gender([x.low for x in toks[i + 1:head + 1]]), toks[head].low)
        elif t.low in ("himself", "herself") and (out or taken) and _kills_self(toks, i, out[-1] if out else None):
            found = Mention(t.start, t.end, i, i, "indefinite", "m" if t.low == "himself" else "f", t.low)
        elif "A" <= t.text[:1] <= "Z" and (_name_start(toks, i) or _first_name_after_age(toks, i)):
            # (what name_part looks for first, inline)
            end = i
            while end + 1 < n and end - i < 3 and name_part(toks[end + 1]):
                end += 1
            aged = end + 3 < n and toks[end + 1].low == "," and toks[end + 2].text.isdigit() and toks[end + 3].low == ","
            if (end > i or aged) and not _place_named(toks, i) and not _in_brackets(toks, i):
                # "Katie Reid", or one name given an age: "Santiago, 3,"; not "[National Socialist Council]"
                found = Mention(t.start, toks[end].end, i, end, "name", None, toks[end].low,
                                suspect=_named_assailant(toks, i))
        if found is not None:
            found = replace(found, age=_age_of(toks, found))
            out.append(found)
            i = found.head + 1
            if found.kind in ("possessive", "indefinite") and found.word != "himself" and found.word != "herself":
                # "his wife, son and daughter"; "a mother, father, and toddler": the article is shared
                out.extend(kin := _kin_listed(toks, i, taken, KIN if found.kind == "possessive" else _SHARED_ARTICLE))
                i = kin[-1].head + 1 if kin else i
            continue
        i += 1
    return out


def _age_of(toks: Sequence[Token], m: Mention) -> int | None:
    """The age in years a mention gives: in its words ("a 16-year-old boy", "the 9 year old"), in
    commas after it ("Katie Reid, 31,", "a man, 25,") or, for a name, just before it ("17-year-old
    Jordan Coleman"); "a 20-month-old" is 1, as "a 1-year-old" is."""
    for k in range(m.first, m.head + 1):
        if n := _is_age(toks, k):
            return _years(toks, k, n)
    k = m.head + 1
    if k + 2 < len(toks) and toks[k].low == "," and toks[k + 1].text.isdigit() and toks[k + 2].low in (",", "."):
        return int(toks[k + 1].text)
    if m.kind == "name" and (start := age_before(toks, m.first)) is not None:
        return _years(toks, start, m.first - start)
    return None


def age_length(toks: Sequence[Token], k: int) -> int:
    """Tokens an age compound at k takes ("17-year-old", "17 - year-old"), else 0."""
    return _is_age(toks, k) if k < len(toks) else 0


def age_before(toks: Sequence[Token], k: int) -> int | None:
    """Where an age compound ending right before token k starts ("17-year-old Jordan Coleman",
    "17 - year-old Jordan Coleman"), if one does."""
    for j in range(max(0, k - 4), k):
        n = _is_age(toks, j)
        if n and j + n == k:
            return j
    return None


def _years(toks: Sequence[Token], k: int, n: int) -> int:
    """The years an age compound of n tokens at k says ("16-year-old": 16, "20-month-old": 1)."""
    words = " ".join(t.low for t in toks[k:k + n])
    digits = re.match(r"\d+", words)
    number = int(digits.group()) if digits else _AGE_NUMBERS[re.split(r"[-\s]", words, maxsplit=1)[0]]
    if "year" in words or "yr" in words or words.endswith(("yo", "y.o.")):
        return number
    return number // 12 if "month" in words else 0


def _bare_then_harmed(toks: Sequence[Token], head: int) -> bool:
    """'MQM activist was gunned down': a note's bare singular noun, then the harm done to it."""
    if head + 2 >= len(toks) or toks[head + 1].low != "was":
        return False
    for n in (2, 1):
        phrase = " ".join(t.low for t in toks[head + 2:head + 2 + n])
        if lx.OUTCOME_CUES.get(phrase, ("", None))[0] in ("killed", "injured") and phrase not in _NOT_OF_PEOPLE:
            return True
    return False


_SELF_VERBS = frozenset("shot shoots shoot kill kills and then had has apparently".split())


def _kills_self(toks: Sequence[Token], i: int, last: Mention | None) -> bool:
    """A killer who kills others, then himself, is one more dead: "shot his wife and then himself",
    "killed his two sons before killing himself". Alone ("he killed himself") the reflexive may
    be a victim already counted, so it counts only after another victim in its sentence."""
    if toks[i - 1].low in _KILLING_VERBS | {"kill", "kills"}:
        # "a 4-year-old boy accidentally shot and killed himself": the boy, once
        subject = last is not None and not (last.first > 0 and (toks[last.first - 1].low in _KILLING_BARE
                                                                 or toks[last.first - 1].low in _SELF_VERBS))
        return not subject or last is None or not all(
            t.low in _KILLING_VERBS or t.low in _SELF_VERBS or t.low.endswith("ly") for t in toks[last.head + 1:i])
    j = i - 1
    while last is not None and j > last.head and toks[j].low in ("then", "and", ",", "later"):
        j -= 1
    return last is not None and j == last.head and j < i - 1


_HARM_WORDS = frozenset("killed shot dead wounded injured died murdered stabbed slain beheaded hacked".split())


def _harm_follows(toks: Sequence[Token], k: int) -> bool:
    """Whether the clause from k goes on to a harm before anyone speaks."""
    for j in range(k, min(k + 14, len(toks))):
        if toks[j].low in ("said", "says", "told", "tells", ";", "."):
            return False
        if toks[j].low in _HARM_WORDS:
            return True
    return False


def _kin_listed(toks: Sequence[Token], j: int, taken: set[int], heads: frozenset[str]) -> list[Mention]:
    """Bare nouns listed after a possessive or an article share it: "his wife, son and daughter",
    "a mother, father, and toddler" are three people."""
    out: list[Mention] = []
    while j + 1 < len(toks) and toks[j].low in (",", "and"):
        k = j + 2 if toks[j].low == "," and toks[j + 1].low == "and" else j + 1  # the serial comma
        if k >= len(toks) or toks[k].start in taken or toks[k].low in _SINGLE_DETERMINERS or toks[k].low in POSSESSIVES:
            break
        np = _noun_phrase(toks, k)  # "his wife, 26-year-old son, and 10-year-old daughter", "little girl"
        if np is None or np[0] - k > 3 or toks[np[0]].low not in heads:
            break
        head = np[0]
        if head + 1 < len(toks) and toks[head + 1].low == "of":
            break  # "a 14-year-old boy, and son of a police officer": who the boy is, not another person
        out.append(Mention(toks[k].start, toks[head].end, k, head, "possessive" if heads is KIN else "indefinite",
                           _gender([t.low for t in toks[k:head + 1]]), toks[head].low))
        j = head + 1
    return out


# nouns of one person an article before them can be shared with ("a man, woman and child")
_SHARED_ARTICLE = frozenset(KIN | {"man", "woman", "boy", "girl", "child", "toddler", "baby", "infant", "teen",
                                   "teenager"})


# "FORT MYERS, Fla. -", "Gary, Ind.": a dateline's town and state, not a person
_STATE_AFTER = frozenset("ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
                         "neb nev okla ore pa tenn tex va vt wash wis wyo".split())


def name_part(t: Token) -> bool:
    return "A" <= t.text[:1] <= "Z" and bool(_NAME_PART.fullmatch(t.text)) and t.low not in _NOT_NAME \
        and t.low not in lx.PERSON and t.low not in lx.OUTCOME_CUES and t.low not in _NUMBER_WORDS \
        and not _AGE.fullmatch(t.low)  # "Sixteen-year-old Darmayah Smith": an age, then the name


# ranks before a name: an official quoted ("said Sgt. Tony Turnbull"), unless an age follows the
# name, as it does a victim's ("Officer Ashley Guindon, 28, was shot and killed")
_RANKS = frozenset("officer deputy sgt lt capt detective sergeant lieutenant captain trooper".split())


# harm nouns whose "of" names the person harmed
HARM_OF = frozenset("death deaths killing killings murder murders slaying slayings homicide".split())


def _name_start(toks: Sequence[Token], i: int) -> bool:
    if not name_part(toks[i]) or i + 1 >= len(toks):
        return False
    before = toks[i - 1] if i else None
    if before is not None and before.low in HONORIFICS:
        return True  # "member Dr Anwar Leghari was shot dead"
    end = i + 1
    while end < len(toks) and name_part(toks[end]):
        end += 1
    aged = end + 2 < len(toks) and toks[end].low == "," and toks[end + 1].text.isdigit() and toks[end + 2].low == ","
    life = i > 3 and before is not None and before.low == "of" and (
        toks[i - 2].low in ("life", "lives") and toks[i - 3].low == "the" or toks[i - 2].low in HARM_OF)
    # "claimed the life of Destiny Nelson", "the shooting death of King Carter"
    if before is not None and (before.low in _NAME_NOT_AFTER or before.text == ".") and not life and not (
            before.low in _RANKS and end > i + 1 and aged):
        return False  # "taken to Mount Sinai", "said Sgt. Tony Turnbull": a place or an official
    if before is not None and (before.text.isdigit() or before.low in _NUMBER_WORDS):
        return False  # "7 Baloch Separatist": the noun of a count
    if before is not None and before.low in ("a", "an", "the"):
        return False  # "inside a North Philadelphia home": a place naming a noun
    window = toks[max(0, i - 5):i - 1]
    if before is not None and before.low == "," and any(t.low == "by" for t in window) \
            and not any(t.low == "," for t in window):
        return False  # "shot by his friend, Cody Throneberry,": who shot, named
    if before is not None and before.low in ("-", "–", "—") and i > 1 and toks[i - 2].low in _NOT_NAME:
        return False  # "Lehigh Valley Hospital - Cedar Crest": the place's other name
    if end + 1 < len(toks) and toks[end].low == "," and toks[end + 1].low.rstrip(".") in _STATE_AFTER:
        return False  # "Fort Myers, Fla.": a town
    if end < len(toks) and toks[end].low in ("police", "officials", "authorities", "residents", "county", "city",
                                               "township", "twp", "borough", "parish", "village", "town", "station",
                                               "precinct", "hospital", "department", "office", "sheriff", "avenue",
                                               "ave", "street", "st", "road", "rd", "boulevard", "blvd", "drive",
                                               "lane", "highway", "parkway", "court", "place", "way", "home",
                                               "house", "residence", "apartment", "neighborhood", "neighbourhood"):
        return False  # "Chapel Hill police said", "his parents' South Philadelphia home": a town
    if end < len(toks) and toks[end].text[:1].isupper() and toks[end].low in _PLACE_NOUNS:
        return False  # "on the city's Near West Side", "Lincoln Heights Mall": a place's name
    return before is None or not before.text[:1].isupper() or before.low in lx.PERSON or bool(_AGE.fullmatch(before.low))


_CHARGING = frozenset("charged charging arrested arresting booked indicted jailed detained".split())


def charged_object(toks: Sequence[Token], first: int) -> bool:
    """Whether the name at `first` is the object of a charging verb, past its age and title:
    "police have charged 16-year-old student Quinterrious Norman in a shooting that wounded ..."."""
    k = first - 1
    while k >= 0 and first - k <= 10 and (toks[k].low in ("-", "year-old", "a", "an", "the") or toks[k].text.isdigit()
                                         or toks[k].text.isalpha() and toks[k].low not in _FUNCTION_WORDS
                                         and toks[k].low not in _CHARGING):
        k -= 1
    return k >= 0 and toks[k].low in _CHARGING and not (k > 0 and toks[k - 1].low in ("was", "were", "is", "are", "been",
                                                                                      "being", "be"))


def _first_name_after_age(toks: Sequence[Token], i: int) -> bool:
    """'16-year-old Christian Madueno': a first name that is also a word for people, after an age."""
    return 0 < i < len(toks) - 1 and toks[i].low in lx.PERSON and toks[i].text[:1].isupper() \
        and name_part(toks[i + 1]) and (toks[i - 1].low.endswith("-old") or toks[i - 1].low == "old")


def _named_assailant(toks: Sequence[Token], i: int) -> bool:
    """Whether the name at token i follows a noun for the one who did it: "suspect Jon Doe", "the
    gunman, 38-year-old Jon Doe", "identified the shooter as Jon Doe"."""
    k = age_before(toks, i)
    k = i - 1 if k is None else k - 1
    while k >= 0 and k >= i - 8 and toks[k].low in (",", "as", "identified", "named"):
        k -= 1
    return k >= 0 and toks[k].low.rstrip("s") in ASSAILANTS or charged_object(toks, i)


_HARMS_OBJECT = frozenset("killed killing kills murdered murdering executed shot shooting shoots stabbed stabbing "
                          "wounded wounding injured injuring".split())
_AFTER_OBJECT = frozenset(", . ; dead in and multiple several twice once at on with before after while as three "
                          "four five repeatedly".split())


def later_mention(toks: Sequence[Token], k: int) -> Mention | None:
    """A pronoun or definite noun phrase at token k that may restate an earlier victim: "he",
    "she", "the boy", "the 23-year-old victim"."""
    t = toks[k]
    if t.low in ("he", "she"):
        return Mention(t.start, t.end, k, k, "pronoun", "m" if t.low == "he" else "f", t.low)
    if t.low in ("him", "her") and k > 0 and (toks[k - 1].low in ("pronounced", "declared", "found") and
                                              k + 1 < len(toks) and toks[k + 1].low in ("dead", "deceased")
                                              or not_saved(toks, k)):
        # "pronounced him dead", "found him dead"; "doctors were not able to save her"
        return Mention(t.start, t.end, k, k, "pronoun", "m" if t.low == "him" else "f", t.low)
    if t.low in ("him", "her") and k > 0 and toks[k - 1].low in _HARMS_OBJECT and (
            k + 1 >= len(toks) or toks[k + 1].low in _AFTER_OBJECT):
        # "gunmen shot him dead", "security forces shot him and killed him" (not "shot her husband")
        return Mention(t.start, t.end, k, k, "pronoun", "m" if t.low == "him" else "f", t.low)
    if t.low == "the":
        # "the injured League leader died": the victim already counted, now dead
        np = _noun_phrase(toks, k + 1 + (k + 2 < len(toks) and toks[k + 1].low in ("injured", "wounded")))
        if np is not None:
            head = np[0]
            word = "victim" if _is_age(toks, head - 2) and toks[head].low.endswith("-old") else toks[head].low
            m = Mention(t.start, toks[head].end, k, head, "definite", _gender([x.low for x in toks[k + 1:head + 1]]), word)
            return replace(m, age=_age_of(toks, m))
    return None


def not_saved(toks: Sequence[Token], k: int) -> bool:
    """'doctors were unable to save him', 'could not save her': the person at k died."""
    return k > 1 and toks[k - 1].low == "save" and any(
        t.low in ("unable", "not", "couldn't", "n't", "cannot", "failed") for t in toks[max(0, k - 5):k - 1])


def predicate_start(toks: Sequence[Token], after: int) -> int:
    """The token where a mention's predicate begins, past auxiliaries, adverbs and an age in
    commas ("Santiago, 3, was pronounced dead")."""
    j = after
    if j + 2 < len(toks) and toks[j].low == "," and toks[j + 1].low == "of" and toks[j + 2].text[:1].isupper():
        k = j + 2  # "Cayle Taylor, of Franklinton, Louisiana, died": where the victim is from
        while k < len(toks) and (toks[k].text[:1].isupper() or toks[k].low == ","):
            k += 1
        if toks[k - 1].low == ",":
            j = k
    if j + 3 < len(toks) and toks[j].low == "," and toks[j + 1].low in ("both", "all", "each") \
            and toks[j + 2].text.isdigit() and toks[j + 3].low == ",":
        j += 4  # "Justin Aiken and Cody Bouphavong, both 21, were killed"
    while j + 2 < len(toks) and toks[j].low == "," and toks[j + 1].text.isdigit() and (
            toks[j + 2].low == "," or toks[j + 2].low in ("and", "were") and j > 1 and name_part(toks[j - 1])):
        # "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead": a comma after an age may be left out
        j += 3 if toks[j + 2].low == "," else 2
        # "Devonne Burton, 28, and Sean Point, 27, were found dead": the next name of the list
        while j < len(toks):
            if toks[j].low == "and" and j + 1 < len(toks) and name_part(toks[j + 1]):
                k = j + 1
            elif name_part(toks[j]) and toks[j - 1].low == ",":
                k = j  # "Lyndon Beharry, 35, Amanda Morris, 29, and ...": the list goes on without "and"
            else:
                break
            while k < len(toks) and name_part(toks[k]):
                k += 1
            if not (k + 2 < len(toks) and toks[k].low == "," and toks[k + 1].text.isdigit()):
                break
            j = k
        if j + 1 < len(toks) and toks[j].low == "of" and toks[j + 1].text[:1].isupper():
            j += 1  # "Jalen Wilfong, 21, of Princeton was declared dead": where the victim is from
            while j < len(toks) and toks[j].text[:1].isupper() and toks[j].low not in lx.BE_AUX:
                j += 1
            j += j < len(toks) and toks[j].low == ","
    while j < len(toks) and toks[j].low in SKIP_BEFORE_CUE:
        j += 1
    return j


def compatible(later: Mention, earlier: Mention) -> bool:
    """Whether a later mention can restate an earlier one: not of another sex or age, and "the
    victim" is never the suspect the police are looking for."""
    if later.gender and earlier.gender and later.gender != earlier.gender:
        return False
    if later.age is not None and earlier.age is not None and later.age != earlier.age:
        return False
    if earlier.word in ASSAILANTS and later.word not in ASSAILANTS and later.kind != "pronoun":
        return False
    if later.kind == "pronoun":
        return True
    if earlier.kind == "name" or later.kind == "name":
        return later.kind == earlier.kind and later.word == earlier.word
    if later.word == earlier.word or later.word in _GENERIC:
        return True
    return later.word in _YOUNG and (earlier.word in _YOUNG or earlier.word.endswith("-old"))


def antecedent(later: Mention, earlier: Sequence[Mention]) -> int | None:
    """Index in `earlier` (in text order) of the victim a later mention restates: the nearest
    compatible one; for a mention that gives an age, the nearest of that age first ("a 15-year-old
    is dead and another teen is in critical condition ... the 15-year-old was pronounced dead")."""
    if later.age is not None:
        for i in range(len(earlier) - 1, -1, -1):
            if earlier[i].start < later.start and earlier[i].age == later.age and compatible(later, earlier[i]):
                return i
    found = [i for i in range(len(earlier) - 1, -1, -1) if earlier[i].start < later.start and compatible(later, earlier[i])]
    # "a female student was struck ... police identified Pratt as the shooter ... she was shot in the
    # neck": a pronoun takes up the one the report says was harmed before the one it says did it
    return next((i for i in found if not earlier[i].suspect), found[0]) if found else None
