"""Word lists the extraction rules consult. Lower-case throughout.

Kept as data so that a reviewer can audit what a rule will and will not accept.
"""

from __future__ import annotations

import re

# Person nouns -> (victim category, attribute). Plural and singular forms both listed.
_P = {
    "civilian": ("civilian", None), "resident": ("civilian", None), "villager": ("civilian", None),
    "child": ("civilian", "children"), "children": ("civilian", "children"), "kid": ("civilian", "children"),
    "minor": ("civilian", "children"), "infant": ("civilian", "children"), "baby": ("civilian", "children"),
    "babies": ("civilian", "children"), "toddler": ("civilian", "children"), "newborn": ("civilian", "children"),
    "boy": ("civilian", "children"), "girl": ("civilian", "children"), "schoolchildren": ("civilian", "children"),
    "teenager": ("civilian", "teenagers"), "teen": ("civilian", "teenagers"), "youth": ("civilian", None),
    "woman": ("civilian", "women"), "women": ("civilian", "women"), "man": ("unknown", "men"), "men": ("unknown", "men"),
    "elderly": ("civilian", "elderly"), "student": ("civilian", "students"), "pupil": ("civilian", "children"),
    "worshipper": ("civilian", "worshippers"), "worshiper": ("civilian", "worshippers"),
    "farmer": ("civilian", None), "herder": ("civilian", None), "fisherman": ("civilian", None), "fishermen": ("civilian", None),
    "shopper": ("civilian", None), "passenger": ("civilian", None), "commuter": ("civilian", None),
    "pilgrim": ("civilian", None), "refugee": ("civilian", "refugees"), "migrant": ("civilian", "migrants"),
    "journalist": ("civilian", "journalists"), "reporter": ("civilian", "journalists"),
    "photographer": ("civilian", "journalists"), "medic": ("civilian", "medics"), "doctor": ("civilian", "medics"),
    "nurse": ("civilian", "medics"), "paramedic": ("civilian", "medics"), "patient": ("civilian", None),
    "teacher": ("civilian", None), "worker": ("civilian", None), "volunteer": ("civilian", None),
    "protester": ("civilian", "protesters"), "protestor": ("civilian", "protesters"),
    "demonstrator": ("civilian", "protesters"), "mourner": ("civilian", None), "guest": ("civilian", None),
    "tourist": ("civilian", None), "family": ("civilian", None), "families": ("civilian", None),
    "household": ("civilian", None), "miner": ("civilian", None), "driver": ("civilian", None),
    "bystander": ("civilian", None), "inmate": ("civilian", "prisoners"), "prisoner": ("civilian", "prisoners"),
    "detainee": ("civilian", "prisoners"), "hostage": ("civilian", None), "spectator": ("civilian", None),
    "soldier": ("state_forces", None), "troop": ("state_forces", None), "troops": ("state_forces", None),
    "servicemen": ("state_forces", None), "serviceman": ("state_forces", None), "servicemember": ("state_forces", None),
    "policeman": ("state_forces", "police"), "policemen": ("state_forces", "police"), "police": ("state_forces", "police"),
    "officer": ("state_forces", None), "gendarme": ("state_forces", None), "guard": ("state_forces", None),
    "guardsman": ("state_forces", None), "guardsmen": ("state_forces", None), "marine": ("state_forces", None),
    "sailor": ("state_forces", None), "airman": ("state_forces", None), "airmen": ("state_forces", None),
    "peacekeeper": ("state_forces", "peacekeepers"), "conscript": ("state_forces", None), "recruit": ("state_forces", None),
    "fighter": ("combatant", None), "combatant": ("combatant", None), "gunman": ("non_state_armed", None),
    "gunmen": ("non_state_armed", None), "militant": ("non_state_armed", None), "insurgent": ("non_state_armed", None),
    "rebel": ("non_state_armed", None), "jihadist": ("non_state_armed", None), "jihadi": ("non_state_armed", None),
    "terrorist": ("non_state_armed", None), "extremist": ("non_state_armed", None), "militiamen": ("non_state_armed", None),
    "militiaman": ("non_state_armed", None), "militia": ("non_state_armed", None), "bandit": ("non_state_armed", None),
    "attacker": ("non_state_armed", None), "assailant": ("non_state_armed", None), "suspect": ("unknown", None),
    "person": ("unknown", None), "persons": ("unknown", None), "people": ("unknown", None),
    "individual": ("unknown", None), "other": ("unknown", None), "others": ("unknown", None),
    "victim": ("unknown", None), "body": ("unknown", None), "bodies": ("unknown", None),
    "member": ("unknown", None), "personnel": ("unknown", None), "staff": ("unknown", None),
    "employee": ("unknown", None), "relative": ("civilian", None), "adult": ("unknown", None),
    "crew": ("unknown", None),
    "crewmember": ("unknown", None), "civilians": ("civilian", None),
    "juvenile": ("civilian", "children"), "youngster": ("civilian", "children"), "male": ("unknown", None),
    "female": ("unknown", None), "motorist": ("civilian", None), "pedestrian": ("civilian", None),
    "patron": ("civilian", None), "passerby": ("civilian", None), "visitor": ("civilian", None),
    "spectator": ("civilian", None), "partygoer": ("civilian", None), "tenant": ("civilian", None),
    "homeowner": ("civilian", None), "customer": ("civilian", None), "clerk": ("civilian", None),
    "ranger": ("state_forces", None), "jawan": ("state_forces", None), "levy": ("state_forces", None),
    "cadre": ("unknown", None), "blogger": ("civilian", None), "publisher": ("civilian", None),
    "writer": ("civilian", None),
    "corpse": ("unknown", None), "rival": ("unknown", None), "convict": ("civilian", "prisoners"), "schoolboy": ("civilian", "children"),
    "schoolgirl": ("civilian", "children"), "villager": ("civilian", None), "churchgoer": ("civilian", "worshippers"),
    "congregant": ("civilian", "worshippers"), "parishioner": ("civilian", "worshippers"),
    "trooper": ("state_forces", None), "paratrooper": ("state_forces", None), "militant": ("non_state_armed", None),
    "policewoman": ("state_forces", "police"), "policewomen": ("state_forces", "police"),
    "cop": ("state_forces", "police"), "constable": ("state_forces", "police"), "legionnaire": ("state_forces", None),
    "youths": ("civilian", None), "herdsman": ("civilian", None), "herdsmen": ("civilian", None),
    "shepherd": ("civilian", None), "owner": ("civilian", None), "shopkeeper": ("civilian", None),
    "settler": ("civilian", None), "principal": ("civilian", None), "tribesman": ("unknown", None),
    "tribesmen": ("unknown", None), "clansman": ("unknown", None), "clansmen": ("unknown", None),
    "supporter": ("unknown", None), "loyalist": ("unknown", None), "secretary": ("unknown", None),
    "inspector": ("state_forces", None), "sub-inspector": ("state_forces", None),
    "sergeant": ("state_forces", None), "lieutenant": ("state_forces", None), "colonel": ("state_forces", None),
    "bomber": ("non_state_armed", None), "kidnapper": ("non_state_armed", None),
    "robber": ("unknown", None), "thief": ("unknown", None), "thieves": ("unknown", None),
    "criminal": ("unknown", None), "gangster": ("unknown", None), "dacoit": ("unknown", None),
    "smuggler": ("unknown", None), "poacher": ("unknown", None), "agent": ("unknown", None),
    "trafficker": ("unknown", None), "dealer": ("unknown", None), "perpetrator": ("unknown", None),
    "aide": ("unknown", None), "accomplice": ("unknown", None), "associate": ("unknown", None),
    "separatist": ("non_state_armed", None), "guerrilla": ("non_state_armed", None),
    "guerilla": ("non_state_armed", None), "cultist": ("non_state_armed", None), "raider": ("non_state_armed", None),
    "pirate": ("non_state_armed", None), "sniper": ("unknown", None), "mercenary": ("non_state_armed", None),
    "vigilante": ("unknown", None), "paramilitary": ("state_forces", None), "defector": ("unknown", None),
    "deserter": ("unknown", None), "dissident": ("civilian", None),
    "looter": ("unknown", None), "rioter": ("civilian", "protesters"),
    "informant": ("unknown", None), "spy": ("unknown", None), "collaborator": ("unknown", None),
    "minister": ("civilian", None), "mayor": ("civilian", None), "governor": ("civilian", None),
    "lawmaker": ("civilian", None), "legislator": ("civilian", None), "commissioner": ("civilian", None),
    "voter": ("civilian", None), "hunter": ("civilian", None), "porter": ("civilian", None),
    "engineer": ("civilian", None), "contractor": ("civilian", None), "businessman": ("civilian", None),
    "businessmen": ("civilian", None), "merchant": ("civilian", None), "landlord": ("civilian", None),
    "tenant": ("civilian", None), "widow": ("civilian", None), "orphan": ("civilian", "children"),
    "forces": ("state_forces", None), "superintendent": ("state_forces", None), "devotee": ("civilian", "worshippers"), "tribal": ("civilian", None), "physician": ("civilian", "medics"),
    "helper": ("civilian", None), "bodyguard": ("unknown", None), "maoist": ("non_state_armed", None),
    "naxal": ("non_state_armed", None), "naxalite": ("non_state_armed", None),
    "citizen": ("civilian", None), "national": ("unknown", None), "fugitive": ("unknown", None),
    "infiltrator": ("non_state_armed", None), "killer": ("unknown", None), "operative": ("non_state_armed", None),
    "cyclist": ("civilian", None), "pastoralist": ("civilian", None), "nomad": ("civilian", None),
    "captain": ("state_forces", None), "brigadier": ("state_forces", None), "commandant": ("state_forces", None),
    "subedar": ("state_forces", None), "havildar": ("state_forces", None), "sepoy": ("state_forces", None),
    "traveller": ("civilian", None), "traveler": ("civilian", None),
    # believers named by faith: who they are, not which side they are on
    "muslim": ("unknown", None), "christian": ("unknown", None), "hindu": ("unknown", None),
    "sikh": ("unknown", None), "shia": ("unknown", None), "shiite": ("unknown", None), "sunni": ("unknown", None),
}
# kin and companions of a victim, named for one person ("his daughter", "her husband")
for _kin in ("father son brother husband boyfriend uncle nephew grandson grandfather stepson stepfather mother "
             "daughter sister wife girlfriend aunt niece granddaughter grandmother stepdaughter stepmother friend "
             "cousin neighbor neighbour roommate classmate fiance fiancee").split():
    _P[_kin] = ("civilian", None)
