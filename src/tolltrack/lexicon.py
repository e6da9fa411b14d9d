"""Word lists the extraction rules use. General English, never tied to one report."""

from __future__ import annotations

from tolltrack.model import Outcome, SourceKind

# Verbs (lemmas) whose subject (intransitive) or object/passive subject (transitive) is a victim.
VERB_TRIGGERS: dict[str, Outcome] = {
    "kill": Outcome.KILLED,
    "murder": Outcome.KILLED,
    "slay": Outcome.KILLED,
    "execute": Outcome.KILLED,
    "behead": Outcome.KILLED,
    "massacre": Outcome.KILLED,
    "die": Outcome.KILLED,
    "perish": Outcome.KILLED,
    "drown": Outcome.KILLED,
    "succumb": Outcome.KILLED,  # "succumbed to his injuries"
    "injure": Outcome.INJURED,
    "wound": Outcome.INJURED,
    "hurt": Outcome.INJURED,
    "hospitalize": Outcome.INJURED,
    "hospitalise": Outcome.INJURED,
    "maim": Outcome.INJURED,
    "stab": Outcome.INJURED,
    "shoot": Outcome.INJURED,  # "shot" alone is a wounding; "shot dead"/"fatally shot" is a killing
    "detain": Outcome.DETAINED,
    "arrest": Outcome.DETAINED,
    "capture": Outcome.DETAINED,
    "imprison": Outcome.DETAINED,
    "jail": Outcome.DETAINED,
    "nab": Outcome.DETAINED,
    "hold": Outcome.DETAINED,  # "were held for nine days"; "held hostage" is a captivity (claim_custody)
    "abduct": Outcome.MISSING,
    "snatch": Outcome.MISSING,  # "40 pupils were snatched from the school"
    "seize": Outcome.MISSING,  # "gunmen seized two traders"; a person only, not "seized power"
    "kidnap": Outcome.MISSING,
    "disappear": Outcome.MISSING,  # "activists disappeared", "were disappeared"
    "lynch": Outcome.KILLED,
    "assassinate": Outcome.KILLED,
    "hang": Outcome.KILLED,  # "two men were hanged"
}
# Triggers that need a person as their victim: "held a rally", "hanged a picture", "disappeared from view".
PERSON_ONLY = {"hold", "hang", "nab", "disappear", "snatch", "seize"}
# Verbs that are casualty triggers only with an object that is a person (filters "shoot a video").
TRANSITIVE_ONLY = {
    "shoot",
    "stab",
    "arrest",
    "detain",
    "capture",
    "abduct",
    "kidnap",
    "execute",
    "jail",
    "snatch",
    "seize",
}

# Adjectives predicated of victims: "two were dead", "three are missing", "found dead".
ADJ_TRIGGERS: dict[str, Outcome] = {
    "dead": Outcome.KILLED,
    "deceased": Outcome.KILLED,
    "injured": Outcome.INJURED,
    "wounded": Outcome.INJURED,
    "hurt": Outcome.INJURED,
    "hospitalized": Outcome.INJURED,  # "both remain hospitalized"
    "hospitalised": Outcome.INJURED,
    "missing": Outcome.MISSING,
    "unaccounted": Outcome.MISSING,
    "detained": Outcome.DETAINED,  # "a detained politician", "the 40 imprisoned journalists"
    "jailed": Outcome.DETAINED,
    "imprisoned": Outcome.DETAINED,
    "incarcerated": Outcome.DETAINED,
    "kidnapped": Outcome.MISSING,
    "abducted": Outcome.MISSING,
    "murdered": Outcome.KILLED,  # "murdered columnist Ann Cole"; counted nouns only (claims.py)
    "slain": Outcome.KILLED,
    "assassinated": Outcome.KILLED,
}

# Nouns naming the casualties themselves: "32 deaths", "no casualties", "the dead".
NOUN_TRIGGERS: dict[str, Outcome] = {
    "death": Outcome.KILLED,
    "fatality": Outcome.KILLED,
    "dead": Outcome.KILLED,
    "body": Outcome.KILLED,
    "killing": Outcome.KILLED,
    "casualty": Outcome.CASUALTIES,
    "injury": Outcome.INJURED,
    "wound": Outcome.INJURED,
    "injured": Outcome.INJURED,
    "wounded": Outcome.INJURED,
    "arrest": Outcome.DETAINED,
    "detention": Outcome.DETAINED,
    "kidnapping": Outcome.MISSING,  # "the kidnapping of five aid workers"
    "abduction": Outcome.MISSING,
    "disappearance": Outcome.MISSING,
    "execution": Outcome.KILLED,
    "assassination": Outcome.KILLED,
    "murder": Outcome.KILLED,  # "the murder of a police general"
    "slaughter": Outcome.KILLED,
    "beheading": Outcome.KILLED,
    "lynching": Outcome.KILLED,
    "massacre": Outcome.KILLED,
}
# "death toll", "casualty figure": the figure is a claim only when a number is attached.
TOLL_NOUNS = {"toll", "figure", "count", "number", "tally", "total"}

