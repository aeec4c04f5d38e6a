"""Events: a report's claims grouped into the events it describes, each counted once.

News repeats itself: the headline, the lede and the body restate one event ("4 shot, 1 fatally"
... "one man died and three others were injured"), give parts of it ("including two children"),
and quote figures for context ("the city's 7th homicide this year", "69 children died in 2013").
Summing every claim inflates the answer; taking one loses the rest. The rules here:

- a claim about an earlier period, a yearly count or another incident is *background*;
- the other claims join the event they fit (place and days compatible), else open a new one;
- within an event and outcome, figures for one class of victims restate each other (the largest
  reading counts), except figures worded as more people ("three others", "another man"),
  figures listed under one predicate ("one soldier and two fighters were killed") and single
  victims named side by side in one sentence, which add up;
- parts of a breakdown are inside their whole and never added to it;
- people shot are injured unless they died: "4 shot, 1 fatally" is 1 killed and 3 injured;
- a headline read apart from the text (headline.py) counts only for outcomes the text does not give.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from tollwatch.extract import lexicon as lx
from tollwatch.extract.headline import headline_like, in_title
from tollwatch.extract.people import Person, group_sex, merged, person, same_person
from tollwatch.extract.victims import ASSAILANTS
from tollwatch.models import EVENT_OUTCOMES, Bounds, Claim, Event, Location

# "The shooting came days after an attack in Florida left 49 dead": the earlier attack's figure
_CAME_AFTER = re.compile(r"\b(?:shootings?|attacks?|killings?|violence|stabbings?|bombings?|blast|incident|homicides?|"
                         r"murders?|deaths?)\s+(?:\w+\s+){0,3}?(?:came|comes)\s+"
                         r"(?:\w+\s+){0,3}?(?:after|on\s+the\s+heels\s+of)\b", re.I)
# "the shooting occurred eight months after an innocent bystander was killed": the figure is the earlier event's
_TIME_AFTER = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)\s+"
                         r"(?:days|weeks|months|years)\s+after\b[^.;,]*$", re.I)
_BACKGROUND = re.compile(
    r"\b(?:(?:this|last|past|previous)\s+(?:year|month|decade)|in\s+(?:recent\s+)?(?:19|20)\d\d\b|"
    r"in\s+recent\s+(?:years|months)|(?:stats|statistics|figures|data|numbers)\s+(?:for|from|of)\s+(?:19|20)\d\d\b|since\s+(?:the\s+start\s+of\s+)?(?:(?:19|20)\d\d|January|February)|"
    r"so\s+far\s+(?:this|in)|(?:first|last|past)\s+(?:\d+|\w+)\s+(?:days|weeks|months)\s+of\s+(?:the\s+year|(?:19|20)\d\d)|"
    r"(?:in|over|during)\s+the\s+(?:last|past)\s+(?:\d+|\w+)\s+(?:weeks|months|years)|"
    r"in\s+(?:those|these)\s+(?:[\d,]+\s+)?(?:shootings|incidents|attacks|killings|homicides|cases)|"
    r"(?:incidents|shootings|attacks|violence)\s+(?:across|throughout|spanning|around)\s|"
    r"(?:earlier|later)\s+this\s+(?:year|month)|a\s+(?:year|month)\s+(?:ago|earlier)|"
    r"(?:years?|months)\s+(?:ago|earlier)|\d+(?:st|nd|rd|th)\s+(?:homicide|killing|murder|shooting|death)|"
    r"(?:separate|unrelated|previous|earlier|prior|similar)\s+(?:incident|attack|shooting|case|killing|raid|clash)e?s?|"
    r"in\s+(?:a|an)\s+(?:separate|unrelated|earlier|previous)|each\s+year|every\s+year|per\s+year|annually|"
    r"nationwide(?!\s+(?:blockade|blockage|strike|shutdown|protest|hartal|curfew|lockdown|campaign|general\s+strike))|"
    r"across\s+the\s+(?:country|nation|state)|since\s+the\s+(?:war|conflict|start|beginning)|"
    r"since\s+(?:it|the\s+\w+)\s+(?:began|started|erupted)|(?:one|two|three|a)\s+years?\s+since|"
    r"anniversary|commemorat\w+|split\s+(?:among|between|across)\s+\d+\s+(?:events|incidents)|"
    # a city's night told around the story: "another violent night that saw five others shot", "in
    # other shootings", "at least eight other people were shot from Sunday morning to early Monday"
    # "just down the street from a July 2014 shooting that left a 12-year-old girl dead"
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d\d\s+"
    r"(?:shooting|killing|attack|homicide|murder|stabbing|massacre)|"
    r"another\s+(?:violent|deadly|bloody)\s+(?:night|day|weekend|evening)|in\s+other\s+(?:shootings|incidents|attacks)|"
    # "detectives are looking into whether the shooting was connected to the killing of a man in March"
    r"(?:connected|linked|related|tied|retaliation)\s+(?:to|for)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?"
    r"(?:killing|shooting|death|murder|slaying)s?\s+of|"
    r"from\s+(?:early\s+|late\s+)?\w+day\s+(?:morning|afternoon|evening|night)?\s*(?:to|into|until|through))\b",
    re.I,
)
# "shot on the same block where six more people were wounded last week": the figure after it is another event's
_SAME_WHERE = re.compile(
    r"\bsame\s+(?:(?:[A-Z][\w'’-]*|neighbou?rhood|city|street|residential)\s+){0,2}(?:address|location|place|"
    r"home|house|corner|intersection|spot|block|street|apartment|complex|park|bar|club|neighbou?rhood)\s+where\b", re.I)
_RELATIVE = re.compile(r",?\s+(?:where|whom|whose)\b", re.I)
# a figure said to be from somewhere else opens an event of its own
_ELSEWHERE = re.compile(r"\W*(?:elsewhere|in\s+another\s+(?:town|village|district|province|city|area))\b", re.I)
_SUBORDINATE = re.compile(r"\b(?:after|when|while|before|because|whereas|but)\b", re.I)
# deaths a protest, a funeral or a vigil is about: "protested against the killing of two students"
# (and "the relatives of two victims", not "a family of three", who are the victims)
_CAUSE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|(?-i:march(?:ed|es|ers)?)|condemn\w*|denounc\w*|mourn\w*|"
    r"blocked|blockad\w*|agitat\w*|anger|angry|enraged|outrage\w*|dharna|"
    r"vigil|funeral|commemorat\w*|memorial|anniversary|justice\s+for|sit-in|riot\w*)\b[^.;]{0,120}?\b"
    r"(?:(?:killing|killings|death|deaths|murder|murders|assassination|lynching|abduction|disappearance)s?\s+of\s+"
    r"(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+)?|(?:after|following|over|for|against|demanding|to\s+denounce)\b"
    r"(?:(?!kill|shot|shoot|wound|injur|dead|died|fired)[^.;,]){0,60})$|"
    r"(?<!\ba\s)\b(?:relatives|family|families|family\s+members|kin|parents|widows?|mourners)\s+of\s+(?:the\s+|a\s+|an\s+)?$",
    re.I)
# a protest, a riot or a blockade in the sentence makes a death it follows from its cause, not its toll
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|agitat\w*|blockad\w*|blocked|sit-in|"
                      r"anger|angry|enraged|outrage\w*|"
                      r"riot\w*|mob|torched|set\s+alight|dharna|strike|shut\s*down|hartal)\b", re.I)
_CAUSE_INTRO = re.compile(
    r"\b(?:after|following|over|against|because\s+of|demanding|accountability\s+for|justice\s+for)\b"
    r"(?:(?!\b(?:kill(?:ed|ing|s)?|shot|shoot\w*|wound\w*|injur\w*|fire[sd]?|opened)\b)[^.;,]){0,80}?"
    r"(?:,?\s*\b(?:(?:that|which|who)\s+)?(?:shot\s+(?:and\s+)?)?(?:killed|left|claimed|shot\s+dead)\b[^.;]{0,40}?)?$", re.I)
_DEATH_OF = re.compile(r"^\W*(?:the\s+)?(?:recent\s+)?(?:death|deaths|killing|killings|murder)\s+of\s+\S*\s*$", re.I)
_SPARKED = re.compile(r"\b(?:led\s+to|sparked|triggered|prompted|provoked|caused)\b", re.I)
_MORE = re.compile(r"\b(?:others?|more|another|additional|further|also|(?:second|third|fourth|fifth|sixth|seventh|"
                   r"eighth)(?![\s-]+(?:floor|story|storey|level|degree|grade|time|round|shot|bullet|day|week|month|"
                   r"year|half|quarter|avenue|street|ward|district|precinct|hand|row)))\b", re.I)  # (not "a second floor")
_DEATH_WORDS = re.compile(r"\b(?:killed|dead|died|dies|fatal|fatally|slain)\b", re.I)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}
_ALL = "all"
_LISTED = "listed"  # people of no stated class named beside others: "1 FC personnel and 4 militants"
_DISJOINT = ("civilian", "state_forces", "non_state_armed", "combatant", _LISTED)
# a person said to be alive after the shooting is not among its dead
_ALIVE = re.compile(r"\b(?:surviv\w+|recover\w*|non-?\s?life|not\s+life|stable|released|(?:good|fair|serious|"
                    r"critical|grave)\s+condition|expected\s+to\s+(?:live|make\s+it)|treated)\b", re.I)
_ALSO = re.compile(r"\b(?:was|were)\s+also\b", re.I)
_COUNTED = frozenset({"asserted", "reported", "estimated", "unverified", "negated"})


def read_events(claims: Sequence[Claim]) -> list[Event]:
    """The events a report's claims describe, in the order the report first mentions them."""
    ordered = sorted((c for c in claims if c.modality in _COUNTED and c.outcome in EVENT_OUTCOMES),
                     key=lambda c: (not in_title(c), c.start, c.end))  # the headline comes first
    groups: list[tuple[bool, list[Claim]]] = []
    for c in ordered:
        background = is_background(c)
        # a part or a subset goes where its whole went ("one of them later died, police said Wednesday")
        whole = c.part_of or c.evidence.get("subset_of")
        target = next((g for _, g in groups if any(o.claim_id == whole for o in g)), None) if whole else None
        if target is not None:
            target.append(c)
            continue
        target = None if _ELSEWHERE.match(_clause(c)) else \
            next((g for b, g in reversed(groups) if b == background and _fits(c, g)), None)
        if target is None:
            groups.append((background, [c]))
        else:
            target.append(c)
    return [summarise(g, background, n) for n, (background, g) in enumerate(groups)]


