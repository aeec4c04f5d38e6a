"""The user's normalisation file (`TOLLWATCH_CONFIG`), checked against these models before any of
it is used: a wrong entry is one line naming the file and the field, never a half-loaded file.

    places:  [{id, name, country, kind?, admin1?, lat?, lon?, population?, members?, aliases?}]
    aliases: {place_id: [name, ...]}
    sources: [{id, name, kind?, per_country?, aliases?}]
    actors:  [{id, name, aliases?}]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tollwatch.errors import ConfigError
from tollwatch.models import PlaceKind, SourceKind

_Model = TypeVar("_Model", bound=BaseModel)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlaceEntry(_Entry):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    kind: PlaceKind = "region"
    admin1: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    population: int = Field(default=0, ge=0)
    members: list[str] = []
    aliases: list[str] = []


class SourceEntry(_Entry):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: SourceKind | None = None
    per_country: bool = False
    aliases: list[str] = []


class ActorEntry(_Entry):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = []


class ConfigFile(_Entry):
    places: list[PlaceEntry] = []
    aliases: dict[str, list[str]] = {}
    sources: list[SourceEntry] = []
    actors: list[ActorEntry] = []


def read_config(path: Path) -> dict[str, Any]:
    """The file's sections as plain data, every entry checked; ConfigError (one line) otherwise."""
    if not path.is_file():
        raise ConfigError(f"{path}: normalisation file not found (set by TOLLWATCH_CONFIG); give the path of a "
                          "YAML file, or unset TOLLWATCH_CONFIG")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the normalisation file ({e})") from None
    return validated(ConfigFile, text, path).model_dump()


def validated(model: type[_Model], text: str, path: Path) -> _Model:
    """A YAML file's text as `model` (an empty file is an empty mapping); ConfigError, one line
    naming the file and the line or field, when it is no valid YAML or breaks a rule."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise ConfigError(f"{path}: not valid YAML{line} ({getattr(e, 'problem', None) or e})") from None
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as e:
        raise ConfigError(f"{path}: {_first_problem(e)}") from None


def _first_problem(e: ValidationError) -> str:
    problem = e.errors()[0]
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in problem["loc"]).lstrip(".")
    got = f" (got {problem['input']!r})" if problem["type"] != "missing" and not isinstance(
        problem["input"], dict) else ""
    more = f"; and {e.error_count() - 1} more" if e.error_count() > 1 else ""
    return f"{field or 'the file'}: {problem['msg']}{got}{more}"
