"""Casualty patterns that do not hang on a trigger word of the lexicon: headline shapes ("4 shot,
one fatally", "Juvenile shot in arm"), people "struck by gunfire", counted victims ("found four
victims"), hospital conditions ("another is in critical condition"), "a double shooting", "a
fatal shooting" and "a murder-suicide"."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.lexicon import FATAL_MODIFIERS
from tolltrack.extract.numbers import count_from_number
from tolltrack.extract.victims import is_age, is_person_like, make_group
from tolltrack.model import Count, CountKind, Outcome, VictimGroup

from .mentions import Mention, build_mention, has_child, shared_subject


def pattern_mentions(tok: Token, resolve_possessive, low: str, lemma: str) -> list[Mention] | None:
    """The mentions a token starts when it is one of the patterns below; None when it is not.
    ``low`` and ``lemma``: the token's lower-case form and lower-case lemma."""
    if low not in _WORDS and lemma not in _LEMMAS:
        return None
    if low in HEADLINE_VERBS and tok.pos_ == "NOUN":
        return _headline_shot(tok, resolve_possessive)
    if lemma in ("hit", "strike", "graze") and tok.pos_ == "VERB":
        if (tok.tag_ != "VBN" and not _by_projectile(tok)) or has_child(tok, ("dobj",)) is not None:
            return _hit_by_fire(tok, resolve_possessive)  # headline "Teen hit by stray bullet" is passive
        return _person_mention(tok, _struck(tok), resolve_possessive)
    if lemma == "treatment" and tok.dep_ == "pobj":  # the dead are taken for treatment too: a casualty
        return _person_mention(tok, _treated(tok), resolve_possessive, Outcome.CASUALTIES)
    if lemma == "treat" and tok.pos_ == "VERB":
        return _person_mention(tok, _treated(tok), resolve_possessive)
    if lemma == "lose" and tok.pos_ == "VERB" and any(c.lemma_.lower() == "life" for c in tok.children):
        return _person_mention(tok, _lost_life(tok), resolve_possessive, Outcome.KILLED)
    if lemma == "pass" and tok.pos_ == "VERB" and has_child(tok, ("prt", "advmod"), {"away"}) is not None:
        subj = has_child(tok, ("nsubj",)) or shared_subject(
            tok
        )  # "was taken off life support and passed away"
        if subj is not None and subj.lower_ in ("who", "that") and tok.dep_ == "relcl":
            subj = tok.head
        return _person_mention(tok, [subj] if subj is not None else [], resolve_possessive, Outcome.KILLED)
    if lemma == "release" and tok.tag_ == "VBN" and _released(tok):  # else a release from custody
        return _person_mention(tok, _released(tok), resolve_possessive)  # (claims.release)
    if lemma == "victim" and tok.pos_ == "NOUN":
        return _victims_of(tok, resolve_possessive)
    if low in MULTIPLES:
        return _multiple(tok)
    if lemma == "condition" and tok.dep_ == "pobj":
        return _person_mention(tok, _in_condition(tok), resolve_possessive)
    if low == "suicide" and any(c.lower_ == "murder" for c in tok.children):  # "a murder-suicide"
        group = VictimGroup(head="people", text="murder-suicide")
        return [
            Mention(tok, Outcome.KILLED, Count(CountKind.AT_LEAST, 2, 2, None, "murder-suicide"), [group], [])
        ]
    if low in ("fatal", "deadly") and tok.dep_ == "amod" and tok.head.lower_.rstrip("s") in FATAL_EVENTS:
        group = VictimGroup(head="people", text=f"{tok.text} {tok.head.text}")
        return [Mention(tok, Outcome.KILLED, Count(CountKind.UNQUANTIFIED), [group], [])]
    return None


def _person_mention(
    tok: Token, vtoks: list[Token], resolve_possessive, outcome: Outcome = Outcome.INJURED
) -> list[Mention]:
    if vtoks and is_person_like(vtoks[0]):
        return [build_mention(tok, outcome, vtoks, resolve_possessive)]
    return []


# headline verbs the tagger reads as nouns ("Four hurt in ...", "6-year-old dies in ..."): their outcome
HEADLINE_VERBS = {"shot": None, "hurt": Outcome.INJURED, "wounded": Outcome.INJURED,
                  "injured": Outcome.INJURED, "dies": Outcome.KILLED, "killed": Outcome.KILLED}  # fmt: skip