def is_background(c: Claim) -> bool:
    """A figure given as context, not for the report's own event: a yearly or national count,
    an earlier or a separate incident."""
    clause = _clause(c)
    at = find_count(clause, c)
    before = clause[:at] if at >= 0 else ""
    # "23 homicides so far this year after a man was shot dead": the period is the other figure's
    cut = max((m.end() for m in _SUBORDINATE.finditer(before)), default=0)
    # "two men were shot on the corner where four more have been wounded since the start of the
    # month": what a relative clause after the count says of its own people is not this figure's
    after = _RELATIVE.search(clause, at + len(c.count.text)) if at >= 0 else None
    own = clause[cut:after.start() if after else len(clause)]
    if at >= cut:
        # "a teenager was shot dead, the city's 7th homicide this year" ranks the event itself;
        # "..., pushing the county's toll this year to 49" says what it adds up to
        after_count = lx.RANKED.sub("", own[at - cut:])
        adding = lx.ADDING_UP.search(after_count)
        own = own[:at - cut] + (after_count[:adding.start()] if adding else after_count)
    return bool(_BACKGROUND.search(own) or _SAME_WHERE.search(before) or _CAUSE.search(before) or _CAME_AFTER.search(before)
                or _TIME_AFTER.search(before)
                or _protest_cause(c.quote, clause, before))