_P["grandchild"] = ("civilian", "children")  # plural "grandchildren", irregular


def _plural(w: str) -> str:
    if w.endswith(("man", "men")) or w.endswith("s") or w in ("children", "people", "police", "staff", "personnel",
                                                              "elderly", "youth", "troops", "militia", "crew"):
        return w
    if w.endswith("y") and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


PERSON: dict[str, tuple[str, str | None]] = {}
SINGULAR_PERSON: set[str] = set()
_IRREGULAR_PLURALS = {"children", "people", "police", "staff", "personnel", "troops", "women", "elderly", "babies",
                      "schoolchildren", "families", "militia", "crew", "youth", "fishermen"}
for _w, _v in _P.items():
    PERSON[_w] = _v
    PERSON[_plural(_w) if _w != "grandchild" else "grandchildren"] = _v
    if not _w.endswith(("s", "men")) and _w not in _IRREGULAR_PLURALS:
        SINGULAR_PERSON.add(_w)  # "a man", "a civilian", "an officer"
SINGULAR_PERSON -= {"other", "body", "member", "family", "household"}
SINGULAR_PERSON |= {"member", "pastor", "priest", "imam", "leader", "chief", "laborer", "labourer", "trader",
                    "shopkeeper", "official", "activist", "lawyer", "judge", "politician", "candidate", "councillor",
                    "councilor", "commander", "cleric", "monk", "nun", "doctor", "businessman", "businesswoman",
                    "chairman", "headman", "elder", "vendor"}
for _w in ("pastor", "priest", "imam", "laborer", "labourer", "trader", "shopkeeper", "activist", "lawyer", "judge",
           "politician", "candidate", "cleric", "monk", "nun", "businessman", "businesswoman", "vendor", "elder"):
    PERSON.setdefault(_w, ("civilian", None))
    PERSON.setdefault(_plural(_w), ("civilian", None))
for _w in ("official", "leader", "chief", "commander", "councillor", "councilor", "chairman", "headman"):
    PERSON.setdefault(_w, ("unknown", None))
    PERSON.setdefault(_plural(_w), ("unknown", None))

# Modifiers that change a head noun's category ("military personnel", "armed fighters").
STATE_MODIFIERS = frozenset(
    "military security army government pro-government regime police navy naval air defence defense "
    "state soldiers national federal troops border".split()
)
ARMED_MODIFIERS = frozenset(
    "armed rebel militia militant insurgent jihadist islamist opposition separatist paramilitary "
    "guerrilla guerilla anti-government tribal".split()
)
CIVILIAN_MODIFIERS = frozenset("civilian unarmed innocent aid humanitarian medical health rescue".split())

# Words that may stand between a count and its person noun ("300 Alawite civilians", "17 young men").
MODIFIERS = frozenset(
    "more other additional young old elderly estranged beloved retired local foreign armed unarmed innocent civilian suspected alleged "
    "wounded injured dead displaced trapped missing fellow female male adult teenage underage rebel militia "
    "army military security government pro-government regime police aid humanitarian medical health rescue "
    "border state federal national tribal opposition militant insurgent jihadist islamist separatist "
    "paramilitary guerrilla guerilla anti-government ethnic religious innocent unidentified unknown "
    "further new separate different various among including such former senior junior off-duty retired "
    "prominent pregnant disabled elderly teenage underage masked suspected fatal serious immediate confirmed "
    "known excess major critical serious seriously critically slightly badly lightly".split()
)

