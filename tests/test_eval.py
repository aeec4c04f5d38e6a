"""`tollwatch eval` on a tiny gold file with known figures, and `tollwatch eval-events` on a
small event table of our own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.evaluate import evaluate_gold
from tollwatch.evaluate.events import EventRow, evaluate, killed_figure
from tollwatch.extract import extract, extract_events

GOLD = Path(__file__).parent / "cases" / "eval" / "gold.json"


def test_known_figures_on_a_tiny_gold_file():
    score = evaluate_gold(GOLD)
    # 3 required; 2 found; "Three soldiers" has the wrong bounds on purpose; "Two more bodies" is extra
    assert (score.required, score.true_positives, score.false_positives, score.strict) == (3, 2, 1, 1)
    assert score.detection == (2 / 3, 2 / 3, 2 / 3)
    assert round(score.strict_f1, 3) == 0.333 and score.count_exact == 0.5 and score.decoy_hits == 0
    assert score.accuracy["time"] == (1, 1) and score.accuracy["place"] == (1, 1)
    assert any(e.startswith("MISSED  report: 'trader said the market'") for e in score.errors)
    assert "WRONG   report: 'Three soldiers' count: want (2, 4) got (3, 3)" in score.errors
    assert any(e.startswith("EXTRA   report: 'Two'") for e in score.errors)


def test_cli_report_and_regression_gate():
    run = CliRunner().invoke(main, ["eval", str(GOLD), "--show-errors"])
    assert run.exit_code == 0
    assert run.output.splitlines()[-1] == "strict_f1=0.333 detection_f1=0.667 count_exact=0.500 decoy_hits=0"
    run = CliRunner().invoke(main, ["eval", str(GOLD), "--min-f1", "0.5"])
    assert run.exit_code == 1 and "strict F1 0.333 is below 0.5" in run.output


def test_bad_gold_file_is_named(tmp_path: Path):
    bad = tmp_path / "gold.json"
    bad.write_text("{not json")
    run = CliRunner().invoke(main, ["eval", str(bad)])
    assert run.exit_code == 1 and f"{bad}: not a readable gold file" in run.output


def test_agrees_with_the_project_scorer(shared_dir: Path, tmp_path: Path):
    pred = tmp_path / "pred.jsonl"
    text = (GOLD.parent / "report.txt").read_text(encoding="utf-8")
    pred.write_text("".join(json.dumps(c.to_dict()) + "\n"
                            for c in extract(text, published="2025-03-09", doc_id="report")))
    theirs = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_claims.py"), str(GOLD), str(pred)],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    ours = evaluate_gold(GOLD).report().splitlines()
    assert [line for line in ours if not line.startswith("  place")] == theirs


def test_killed_figure_adds_the_events_not_their_parts():
    events = extract_events("At least 20 people were killed, including 8 soldiers. Elsewhere about 10 civilians "
                            "died. Earlier reports had put the toll at 15.", published="2025-01-02")
    assert killed_figure(events) == (29, 30, None)  # 20.. + 9..11; the parts and the superseded 15 left out


def test_event_rows_exact_within_and_conventional():
    rows = [EventRow("A1", "Syria", "Shelling killed 4 civilians in Idlib.", 4, "2020-05-01", False),
            EventRow("A2", "Syria", "Dozens of fighters were killed in clashes.", 30, "2020-05-01", False),
            EventRow("A3", "Syria", "Several soldiers were killed. Unknown fatalities coded as 10.", 10, None, True)]
    report = evaluate(rows)
    assert (report.stated.rows, report.stated.exact, report.stated.within) == (2, 1, 2)
    assert report.conventional.rows == 1 and report.by_country["Syria"].rows == 2 and not report.disagreements


def test_eval_events_cli(tmp_path: Path):
    table = tmp_path / "acled.csv"
    table.write_text("event_id_cnty,country,event_date,notes,fatalities\n"
                     "X1,Sudan,9-May-20,Gunmen killed 3 villagers in Darfur.,3\n"
                     "X2,Sudan,9-May-20,A bomb killed 7 people at a market.,2\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["eval-events", str(table)])
    assert run.exit_code == 0, run.output
    assert "2 rows, exact 50.0%, within bounds 50.0%" in run.output
    assert "X2 coded 2, tollwatch 7 (7..7)" in run.output
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n")
    run = CliRunner().invoke(main, ["eval-events", str(bad)])
    assert run.exit_code == 1 and "not an ACLED export" in run.output


def test_eval_events_reads_an_incident_registry_through_the_ledger(tmp_path: Path):
    """A GVA-style registry: each incident's articles are ingested and reconciled, and the killed
    and injured a user would read are compared with the registry's counts."""
    import json

    docs = [
        {"doc_id": "a1", "dct": "2016-03-06", "title": "Two shot in Dayton",
         "content": "DAYTON, Ohio — Two men were shot outside a bar on Salem Avenue late Saturday. "
                    "One of them died at Miami Valley Hospital, police said."},
        {"doc_id": "b1", "dct": "2016-04-10", "title": "Boy hurt",
         "content": "A 9-year-old boy was shot in the leg in Toledo, Ohio on Saturday and is expected to recover."},
    ]
    incidents = [
        {"incident_id": "1", "date": "March 5, 2016", "state": "Ohio", "num_killed": 1, "num_injured": 1,
         "doc_ids": ["a1"]},
        {"incident_id": "2", "date": "April 9, 2016", "state": "Ohio", "num_killed": 1, "num_injured": 0,
         "doc_ids": ["b1"]},  # coded otherwise than the article reads: must count as a miss
    ]
    (tmp_path / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    registry = tmp_path / "incidents.jsonl"
    registry.write_text("".join(json.dumps(i) + "\n" for i in incidents), encoding="utf-8")
    run = CliRunner().invoke(main, ["eval-events", str(registry)])
    assert run.exit_code == 0, run.output
    assert run.output.strip().splitlines()[-1] == \
        "incidents=2 killed_exact=0.500 injured_exact=0.500 both_exact=0.500"
    assert "2 (2016-04-09, Ohio) coded 1 killed 0 injured, tollwatch 0 killed 1 injured" in run.output