def _protest_cause(sentence: str, clause: str, before: str) -> bool:
    """A death a protest, a riot or a blockade is about: "residents demonstrated after a gendarme
    shot and killed a driver", "protested against a blast that killed 60", "the death of a
    labourer led to a violent clash"."""
    if _DEATH_OF.search(before) and _SPARKED.search(clause[len(before):]):
        return True
    return bool(_PROTEST.search(sentence) and _CAUSE_INTRO.search(before))


def _clause(c: Claim) -> str:
    """The words around a claim's count in its quote, up to the nearest semicolon or full stop."""
    at = find_count(c.quote, c)
    if at < 0:
        return c.quote
    left = max(c.quote.rfind(";", 0, at), c.quote.rfind(". ", 0, at))
    right = [i for i in (c.quote.find(";", at), c.quote.find(". ", at)) if i >= 0]
    return c.quote[left + 1:min(right) if right else len(c.quote)]


def find_count(text: str, c: Claim) -> int:
    """Where a claim's count phrase stands in its quote: as a whole word, so "four" is not found
    in "a four-year-old boy"."""
    m = re.search(r"(?<![\w-])" + re.escape(c.count.text) + r"(?![\w-])", text)
    return m.start() if m else -1


def _fits(c: Claim, group: list[Claim]) -> bool:
    """Whether a claim can be about the same event as the claims of a group: places that nest (or
    are not said) and days that meet (or are not said). A person named again is the event's
    whatever day the sentence gives ("Anthony Frazier died Tuesday ... Anthony Frazier was headed
    home when he was shot")."""
    name = person(c)[2]
    if name and any(person(o)[2] == name for o in group):
        return True
    place = _place_id(c)
    for other in group:
        there = _place_id(other)
        if not nested(place, there) \
                and not (c.evidence.get("location_inferred") and c.time is None):
            return False  # a figure saying neither where nor when ("1 fatality.") parts from nothing
    days = [(o.time.start, o.time.end) for o in group if o.time and o.time.start and o.time.end]
    if c.time and c.time.start and c.time.end and days:
        if not any(c.time.start <= end and start <= c.time.end for start, end in days) \
                and not _died_of_it(c, group, max(end for _, end in days)):
            return False
    return True


_DIED = re.compile(r"\b(?:died|dies|succumbed|pronounced\s+dead|passed\s+away)\b", re.I)


def _died_of_it(c: Claim, group: list[Claim], last: str) -> bool:
    """'Julian Bryant, 22, died Wednesday night': someone the event hurt, dead days later (within
    a month), is still the event's."""
    if c.outcome != "killed" or not c.time or not c.time.start or not _DIED.search(_clause(c)) \
            or not any(o.outcome in ("injured", "casualties") for o in group):
        return False
    try:
        gap = (date.fromisoformat(c.time.start[:10]) - date.fromisoformat(last[:10])).days
    except ValueError:
        return False
    return 0 < gap <= 31


def _place_id(c: Claim) -> str | None:
    return c.location.place_id if c.location else None


def _within(place_id: str, area_id: str) -> bool:
    """Place ids nest: "SY/tartus/baniyas" lies in "SY/tartus"."""
    return place_id == area_id or place_id.startswith(area_id + "/")


def nested(a: str | None, b: str | None) -> bool:
    """Whether two places can be one event's: either not said, or one inside the other."""
    return not a or not b or _within(a, b) or _within(b, a)


def summarise(claims: list[Claim], background: bool = False, n: int = 0) -> Event:
    """One event from claims already known to describe it (`n` numbers it within its report)."""
    inside, contrasted, by_outcome, readings = _read(claims)
    outcomes: list[tuple[str, Bounds]] = []
    victims: list[tuple[str, Bounds]] = []
    for outcome in EVENT_OUTCOMES:
        figures = by_outcome.get(outcome)
        if not figures:
            continue
        outcomes.append((outcome, _combine(_classes(figures, inside, contrasted, readings))))
        if not victims:
            victims = list(_shown(_classes(figures, inside, contrasted, readings, lump=False)).items())
    first = claims[0]
    days = [(c.time.start, c.time.end) for c in claims if c.time and c.time.start and c.time.end]
    manners = Counter(c.manner for c in claims if c.manner)
    perpetrator = next((c.perpetrator for c in claims if c.perpetrator), None)
    event_id = "evt-" + hashlib.sha256(f"{first.doc_id}\x00{n}\x00{first.claim_id}".encode()).hexdigest()[:16]
    return Event(first.doc_id, event_id, background, main_place(claims),
                 min(d[0] for d in days) if days else None, max(d[1] for d in days) if days else None,
                 manners.most_common(1)[0][0] if manners else None, perpetrator,
                 tuple(outcomes), tuple(victims), tuple(c.claim_id for c in claims))


