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
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_TERMS = 8


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    stemmer = StemmerFactory().create_stemmer()
    # Sastrawi keeps its ~30,000 root words in a list and scans it on every lookup (about
    # 40 ms a word); a set answers at once.
    dictionary = stemmer.delegatedStemmer.dictionary
    dictionary.words = set(dictionary.words)
    return stemmer


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


@cache
def filler_words() -> frozenset[str]:
    """Words (and stems) of a data request that name no topic: Indonesian stop words
    (Sastrawi's list) and the words almost every request starts with or shares."""
    return frozenset(StopWordRemoverFactory().get_stop_words()) | _REQUEST_FILLERS


_REQUEST_FILLERS = frozenset(
    """data jumlah tahun tahunan th thn angka informasi tabel mohon minta butuh perlu cari
    per menurut tentang mengenai tiap setiap semua seluruh total banyak terbaru terakhir
    kabupaten kab muara enim""".split()  # noqa: SIM905
)


def request_terms(text: str) -> list[QueryTerm]:
    """The words of a data request that name its topic, one per stem, in order: no numbers,
    no filler words, no single letters ("data penduduk dan kelahiran 2024" → penduduk,
    kelahiran)."""
    by_stem: dict[str, QueryTerm] = {}
    for word in words(text):
        if len(word) < 2 or any(char.isdigit() for char in word) or word in filler_words():
            continue
        root = stem(word)
        if root not in filler_words():
            by_stem.setdefault(root, QueryTerm(word, root))
    return list(by_stem.values())
