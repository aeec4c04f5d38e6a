"""The TOLLWATCH_CONFIG file is checked whole before use: each mistake is one line naming the
file and the field, and the command line exits 2 on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.errors import ConfigError
from tollwatch.normalise import Normaliser


@pytest.mark.parametrize("text, problem", [
    ("aliases:\n  SY/tartus/baniyas: Banyas al-Sahel\n",
     "aliases.SY/tartus/baniyas: Input should be a valid list (got 'Banyas al-Sahel')"),
    ("sources:\n  - {id: x, name: X, kind: blog}\n",
     "sources[0].kind: Input should be 'monitor', 'media', 'government', 'armed_group', 'medical', 'un', "
     "'witness' or 'outlet' (got 'blog')"),
    ("places:\n  - {id: XX/a, name: A, country: SY, kind: village}\n",
     "places[0].kind: Input should be 'country', 'admin1', 'city' or 'region' (got 'village')"),
    ("places:\n  - {id: XX/a, name: A, country: Syria}\n",
     "places[0].country: String should match pattern '^[A-Z]{2}$' (got 'Syria')"),
    ("places:\n  - {id: XX/a, name: A, country: SY, lat: 95}\n",
     "places[0].lat: Input should be less than or equal to 90 (got 95)"),
    ("actors:\n  - {name: Black Brigade}\n", "actors[0].id: Field required"),
    ("actor:\n  - {id: b, name: B}\n", "actor: Extra inputs are not permitted"),
    ("sources:\n  - {id: x, name: X, alias: [y]}\n  - {id: 3}\n",
     "sources[0].alias: Extra inputs are not permitted (got ['y']); and 2 more"),
    ("places: [\n", "not valid YAML at line 2"),
])
def test_a_bad_entry_is_one_line_naming_file_and_field(tmp_path: Path, text: str, problem: str) -> None:
    config = tmp_path / "mine.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Normaliser(config)
    assert str(caught.value).startswith(f"{config}: {problem}"), str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_command_line_exits_2_on_a_bad_or_missing_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tollwatch.normalise import default_normaliser

    report = tmp_path / "report.txt"
    report.write_text("Gunmen killed 4 villagers in Kaduna on Monday, police said.", encoding="utf-8")
    config = tmp_path / "mine.yaml"
    config.write_text("aliases:\n  NG/kaduna: bar\n", encoding="utf-8")
    for path, message in ((config, "aliases.NG/kaduna: Input should be a valid list"),
                          (tmp_path / "missing.yaml", "normalisation file not found (set by TOLLWATCH_CONFIG)")):
        default_normaliser.cache_clear()
        monkeypatch.setenv("TOLLWATCH_CONFIG", str(path))
        run = CliRunner().invoke(main, ["extract", str(report)])
        assert run.exit_code == 2, run.output
        assert run.stderr.splitlines() == [f"Error: {path}: " + run.stderr.split(f"{path}: ", 1)[1].rstrip("\n")]
        assert message in run.stderr
    default_normaliser.cache_clear()


def test_a_good_config_is_used(tmp_path: Path) -> None:
    config = tmp_path / "mine.yaml"
    config.write_text("sources:\n  - {id: coast-monitor, name: Coastal Rights Observatory, kind: monitor}\n"
                      "aliases:\n  SY/tartus/baniyas: [Banyas al-Sahel]\n", encoding="utf-8")
    normaliser = Normaliser(config)
    assert normaliser.sources.lookup("Coastal Rights Observatory").kind == "monitor"  # type: ignore[union-attr]
    assert normaliser.place_id("Banyas al-Sahel") == "SY/tartus/baniyas"
