"""tollwatch: turn conflict reporting into an auditable casualty ledger."""

__version__ = "0.1.0"

from tollwatch.extract import extract, extract_document  # noqa: E402
from tollwatch.models import (  # noqa: E402
    Claim, Count, Document, Location, Perpetrator, Source, TimeSpan, Victims,
)

__all__ = [
    "Claim", "Count", "Document", "Ledger", "Location", "Perpetrator", "Source", "TimeSpan", "Victims",
    "__version__", "extract", "extract_document",
]


def __getattr__(name: str) -> object:
    # The ledger needs SQLAlchemy; load it only for those who use it.
    if name == "Ledger":
        from tollwatch.store import Ledger
        return Ledger
    raise AttributeError(f"module 'tollwatch' has no attribute {name!r}")
