"""The CQC public API client (httpx): retries with back-off, rate limits, gateway outages, one sentence per
failure.

Nothing here touches the database. Waiting goes through an injectable `sleep`, so tests never wait on the
clock, and through the cancel event, so a cancelled sync stops even while it is backing off.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any, Self, TypeVar

import httpx
from pydantic import ValidationError

from core import __version__
from core.cqc.errors import (
    PORTAL,
    CqcBadAnswer,
    CqcCancelled,
    CqcError,
    CqcKeyRefused,
    CqcNotFound,
    CqcUnavailable,
)
from core.cqc.models import CqcRecord, Location, Provider, ReportDocument, cqc_id

USER_AGENT = f"Candour/{__version__} (CQC inspection action tracker)"
MAX_PAGES = 500  # a runaway paging loop stops here
_RETRY_IN = re.compile(r"try again in (\d+(?:\.\d+)?) seconds?", re.IGNORECASE)
_HTTP_PREAMBLE = re.compile(rb"\AHTTP/\d(?:\.\d)? \d{3}[^\n]*\n(?:[^\n]*\S[^\n]*\n)*\r?\n")

Sleep = Callable[[float], None]
RecordT = TypeVar("RecordT", bound=CqcRecord)


class _Retry(Exception):
    """One attempt failed in a way worth retrying; `wait` is what the server asked for, if anything."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class CqcClient:
    def __init__(
        self,
        base_url: str,
        key: str,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 2.0,
        max_wait: float = 120.0,
        sleep: Sleep | None = None,
        cancel: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.cancel = cancel if cancel is not None else threading.Event()
        self._sleep = sleep if sleep is not None else (lambda seconds: self.cancel.wait(seconds))
        self._http = httpx.Client(
            base_url=self.base_url + "/",
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=True,
            headers={
                "Ocp-Apim-Subscription-Key": key,
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
            },
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- records -----------------------------------------------------------------------------------------

    def provider(self, provider_id: str) -> Provider:
        pid = cqc_id(provider_id)
        what = f"provider {pid}"
        provider = self._record(Provider, what, f"providers/{pid}")
        if provider.location_ids:
            return provider
        listed = [
            cqc_id(item["locationId"])
            for item in self._pages(what + "'s locations", f"providers/{pid}/locations", "locations", {})
            if isinstance(item, dict) and item.get("locationId")
        ]
        return provider.model_copy(update={"location_ids": listed})

    def location(self, location_id: str) -> Location:
        lid = cqc_id(location_id)
        return self._record(Location, f"location {lid}", f"locations/{lid}")

    def changed_locations(self, start: dt.datetime, end: dt.datetime) -> list[str]:
        """Ids of locations CQC changed between start and end (UTC); some may no longer exist (then they
        404)."""
        params = {"startTimestamp": _utc(start), "endTimestamp": _utc(end)}
        seen: dict[str, None] = {}
        for item in self._pages("the list of changed locations", "changes/location", "changes", params):
            if isinstance(item, str) and item.strip():
                seen.setdefault(cqc_id(item), None)
        return list(seen)

    def report(self, link_id: str) -> ReportDocument:
        """The report's PDF; its text version when CQC offers no PDF."""
        what = f"report {link_id}"
        try:
            response = self._request(what, f"reports/{link_id}", accept="application/pdf")
            if response.content.lstrip()[:5] == b"%PDF-":
                return ReportDocument(link_id=link_id, content=response.content, suffix=".pdf")
        except CqcNotFound:
            pass
        response = self._request(what, f"reports/{link_id}", accept="text/plain")
        text = _HTTP_PREAMBLE.sub(b"", response.content, count=1)
        if not text.strip():
            raise CqcBadAnswer(
                f"CQC sent an empty document for report {link_id}, so there is nothing to import."
            )
        return ReportDocument(link_id=link_id, content=text, suffix=".txt")

    # -- plumbing ------------------------------------------------------------------------------------------

    def _record(self, model: type[RecordT], what: str, path: str) -> RecordT:
        data = self._json(what, path, {})
        try:
            return model.model_validate(data)
        except ValidationError as error:
            field = ".".join(str(p) for p in error.errors()[0]["loc"]) or "its fields"
            raise CqcBadAnswer(
                f"CQC's answer for {what} is missing or has a bad '{field}', so it was skipped."
            ) from None

    def _pages(self, what: str, path: str, items_key: str, params: dict[str, Any]) -> Iterator[Any]:
        """Follow pages: up to totalPages when CQC gives it, otherwise until an empty page."""
        for page in range(1, MAX_PAGES + 1):
            data = self._json(what, path, {**params, "page": page, "perPage": 1000})
            items = data.get(items_key) or []
            if not isinstance(items, list):
                raise CqcBadAnswer(f"CQC's answer for {what} has no list of {items_key}.")
            yield from items
            total = data.get("totalPages")
            if not items or (isinstance(total, int) and page >= total):
                return

    def _json(self, what: str, path: str, params: dict[str, Any]) -> dict[str, Any]:
        response = self._request(what, path, params=params)
        try:
            data = response.json()
        except (ValueError, UnicodeDecodeError):
            raise CqcBadAnswer(
                f"CQC's answer for {what} was not valid JSON, so it could not be read."
            ) from None
        if not isinstance(data, dict):
            raise CqcBadAnswer(f"CQC's answer for {what} was not the record Candour expected.")
        return data

    def _request(
        self, what: str, path: str, *, params: dict[str, Any] | None = None, accept: str = "application/json"
    ) -> httpx.Response:
        attempts = self.retries + 1
        reason = ""
        for attempt in range(attempts):
            self._check_cancelled()
            try:
                return self._attempt(what, path, params, accept)
            except _Retry as retry:
                reason = retry.reason
                if attempt + 1 < attempts:
                    self._wait(retry.wait if retry.wait is not None else self.backoff * 2**attempt)
        raise CqcUnavailable(
            f"{reason}; Candour tried {attempts} times, so the sync stopped: run it again later "
            "and it carries on where it left off."
        )

    def _attempt(self, what: str, path: str, params: dict[str, Any] | None, accept: str) -> httpx.Response:
        try:
            response = self._http.get(path, params=params, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise _Retry(
                f"CQC did not answer within {self.timeout:g} seconds when asked for {what}"
            ) from None
        except httpx.ConnectError as error:
            raise _Retry(
                f"Candour could not connect to CQC at {self.base_url} to fetch {what} ({error})"
            ) from None
        except httpx.TransportError:
            raise _Retry(f"the connection to CQC dropped while fetching {what}") from None
        status = response.status_code
        if status == 429 or (status == 200 and _body_status(response) == 429):
            raise _Retry(f"CQC's rate limit was reached while fetching {what}", _retry_after(response))
        if status == 403 and _is_html(response):
            raise _Retry(
                f"CQC's API gateway answered with an error page (HTTP 403) for {what}, so the service is down"
            )
        if status >= 500:
            raise _Retry(f"CQC's server failed (HTTP {status}) when asked for {what}")
        if status in (401, 403):
            raise CqcKeyRefused(
                f"CQC refused the subscription key (HTTP {status}); check the key on the CQC API "
                f"portal ({PORTAL})."
            )
        if status == 404:
            raise CqcNotFound(f"CQC has no {what}.")
        if status >= 400:
            raise CqcError(f"CQC refused the request for {what} (HTTP {status}).")
        return response

    def _wait(self, seconds: float) -> None:
        self._sleep(min(max(seconds, 0.0), self.max_wait))
        self._check_cancelled()

    def _check_cancelled(self) -> None:
        if self.cancel.is_set():
            raise CqcCancelled(
                "The sync was cancelled; what was fetched before stays, and the next sync carries on."
            )


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


def _is_html(response: httpx.Response) -> bool:
    return "html" in response.headers.get("content-type", "") or response.content.lstrip()[:1] == b"<"


def _body_status(response: httpx.Response) -> int | None:
    """APIM sometimes reports a throttle as HTTP 200 with {"statusCode": 429, ...} in the body."""
    head = response.content[:2048]
    if b"statusCode" not in head:
        return None
    try:
        data = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    code = data.get("statusCode") if isinstance(data, dict) else None
    return int(code) if isinstance(code, int | str) and str(code).isdigit() else None


def _retry_after(response: httpx.Response) -> float | None:
    header = response.headers.get("retry-after", "").strip()
    if header.replace(".", "", 1).isdigit():
        return float(header)
    match = _RETRY_IN.search(response.text[:2048])
    return float(match.group(1)) if match else None
