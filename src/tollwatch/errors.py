"""Errors raised by tollwatch. Every message names the input and says what to do.

    TollwatchError
    ├── InputError          one input could not be read or stored (the rest of a batch goes on)
    │   ├── UnreadableInput     missing, binary, empty, too large, not UTF-8 or UTF-16
    │   ├── MalformedRecord     a JSONL line that is not a valid document
    │   │   └── EmptyRecord         a JSONL line with no report text: skipped with a notice, not a failure
    │   ├── FetchError          a URL that could not be fetched
    │   ├── ConflictingRecord   a document whose id is already stored with other text
    │   ├── NotStored           a document the ledger could not take: a figure too large, a full disk
    │   └── ExtractionFailed    a document extraction failed on: a bug, reported for that document alone
    ├── InvalidValue        an argument tollwatch cannot use: a date, a format (also a ValueError)
    │   └── ConfigError         a TOLLWATCH_CONFIG file that is missing or holds an entry it cannot use
    ├── StoreError          the ledger database could not be opened or written
    │   ├── ReadOnlyLedger      a write to a ledger opened read-only, or on a read-only file or disk
    │   └── OutdatedLedger      a ledger older than this tollwatch, opened read-only so not upgraded
    └── RequestError        a web request the server refuses; `status` is its HTTP status
        ├── InvalidParameter    a query parameter or form field that is malformed or out of range (422)
        ├── NotFound            no stored document, claim, tally or incident, or known place, by that name (404)
        ├── Unauthorized        no login or token where one is needed, or a wrong one (401)
        ├── Forbidden           a login or token whose role does not allow this (403)
        ├── CrossSiteRequest    a write from another site, or a form without its CSRF token (403)
        ├── UnknownHost         a Host header the server is not served as: DNS rebinding (400)
        └── BodyTooLarge        a request body over the server's cap (413)
"""

from __future__ import annotations


class TollwatchError(Exception):
    """Base class for every error tollwatch raises on purpose."""


class InputError(TollwatchError):
    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return type(self), (self.origin, self.message)  # so a worker process can hand one back


class UnreadableInput(InputError):
    pass


class MalformedRecord(InputError):
    pass


class EmptyRecord(MalformedRecord):
    """A dump's record with an empty text holds no report: nothing is lost by skipping it, so a
    batch that skips one still exits 0 (crawled dumps carry many)."""


class FetchError(InputError):
    pass


class ConflictingRecord(InputError):
    pass


class NotStored(InputError):
    """Read and extracted, but not written: the message says why (the document, or the database)."""


class ExtractionFailed(InputError):
    """A document that made extraction fail: a bug in tollwatch, reported for that document alone so
    the rest of the batch goes on."""

    def __init__(self, origin: str, error: Exception) -> None:
        super().__init__(origin, f"extraction failed ({type(error).__name__}: {error}); this is a bug in "
                                 "tollwatch: please report it with this document")


class InvalidValue(TollwatchError, ValueError):
    """A value passed to the library or the command line that it cannot use. A ValueError too,
    so callers that caught the ValueError raised before keep working; the CLI exits 2."""


class ConfigError(InvalidValue):
    """The normalisation file is missing or wrong: the message names the file and the field."""


class StoreError(TollwatchError):
    """The database could not be opened or written; the message names it."""


class ReadOnlyLedger(StoreError):
    pass


class OutdatedLedger(StoreError):
    pass


class RequestError(TollwatchError):
    """What a web client asked for cannot be done; the message says what to send instead."""

    status = 400


class InvalidParameter(RequestError):
    status = 422


class NotFound(RequestError):
    status = 404


class Unauthorized(RequestError):
    status = 401


class Forbidden(RequestError):
    status = 403


class CrossSiteRequest(RequestError):
    status = 403


class UnknownHost(RequestError):
    status = 400


class BodyTooLarge(RequestError):
    status = 413
