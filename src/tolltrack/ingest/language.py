"""A small, fast, dependency-free guess of whether a text is English.

Two signals, both cheap to compute on the first few thousand words:

* the script: the share of letters outside the Latin alphabet. A text written mostly in
  Cyrillic, Arabic, CJK, ... is not English, and the dominant script names a best guess.
* function words: among Latin-alphabet words, the share that are common English function words
  (plus a few words every casualty report uses), compared with the same share for a handful of
  other European languages. English prose scores 0.3–0.5; other languages score far lower.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 60_000  # enough for a confident guess; keeps long reports cheap


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Common function words per language. A word may appear in several lists; only the
# comparison between the lists' shares matters.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        """
        the of and to a in is was that for on with by at as from it its he she they we you i his her
        their them this these those which who whom whose what when where there been be are were has have
        had not but or an will would could should can may might also than then into over after before
        about because while during since until so no if out up more most some any all other only such
        very just said says according people killed injured wounded dead died police officials reported
        told
        """
    ),
    "es": _words(
        """
        el la los las de del que y en un una por con para es se su sus al lo como más pero fue han ha
        según muertos heridos sobre entre también este esta tras desde
        """
    ),
    "fr": _words(
        """
        le la les des du de et est une un que qui dans pour sur par au aux avec il elle ils ont été
        selon ce cette pas ne se sont morts blessés plus après
        """
    ),
    "de": _words(
        """
        der die das und ist nicht ein eine einen den dem des mit von zu im auf für sich wurde wurden
        sind auch bei nach aus es wie laut getötet verletzt
        """
    ),
    "pt": _words(
        """
        o os as do da dos das em no na um uma que e para com por foram não é segundo mortos feridos pelo
        pela mais foi
        """
    ),
    "it": _words(
        """
        il lo gli le di del della dei che e è un una per con sono stati non nel nella alla secondo morti
        feriti anche questo
        """
    ),
    "nl": _words(
        """
        de het een en van dat op te zijn voor met niet werd werden bij door naar ook volgens aan er maar
        om hij zij doden gewonden
        """
    ),
}

# (first code point, last code point, language guess) for scripts other than Latin.
_SCRIPTS: list[tuple[int, int, str]] = [
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x052F, "ru"),  # Cyrillic: Russian is only the likeliest guess
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0x08A0, 0x08FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0E00, 0x0E7F, "th"),
    (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "ko"),
    (0x3040, 0x30FF, "ja"),
    (0x3400, 0x4DBF, "zh"),
    (0x4E00, 0x9FFF, "zh"),
    (0xAC00, 0xD7AF, "ko"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
]


def _is_latin(cp: int) -> bool:
    return (
        cp < 0x250
        or 0x1E00 <= cp <= 0x1EFF
        or 0x2C60 <= cp <= 0x2C7F
        or 0xA720 <= cp <= 0xA7FF
        or 0xFF21 <= cp <= 0xFF5A
    )


def _script_guess(cp: int) -> str:
    for lo, hi, lang in _SCRIPTS:
        if lo <= cp <= hi:
            return lang
    return "non-en"


def detect_language(text: str) -> str:
    """Guess the language of ``text``.

    Returns ``"en"`` for English; otherwise a best guess: an ISO 639-1 code for a few languages
    recognised by their function words (es, fr, de, pt, it, nl) or by their script (ru for Cyrillic,
    ar, zh, ja, ko, el, he, hi, ...), ``"non-en"`` for other Latin-script text, and ``"und"`` for
    text without letters. Very short Latin-script texts (a headline) count as English unless
    another language's function words clearly dominate.
    """
    sample = text[:_SAMPLE_CHARS]
    latin_words: list[str] = []
    other: dict[str, int] = {}
    n_latin = n_other = 0
    for m in _WORD.finditer(sample):
        word = m.group()
        if all(_is_latin(ord(c)) for c in word):
            latin_words.append(word.lower())
            n_latin += len(word)
        else:
            for c in word:
                cp = ord(c)
                if _is_latin(cp):
                    n_latin += 1
                else:
                    n_other += 1
                    guess = _script_guess(cp)
                    other[guess] = other.get(guess, 0) + 1
    letters = n_latin + n_other
    if letters == 0:
        return "und"
    if n_other / letters > 0.3:
        if other.get("ja") and other.get("zh"):  # Japanese mixes kana with kanji
            return "ja"
        return max(other, key=other.__getitem__)
    return _by_function_words(latin_words)


def _by_function_words(words: list[str]) -> str:
    n = len(words)
    hits = {lang: sum(1 for w in words if w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    en = hits.pop("en")
    best = max(hits, key=hits.__getitem__)
    if n < 6:  # a headline or a fragment: too little evidence to refuse it
        return best if hits[best] >= 2 and hits[best] > en else "en"
    threshold = 0.12 if n >= 20 else 0.08
    if en / n >= threshold and en >= hits[best]:
        return "en"
    if hits[best] / n >= 0.08 and hits[best] > en:
        return best
    return "non-en"
