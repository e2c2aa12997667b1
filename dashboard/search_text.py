"""Text for the full-text indexes: Indonesian words folded (case, accents) and stemmed, so that
a search for ``penduduk`` finds *Kependudukan* (both stem to ``duduk``).

Both databases index the same prepared text (SQLite FTS5, PostgreSQL ``tsvector`` with the
``simple`` configuration), so a search ranks alike on either.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_TERMS = 8


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    return StemmerFactory().create_stemmer()


def fold(text: str) -> str:
    """Lower case without accents: 'Kecamatan Lawang Kidul' → 'kecamatan lawang kidul'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@cache
def stem(word: str) -> str:
    return _stemmer().stem(word) or word


def index_text(text: str | None) -> str:
    """The text stored for indexing: every word, followed by its stem when that differs."""
    tokens: list[str] = []
    for word in words(text or ""):
        tokens.append(word)
        root = stem(word)
        if root != word:
            tokens.append(root)
    return " ".join(tokens)


@dataclass(frozen=True)
class QueryTerm:
    """One word of a search: matched as its stem, or as a prefix of the word typed (the last
    word is usually still being typed)."""

    word: str
    stem: str


def query_terms(text: str) -> list[QueryTerm]:
    return [QueryTerm(word, stem(word)) for word in words(text)[:MAX_QUERY_TERMS]]
