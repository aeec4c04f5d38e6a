"""Recognising the same story twice.

Exact copies share a content hash. Near-copies (one wire story on several sites, each with its
own headline, byline and footer) are found with MinHash over word 5-shingles and banded
locality-sensitive hashing: 16 bands of 8 rows catch pairs whose Jaccard similarity is above
about 0.7 with high probability, and each candidate is confirmed on the estimated similarity.
Band keys are plain integers, so the LSH index lives in the database beside the documents
and needs no memory-resident structure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 16, 8
THRESHOLD = 0.7
SHINGLE = 5
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Signature:
    hashvalues: np.ndarray  # NUM_PERM unsigned 64-bit minima

    @classmethod
    def of(cls, text: str) -> Signature:
        from datasketch import MinHash

        words = _WORD.findall(text.lower())
        shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
        return cls(minhash.hashvalues.astype(np.uint64))

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype=np.uint64))

    def to_bytes(self) -> bytes:
        return self.hashvalues.tobytes()

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band, to store in an indexed integer column."""
        return [int.from_bytes(hashlib.blake2b(self.hashvalues[b * ROWS:(b + 1) * ROWS].tobytes(),
                                               digest_size=8).digest(), "big", signed=True)
                for b in range(BANDS)]

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM
