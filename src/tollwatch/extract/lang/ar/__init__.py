"""The Arabic pack: script folding with a shift map (script.py), words (lexicon.py), number
phrases (numbers.py), sources, places and times (context.py), and the rules that assemble
claims (claims.py). See docs/extraction.md, "Arabic"."""

from tollwatch.extract.lang.ar.claims import RULESET, extract_claims

__all__ = ["RULESET", "extract_claims"]