# Non-people things commonly counted near casualty words; a count heading one of these is no claim.
NON_PERSON_HINTS = frozenset(
    "massacres massacre attacks attack homes houses buildings villages towns cities vehicles cars trucks "
    "tanks rockets missiles drones shells bombs mortars rounds years months weeks days hours minutes "
    "seconds km kilometres kilometers miles metres meters feet percent per cent dollars pounds euros "
    "tonnes tons times incidents cases raids strikes airstrikes operations areas districts provinces "
    "sites positions checkpoints schools hospitals mosques churches shops points kilograms kg mm "
    "year-old years-old year month day hour week gunshot gunshots bullet bullets shots stab wounds "
    "animals cows goats camels donkeys horses dogs chickens pigs buffaloes birds "
    "shootings stabbings bombings blasts explosions ambushes robberies fires "
    "shooting stabbing bombing blast explosion ambush robbery fire crash accident incident dispute fight "
    "argument feud altercation quarrel brawl".split()
)

# Outcome cues: phrase -> (outcome, manner). Longest phrases are tried first.
OUTCOME_CUES: dict[str, tuple[str, str | None]] = {
    "killed": ("killed", None), "dead": ("killed", None), "died": ("killed", None), "die": ("killed", None),
    "deceased": ("killed", None), "passed away": ("killed", None), "passes away": ("killed", None),
    "dies": ("killed", None), "deaths": ("killed", None), "death": ("killed", None),
    "fatalities": ("killed", None), "fatality": ("killed", None), "fatally": ("killed", None),
    "lost their lives": ("killed", None), "lost his life": ("killed", None), "lost her life": ("killed", None),
    "lives lost": ("killed", None), "lost": ("killed", None), "perished": ("killed", None),
    "brain dead": ("killed", None), "brain-dead": ("killed", None), "clinically dead": ("killed", None),  # "declared brain dead": the death told
    "slain": ("killed", None), "murdered": ("killed", None), "killings": ("killed", None),
    "executed": ("killed", "executed"), "executions": ("killed", "executed"), "execution": ("killed", "executed"),
    "massacred": ("killed", "massacre"), "shot dead": ("killed", "shooting"), "gunned down": ("killed", "shooting"),
    "shot and killed": ("killed", "shooting"), "beheaded": ("killed", "executed"),
    "decapitated": ("killed", "executed"), "buried alive": ("killed", None), "fatally shot": ("killed", "shooting"),
    "killed or injured": ("casualties", None), "killed or wounded": ("casualties", None),
    "killed and injured": ("casualties", None), "killed and wounded": ("casualties", None),
    "dead or injured": ("casualties", None), "dead or wounded": ("casualties", None),
    "dead and injured": ("casualties", None), "dead and wounded": ("casualties", None),
    "killed or hurt": ("casualties", None), "dead or missing": ("killed", None),
    "shot to death": ("killed", "shooting"), "stabbed to death": ("killed", "stabbing"),
    "clobbered to death": ("killed", None), "bludgeoned to death": ("killed", None), "stoned to death": ("killed", None),
    "clubbed to death": ("killed", None), "lynched to death": ("killed", None), "beat to death": ("killed", None),
    "beaten to death": ("killed", None), "hacked to death": ("killed", None), "tortured to death": ("killed", None),
    "assassinated": ("killed", None), "lynched": ("killed", None), "drowned": ("killed", None),
    "burned to death": ("killed", None), "burnt to death": ("killed", None), "burned alive": ("killed", None),
    "burnt alive": ("killed", None), "strangled to death": ("killed", None), "crushed to death": ("killed", None), "succumbed": ("killed", None), "bodies": ("killed", None),
    "lifeless": ("killed", None), "martyred": ("killed", None), "buried": ("killed", None),
    "eliminated": ("killed", None), "neutralised": ("killed", None), "neutralized": ("killed", None),
    "injured": ("injured", None), "wounded": ("injured", None), "hurt": ("injured", None),
    "injuries": ("injured", None), "injury": ("injured", None), "wounds": ("injured", None),
    "hospitalised": ("injured", None), "hospitalized": ("injured", None), "maimed": ("injured", None),
    "shot": ("injured", "shooting"), "harmed": ("casualties", None),
    "stabbed": ("injured", "stabbing"), "knifed": ("injured", "stabbing"), "axed to death": ("killed", None),
    "hacked": ("injured", None), "chopped to death": ("killed", None),
    "shot himself": ("injured", "shooting"), "shot herself": ("injured", "shooting"),
    "shoots himself": ("injured", "shooting"), "shoots herself": ("injured", "shooting"),
    "fatally shot himself": ("killed", "shooting"), "fatally shot herself": ("killed", "shooting"),
    "fatally shooting himself": ("killed", "shooting"), "fatally shooting herself": ("killed", "shooting"),
    "shooting himself": ("injured", "shooting"), "shooting herself": ("injured", "shooting"),
    "wounding himself": ("injured", "shooting"), "wounding herself": ("injured", "shooting"),
    "wounded himself": ("injured", "shooting"), "wounded herself": ("injured", "shooting"),
    "shot self": ("injured", "shooting"), "shoots self": ("injured", "shooting"),
    "committed suicide": ("killed", None), "commits suicide": ("killed", None), "took his own life": ("killed", None),
    "took her own life": ("killed", None),
    "gunshot wound": ("injured", "shooting"), "gunshot wounds": ("injured", "shooting"),
    "struck by gunfire": ("injured", "shooting"), "hit by gunfire": ("injured", "shooting"),
    "struck by a bullet": ("injured", "shooting"), "hit by a bullet": ("injured", "shooting"),
    "hit by buckshot": ("injured", "shooting"), "hit by pellets": ("injured", "shooting"),
    "struck by pellets": ("injured", "shooting"), "hit by shrapnel": ("injured", None),
    "struck by shrapnel": ("injured", None), "is recovering": ("injured", None), "are recovering": ("injured", None),
    "struck by a stray bullet": ("injured", "shooting"), "hit by a stray bullet": ("injured", "shooting"),
    "grazed by a bullet": ("injured", "shooting"), "grazed by gunfire": ("injured", "shooting"),
    "clinging to life": ("injured", None), "fighting for his life": ("injured", None),
    "fighting for her life": ("injured", None), "fighting for their lives": ("injured", None),
    "on life support": ("injured", None), "hit during the shooting": ("injured", "shooting"), "struck during the shooting": ("injured", "shooting"),
    "hit during the gunfire": ("injured", "shooting"), "struck during the gunfire": ("injured", "shooting"),
    "hit by the gunfire": ("injured", "shooting"), "struck by the gunfire": ("injured", "shooting"),
    "hit by stray gunfire": ("injured", "shooting"), "struck by stray gunfire": ("injured", "shooting"),
    "grazed by a stray bullet": ("injured", "shooting"), "struck in the": ("injured", None), "hit in the": ("injured", None), "casualties": ("casualties", None), "casualty": ("casualties", None),
    "treated": ("injured", None), "being treated": ("injured", None), "receiving treatment": ("injured", None),
    "admitted to hospital": ("injured", None), "admitted to hospitals": ("injured", None),
    "admitted to a hospital": ("injured", None), "admitted to the hospital": ("injured", None),
    "taken to hospital": ("injured", None), "rushed to hospital": ("injured", None), "in hospital": ("injured", None),
    "in the hospital": ("injured", None), "in critical condition": ("injured", None),
    "in serious condition": ("injured", None), "in stable condition": ("injured", None),
    "kidnapped": ("kidnapped", None), "abducted": ("kidnapped", None), "taken hostage": ("kidnapped", None),
    "held hostage": ("kidnapped", None), "hostages": ("kidnapped", None), "abductions": ("kidnapped", None),
    "kidnappings": ("kidnapped", None), "taken captive": ("kidnapped", None), "seized": ("kidnapped", None),
    "among the dead": ("killed", None), "among those killed": ("killed", None),
    "among the victims": ("killed", None), "among the injured": ("injured", None),
    "among the wounded": ("injured", None), "among those injured": ("injured", None),
    "among those wounded": ("injured", None),
    "missing": ("missing", None), "unaccounted for": ("missing", None), "disappeared": ("missing", None),
    "detained": ("detained", None), "arrested": ("detained", None), "captured": ("detained", None),
    "imprisoned": ("detained", None), "rounded up": ("detained", None), "taken into custody": ("detained", None),
    "jailed": ("detained", None), "arrests": ("detained", None), "detentions": ("detained", None),
    "remanded": ("detained", None), "pre-trial detention": ("detained", None), "pretrial detention": ("detained", None),
    "in detention": ("detained", None), "in custody": ("detained", None), "in police custody": ("detained", None),
    "displaced": ("displaced", None), "fled their homes": ("displaced", None), "fled": ("displaced", None),
    "forced to flee": ("displaced", None), "forced from their homes": ("displaced", None),
    "uprooted": ("displaced", None), "evacuated": ("displaced", None), "homeless": ("displaced", None),
    "made homeless": ("displaced", None), "displacement": ("displaced", None), "affected": ("affected", None),
}
CUE_PHRASES = sorted(OUTCOME_CUES, key=lambda p: -len(p.split()))
MAX_CUE_WORDS = max(len(p.split()) for p in OUTCOME_CUES)
# cues that tell of care, not of harm: enough for a victim, not for the suspect ("was treated at a hospital")
CARE_CUES = frozenset({"hospitalised", "hospitalized", "treated", "being treated", "receiving treatment",
                       "admitted to hospital", "admitted to a hospital", "admitted to the hospital",
                       "taken to hospital", "rushed to hospital", "in hospital", "in the hospital"})