def _headline_shot(tok: Token, resolve_possessive) -> list[Mention]:
    """Headline 'N shot' / 'Juvenile shot in arm': the tagger makes 'shot' a noun ('4 shot, one fatally,
    on St. Louis street'; 'Police: 4 shot at house party')."""
    labelled = tok.head.i < tok.i and any(t.text == ":" for t in tok.doc[tok.head.i : tok.i])
    if tok.dep_ not in ("ROOT", "appos") and not labelled:  # "Atlanta News: 4 shot in northwest"
        return []
    # "Two shot dead", "shot to death", "Teen fatally shot", "17-year-old shot, killed inside house"
    own = [t for c in tok.children if not _counted_apart(c) for t in c.subtree]  # not "4 shot, 1 dead"
    dead = any(c.lower_ in ("dead", "death") for c in own) or any(
        (c.dep_ == "advmod" and c.lower_ in FATAL_MODIFIERS and c.i < tok.i)  # not "9 shot, 1 fatally"
        or (c.dep_ in ("conj", "appos") and c.lemma_.lower() in ("kill", "die"))
        for c in tok.children
    )
    outcome = HEADLINE_VERBS.get(tok.lower_) or (Outcome.KILLED if dead else Outcome.INJURED)
    num = has_child(tok, ("nummod",))
    # "Broken Arrow teen shot": the noun just before
    compound = [c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1]
    subj = has_child(tok, ("nsubj",)) or (compound[0] if compound else None)
    age = next((c for c in tok.children if c.dep_ == "amod" and is_age(c)), None)
    if num is not None and num.ent_type_ not in ("DATE", "TIME", "MONEY", "ORDINAL"):
        group = VictimGroup(head="people", text=f"{num.text} {tok.text}")
        out = [Mention(tok, outcome, count_from_number(num), [group], [num])]
    elif subj is not None and tok.dep_ != "appos" and is_person_like(subj):
        return [build_mention(tok, outcome, [subj], resolve_possessive)]
    elif age is not None and tok.dep_ != "appos":  # "3-year-old shot in South Toledo"
        return [build_mention(tok, outcome, [age], resolve_possessive)]
    else:
        return []
    for c in tok.children:
        fatal = any(g.lower_ in FATAL_MODIFIERS for g in c.children)
        if c.dep_ in ("appos", "conj", "npadvmod") and c.like_num and fatal:
            killed = VictimGroup(head="people", text=f"{c.text} fatally")
            out.append(Mention(tok, Outcome.KILLED, count_from_number(c), [killed], [c]))
    return out


def _counted_apart(tok: Token) -> bool:
    """A phrase beside a headline's 'N shot' with a number of its own: 'one dead', '1 fatally'."""
    return tok.dep_ in ("conj", "appos", "npadvmod", "dep") and any(t.like_num for t in tok.subtree)


def _by_projectile(tok: Token) -> bool:
    """'by a stray bullet', parsed as an agent or as a plain preposition."""
    return any(
        c.dep_ in ("agent", "prep")
        and c.lower_ == "by"
        and any(g.lemma_.lower() in PROJECTILES for g in c.children)
        for c in tok.children
    )


def _struck(tok: Token) -> list[Token]:
    """'was hit by a stray bullet', 'struck by gunfire', 'grazed by a bullet': a person shot."""
    subj = has_child(tok, ("nsubjpass",))
    agent = _by_projectile(tok)
    if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":  # headline "Girl, 7, grazed by bullet"
        subj = tok.head
    if subj is None and agent:  # headline "3-year-old grazed by stray bullet" read as active
        subj = has_child(tok, ("nsubj",))
    if subj is None or (tok.tag_ != "VBN" and not agent):
        return []
    if subj.lower_ in ("who", "that") and tok.dep_ == "relcl":
        subj = tok.head  # "four victims who had been struck by gunfire"
    if tok.lemma_.lower() == "graze":  # "was grazed in the thigh": only bullets graze people
        return [subj]
    for prep in tok.children:
        by = prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "in", "with")
        if by and any(g.lemma_.lower() in PROJECTILES for g in prep.children):
            return [subj]
    head = tok.head if tok.dep_ == "conj" else None  # "someone fired shots and four people were hit"
    fired = head is not None and head.lemma_.lower() in FIRING_VERBS - {"hit", "strike", "go", "pull", "open"}
    if fired and not any(c.dep_ in ("agent", "prep") and c.lower_ == "by" for c in tok.children):
        return [subj]
    for prep in tok.children:  # "was struck in the leg", unless something else struck ("by a car")
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by"):
            return []
    if any(
        p.lower_ == "in" and any(g.lemma_.lower() in BODY_PARTS for g in p.children) for p in tok.children
    ):
        return [subj]
    return []


