"""Registries of known sources and actors: one id for each, whatever name a report uses.
Unknown names get a stable id from their folded name, so the same words always meet again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tollwatch.errors import TollwatchError
from tollwatch.normalise.names import fold, is_arabic, slug

_LEADING = re.compile(r"^(?:the|a|an)\s+")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    kind: str | None = None
    per_country: bool = False


class Registry:
    def __init__(self, section: str) -> None:
        self.section = section
        self.entries: dict[str, Entry] = {}
        self._by_name: dict[str, str] = {}
        self.load_text((resources.files("tollwatch.normalise") / "data" / f"{section}.yaml").read_text("utf-8"),
                       f"tollwatch {section}.yaml")

    def load_text(self, text: str, origin: str) -> None:
        self.load_data(yaml.safe_load(text) or {}, origin)

    def load_data(self, data: dict[str, Any], origin: str) -> None:
        for item in data.get(self.section) or []:
            try:
                entry = Entry(str(item["id"]), str(item["name"]), item.get("kind"), bool(item.get("per_country")))
            except (KeyError, TypeError) as e:
                raise TollwatchError(f"{origin}: each entry under {self.section} needs an id and a name ({e})") from None
            self.entries[entry.id] = entry
            for name in (entry.name, *(item.get("aliases") or [])):
                self._by_name[_key(str(name))] = entry.id

    def lookup(self, name: str) -> Entry | None:
        entry_id = self._by_name.get(_key(name))
        if entry_id is None and is_arabic(name):
            # Arabic adds the country after the noun it qualifies: "وزارة الداخلية العراقية" is the
            # interior ministry, "الدفاع المدني السوري في إدلب" the civil defence; two words stay
            words = name.split()
            while entry_id is None and len(words) > 2:
                words.pop()
                entry_id = self._by_name.get(_key(" ".join(words)))
        return self.entries[entry_id] if entry_id else None

    def knows(self, entry_id: str) -> bool:
        """Whether `entry_id` is one of this registry's, or a country's variant of one."""
        base, _, country = entry_id.rpartition("-")
        return entry_id in self.entries or (len(country) == 2 and base in self.entries
                                            and self.entries[base].per_country)

    def id_for(self, name: str) -> str:
        """The registry's id for `name`, else a stable one made from the name itself."""
        entry = self.lookup(name)
        return entry.id if entry else slug(_LEADING.sub("", fold(name)))


def _key(name: str) -> str:
    return _LEADING.sub("", fold(name))