# Verbs whose object is the victim: "X killed 17 militants", "killing at least 20 people".
TRANSITIVE = {
    "killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed", "executed": "killed",
    "executing": "killed", "massacred": "killed", "assassinated": "killed", "assassinating": "killed",
    "beheaded": "killed", "beheading": "killed", "decapitated": "killed", "decapitating": "killed", "lynched": "killed", "slew": "killed", "massacring": "killed", "murdered": "killed",
    "murdering": "killed", "slaughtered": "killed", "claimed": "killed", "claiming": "killed",
    "wounded": "injured", "wounding": "injured", "injured": "injured", "injuring": "injured",
    "injures": "injured", "wounds": "injured", "hurt": "injured", "hurting": "injured", "stabbed": "injured",
    "stabs": "injured", "hit": "injured", "struck": "injured", "striking": "injured",  # "a bullet struck the boy"
    "hitting": "injured", "grazed": "injured", "grazing": "injured",  # "a stray bullet grazed a 3-year-old"
    "kidnapped": "kidnapped", "kidnapping": "kidnapped", "abducted": "kidnapped", "abducting": "kidnapped",
    "abducts": "kidnapped", "kidnaps": "kidnapped", "seized": "kidnapped", "treated": "injured", "remanded": "detained",
    "detained": "detained", "detaining": "detained", "arrested": "detained", "arresting": "detained",
    "captured": "detained", "capturing": "detained", "displaced": "displaced", "displacing": "displaced",
    "displaces": "displaced", "evacuated": "displaced", "affected": "affected", "affecting": "affected",
}
# Two-word verbs before their object: "shot dead a man", "gunned down two farmers".
TRANSITIVE_PAIRS = {"shot dead": "killed", "gunned down": "killed", "gun down": "killed", "guns down": "killed", "cut down": "killed", "mowed down": "killed",
                    "shot and killed": "killed", "shooting dead": "killed", "gunning down": "killed"}
