"""How a failure reaches a web client: under /api/ in the API's one shape, {"error": "..."};
elsewhere as a page with the message (the ingest form again, for the form's own failures).
Either way with the status the error calls for, and never with a traceback or the ledger's
location on the server."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from tollwatch.errors import RequestError, StoreError, TollwatchError

INTERNAL = "the server failed on this request and has logged why; try again, or report what you did"


def status_of(error: TollwatchError) -> int:
    if isinstance(error, RequestError):
        return error.status
    if isinstance(error, StoreError):
        return 503  # the ledger cannot be read or written: the server's trouble, not the request's
    return 400  # an input that could not be read or stored


def error_response(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    message = _public(request, message)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    from tollwatch.web.pages import error_page

    response = error_page(request, status, message)
    response.headers.update(headers or {})
    return response


def _public(request: Request, message: str) -> str:
    """`message` with the ledger's URL and file path replaced: where the data lives is the server's business."""
    ledger = request.app.state.ledger.ledger
    for private in (ledger.display_url, ledger.engine.url.database):
        if private:
            message = message.replace(private, "the ledger")
    return message
