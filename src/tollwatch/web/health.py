"""`GET /healthz` for load balancers and container probes: 200 while the ledger can be read,
503 (in the API's error shape) when it cannot. It reads one counter, so probing often is cheap."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError

from tollwatch.errors import StoreError
from tollwatch.web.errors import error_response

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def healthz(request: Request) -> Response:
    try:
        generation = request.app.state.ledger.ledger.generation()
    except (StoreError, DBAPIError) as e:
        return error_response(request, 503, f"the ledger cannot be read ({type(e).__name__})")
    return JSONResponse({"status": "ok", "generation": generation})
