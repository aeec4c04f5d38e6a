"""`GET /healthz` for load balancers and container probes: 200 while the ledger can be read,
503 (in the API's error shape) when it cannot. It reads one counter, so probing often is cheap."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError

from tollwatch.errors import StoreError

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    try:
        generation = request.app.state.ledger.ledger.generation()
    except (StoreError, DBAPIError) as e:  # the reason, not the ledger's location: that is the server's business
        return JSONResponse({"error": f"the ledger cannot be read ({type(e).__name__})"}, status_code=503)
    return JSONResponse({"status": "ok", "generation": generation})
