"""tollwatch: turn conflict reporting into an auditable casualty ledger."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())  # a library never configures logging

from tollwatch.extract import extract, extract_document, extract_events  # noqa: E402
from tollwatch.models import (  # noqa: E402
    Bounds, Claim, Count, Document, Event, Location, Perpetrator, Source, TimeSpan, Victims,
)

__all__ = [
    "Bounds", "Claim", "Count", "Document", "Event", "Incident", "Ledger", "Location", "Perpetrator", "Query", "Reconciliation",
    "Source", "Tally", "TimeSpan", "Victims", "__version__", "extract", "extract_document", "extract_events", "reconcile",
]

_LAZY = {"Ledger": "tollwatch.ledger", "reconcile": "tollwatch.reconcile", "Query": "tollwatch.reconcile",
         "Reconciliation": "tollwatch.reconcile", "Tally": "tollwatch.reconcile", "Incident": "tollwatch.reconcile"}


def __getattr__(name: str) -> object:
    # The ledger needs SQLAlchemy, reconciling the gazetteer: load them only for those who use them.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tollwatch' has no attribute {name!r}")