PROJECTILES = {"bullet", "gunfire", "round", "shot", "gunshot", "shrapnel", "pellet", "buckshot", "fire"}
BODY_PARTS = {
    "head", "face", "neck", "chest", "back", "arm", "leg", "hand", "foot", "feet", "shoulder", "hip",
    "thigh", "knee", "ankle", "abdomen", "stomach", "torso", "side", "buttock", "buttocks", "groin",
    "wrist", "elbow", "finger", "toe", "jaw", "cheek", "eye", "ear", "mouth", "lung", "heart", "calf",
    "shin", "forearm", "extremity", "extremities", "body", "upper", "lower", "spine", "pelvis", "rear",
}  # fmt: skip


HIT_MODIFIERS = {"gunshot", "shooting", "stabbing"}


def _victims_of(tok: Token, resolve_possessive) -> list[Mention]:
    """'two gunshot victims', 'the shooting victims': people shot (or stabbed), counted; 'found four
    victims': casualties of the event, counted, outcome unknown."""
    mod = next(
        (c for c in tok.children if c.dep_ in ("compound", "amod") and c.lower_ in HIT_MODIFIERS), None
    )
    group, count = make_group(tok, resolve_possessive)
    if mod is None:
        numbered = any(t.like_num for t in tok.subtree if t.i < tok.i)  # "four victims", not "the victim"
        if count is None or not numbered or count.kind is CountKind.VAGUE or tok.dep_ == "compound":
            return []
        return [Mention(tok, Outcome.CASUALTIES, count, [group], [tok])]
    count = count or Count(CountKind.UNQUANTIFIED)
    anaphoric = count.kind is CountKind.UNQUANTIFIED
    return [Mention(mod, Outcome.INJURED, count, [group], [tok], anaphoric=anaphoric)]


HOSPITAL_CONDITIONS = {"critical", "serious", "stable", "fair", "grave", "guarded", "good", "satisfactory"}


def _in_condition(tok: Token) -> list[Token]:
    """'another is in critical condition', 'was listed in stable condition', 'listed the man in fair
    condition': a wounded person."""
    if tok.head.lower_ != "in" or not any(c.lower_ in HOSPITAL_CONDITIONS for c in tok.children):
        return []
    verb = tok.head.head
    obj = has_child(verb, ("dobj",))
    if obj is not None and is_person_like(obj):
        return [obj]
    subj = has_child(verb, ("nsubj", "nsubjpass")) or shared_subject(verb)
    if subj is not None and subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subj = verb.head
    return [subj] if subj is not None else []


FATAL_EVENTS = {"shooting", "stabbing", "attack", "crash", "fire", "explosion", "blast", "collision",
                "accident", "assault", "ambush", "raid", "strike", "bombing", "rampage"}  # fmt: skip
MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
MULTIPLE_EVENTS = {
    "shooting": Outcome.INJURED,
    "stabbing": Outcome.INJURED,
    "homicide": Outcome.KILLED,
    "murder": Outcome.KILLED,
    "killing": Outcome.KILLED,
    "slaying": Outcome.KILLED,
}


def _multiple(tok: Token) -> list[Mention]:
    """'a double shooting' (two people shot), 'a triple homicide' (three killed)."""
    n = MULTIPLES.get(tok.lower_)
    event = tok.head
    outcome = MULTIPLE_EVENTS.get(event.lower_.rstrip("s")) if tok.dep_ in ("amod", "compound") else None
    if n is None or outcome is None:
        return []
    group = VictimGroup(head="people", text=f"{tok.text} {event.text}")
    return [Mention(event, outcome, Count(CountKind.EXACT, n, n, n, tok.text), [group], [tok])]