# Noun cues followed by "of": "the deaths of 163 civilians", "the abduction of 20 students".
OF_NOUNS = {
    "deaths": "killed", "death": "killed", "killing": "killed", "killings": "killed", "lives": "killed",
    "bodies": "killed", "body": "killed", "remains": "killed", "corpses": "killed", "execution": "killed", "executions": "killed",
    "massacre": "killed", "murder": "killed", "murders": "killed",
    "injury": "injured", "injuries": "injured", "wounding": "injured",
    # "the shootings of four people": shot, so hurt unless the text says they died
    "shooting": "injured", "shootings": "injured", "stabbing": "injured", "stabbings": "injured",
    "abduction": "kidnapped", "abductions": "kidnapped", "kidnapping": "kidnapped", "kidnappings": "kidnapped",
    "arrest": "detained", "arrests": "detained", "detention": "detained",
    "displacement": "displaced", "evacuation": "displaced", "disappearance": "missing",
}
# "left 33 dead", "leaving 12 people wounded": the outcome follows the victims.
LEAVE_VERBS = frozenset("left leaving leaves leave".split())
LEAVE_RESULTS = {"dead": "killed", "injured": "injured", "wounded": "injured", "homeless": "displaced",
                 "missing": "missing", "hurt": "injured"}

# Nouns that name a running figure: "the death toll rose to 27", "fatalities reaching 93".
TOLL_NOUNS = {
    "toll": "killed", "death toll": "killed", "casualty toll": "casualties", "fatalities": "killed",
    "deaths": "killed", "dead": "killed", "killed": "killed", "casualties": "casualties",
    "injured": "injured", "wounded": "injured", "injuries": "injured", "displaced": "displaced",
    "missing": "missing", "kidnapped": "kidnapped", "abducted": "kidnapped", "detained": "detained",
    "arrested": "detained", "victims": "killed", "bodies": "killed", "losses": "killed", "tolls": "killed",
    "death tolls": "killed",
}
# Cues that make a figure part of an earlier one: "182 civilians were among the dead".
AMONG_CUES = frozenset(p for p in OUTCOME_CUES if p.startswith("among "))
TOLL_LINKS = frozenset(
    "to at of reached reaching reaches hit hitting topped topping surpassed surpassing passed passing "
    "exceeded exceeding is was stands stood : nearing neared approached approaching totalled totaled "
    "totalling totaling numbered numbering rises rose risen climbs climbed jumped increased now "
    "reach hits tops exceeds became becomes ranging ranged range ranges put puts putting placed places "
    "placing estimated estimates set sets".split()
)