def _shot_less_dead(injured: list[Claim], killed_claims: list[Claim], killed: Bounds,
                    readings: dict[str, Bounds]) -> dict[str, Bounds]:
    """People shot are injured unless they died: "4 shot, 1 fatally" reads as 3 injured. The dead
    come off a figure of people shot when the text says they are among them ("one of them", "1
    fatally"), or when the report gives no sign that they are other people."""
    out: dict[str, Bounds] = {}
    spared = _listed_beside(injured, killed_claims, readings)
    for c in injured:
        named = any(c.claim_id in (k.evidence.get("subset_of"), k.part_of) for k in killed_claims)
        if c.claim_id in spared or not named and any(_beside(k, c) for k in killed_claims):
            continue  # "two people were killed and three were shot": others than the dead
        if not (c.evidence.get("shot") or named) or c.evidence.get("single_victim") \
                or str(c.evidence.get("rule")).endswith(":along-with+count"):
            continue  # one person shot who died was made one death already ("he later died"); "shot
            # along with a boy and a man": people besides the one shot, who are not the dead
        among = [readings[k.claim_id] for k in killed_claims if c.claim_id in (k.evidence.get("subset_of"), k.part_of)]
        if among:
            dead = sum(among[1:], among[0])
        elif _more(c) or killed.best > readings[c.claim_id].best or _none_among(c, killed_claims, readings):
            continue
        else:
            dead = killed
        out[c.claim_id] = readings[c.claim_id].minus(dead)
        if among:
            # "Five people were hospitalized ... one of the five has died": every telling of the five
            for o in injured:
                if o.claim_id not in out and readings[o.claim_id] == readings[c.claim_id] \
                        and not o.evidence.get("single_victim") and not _more(o):
                    out[o.claim_id] = readings[o.claim_id].minus(dead)
    return out


_WHOLE_AFTER = re.compile(r"\b(?:after|when|as|of|in\s+all|total|altogether)\b", re.I)


def _beside(killed: Claim, c: Claim) -> bool:
    """The dead told just before the people hurt, side by side ("two people were killed and three
    were shot"), not as some of them ("one is dead after six people were shot")."""
    if killed.quote != c.quote or killed.start >= c.start:
        return False
    at = find_count(c.quote, killed)
    between = c.quote[at + len(killed.count.text):at + c.start - killed.start] if at >= 0 else ""
    return " and " in between and not _WHOLE_AFTER.search(between)


def _none_among(c: Claim, killed_claims: list[Claim], readings: dict[str, Bounds]) -> bool:
    """"Three men were taken to the hospital ... a woman died": the dead are of another sex than
    the people the figure counts, so none of them is among those people."""
    sex = group_sex(c)
    return sex is not None and all(k.evidence.get("single_victim") and person(k)[1] not in (None, sex)
                                   for k in killed_claims if readings[k.claim_id].best)


def _listed_beside(injured: list[Claim], killed_claims: list[Claim], readings: dict[str, Bounds]) -> set[str]:
    """"Two men and three women were shot. One man died": the dead come off the list once, not off
    each of its items. Each list keeps the item the dead are said to be among, else its largest;
    the others are spared."""
    root: dict[str, str] = {}
    for c in injured:
        other = c.evidence.get("coordinated_with")
        root[c.claim_id] = root.get(other, other) if isinstance(other, str) else c.claim_id
    lists: dict[str, list[Claim]] = defaultdict(list)
    for c in injured:
        lists[root[c.claim_id]].append(c)
    named = {k.evidence.get("subset_of") for k in killed_claims} | {k.part_of for k in killed_claims}
    spared: set[str] = set()
    for items in lists.values():
        if len(items) > 1:
            kept = next((c for c in items if c.claim_id in named), None) or \
                max(items, key=lambda c: readings[c.claim_id].best)
            spared.update(c.claim_id for c in items if c is not kept)
    return spared