# Manner words that turn a wounding into a killing: "fatally shot", "shot dead", "shot to death".
FATAL_MODIFIERS = {"fatally", "dead", "death", "mortally"}

REPORTING_VERBS = {
    "say", "report", "announce", "tell", "state", "claim", "suggest", "acknowledge", "confirm",
    "add", "estimate", "declare", "put", "give", "note", "write", "allege", "insist", "admit",
    "reveal", "warn", "indicate", "show", "believe", "think", "assert", "explain", "disclose",
    "maintain", "post", "tweet", "publish", "deny", "testify", "describe", "quote", "cite",
    "count", "record", "document", "list", "accuse", "charge", "raise", "revise", "update", "lower",
    "calculate", "tally", "verify", "detail",
}  # fmt: skip
# Cue words that mark a figure as less than firmly asserted.
HEDGES = {
    "suggest", "claim", "allege", "estimate", "believe", "think", "reportedly", "allegedly",
    "possibly", "perhaps", "may", "might", "could", "unconfirmed", "apparently", "purportedly",
    "feared", "fear", "indicate",
}  # fmt: skip

NUMBER_WORDS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "both": 2, "pair": 2,
    "couple": 2, "trio": 3,
}  # fmt: skip
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantities: the low bound each implies.
VAGUE: dict[str, int | None] = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens": 20,
    "several": 3, "many": None, "numerous": None, "multiple": 2, "some": None, "few": 2,
    "lot": None, "lots": None, "countless": None, "untold": None,
}  # fmt: skip
AT_LEAST = {"least", "more", "over", "above", "exceed", "exceeding", "upwards", "plus", "minimum"}
AT_MOST = {"most", "up", "fewer", "less", "under", "maximum", "below"}
ABOUT = {"about", "around", "approximately", "nearly", "almost", "roughly", "some", "estimated",
         "close", "circa", "approx", "~"}  # fmt: skip

