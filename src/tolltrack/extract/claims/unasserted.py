"""Casualty words that assert no harm done, read from the parse:

- a purpose or an order: 'the plot to kidnap the governor', 'a plan hatched at a meeting to arrest
  him', 'they cannot buy arms to shoot people', 'ordered the troops to kill protesters', 'a law that
  allows the army to arrest journalists';
- a generic class of victims with no figure: 'a reputation for arresting critics', 'they make their
  money by kidnapping people', 'arbitrary detentions of journalists and activists';
- a counterfactual: 'had he been detained, he would have been the latest victim';
- a stay in hospital for an illness: 'was hospitalized for abdominal pain';
- a custody told only inside a release demanded: 'must release all journalists imprisoned for their
  work', 'called for the release of all activists who remain in detention';
- an event noun of a class of people, not made one event by a date, place or figure: 'the sweeping
  arrests of demonstrators are an assault on rights', 'police activity such as the detention of
  dissidents' (a killing only as the subject of what is said of it: 'convicted of the murder of police
  officers' tells deaths);
- deaths put down to a disease: 'the outbreak that has killed 3,000 people'.

The annotation rules leave all of these out (generic or habitual statements, plans, threats,
hypotheticals, event nouns with no victims stated, disease). A habit told by its frequency ('four
miners were killed every week') is not dropped here: ``told_as_rate`` marks it a rate, kept as a
background claim (``extract.scope.RATE``) that the ledger shows apart from an incident's figures."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tolltrack.model import CountKind, Outcome

from .mentions import Mention, has_child
from .nouns import DEMANDS

# Verbs whose infinitive complement is ordered, allowed or urged, not done: "ordered them to kill".
ORDERS = {"order", "allow", "permit", "authorize", "authorise", "tell", "instruct", "urge", "encourage",
          "empower", "command", "direct", "ask", "incite", "license", "call", "enable"}  # fmt: skip
TIME_UNITS = {"day", "week", "month", "year", "night", "hour", "minute", "weekend", "fortnight"}
FREQUENCY = {"every", "each", "per"}
# Prepositions before a gerund that tell a means, a reason or a charge: "by kidnapping people".
GERUND_PREPS = {"by", "for", "of", "against", "from"}
PLANS = {"plot", "plan", "scheme", "conspiracy", "attempt", "bid", "threat", "ploy"}
MODALS = {"can", "ca", "cannot", "could", "would", "might", "may", "will", "wo", "not", "n't", "never"}
ILLNESS = re.compile(
    r"\b(?:pain|appendicitis|ill|illness|sick|sickness|fever|diabetes|hypertension|kidney|liver|cancer|"
    r"covid|coronavirus|virus|stroke|heart|pneumonia|asthma|hunger strike|lockdown|disease)\b",
    re.IGNORECASE,
)
DISEASE = re.compile(
    r"\b(?:covid|coronavirus|virus|pandemic|epidemic|outbreak|disease|illness|cancer|stroke|infection|ebola|"
    r"cholera|malaria|tuberculosis|measles|flu|influenza)",
    re.IGNORECASE,
)
HOSPITAL_WORDS = {"hospitalize", "hospitalise", "hospitalised", "hospitalized", "treat", "condition", "admit"}


def unasserted(m: Mention) -> bool:
    """The mention asserts no casualty: a purpose, an order, a generic class, a counterfactual, an
    illness or a disease, a release demanded."""
    tok = _clause_head(m.trigger)
    return (
        _purpose_or_order(tok)
        or _counterfactual(tok)
        or _generic(m, tok)
        or _class_event(m)
        or _illness(m)
        or _disease_agent(m)
        or _demanded(m)
    )


def _clause_head(tok: Token) -> Token:
    """The first of coordinated words: 'intimidating and arresting' → 'intimidating'."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _infinitive(tok: Token) -> bool:
    """'to kill', 'to be arrested'; not the perfect 'to have killed' (told as done)."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return tok.pos_ in ("VERB", "AUX") and "to" in aux and "have" not in aux


def _purpose_or_order(tok: Token) -> bool:
    if not _infinitive(tok):
        return False
    if tok.dep_ in ("xcomp", "ccomp"):  # "ordered the police to kill", "allows the army to arrest"
        return tok.head.lemma_.lower() in ORDERS
    if tok.dep_ not in ("advcl", "relcl"):
        return False
    if any(a.lemma_.lower() in PLANS for a in tok.ancestors):  # "a plan drawn up at a dinner to arrest her"
        return True
    head = tok.head  # the purpose of a plan or of what cannot be done: "the plot to kidnap the governor",
    # "a plan hatched at a meeting to arrest him", "cannot buy arms to shoot people"; not the purpose of
    # a deed told as done: "sent soldiers into the towns to arrest civilians"
    if any(c.dep_ in ("aux", "neg") and c.lower_ in MODALS for c in head.children):
        return True
    return any(t.lemma_.lower() in PLANS and t.i < tok.i for t in head.subtree)


def _counterfactual(tok: Token) -> bool:
    """'Had he been detained, ...', 'Were they arrested, ...': an inverted auxiliary opens a condition."""
    if tok.dep_ != "advcl" or has_child(tok, ("mark",)) is not None:
        return False
    subj = has_child(tok, ("nsubj", "nsubjpass"))
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")]
    return subj is not None and any(a.i < subj.i for a in aux)


def _bare_plural(tok: Token) -> bool:
    """'journalists', 'government critics', 'LGBTQI+ people': a class, with no article, number or owner."""
    if tok.tag_ not in ("NNS", "NNPS") or tok.lower_ in ("they", "them"):
        return False
    return not any(c.dep_ in ("det", "nummod", "poss", "quantmod", "predet") for c in tok.children)


def _generic(m: Mention, tok: Token) -> bool:
    if m.count.kind is not CountKind.UNQUANTIFIED or not m.victim_tokens:
        return False
    if not all(_bare_plural(v) for v in m.victim_tokens):
        return False
    if m.trigger.pos_ == "NOUN" and m.trigger.tag_ == "NNS":  # "arbitrary detentions of journalists"
        first = m.victim_tokens[0]
        of_victims = first.dep_ == "pobj" and first.head.lower_ == "of"
        chain = [m.trigger] if m.trigger.i == tok.i else [m.trigger, tok]  # "the killings and arrests of"
        return of_victims and not any(c.dep_ in ("det", "poss", "nummod") for t in chain for c in t.children)
    if m.trigger.tag_ == "VBG" and tok.tag_ == "VBG" and tok.dep_ == "pcomp":  # "by kidnapping people",
        return tok.head.lower_ in GERUND_PREPS  # "for intimidating and arresting critics"
    return False


ANCHORS = {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "LAW", "EVENT"}
# Verbs that tie an event to another told as done: "the raid resulted in the arrests of students".
SEQUELS = {"result", "lead", "cause", "follow", "trigger", "spark", "prompt", "precede"}


def _class_event(m: Mention) -> bool:
    """'The sweeping arrests of pro-democracy demonstrators are an assault on rights', 'the kidnapping of
    foreign nationals is one aspect of the crisis', 'activity such as the detention of dissidents': an
    event noun of a class of people with nothing that makes it one event (no date, place or figure); not
    'the arrests of students on Monday drew protests', 'the arrest of journalists in Minsk', 'arrests of
    reporters under Section 505', nor one another event led to ('resulted in the arrests of ministers').
    A killing of such a class tells deaths unless it is the subject of what is said of it: 'convicted of
    the murder of police officers' is a claim, 'the killing of reporters is a stain on the country' is
    not."""
    trig = m.trigger
    if m.count.kind is not CountKind.UNQUANTIFIED or trig.pos_ != "NOUN" or not m.victim_tokens:
        return False
    head = _clause_head(trig)
    if m.outcome is Outcome.KILLED and head.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        return False  # "convicted of the murder of police officers" tells deaths
    verb = head.head.head if head.dep_ == "pobj" else head.head
    if head.dep_ in ("dobj", "pobj", "nsubj") and verb.lemma_.lower() in SEQUELS:
        return False  # "resulted in the arrests of ministers", "the arrests of students followed the raid"
    if not all(_bare_plural(v) for v in m.victim_tokens):
        return False
    first = m.victim_tokens[0]
    if not (first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.i == trig.i):
        return False
    if any(c.dep_ in ("poss", "nummod") for c in trig.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ != "of" for c in trig.children):
        return False  # "the arrests of students on Monday", "at the rally"
    return not any(t.ent_type_ in ANCHORS for t in trig.subtree)


def _illness(m: Mention) -> bool:
    if m.outcome is not Outcome.INJURED or m.trigger.lemma_.lower() not in HOSPITAL_WORDS:
        return False
    return ILLNESS.search(m.trigger.sent.text) is not None


NUMBERLESS = (CountKind.UNQUANTIFIED, CountKind.VAGUE)
RELEASES = {"release", "free", "return", "freedom"}
DEMAND_AUX = {"must", "should", "ought", "need"}
APPEALS = DEMANDS | {"effort", "plea", "measure", "step", "agitation", "call", "appeal", "demand"}


def _demanded(m: Mention) -> bool:
    """People with no name or figure told held only in a modifier of those a release is demanded for:
    'must release all journalists imprisoned for their work', 'called for the release of activists who
    remain in detention'; not 'the court released all students detained at the rally' (told as done),
    not 'called for the release of Ann Cole, who was arrested on Monday' (a named person's arrest), nor
    the release's own claim (claims.release)."""
    if not m.victim_tokens or m.trigger.lemma_.lower() in RELEASES or m.count.kind not in NUMBERLESS:
        return False
    victim, trig = m.victim_tokens[0], m.trigger
    if victim.i == trig.i or victim.pos_ == "PROPN" or any(v.pos_ == "PROPN" for v in victim.subtree):
        return False
    subj = has_child(trig, ("nsubj", "nsubjpass"))
    if trig.dep_ in ("ccomp", "xcomp", "oprd") and subj is not None and subj.i == victim.i:
        release = trig.head  # "release all journalists imprisoned ...", parsed as a clause
    elif victim in trig.ancestors:  # the custody told in a modifier of the people
        release = victim.head.head if victim.dep_ == "pobj" and victim.head.lower_ == "of" else victim.head
        if victim.dep_ not in ("dobj", "nsubjpass", "pobj"):
            return False
    else:
        return False
    if release.lemma_.lower() not in RELEASES:
        return False
    head = _clause_head(release)
    if release.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in DEMAND_AUX for c in head.children):
        return True  # "must release", "should be released"
    if head.dep_ == "ROOT" and head.i == head.sent.start and has_child(head, ("nsubj",)) is None:
        return True  # an imperative: "Free all students detained at the rally"
    return any(a.lemma_.lower() in APPEALS for a in list(release.ancestors)[:4])


