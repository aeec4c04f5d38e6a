"""`extract --engine dask` on a real LocalCluster (two worker processes, shared by the module):
JSONL, gzipped JSONL, Parquet and WARC inputs give the claims the serial path gives, with the same
ids; bad records are error rows; `ingest --from-claims` loads the output without extracting."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
warcio = pytest.importorskip("warcio")

from distributed import LocalCluster  # noqa: E402

from tollwatch.cli import main  # noqa: E402
from tollwatch.cluster import read_back, run  # noqa: E402
from tollwatch.extract import extract_document  # noqa: E402
from tollwatch.ingest import iter_documents  # noqa: E402
from tollwatch.ledger import Ledger  # noqa: E402
from tollwatch.models import Document  # noqa: E402
from tollwatch.synth import generate  # noqa: E402

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [record for record, _ in generate(12, seed=9)]


def serial(*inputs: Path) -> list[dict]:
    """The claims `tollwatch extract` gives, as dicts, in its order."""
    docs = [d for d in iter_documents([str(p) for p in inputs]) if isinstance(d, Document)]
    return [c.to_dict() for d in docs for c in extract_document(d)]


def written(out: Path) -> list[dict]:
    return [c.to_dict() for row in read_back(str(out)) if isinstance(row, tuple) for c in row[1]]


def errors(out: Path) -> list[dict]:
    return pq.read_table(out / "errors").to_pylist()


def test_jsonl_cut_into_byte_ranges_gives_the_serial_claims(tmp_path: Path, scheduler: str, records: list[dict]):
    lines = [json.dumps(r) for r in records]
    lines.insert(5, "{broken")
    lines.insert(9, json.dumps({"id": "blank", "text": " "}))
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run([str(dump)], str(tmp_path / "out"), scheduler, block=8000)  # lines cut across parts
    assert done.parts > 3 and done.documents == len(records)
    assert (done.failures, done.skipped) == (1, 1)
    expected = serial(dump)
    assert written(tmp_path / "out") == expected and len(expected) == 3 * len(records)
    bad = [e for e in errors(tmp_path / "out") if not e["skipped"]]
    assert len(bad) == 1 and "not valid JSON" in bad[0]["error"] and "dump.jsonl at byte" in bad[0]["input"]
    events = pq.read_table(tmp_path / "out" / "events")
    assert events.schema.field("killed").type == pa.struct([("low", pa.int64()), ("best", pa.int64()),
                                                            ("high", pa.int64())])
    claims = pq.read_table(tmp_path / "out" / "claims")
    assert pa.types.is_struct(claims.schema.field("count").type) and claims.num_rows == len(expected)


def test_gzip_and_parquet_inputs(tmp_path: Path, scheduler: str, records: list[dict]):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "in").mkdir()
    with gzip.open(tmp_path / "in" / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(dump.read_text(encoding="utf-8"))
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in" / "b.parquet", row_group_size=5)
    done = run([str(tmp_path / "in")], str(tmp_path / "out"), scheduler)
    assert done.parts == 1 + 3 and done.failures == 0  # the .gz whole, the Parquet file by row group
    assert written(tmp_path / "out") == serial(dump) * 2


def test_warc_pages_read_as_ingest_reads_html(tmp_path: Path, scheduler: str):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for page in sorted(PAGES.glob("*.html")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{page.name}", "response",
                                                          payload=io.BytesIO(page.read_bytes()),
                                                          http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=image))
    done = run([str(warc)], str(tmp_path / "out"), scheduler)
    assert done.documents == len(list(PAGES.glob("*.html"))) and done.failures == 0
    assert written(tmp_path / "out") == serial(*sorted(PAGES.glob("*.html")))


def test_a_broken_file_is_an_error_row_and_the_rest_goes_on(tmp_path: Path, scheduler: str, records: list[dict]):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[:3]))
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    (tmp_path / "in" / "cut.jsonl.gz").write_bytes(whole[:len(whole) // 2])  # a download cut short
    done = run([str(tmp_path / "in")], str(tmp_path / "out"), scheduler)
    assert 3 < done.documents < 3 + len(records) and done.failures == 1  # what was read before the cut is kept
    (error,) = errors(tmp_path / "out")
    assert "cut.jsonl.gz" in error["input"] and "reading stopped" in error["error"]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory, records: list[dict]) -> Path:
    path = tmp_path_factory.mktemp("dump") / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dask_out(dump: Path, scheduler: str) -> tuple[Path, str]:
    """The command line's run on the dump: its --out folder and what it printed."""
    out = dump.parent / "out"
    result = CliRunner().invoke(main, ["extract", str(dump), "--engine", "dask", "--scheduler", scheduler,
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stdout


def test_the_command_line_says_what_it_wrote(dask_out: tuple[Path, str], records: list[dict]):
    out, printed = dask_out
    assert f"{len(records)} documents, {3 * len(records)} claims, 0 failures" in printed
    assert sorted(p.name for p in out.iterdir()) == ["claims", "documents", "errors", "events"]


def test_from_claims_loads_the_ledger_without_extracting(dask_out: tuple[Path, str], dump: Path, db_url: str,
                                                         records: list[dict], monkeypatch: pytest.MonkeyPatch):
    import tollwatch.pipeline

    monkeypatch.setattr(tollwatch.pipeline, "extract_document", None)  # loading must not extract
    result = CliRunner().invoke(main, ["ingest", "--from-claims", str(dask_out[0]), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert f"{len(records)} new documents" in result.stdout
    with Ledger(db_url, read_only=True) as ledger:
        stored = sorted((c.claim_id, c.count.text, c.outcome, c.location.name if c.location else None)
                        for c in ledger.claims())
    assert stored == sorted((c["claim_id"], c["count"]["text"], c["outcome"],
                             c["location"]["name"] if c["location"] else None) for c in serial(dump))


def test_from_claims_names_a_folder_without_output(tmp_path: Path):
    result = CliRunner().invoke(main, ["ingest", "--from-claims", str(tmp_path), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2 and "no documents/part-*.parquet" in result.stderr


def test_usage_errors():
    result = CliRunner().invoke(main, ["extract", "x.jsonl", "--engine", "dask"])
    assert result.exit_code == 2 and "--out" in result.output
    result = CliRunner().invoke(main, ["extract", "x.jsonl", "--out", "o"])
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_a_line_over_the_limit_is_an_error_and_never_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          records: list[dict]):
    from tollwatch.cluster import inputs
    from tollwatch.errors import MalformedRecord

    monkeypatch.setattr(inputs, "MAX_BYTES", 5000)
    dump = tmp_path / "dump.jsonl"
    small = [json.dumps({"id": f"r{i}", "text": "Two people were killed in Goma."}) for i in range(4)]
    dump.write_text("\n".join([small[0], json.dumps({"text": "x" * 20000}), *small[1:]]) + "\n")
    for block in (1000, 100000):  # the long line inside a part, and across parts
        items = [i for p in inputs.parts([str(dump)], block) for i in inputs.read(p, None)]
        assert [i.doc_id if isinstance(i, Document) else type(i) for i in items] == \
            ["r0", MalformedRecord, "r1", "r2", "r3"]


def test_out_must_be_empty(tmp_path: Path, scheduler: str, dump: Path):
    from tollwatch.errors import InvalidValue

    (tmp_path / "out" / "claims").mkdir(parents=True)
    with pytest.raises(InvalidValue, match="not empty"):
        run([str(dump)], str(tmp_path / "out"), scheduler)


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, dump: Path, monkeypatch: pytest.MonkeyPatch):
    import socket

    import tollwatch.cluster

    monkeypatch.setattr(tollwatch.cluster, "CONNECT_SECONDS", 1)

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(main, ["extract", str(dump), "--engine", "dask", "--scheduler",
                                       f"tcp://127.0.0.1:{port}", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.stderr


def test_inputs_at_fsspec_urls(records: list[dict]):
    """Any fsspec URL is read the same way (here fsspec's in-memory filesystem, in this process)."""
    import fsspec

    from tollwatch.cluster import inputs

    fs = fsspec.filesystem("memory")
    fs.pipe("/bucket/dump.jsonl", "".join(json.dumps(r) + "\n" for r in records).encode())
    fs.pipe("/bucket/notes.txt", b"not an input")
    parts = inputs.parts(["memory://bucket/"], block=5000)
    assert len(parts) > 2 and all(p.url == "memory:///bucket/dump.jsonl" for p in parts)
    docs = [d for p in parts for d in inputs.read(p, None)]
    assert [d.doc_id for d in docs] == [r["id"] for r in records]