# Victim nouns by status. Heads not listed here are victims of unknown status.
MILITARY = {
    "soldier", "troop", "serviceman", "servicemen", "marine", "sailor", "airman", "officer",
    "guard", "militant", "fighter", "combatant", "insurgent", "rebel", "militiaman", "commando",
    "personnel", "detail", "bodyguard", "paratrooper", "gunman", "army", "force", "military",
    "recruit", "conscript", "policeman", "policemen", "police", "trooper", "agent",
}  # fmt: skip
CIVILIAN = {
    "civilian", "child", "children", "woman", "women", "student", "resident", "villager",
    "worker", "journalist", "doctor", "nurse", "patient", "pedestrian", "passenger", "bystander", "passerby",
    "refugee", "farmer", "teacher", "baby", "infant", "toddler", "girl", "boy", "teen",
    "teenager", "shopper", "worshipper", "family", "kid", "minor", "pupil",
}  # fmt: skip
# Nouns that can stand for a victim (people, roles, persons). Used to accept shoot/arrest objects.
PERSON_NOUNS = {
    "people", "person", "man", "men", "individual", "victim", "citizen", "national", "member",
    "suspect", "driver", "father", "mother", "son", "daughter", "brother", "sister", "husband",
    "wife", "friend", "neighbor", "neighbour", "owner", "employee", "clerk", "customer", "youth",
    "adult", "male", "female", "other", "relative", "cousin", "uncle", "aunt", "grandmother",
    "grandfather", "nephew", "niece", "boyfriend", "girlfriend", "couple", "guy", "lady",
    "gentleman", "deputy", "sheriff", "inmate", "prisoner", "hostage", "protester", "demonstrator",
    "leader", "president", "official", "crew", "staff", "tourist", "migrant", "pilot",
    "survivor", "occupant", "pedestrian", "cop", "sergeant", "lieutenant", "detective",
    "one", "another", "everyone", "nobody", "anyone", "someone", "all", "those", "these",
    "mom", "dad", "fiance", "fiancee", "stepfather", "stepmother", "stepson", "stepdaughter",
    "grandson", "granddaughter", "roommate", "bystander", "patron", "shopper", "passenger",
    "motorist", "resident", "student", "juvenile", "teenager", "teen", "toddler", "infant", "baby",
    "both", "firefighter", "bailiff", "shooter", "robber", "burglar", "intruder", "attacker", "assailant",
    "hunter", "rider", "cyclist", "bicyclist", "motorcyclist", "witness", "twin", "sibling", "constable",
    "marshal", "carrier", "classmate", "teammate", "coworker", "co-worker", "acquaintance", "homeowner",
    "tenant", "landlord", "manager", "cashier", "bouncer", "attendant", "paramedic", "grandchild",
    "grandchildren", "parent", "ex-wife", "ex-husband", "ex-girlfriend", "ex-boyfriend", "rapper",
    "photographer", "player", "coach", "pastor", "veteran", "gunmen", "gunman",
    # people at a place or an event, at work, in a family or a school: "four spectators were injured"
    "spectator", "fan", "attendee", "guest", "partygoer", "concertgoer", "clubgoer", "reveler", "reveller",
    "diner", "parishioner", "congregant", "churchgoer", "worshiper", "visitor", "onlooker", "commuter",
    "traveler", "traveller", "athlete", "runner", "jogger", "hiker", "camper", "swimmer", "dancer",
    "musician", "singer", "performer", "artist", "actor", "actress", "colleague", "supervisor",
    "contractor", "laborer", "mechanic", "technician", "janitor", "custodian", "guard", "bodyguard",
    "ranger", "warden", "chaplain", "priest", "principal", "professor", "instructor", "freshman",
    "sophomore", "graduate", "youngster", "adolescent", "newborn", "stepchild", "spouse", "companion",
    "housemate", "host", "renter", "vendor", "dealer", "client", "medic", "dispatcher", "cabbie",
    "trucker", "accomplice", "fugitive", "parolee", "associate", "elder", "retiree", "volunteer",
    "activist", "mayor", "judge", "lawyer", "attorney", "prosecutor", "juror", "informant", "stranger",
    "bartender", "waiter", "waitress", "cook", "chef", "barber", "doorman", "lifeguard", "usher", "teller",
    "nanny", "babysitter", "caretaker", "caregiver", "schoolchild", "schoolgirl", "schoolboy", "preteen",
    # people in the news of conflicts, protests, disasters and repression
    "fisherman", "fishermen", "miner", "herder", "herdsman", "herdsmen", "trader", "merchant",
    "businessman", "businessmen", "businesswoman", "engineer", "labourer", "seafarer", "crewman", "crewmen",
    "crewmember", "expatriate", "expat", "foreigner", "staffer", "pilgrim", "monk", "nun", "imam", "cleric",
    "bishop", "missionary", "inhabitant", "indigene", "protestor", "marcher", "rioter", "unionist",
    "supporter", "follower", "campaigner", "advocate", "defender", "mourner", "voter", "writer", "author",
    "blogger", "poet", "novelist", "intellectual", "academic", "scholar", "lecturer", "researcher",
    "politician", "lawmaker", "legislator", "dissident", "opponent", "critic", "candidate", "councillor",
    "councilor", "chairman", "editor", "reporter", "correspondent", "photojournalist", "cameraman", "fixer",
    "mercenary", "jihadist", "terrorist", "extremist", "detainee", "captive", "abductee", "kidnapper",
    "smuggler", "trafficker", "militiamen", "seeker", "conscript", "pow", "general", "colonel", "major",
    "commander", "minister", "governor", "ambassador", "diplomat", "aide", "chief", "king", "prince",
    "princess", "queen", "sheikh", "cardinal", "rabbi", "priestess",
}  # fmt: skip
PERSON_NOUNS |= MILITARY | CIVILIAN

# Event nouns that name what happened (for incidents).
EVENT_NOUNS = {
    "raid", "operation", "attack", "strike", "airstrike", "assault", "bombing", "explosion",
    "blast", "shooting", "shootout", "gunfight", "firefight", "clash", "battle", "offensive",
    "invasion", "intervention", "ambush", "massacre", "earthquake", "quake", "flood", "flooding",
    "storm", "hurricane", "typhoon", "cyclone", "tornado", "landslide", "fire", "wildfire", "blaze",
    "crash", "collision", "derailment", "stampede", "collapse", "eruption", "tsunami", "riot",
    "protest", "incident", "stabbing", "carjacking", "robbery", "homicide", "bombardment",
    "shelling", "drone", "missile", "rocket", "siege", "crackdown", "accident", "outbreak",
    "heatwave", "avalanche", "mudslide", "war", "conflict", "standoff", "rampage",
}  # fmt: skip

