"""Exact and near-duplicate copies among articles (wire copy republished), found with MinHash.

Each article's body is folded (lower case, words only) and cut into
overlapping word shingles of :data:`SHINGLE` words; a MinHash of
:data:`PERMUTATIONS` permutations (datasketch) estimates the Jaccard
similarity of two shingle sets, and an LSH index finds the candidate pairs
without comparing every pair. Candidates are confirmed with the exact Jaccard
similarity of the shingle sets; pairs at or above :data:`NEAR_DUPLICATE`
are copies. A copy group's original is its first path (sorted); the others are
listed as its copies, so a story counts the group as one source.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

SHINGLE = 5
PERMUTATIONS = 128
NEAR_DUPLICATE = 0.8
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word shingles of ``text`` once folded; a short text is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """|a & b| / |a | b| (0 for two empty sets)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def find_copies(texts: dict[str, str], threshold: float = NEAR_DUPLICATE) -> dict[str, list[str]]:
    """Copy groups of ``texts`` (path -> body): original path -> sorted paths of its copies.

    Only groups with at least one copy are returned. ``threshold`` is the
    shingle Jaccard similarity at or above which two articles are copies.
    """
    sets = {p: shingles(t) for p, t in texts.items()}
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=PERMUTATIONS)
    hashes = {}
    for p in sorted(sets):
        if not sets[p]:
            continue
        m = MinHash(num_perm=PERMUTATIONS)
        m.update_batch(s.encode("utf-8") for s in sets[p])
        hashes[p] = m
        lsh.insert(p, m)
    parent = {p: p for p in hashes}

    def find(p: str) -> str:
        while parent[p] != p:
            p = parent[p]
        return p

    for p, m in hashes.items():
        for q in lsh.query(m):
            if q != p and jaccard(sets[p], sets[q]) >= threshold:
                a, b = find(p), find(q)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for p in sorted(hashes):
        groups.setdefault(find(p), []).append(p)
    return {root: members[1:] for root, members in groups.items() if len(members) > 1}