def _read(claims: list[Claim]) -> tuple[set[str], set[str], dict[str, list[Claim]], dict[str, Bounds]]:
    """(parts counted in their whole, figures worded as others than another outcome's, claims by outcome, each
    claim's reading: its bounds, less the dead for people shot)."""
    outcome_of = {c.claim_id: c.outcome for c in claims}
    # parts inside a whole of their outcome count in it; "20 wounded, of whom three later died": not
    inside = {c.claim_id for c in claims if c.part_of in outcome_of and outcome_of[c.part_of] == c.outcome}
    # "one man died and three others were injured": others than the dead, not more of the injured
    contrasted = {c.claim_id for c in claims for o in claims
                  if o.quote == c.quote and o.start < c.start and o.outcome != c.outcome}
    # "... a woman was found dead on the sidewalk. Two more people were hurt": more than the people
    # just named, whatever befell them, so not more of the hurt
    ordered = sorted(claims, key=lambda c: c.start)
    contrasted.update(c.claim_id for before, c in zip(ordered, ordered[1:]) if before.outcome != c.outcome)
    by_outcome: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_outcome[c.outcome].append(c)
    # "another child was not killed": a person said not to have come to harm counts none
    readings = {c.claim_id: Bounds(0, 0, 0) if c.modality == "negated" else _bounds(c) + Bounds(1, 1, 1)
                if _others_of(c, claims) else _bounds(c) for c in claims}
    # a headline tells in brief what the text tells in full ("12 shot in weekend violence" above
    # the shootings one by one): it counts for an outcome only where the text gives no figure
    # ("several people were shot" under "Six shot at nightclub" is no figure)
    headed = {c.claim_id for c in claims if headline_like(c)}
    told = {c.outcome for c in claims
            if c.claim_id not in headed and c.modality != "negated" and c.count.qualifier != "vague"}
    readings.update((c.claim_id, Bounds(0, 0, 0)) for c in claims if c.claim_id in headed and c.outcome in told)
    # the dead among the people shot: not the gunman the police shot ("and the gunman fatally shot himself")
    dead = [k for k in by_outcome.get("killed", []) if not _assailant(k)]
    if dead:
        killed = _combine(_classes(dead, inside, contrasted, readings))
        readings.update(_shot_less_dead(by_outcome.get("injured", []), dead, killed, readings))
        readings.update(_wounded_then_dead(by_outcome.get("injured", []), by_outcome["killed"]))
        readings.update(_shot_ones_dead(by_outcome.get("injured", []), dead, killed, readings))
    return inside, contrasted, by_outcome, readings


def _assailant(c: Claim) -> bool:
    """One dead who did the harm: 'the gunman', 'the suspect'."""
    words = (c.victims.text or "").lower().split()
    return bool(c.evidence.get("single_victim") and words and words[-1] in ASSAILANTS)


def _shot_ones_dead(injured: list[Claim], killed_claims: list[Claim], killed: Bounds,
                    readings: dict[str, Bounds]) -> dict[str, Bounds]:
    """'Two people died after a shooting. A 25-year-old man was shot in the head and a 30-year-old
    woman in the chest': people told one by one as shot are the dead a figure counts, as far as
    the dead the report does not name one by one go."""
    named_dead = _people([k for k in killed_claims if k.evidence.get("single_victim")], readings)
    # "a teenager and two women were shot, and one of them died": the dead already taken off a figure
    hit = {c.claim_id for c in injured}
    among = sum(readings[k.claim_id].best for k in killed_claims if not k.evidence.get("single_victim")
                and (k.evidence.get("subset_of") in hit or k.part_of in hit))
    unnamed = killed.best - named_dead - among
    out: dict[str, Bounds] = {}
    for c in sorted(injured, key=lambda c: c.start):
        if unnamed <= 0:
            break
        one = c.evidence.get("single_victim") or c.count.text.lower() in ("himself", "herself")
        if one and c.evidence.get("shot") and readings[c.claim_id].best == 1 and not _more(c) \
                and not _ALIVE.search(c.quote) and not _ALSO.search(c.quote):
            out[c.claim_id] = Bounds(0, 0, 0)
            unnamed -= 1
    return out


def _wounded_then_dead(injured: list[Claim], killed: list[Claim]) -> dict[str, Bounds]:
    """'Police found a man with a gunshot wound ...' and, sentences later, 'Ronnie Bowers, 19, died':
    one person told twice, hurt then dead, unless the text says another, names them side by side
    or tells them apart ("a 1-year-old was wounded" is not "a 25-year-old man" who died)."""
    dead = [k for k in killed if k.evidence.get("single_victim") and k.modality != "negated"
            and not _more(k)]  # "another man, Tom Ray, ... died": not the man shot
    out: dict[str, Bounds] = {}
    for c in injured:
        # "4-year-old accidentally shot himself" above "a 4-year-old boy ... shot and killed himself"
        by_own_hand = str(c.evidence.get("rule", "")).endswith(":shot-self")
        one = c.evidence.get("single_victim") or c.count.low == c.count.high == 1 and c.part_of is None \
            and not c.evidence.get("coordinated_with")  # "one person was shot" (not "one female and one male")
        if not (one or by_own_hand) or _ALSO.search(c.quote) or \
                _more(c) and not _other_than_the_doer(c, [*injured, *killed]):
            continue  # "a man, identified as ..., was also shot": another person
        if any(k.quote == c.quote and k.start < c.start and not k.evidence.get("single_victim") for k in killed):
            continue  # "a shooting that left two people dead and a teen injured": told apart from the dead
        if any(k.quote != c.quote and (by_own_hand or same_person(person(c), person(k))) for k in dead) \
                and not any(k.quote == c.quote for k in dead):
            out[c.claim_id] = Bounds(0, 0, 0)
    return out


def _people(singles: list[Claim], readings: dict[str, Bounds]) -> int:
    """The people single-victim claims name, each once. Named side by side in one sentence they
    are different people ("a man and a woman were shot"); told again in a later sentence, one is
    the same person unless the words say another ("another man was also shot") or what they say
    of the two differs ("a 1-year-old was wounded ... a 25-year-old man had been shot")."""
    people: list[tuple[Person, str]] = []  # each with their class ("all" where none is said)
    sentences: dict[tuple[bool, int], list[Claim]] = defaultdict(list)
    for c in sorted(singles, key=lambda c: (not in_title(c), c.start)):
        # by where the sentence starts (a photo caption repeated ten times is ten sentences), and
        # whether it is the headline, whose offsets are the title's own
        sentences[in_title(c), c.start - max(find_count(c.quote, c), 0)].append(c)
    for same in sentences.values():
        taken: set[int] = set()
        for c in same:
            if readings[c.claim_id].best == 0:
                continue
            who, kind = person(c), _class(c)
            match = None if _more(c) and not _other_than_the_doer(c, same) else next(
                (i for i, (p, k) in enumerate(people) if i not in taken and same_person(p, who)
                 and (_ALL in (k, kind) or k == kind)), None)
            if match is None:
                people.append((who, kind))
                taken.add(len(people) - 1)
            else:
                p, k = people[match]
                people[match] = (merged(p, who), kind if k == _ALL else k)
                taken.add(match)
    return len(people)