FIRING_VERBS = {"fire", "shoot", "discharge", "open", "spray", "unload", "empty", "go", "ricochet", "pull",
                "squeeze", "hit", "strike"}  # fmt: skip
WEAPONS = PROJECTILES | {"gun", "weapon", "handgun", "pistol", "rifle", "shotgun", "firearm", "revolver"}


def _hit_by_fire(tok: Token, resolve_possessive) -> list[Mention]:
    """'opened fire, striking the man and the child', 'the gun went off, striking the girl', 'a bullet hit
    him in the leg': people hit by gunfire; whether they lived, the report says elsewhere (a casualty)."""
    obj = has_child(tok, ("dobj",))
    if obj is None or not is_person_like(obj) or obj.lower_ in ("himself", "herself", "themselves"):
        return []
    subj = has_child(tok, ("nsubj",))
    fired = subj is not None and subj.lemma_.lower() in WEAPONS
    cur = tok
    for _ in range(2):  # "fired shots, hitting him": the participle hangs on the firing verb
        if cur.dep_ not in ("advcl", "conj", "xcomp", "pcomp") or cur.head is cur:
            break
        cur = cur.head
        fired = fired or (cur.lemma_.lower() in FIRING_VERBS and cur is not tok)
    if not fired:
        return []
    m = build_mention(tok, Outcome.CASUALTIES, [obj], resolve_possessive)
    return [m]


WOUNDS = {"wound", "injury", "gunshot", "laceration", "graze", "trauma", "bullet"}


def _treated(tok: Token) -> list[Token]:
    """'was treated and released', 'taken to a hospital for treatment': a person who was hurt."""
    if tok.pos_ == "VERB":
        if has_child(tok, ("auxpass",)) is None and tok.dep_ != "conj":
            return []
        if has_child(tok, ("advmod",), {"how", "well", "badly", "fairly", "harshly", "humanely"}) is not None:
            return []  # "how he is treated", "was treated badly": a manner, not a medical treatment
        for prep in tok.children:  # "treated for shock", "for smoke inhalation": not hurt by the attack
            wounds = any(g.lemma_.lower() in WOUNDS for g in prep.children)
            if prep.dep_ == "prep" and prep.lower_ == "for" and not wounds:
                return []
        for dep in ("nsubjpass", "nsubj"):
            subj = has_child(tok, (dep,))
            if subj is not None:
                return [subj] if is_person_like(subj) else []
        subj = shared_subject(tok)
        return [subj] if subj is not None and is_person_like(subj) else []
    if tok.head.lower_ != "for":
        return []
    verb = tok.head.head
    while verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "pobj":  # "taken to Mercy Hospital for treatment"
        verb = verb.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in (
        "take",
        "transport",
        "rush",
        "bring",
        "airlift",
        "fly",
        "hospitalize",
        "hospitalise",
        "admit",
    ):
        return []
    subj = has_child(verb, ("nsubjpass",)) or has_child(verb, ("dobj",)) or shared_subject(verb)
    return [subj] if subj is not None else []


def _released(tok: Token) -> list[Token]:
    """'was taken to a hospital and released', 'released from the hospital': a person who was hurt."""
    clause = tok.head if tok.dep_ == "conj" else tok
    if not any(t.lemma_.lower() == "hospital" for t in clause.subtree):
        return []
    subj = has_child(tok, ("nsubjpass",)) or shared_subject(tok)
    return [subj] if subj is not None else []


def _lost_life(tok: Token) -> list[Token]:
    """'two people lost their lives', 'the officers who lost their lives': people killed."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in tok.children):
        return []
    subj = has_child(tok, ("nsubj",)) or shared_subject(tok)
    if subj is not None and subj.lower_ in ("who", "that") and tok.dep_ == "relcl":
        subj = tok.head
    return [subj] if subj is not None else []


# every word (lower case) and lemma one of the patterns of pattern_mentions starts from
_WORDS = frozenset({"suicide", "fatal", "deadly", *HEADLINE_VERBS, *MULTIPLES})
_LEMMAS = frozenset({"hit", "strike", "graze", "treatment", "treat", "lose", "pass", "release", "victim",
                     "condition"})  # fmt: skip
