"""Publication dates: accept what people and feeds write, keep an ISO date."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser

from tollwatch.errors import InvalidValue

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_published(value: str | date | None) -> date | None:
    """'2025-03-08', '2025-03-08T10:00:00Z', 'March 8, 2025', 'Sat, 08 Mar 2025 10:00:00 GMT' -> date.

    Raises InvalidValue (a ValueError) with a message naming the value when it is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:  # the common 'YYYY-MM-DD', without dateutil's general parser (a tenth of a millisecond)
            return date.fromisoformat(value)
        except ValueError:
            pass
    try:
        return dateparser.parse(str(value), fuzzy=False).date()
    except (ValueError, OverflowError, TypeError) as e:
        raise InvalidValue(f"not a date: {value!r} (write it as YYYY-MM-DD)") from e
