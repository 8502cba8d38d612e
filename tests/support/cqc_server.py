"""A stand-in for CQC's API on a real local HTTP server (pytest-httpserver), built from the recorded
responses.

FakeCqc answers like the real gateway: the key must be in Ocp-Apim-Subscription-Key and a User-Agent must be
sent; ids are upper case; lists are paged. `fault(path, responder)` makes the next request for a path
misbehave (rate limits, outage pages, slow answers, dropped connections, bad JSON), once per call.
"""

from __future__ import annotations

import copy
import json
import re
import socket
import time
from collections import defaultdict, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.support.report_pdf import SAMPLES_DIR, render_report_pdf, sample_title

Responder = Callable[[Request], Response]
PREFIX = "/public/v1/"
GATEWAY_403 = (
    b"<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 - Forbidden: "
    b"Access is denied.</h1><p>The gateway is unavailable.</p></body></html>"
)


def corpus_record(shared: Path, name: str) -> dict[str, Any]:
    return json.loads((shared / "corpus" / "api" / name).read_text(encoding="utf-8"))


class FakeCqc:
    def __init__(self, server: HTTPServer, key: str = "test-key") -> None:
        self.server = server
        self.key = key
        self.providers: dict[str, dict[str, Any]] = {}
        self.locations: dict[str, dict[str, Any]] = {}
        self.pdfs: dict[str, bytes] = {}
        self.texts: dict[str, bytes] = {}
        self.changes: list[str] = []
        self.changes_page_size = 2
        self.changes_total_pages = (
            True  # False: like CQC at times, no totalPages; pages end with an empty one
        )
        self.faults: dict[str, deque[Responder]] = defaultdict(deque)
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []  # path, headers, query
        server.expect_request(re.compile(r"^/public/v1/.*")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for("/public/v1")

    def fault(self, path: str, responder: Responder, times: int = 1) -> None:
        self.faults[path].extend([responder] * times)

    def paths(self) -> list[str]:
        return [path for path, _headers, _query in self.requests]

    # -- building the data --------------------------------------------------------------------------------

    def add_provider(self, record: dict[str, Any]) -> None:
        self.providers[record["providerId"].upper()] = record

    def add_location(self, record: dict[str, Any]) -> None:
        self.locations[record["locationId"].upper()] = record

    # -- answering -----------------------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        path = request.path.removeprefix(PREFIX)
        self.requests.append((path, dict(request.headers), dict(request.args)))
        if not request.headers.get("User-Agent"):
            return _json({"statusCode": 403, "message": "Requests without a User-Agent are refused."}, 403)
        if request.headers.get("Ocp-Apim-Subscription-Key") != self.key:
            return _json(
                {
                    "statusCode": 401,
                    "message": "Access denied due to invalid subscription key. Make sure "
                    "to provide a valid key for an active subscription.",
                },
                401,
            )
        if self.faults.get(path):
            return self.faults[path].popleft()(request)
        return self.answer(request)

    def delayed(self, seconds: float) -> Responder:
        """The right answer, late (to run into the client's timeout, or to leave time to press Cancel)."""

        def respond(request: Request) -> Response:
            time.sleep(seconds)
            return self.answer(request)

        return respond

    def answer(self, request: Request) -> Response:
        path = request.path.removeprefix(PREFIX)
        parts = path.split("/")
        if parts[0] == "providers" and len(parts) == 2:
            return _found(self.providers.get(parts[1]), "Provider")
        if parts[0] == "providers" and len(parts) == 3 and parts[2] == "locations":
            provider = self.providers.get(parts[1])
            if provider is None:
                return _found(None, "Provider")
            ids = provider.get("locationIds", [])
            return _json(
                self._page(
                    request,
                    [{"locationId": i, "locationName": self.locations.get(i, {}).get("name")} for i in ids],
                    "locations",
                )
            )
        if parts[0] == "locations" and len(parts) == 2:
            return _found(self.locations.get(parts[1]), "Location")
        if path == "changes/location":
            return _json(self._page(request, self.changes, "changes"))
        if parts[0] == "reports" and len(parts) == 2:
            return self._report(request, parts[1])
        return _found(None, "Resource")

    def _page(self, request: Request, items: list[Any], key: str) -> dict[str, Any]:
        page = int(request.args.get("page", "1"))
        size = self.changes_page_size
        chunk = items[(page - 1) * size : page * size]
        body: dict[str, Any] = {key: chunk, "page": page, "perPage": size, "total": len(items)}
        if self.changes_total_pages:
            body["totalPages"] = max(1, -(-len(items) // size))
        return body

    def _report(self, request: Request, link_id: str) -> Response:
        wants_text = "text/plain" in request.headers.get("Accept", "")
        if not wants_text and link_id in self.pdfs:
            return Response(self.pdfs[link_id], 200, content_type="application/pdf")
        if wants_text and link_id in self.texts:
            return Response(self.texts[link_id], 200, content_type="text/plain; charset=utf-8")
        return _found(None, "Report")


# -- responders for faults -----------------------------------------------------------------------------------


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def _found(record: dict[str, Any] | None, what: str) -> Response:
    if record is None:
        return _json({"statusCode": 404, "message": f"{what} not found"}, 404)
    return _json(record)


def rate_limited_429(seconds: int = 7) -> Responder:
    return lambda _r: _json(
        {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {seconds} seconds."}, 429
    )


def rate_limited_200(seconds: int = 3) -> Responder:
    """The gateway's other way: HTTP 200 carrying a 429 in the JSON body."""
    return lambda _r: _json(
        {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {seconds} seconds."}
    )


def gateway_outage(_request: Request) -> Response:
    return Response(GATEWAY_403, 403, content_type="text/html")


def server_error(_request: Request) -> Response:
    return Response("upstream failed", 502, content_type="text/plain")


def malformed_json(_request: Request) -> Response:
    return Response('{"locationId": "1-1", "name": "Trunc', 200, content_type="application/json")


def dropped(request: Request) -> Response:
    """Close the TCP connection without answering (the network dropped)."""
    sock = request.environ["werkzeug.socket"]
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    return Response(b"", 200)


def not_a_report(_request: Request) -> Response:
    return Response(b"%PDF-1.4\nthis is not really a PDF at all\n%%EOF", 200, content_type="application/pdf")


# -- the shared test data ------------------------------------------------------------------------------------

SAMPLE_LOCATIONS = {
    # sample file stem: (location id, name as the report gives it, postcode, report date, first visit)
    "asc-inadequate-care-home-2022": ("1-126473100", "Larkspur House", "HF2 9LD", "2022-10-19", "2022-08-09"),
    "dental-practice-2019": (
        "1-126473117",
        "Sandgate Street Dental Practice",
        "DV3 8PR",
        "2019-06-11",
        "2019-05-02",
    ),
    "gp-practice-2018": ("1-126473132", "Fennick Road Surgery", "KB7 3NU", "2018-03-14", "2018-01-30"),
}


def sample_pdf(stem: str, folder: Path) -> bytes:
    text = (SAMPLES_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    name, published = SAMPLE_LOCATIONS[stem][1], SAMPLE_LOCATIONS[stem][3]
    return render_report_pdf(text, folder / f"{stem}.pdf", title=sample_title(name, published)).read_bytes()


def location_like(
    template: dict[str, Any],
    location_id: str,
    name: str,
    postcode: str,
    report_date: str,
    first_visit: str,
    link_id: str,
    rating: str = "Good",
) -> dict[str, Any]:
    """The recorded Henley House response with another location's id, name, dates and report."""
    record = copy.deepcopy(template)
    record.update(
        locationId=location_id,
        name=name,
        postalCode=postcode,
        providerId="1-118166130",
        lastInspection={"date": first_visit},
        lastReport={"publicationDate": report_date},
    )
    overall = record["currentRatings"]["overall"]
    overall.update(rating=rating, reportDate=report_date, reportLinkId=link_id)
    for question in overall["keyQuestionRatings"]:
        question.update(rating=rating, reportDate=report_date, reportLinkId=link_id)
    record["currentRatings"]["reportDate"] = report_date
    record["reports"] = [
        {
            "linkId": link_id,
            "reportDate": report_date,
            "firstVisitDate": first_visit,
            "reportUri": f"/reports/{link_id}?{report_date.replace('-', '')}120000",
            "reportType": "Location",
        }
    ]
    return record