BE_AUX = frozenset("was were been be being is are has have had got get gets also reportedly later allegedly "
                   "apparently all both reported confirmed believed feared thought said presumed".split())
DETERMINERS = frozenset("a an the his her their its our my your some several at least dozens hundreds "
                        "thousands scores many more over nearly about around".split())
# Words that close the clause a count's outcome is looked for in.
CLAUSE_STOPS = frozenset("where whereas while although though but after before because when whilst "
                         "unless until ; :".split())

MANNER_CUES = {
    "executed": "executed", "executions": "executed", "execution": "executed", "beheaded": "executed",
    "decapitated": "executed", "beheading": "executed", "beheadings": "executed",
    "massacre": "massacre", "massacred": "massacre", "massacres": "massacre",
    "shelling": "shelling", "shelled": "shelling", "shells": "shelling", "artillery": "shelling", "mortar": "shelling",
    "airstrike": "airstrike", "airstrikes": "airstrike", "air strike": "airstrike", "air strikes": "airstrike",
    "air raid": "airstrike", "air raids": "airstrike", "bombardment": "airstrike", "warplanes": "airstrike",
    "drone strike": "drone_strike", "drone strikes": "drone_strike", "drone attack": "drone_strike",
    "shot": "shooting", "shooting": "shooting", "gunfire": "shooting", "opened fire": "shooting",
    "shot dead": "shooting", "sniper": "shooting",
    "bombing": "bombing", "explosion": "bombing", "blast": "bombing", "suicide bomber": "bombing",
    "car bomb": "bombing", "ied": "bombing", "explosive": "bombing", "landmine": "landmine",
    "land mine": "landmine", "mine": "landmine", "stabbing": "stabbing", "stabbed": "stabbing",
    "missile": "missile_strike", "rocket": "missile_strike", "rockets": "missile_strike",
}

