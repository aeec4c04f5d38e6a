"""Export layouts: which rows an export holds and in which columns.

tollwatch ships three (`native`, `acled`, `ucdp`). A package adds its own without forking by
declaring an entry point in the group `tollwatch.layouts` that names a `Layout`:

    [project.entry-points."tollwatch.layouts"]
    gdelt = "my_package.layouts:GDELT"

or, from Python, with `register(Layout(...))`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

from tollwatch.errors import InvalidValue, TollwatchError
from tollwatch.reconcile import DocumentInfo, Reconciliation

__all__ = ["Layout", "get", "names", "register"]

Rows = Callable[[Reconciliation, Mapping[str, DocumentInfo]], list[dict[str, Any]]]
ENTRY_POINT_GROUP = "tollwatch.layouts"


@dataclass(frozen=True, slots=True)
class Layout:
    """`columns` in file order (a row leaves a column it does not know empty); `unit` names what
    a row is, for messages; `hxl` gives the HXL hashtag of each column that has one."""

    name: str
    unit: str
    columns: tuple[str, ...]
    rows: Rows
    hxl: Mapping[str, str] = field(default_factory=dict)
    description: str = ""


_registered: dict[str, Layout] = {}


def register(layout: Layout) -> None:
    _registered[layout.name] = layout


@lru_cache(maxsize=1)
def _plugins() -> dict[str, Layout]:
    found = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        layout = ep.load()
        if not isinstance(layout, Layout):
            raise TollwatchError(f"entry point {ep.name} = {ep.value!r} in {ENTRY_POINT_GROUP} is not a "
                                 "tollwatch.layouts.Layout; fix or uninstall the package that declares it")
        found[ep.name] = layout
    return found


def _all() -> dict[str, Layout]:
    from tollwatch.layouts import acled, native, ucdp

    return {native.LAYOUT.name: native.LAYOUT, acled.LAYOUT.name: acled.LAYOUT, ucdp.LAYOUT.name: ucdp.LAYOUT,
            **_plugins(), **_registered}


def names() -> tuple[str, ...]:
    return tuple(_all())


def get(name: str) -> Layout:
    """The layout called `name`; InvalidValue naming the known ones otherwise."""
    layouts = _all()
    if name not in layouts:
        raise InvalidValue(f"no export schema {name!r}: give one of {', '.join(layouts)}")
    return layouts[name]