# Source kinds by the head noun of the claimant phrase.
SOURCE_HEADS: dict[str, SourceKind] = {
    "agency": SourceKind.AGENCY, "wire": SourceKind.AGENCY,
    "media": SourceKind.OUTLET, "medium": SourceKind.OUTLET, "newspaper": SourceKind.OUTLET,
    "paper": SourceKind.OUTLET, "television": SourceKind.OUTLET, "tv": SourceKind.OUTLET,
    "broadcaster": SourceKind.OUTLET, "outlet": SourceKind.OUTLET, "station": SourceKind.OUTLET,
    "channel": SourceKind.OUTLET, "network": SourceKind.OUTLET, "daily": SourceKind.OUTLET,
    "report": SourceKind.OUTLET, "reporter": SourceKind.OUTLET, "correspondent": SourceKind.OUTLET,
    "journalist": SourceKind.OUTLET, "press": SourceKind.OUTLET, "radio": SourceKind.OUTLET,
    "government": SourceKind.GOVERNMENT, "ministry": SourceKind.GOVERNMENT,
    "administration": SourceKind.GOVERNMENT, "authority": SourceKind.GOVERNMENT,
    "authorities": SourceKind.GOVERNMENT, "cabinet": SourceKind.GOVERNMENT,
    "state": SourceKind.GOVERNMENT, "department": SourceKind.GOVERNMENT,
    "official": SourceKind.OFFICIAL, "minister": SourceKind.OFFICIAL, "president": SourceKind.OFFICIAL,
    "spokesman": SourceKind.OFFICIAL, "spokeswoman": SourceKind.OFFICIAL,
    "spokesperson": SourceKind.OFFICIAL, "police": SourceKind.OFFICIAL, "sheriff": SourceKind.OFFICIAL,
    "officer": SourceKind.OFFICIAL, "chief": SourceKind.OFFICIAL, "mayor": SourceKind.OFFICIAL,
    "governor": SourceKind.OFFICIAL, "coroner": SourceKind.OFFICIAL, "examiner": SourceKind.OFFICIAL,
    "prosecutor": SourceKind.OFFICIAL, "attorney": SourceKind.OFFICIAL, "general": SourceKind.OFFICIAL,
    "commander": SourceKind.OFFICIAL, "army": SourceKind.OFFICIAL, "military": SourceKind.OFFICIAL,
    "secretary": SourceKind.OFFICIAL, "deputy": SourceKind.OFFICIAL, "detective": SourceKind.OFFICIAL,
    "lieutenant": SourceKind.OFFICIAL, "sergeant": SourceKind.OFFICIAL, "captain": SourceKind.OFFICIAL,
    "investigator": SourceKind.OFFICIAL, "trooper": SourceKind.OFFICIAL, "leader": SourceKind.OFFICIAL,
    "ambassador": SourceKind.OFFICIAL, "embassy": SourceKind.GOVERNMENT, "senator": SourceKind.OFFICIAL,
    "hospital": SourceKind.ORGANIZATION, "pentagon": SourceKind.GOVERNMENT, "kremlin": SourceKind.GOVERNMENT,
    "director": SourceKind.OFFICIAL, "analyst": SourceKind.UNNAMED, "researcher": SourceKind.UNNAMED,
    "company": SourceKind.ORGANIZATION, "office": SourceKind.GOVERNMENT, "group": SourceKind.ORGANIZATION,
    "organization": SourceKind.ORGANIZATION, "organisation": SourceKind.ORGANIZATION,
    "observatory": SourceKind.ORGANIZATION, "monitor": SourceKind.ORGANIZATION,
    "committee": SourceKind.ORGANIZATION, "red": SourceKind.ORGANIZATION, "ngo": SourceKind.ORGANIZATION,
    "un": SourceKind.ORGANIZATION, "witness": SourceKind.UNNAMED, "source": SourceKind.UNNAMED,
    "resident": SourceKind.PERSON, "neighbor": SourceKind.PERSON, "neighbour": SourceKind.PERSON,
    "relative": SourceKind.PERSON, "family": SourceKind.PERSON, "friend": SourceKind.PERSON,
}  # fmt: skip
# Heads that name a channel, not a speaker: "said on state television", "in a statement".
CHANNELS = {"television", "tv", "radio", "statement", "interview", "conference", "briefing",
            "post", "tweet", "twitter", "x", "facebook", "telegram", "release", "communique",
            "broadcast", "address", "speech", "video", "message", "website", "channel"}  # fmt: skip

# Wire services: a source with one of these names is a news agency.
NEWS_AGENCIES = {
    "reuters", "associated press", "ap", "afp", "agence france-presse", "agence france presse",
    "xinhua", "tass", "ria novosti", "interfax", "anadolu", "anadolu agency", "efe", "ansa", "dpa",
    "yonhap", "kyodo", "press trust of india", "pti", "upi", "bernama", "irna", "wafa", "sana", "apa",
}  # fmt: skip