# Every word that can make a sentence hold a claim; a sentence without one is skipped cheaply.
# Common words are left out; a phrase made of them alone ("passed away", "in critical condition")
# is looked for whole.
_COMMON = frozenset({
    "the", "their", "his", "her", "for", "to", "into", "from", "among", "those", "taken", "held", "made",
    "forced", "up", "and", "or", "in", "a", "being", "alive", "number", "of", "police", "condition",
    "critical", "serious", "stable", "rushed", "admitted", "receiving", "treatment", "pre-trial",
    "pretrial", "is", "are", "was", "were", "by", "on", "at", "with", "passed", "passes", "away", "during",
    "fighting", "support", "clinging"})
_ALL_CUE_WORDS = ({w for phrase in OUTCOME_CUES for w in phrase.split()} | set(TRANSITIVE) | set(OF_NOUNS)
                  | {w for phrase in TOLL_NOUNS for w in phrase.split()} | set(LEAVE_VERBS)
                  | {"corpses", "remains", "hospital", "custody", "shooting", "suffered", "sustained"}) - _COMMON
_COMMON_PHRASES = tuple(p for p in OUTCOME_CUES if not set(p.split()) - _COMMON)
CUE_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _ALL_CUE_WORDS), key=len, reverse=True)) + r")\b"
                         r"|\bof\s+(?:them|whom)\b", re.IGNORECASE)
CUE_WORDS = frozenset(_ALL_CUE_WORDS)
_WORD = re.compile(r"[a-z]+")
# a patient's state: "in critical but stable condition"
CONDITIONS = frozenset("critical serious stable fair grave guarded satisfactory".split())


def has_cue(sentence: str) -> bool:
    """Whether a sentence holds any word a claim needs (what CUE_WORD_RE finds, by a set lookup, many
    times faster than the regex over long sentences), or 'of them'/'of whom' for a breakdown."""
    low = sentence.lower()
    words = _WORD.findall(low)
    if not CUE_WORDS.isdisjoint(words):
        return True
    if any(phrase in low for phrase in _COMMON_PHRASES):
        return True  # "was taken to University Medical Center in critical condition"
    if "condition" in words and not CONDITIONS.isdisjoint(words):
        return True  # "is in serious but stable condition"
    return ("them" in words or "whom" in words) and bool(CUE_WORD_RE.search(sentence))

# "a teenager was shot dead, the city's 7th homicide this year": an event ranked among others of a
# period, which says nothing of the figure's own period
RANKED = re.compile(
    r",\s+(?:it\s+was\s+|marking\s+|making\s+it\s+|becoming\s+)?(?:the|a)\s+(?:[\w.]+(?:'s|’s)\s+)?"
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+(?:teenth|ieth))\s+(?:\w+\s+){0,2}?(?:homicide|killing|murder|shooting|death|slaying|fatality)\b[^,;]*", re.I)
# "killed 12 on Tuesday, bringing the toll to 524": the 12 are the day's, the 524 the running toll
ADDING_UP = re.compile(r",\s+(?:bringing|pushing|raising|taking|putting|lifting|sending|increasing)\s+(?:the|its|this|a)\b",
                       re.I)