def by_class(claims: list[Claim], event: Sequence[Claim] = ()) -> dict[
        str, tuple[Bounds, dict[str, tuple[Bounds, list[Claim]]]]]:
    """Per outcome, everyone the claims count (as `summarise` reads them) and, per class of
    victims, what the claims give and which claims give it; parts count here for their own class
    ("182 civilians were among the dead"). `claims` may be one source's share of an `event`: each
    is then read in the light of the whole ("his wife was shot", says the sheriff; "Katie Reid
    died", say deputies: one person, dead)."""
    inside, contrasted, _, readings = _read(list(event) or claims)
    by_outcome: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_outcome[c.outcome].append(c)
    out: dict[str, tuple[Bounds, dict[str, tuple[Bounds, list[Claim]]]]] = {}
    for outcome, figures in by_outcome.items():
        groups = _by_class(figures, set())
        listed = groups.pop(_LISTED, [])
        shown = {category: (_total(group, contrasted, readings), group) for category, group in groups.items()}
        if listed:
            everyone = shown.get(_ALL)
            shown[_ALL] = (everyone[0] if everyone else _total(listed, contrasted, readings),
                           (everyone[1] if everyone else []) + listed)
        out[outcome] = (_combine(_classes(figures, inside, contrasted, readings)), shown)
    return out


def _shown(classes: dict[str, Bounds]) -> dict[str, Bounds]:
    """The classes as the contract names them: people of no stated class named beside others
    count apart inside an event, but are shown as "all" (the figure for everyone unstated)."""
    out = {category: b for category, b in classes.items() if category != _LISTED}
    if _LISTED in classes:
        out.setdefault(_ALL, classes[_LISTED])
    return out


def main_place(claims: Sequence[Claim]) -> Location | None:
    """The most precise place the event's claims resolve that agrees with where the text (not the
    headline) first puts it: "4 wounded outside East End bar" over "HOUSTON --" must not move the
    event to another East End; else the first place named."""
    resolved = [(c, c.location) for c in claims if c.location and c.location.place_id]
    if not resolved:
        return next((c.location for c in claims if c.location), None)
    anchor = next((loc for c, loc in resolved if not in_title(c)), resolved[0][1]).place_id or ""
    agreeing = [loc for _, loc in resolved if nested(loc.place_id, anchor)]
    return max(agreeing, key=lambda loc: (loc.place_id or "").count("/"))


def _bounds(c: Claim) -> Bounds:
    n = c.count
    low = n.low if n.low is not None else (n.best or 0)
    best = n.best if n.best is not None else low
    return Bounds(low, best, n.high)


def _classes(figures: list[Claim], inside: set[str], contrasted: set[str],
             readings: dict[str, Bounds], lump: bool = True) -> dict[str, Bounds]:
    """Per class of victims ("all" for unstated or mixed), the figure the event's claims give;
    `lump`: counted (a list of men and women is weighed whole), else as shown."""
    return {category: _total(group, contrasted, readings)
            for category, group in _by_class(figures, inside, lump).items()}


def _by_class(figures: list[Claim], inside: set[str], lump: bool = False) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    singles: list[Claim] = []
    lists = _lists(figures)
    for c in figures:
        if c.claim_id in inside:
            continue  # counted in its whole
        items = lists.get(c.claim_id, [])
        if c.evidence.get("single_victim") and all(o.evidence.get("single_victim") for o in items):
            singles.append(c)  # "a man and his daughter were found dead": two people (_people)
        elif lump and _class(c) == _ALL and {_class(o) for o in items} == {_ALL, "civilian"} \
                and not any(o.evidence.get("single_victim") for o in items):
            # "three men and two women", counted: one list, weighed whole against the figures of
            # civilians ("five juveniles were hurt"), not apart from them
            groups["civilian"].append(c)
        elif _class(c) == _ALL and items:
            groups[_LISTED].append(c)  # "her partner and then herself", "a man, his wife and their two sons"
        else:
            groups[_class(c)].append(c)
    if singles:
        # people of more than one class are counted together, each once (_people): "a 1-year-old
        # boy" (a civilian) and "a 25-year-old man" (no class said) are two people
        categories = {_class(c) for c in singles}
        groups[categories.pop() if len(categories) == 1 else _ALL].extend(singles)
    return groups


def _others_of(c: Claim, figures: list[Claim]) -> bool:
    """A figure of people of no class worded as others of a person of a class told before it in
    its sentence ("a 12-year-old boy ... a shooting that also injured three other people"): the
    person and the others are one figure of everyone, four."""
    return _class(c) == _ALL and not c.evidence.get("single_victim") and not c.evidence.get("coordinated_with") \
        and _more(c) and any(
        o.quote == c.quote and o.start < c.start and o.outcome == c.outcome and o.evidence.get("single_victim")
        and _class(o) not in (_ALL, _LISTED) for o in figures)


