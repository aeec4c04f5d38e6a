"""Reading reports: files, folders, standard input, JSONL dumps, web pages and URLs."""

from tollwatch.ingest.files import iter_documents

__all__ = ["iter_documents"]