def _disease_agent(m: Mention) -> bool:
    """'the coronavirus outbreak that has killed more than 3,000 people', 'the virus killed 20 inmates':
    deaths the text puts down to a disease (not 'gunmen killed a nurse at the Covid ward')."""
    if m.outcome is not Outcome.KILLED or m.trigger.pos_ != "VERB":
        return False
    agent = has_child(m.trigger, ("nsubj",))
    if agent is not None and agent.lower_ in ("that", "which") and m.trigger.dep_ == "relcl":
        agent = m.trigger.head  # "the outbreak that has killed ...": the noun the clause hangs on
    if agent is None:
        by = has_child(m.trigger, ("agent",))
        agent = has_child(by, ("pobj",)) if by is not None else None
    if agent is None:
        return False
    phrase = agent.doc[agent.left_edge.i : agent.i + 1].text  # the phrase up to its head
    return DISEASE.search(phrase) is not None


def told_as_rate(trigger: Token) -> bool:
    """'is killed every week', 'gets killed every single day': a frequency on the trigger's verb (not
    elsewhere in the sentence: 'costs millions each year to imprison 166 people')."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    units = (c for c in verb.children if c.lemma_.lower() in TIME_UNITS)
    return any(g.lower_ in FREQUENCY for c in units for g in c.children)
