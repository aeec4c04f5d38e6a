"""Errors raised by tollwatch. Every message names the input and says what to do.

    TollwatchError
    └── InputError          one input could not be read (the rest of a batch goes on)
        ├── UnreadableInput     missing, binary, empty, too large, not UTF-8
        ├── MalformedRecord     a JSONL line that is not a valid document
        ├── FetchError          a URL that could not be fetched
        └── ConflictingRecord   a document whose id is already stored with other text
    └── StoreError          the ledger database could not be opened or written
"""

from __future__ import annotations


class TollwatchError(Exception):
    """Base class for every error tollwatch raises on purpose."""


class InputError(TollwatchError):
    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin


class UnreadableInput(InputError):
    pass


class MalformedRecord(InputError):
    pass


class FetchError(InputError):
    pass


class ConflictingRecord(InputError):
    pass


class StoreError(TollwatchError):
    """The database could not be opened or written; the message names it."""