def _lists(figures: list[Claim]) -> dict[str, list[Claim]]:
    """Each figure listed beside others under one predicate → the whole list it stands in."""
    by_id = {c.claim_id: c for c in figures}
    root: dict[str, str] = {}

    def find(i: str) -> str:
        while root.get(i, i) != i:
            i = root[i]
        return i

    for c in figures:
        other = c.evidence.get("coordinated_with")
        if isinstance(other, str) and other in by_id:
            root[find(c.claim_id)] = find(other)
    members: dict[str, list[Claim]] = defaultdict(list)
    for c in figures:
        members[find(c.claim_id)].append(c)
    return {c.claim_id: members[find(c.claim_id)] for c in figures if len(members[find(c.claim_id)]) > 1}


def _class(c: Claim) -> str:
    return _ALL if c.victims.category in ("mixed", "unknown") else c.victims.category


def _total(figures: list[Claim], contrasted: set[str], readings: dict[str, Bounds]) -> Bounds:
    """One class of victims: restatements count once (the largest), added people add."""
    base: Bounds | None = None
    extra = Bounds(0, 0, 0)
    ids = {c.claim_id for c in figures if not c.evidence.get("single_victim")}
    # "two children, ages 3 and 5, and their mother": one more than the figure listed before
    listed = [c for c in figures if c.evidence.get("single_victim") and (
        c.evidence.get("coordinated_with") in ids or _self_after(c, figures) or _another_beside(c, figures))]
    singles = [c for c in figures if c.evidence.get("single_victim") and c not in listed and not _aged_in(c, figures)]
    for c in listed:
        extra = extra + readings[c.claim_id]
    if singles:
        n = _people(singles, readings)
        base = Bounds(n, n, n)
    added = Bounds(0, 0, 0)  # people added in the text since the last figure that may count them all
    added_at: Claim | None = None
    before: Bounds | None = None  # the figure just before
    # "Five juveniles were hurt ... Three men and two women suffered gunshot wounds": a list that
    # follows a figure is weighed against it whole, as one figure
    items: dict[str, list[Claim]] = defaultdict(list)
    for c in figures:
        head = c.evidence.get("coordinated_with")
        if isinstance(head, str) and head in ids and not c.evidence.get("single_victim"):
            items[head].append(c)
    # listed after their head only (the bomber who "blew himself up, killing 27" is told first)
    starts = {c.claim_id: c.start for c in figures}
    items = {head: [c for c in listed if c.start > starts[head]] for head, listed in items.items()}
    summed: set[str] = set()
    for c in figures:
        if c.evidence.get("single_victim") or c.claim_id in summed or readings[c.claim_id] == Bounds(0, 0, 0):
            continue  # (a headline the text tells in full counts none, and is no figure before another)
        b, last, before = readings[c.claim_id], before, readings[c.claim_id]
        # "two other men": more than people the event told of before them (not of another story's)
        told_before = any(o.start < c.start and in_title(o) == in_title(c) for o in figures if o is not c)
        # "one man dead and six others injured ... Six other people were treated": the same others again
        others_again = any(o.start < c.start and readings[o.claim_id] == b and _more(o)
                           for o in figures if o is not c and not o.evidence.get("single_victim"))
        # "four of the victims ... have also had run-ins": some of a figure told, never more
        some_of = c.evidence.get("subset_of") in ids
        more = (base is not None or singles) and c.claim_id not in contrasted and _more(c) \
            and told_before and not _definite(c) and not others_again and not some_of
        if more and base is not None and last is not None and last.best < base.best and not added.best \
                and not c.evidence.get("coordinated_with"):
            # "Five people were shot ... One man was in critical condition. Four others were treated":
            # others than the one, who are among the five
            base = base.at_least(last + b)
        elif more or any(o.claim_id == c.evidence.get("coordinated_with") for o in figures) or _self_after(c, figures) \
                or _other_ages(c, singles):
            added = added + b  # "three others"; "12 militants and 3 police" within one class
            added_at = c
        elif _moved(c, figures) and base is not None:
            base = base + b  # "two shot dead and three wounded ... two of the wounded died": four dead
        else:
            if added_at is not None and c.start > added_at.start and in_title(c) == in_title(added_at):
                # "two in critical condition and two others injured ... Four males suffered injuries":
                # a figure after the added people may count them, so it is weighed against the sum
                base, added, added_at = (base or Bounds(0, 0, 0)) + added, Bounds(0, 0, 0), None
            listed_after = _chain(c, items) if base is not None else []
            if listed_after and not c.evidence.get("coordinated_with"):
                b = sum((readings[o.claim_id] for o in listed_after), b)
                summed.update(o.claim_id for o in listed_after)
            base = b if base is None else base.at_least(b)
    total = (base or Bounds(0, 0, 0)) + extra + added
    # "Two men were shot ... A third man was wounded a block away": the third of them, so three
    # (alone, "a second man" counts one; beside the dead, "a fourth person" may count them too)
    # ("One male victim is critical ... A second male victim was grazed": the second of the one)
    nth = max((_ORDINALS.get(w, 0) for c in singles if readings[c.claim_id].best and len(figures) > 1
               and not ASSAILANTS.intersection(c.count.text.lower().split())
               and (not any(_DEATH_WORDS.search(f.quote) for f in figures) or _nth_of_one(c, figures))
               for w in c.count.text.lower().split()[:3]), default=0)
    return total.at_least(Bounds(nth, nth, nth)) if nth > (total.best or 0) else total


