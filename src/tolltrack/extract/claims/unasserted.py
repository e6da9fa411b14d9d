"""Casualty words that assert no harm done, read from the parse:

- a purpose or an order: 'the plot to kidnap the governor', 'a plan hatched at a meeting to arrest
  him', 'they cannot buy arms to shoot people', 'ordered the troops to kill protesters', 'a law that
  allows the army to arrest journalists';
- a generic class of victims with no figure: 'a reputation for arresting critics', 'they make their
  money by kidnapping people', 'arbitrary detentions of journalists and activists';
- a counterfactual: 'had he been detained, he would have been the latest victim';
- a stay in hospital for an illness: 'was hospitalized for abdominal pain'.

The annotation rules leave all of these out (generic or habitual statements, plans, threats,
hypotheticals, event nouns with no victims stated, disease). A habit told by its frequency ('four
miners were killed every week') is not dropped here: ``told_as_rate`` marks it a rate, kept as a
background claim (``extract.scope.RATE``) that the ledger shows apart from an incident's figures."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tolltrack.model import CountKind, Outcome

from .mentions import Mention, has_child

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
HOSPITAL_WORDS = {"hospitalize", "hospitalise", "hospitalised", "hospitalized", "treat", "condition", "admit"}


def unasserted(m: Mention) -> bool:
    """The mention asserts no casualty: a purpose, an order, a generic class, a counterfactual or an
    illness."""
    tok = _clause_head(m.trigger)
    return _purpose_or_order(tok) or _counterfactual(tok) or _generic(m, tok) or _illness(m)


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


def _illness(m: Mention) -> bool:
    if m.outcome is not Outcome.INJURED or m.trigger.lemma_.lower() not in HOSPITAL_WORDS:
        return False
    return ILLNESS.search(m.trigger.sent.text) is not None


def told_as_rate(trigger: Token) -> bool:
    """'is killed every week', 'gets killed every single day': a frequency on the trigger's verb (not
    elsewhere in the sentence: 'costs millions each year to imprison 166 people')."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    units = (c for c in verb.children if c.lemma_.lower() in TIME_UNITS)
    return any(g.lower_ in FREQUENCY for c in units for g in c.children)