def _another_beside(c: Claim, figures: list[Claim]) -> bool:
    """'Two men were hit in the torso, and another man was hit in the head': one more than the
    figure told before it in its sentence."""
    return (c.count.text.lower().startswith("another ") and not _other_than_the_doer(c, figures)
            and any(o.quote == c.quote and o.start < c.start and not o.evidence.get("single_victim")
                    and (o.count.best or 0) > 0 for o in figures))


def _aged_in(c: Claim, figures: list[Claim]) -> bool:
    """'three women, aged 25, 32 and 51 ... the 51-year-old woman is in critical condition': one of
    the figure's people, by the age it listed for her."""
    age = person(c)[0]
    return age is not None and any(o.start < c.start and isinstance(ages := o.evidence.get("ages"), list)
                                   and age in ages for o in figures)


def _other_ages(c: Claim, singles: list[Claim]) -> bool:
    """'A 24-year-old man was shot ... Two men, ages 26 and 27, were shot': the figure's people are
    none of the people told one by one before it, each of whom has an age."""
    ages = c.evidence.get("ages")
    told = [s.evidence.get("person", {}).get("age") for s in singles if s.start < c.start]
    return isinstance(ages, list) and bool(told) and None not in told and not set(ages) & set(told)


def _nth_of_one(c: Claim, figures: list[Claim]) -> bool:
    """'A second male victim' after 'One male victim': the ordinal counts people of its own noun."""
    words = c.count.text.lower().split()
    noun = " ".join(words[2:]) if len(words) > 2 and words[1] in _ORDINALS else ""
    if not noun:
        return False
    for o in figures:
        at = find_count(o.quote, o)
        if o.start < c.start and o.count.best == 1 and at >= 0 and \
                o.quote[at + len(o.count.text):].lower().lstrip().startswith(noun):
            return True
    return False


def _self_after(c: Claim, figures: list[Claim]) -> bool:
    """'shot his wife and their two children before killing himself': the one who did it, dead
    besides the people he is told to have harmed before in his sentence (unless the report counts
    people one by one elsewhere: "Mother, father, toddler dead" counts him already)."""
    return c.count.text.lower() in ("himself", "herself") and any(
        o.quote == c.quote and o.start < c.start and str(o.evidence.get("rule")).endswith(":transitive+count")
        for o in figures) and not any(
        o.quote != c.quote and o.evidence.get("single_victim") for o in figures)


def _chain(head: Claim, items: dict[str, list[Claim]]) -> list[Claim]:
    """The figures listed after a figure, each coordinated with the one before it or with it."""
    out: list[Claim] = []
    todo = [head.claim_id]
    while todo:
        for c in items.get(todo.pop(), []):
            out.append(c)
            todo.append(c.claim_id)
    return out


def _moved(c: Claim, figures: list[Claim]) -> bool:
    """'Two of the wounded later died': people counted as hurt before, now dead besides the dead
    told before them (a toll given after them counts them already). Another dead figure drawn
    from the same hurt ("two fatally") restates them."""
    whole = c.evidence.get("subset_of")
    return "previously injured" in c.victims.attributes and whole is not None and \
        not any(o is not c and o.evidence.get("subset_of") == whole for o in figures)


def _definite(c: Claim) -> bool:
    """'the four killed', 'the two victims': a group already counted, named again."""
    at = find_count(c.quote, c)
    return at > 0 and c.quote[:at].rstrip().lower().endswith(("the", "these", "those", "all"))


def _other_than_the_doer(c: Claim, told: list[Claim]) -> bool:
    """'One boy accidentally shot the other boy', 'one of his sons shot his other son', 'a teen was
    arrested in a shooting that left another teen hospitalized': 'other' sets the victim apart
    from someone its sentence names earlier who is no victim (no claim of the sentence comes
    before it), not from a victim.
    ('A 4-year-old had a gun after another child was shot': any person will do.)"""
    words = c.count.text.lower().split()
    if len(words) < 2 or words[:-1] not in (["another"], ["the", "other"], ["his", "other"], ["her", "other"],
                                            ["their", "other"]):
        return False
    at = find_count(c.quote, c)
    named = at > 0 and any(w in lx.PERSON or w.endswith("-old") for w in re.findall(r"[\w-]+", c.quote[:at].lower()))
    return named and not any(o.quote == c.quote and o.start < c.start for o in told)


def _more(c: Claim) -> bool:
    """Whether a figure is worded as more people than told before: 'three others', 'a man was also
    shot' (not 'shot by another youth': the other is the one who shot)."""
    near = _near(c)
    return any(not _AGENT.search(near[:m.start()]) for m in _MORE.finditer(near))


_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)


def _near(c: Claim) -> str:
    """The count phrase and the words after it up to the clause's next break: 'three others',
    'two more people', 'a man was also killed'."""
    at = find_count(c.quote, c)
    if at < 0:
        return c.count.text
    rest = c.quote[at:at + len(c.count.text) + 40]
    cut = re.search(r"[,;.]|\s(?:and|while|but)\s", rest[len(c.count.text):])
    return rest[:len(c.count.text) + cut.start()] if cut else rest


def _combine(classes: dict[str, Bounds]) -> Bounds:
    """Everyone: the larger of the figure for all victims and the sum over disjoint classes."""
    parts = [b for category, b in classes.items() if category in _DISJOINT]
    summed = sum(parts[1:], parts[0]) if parts else None
    everyone = classes.get(_ALL)
    if summed is None:
        return everyone or Bounds(0, 0, 0)
    return summed if everyone is None else everyone.at_least(summed)
