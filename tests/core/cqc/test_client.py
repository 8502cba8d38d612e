"""The CQC API client against a real local HTTP server: every quirk of the real gateway, one sentence per
failure."""

from __future__ import annotations

import threading

import pytest

from core.cqc.client import USER_AGENT, CqcClient
from core.cqc.errors import CqcBadAnswer, CqcCancelled, CqcKeyRefused, CqcNotFound, CqcUnavailable
from tests.support.cqc_fixtures import HENLEY, HENLEY_LINK, PROVIDER
from tests.support.cqc_server import (
    dropped,
    gateway_outage,
    malformed_json,
    rate_limited_200,
    rate_limited_429,
    server_error,
)


def test_key_header_and_user_agent_are_sent_on_every_request(client, fake_cqc):
    client.provider(PROVIDER)
    client.location(HENLEY)
    client.report("aa000001-0000-4000-8000-000000000001")
    assert len(fake_cqc.requests) == 3
    for _path, headers, _query in fake_cqc.requests:
        assert headers["Ocp-Apim-Subscription-Key"] == "test-key"
        assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("Candour/")


def test_the_recorded_location_reads_with_its_ratings_reports_and_unknown_fields_kept(client):
    location = client.location(HENLEY)
    assert location.name == "Henley House" and location.postcode == "IP1 6TB"
    overall = location.current_ratings.overall
    assert overall.rating == "Good" and overall.report_date.isoformat() == "2022-04-20"
    assert {r.name: r.rating for r in overall.key_question_ratings}["Well-led"] == "Good"
    assert [r.key for r in location.reports] == [HENLEY_LINK]
    assert location.model_extra["onspdIcbName"].startswith("NHS Suffolk")  # a field Candour does not declare


def test_a_field_cqc_adds_tomorrow_is_kept_not_fatal(client, fake_cqc):
    fake_cqc.locations[HENLEY]["starRating"] = {"stars": 4}
    fake_cqc.locations[HENLEY]["reports"][0]["newThing"] = True
    location = client.location(HENLEY)
    assert location.model_extra["starRating"] == {"stars": 4}
    assert location.reports[0].model_extra == {"newThing": True}
    assert location.model_dump(by_alias=True)["starRating"] == {"stars": 4}


def test_ids_are_upper_cased_before_asking(client, fake_cqc, shared_dir):
    nhs = dict(fake_cqc.locations[HENLEY], locationId="RGN90", providerId="rgn")
    fake_cqc.add_location(nhs)
    location = client.location("  rgn90 ")
    assert location.location_id == "RGN90" and location.provider_id == "RGN"
    assert fake_cqc.paths() == ["locations/RGN90"]


def test_provider_location_ids_are_upper_cased(client, fake_cqc):
    fake_cqc.providers[PROVIDER]["locationIds"] = ["rxh01", "1-126473100"]
    assert client.provider(PROVIDER.lower()).location_ids == ["RXH01", "1-126473100"]


def test_wrong_key_is_refused_in_one_sentence_naming_the_portal(fake_cqc, sleeps):
    with (
        CqcClient(fake_cqc.url, "not-the-key", sleep=sleeps) as wrong,
        pytest.raises(CqcKeyRefused) as caught,
    ):
        wrong.provider(PROVIDER)
    assert str(caught.value) == (
        "CQC refused the subscription key (HTTP 401); check the key on the CQC API portal "
        "(https://api-portal.service.cqc.org.uk)."
    )
    assert sleeps == []  # a refused key is not retried


def test_unknown_location_is_not_found(client):
    with pytest.raises(CqcNotFound, match=r"^CQC has no location 1-999\.$"):
        client.location("1-999")


def test_rate_limit_as_http_429_waits_as_told_then_retries(client, fake_cqc, sleeps):
    fake_cqc.fault(f"providers/{PROVIDER}", rate_limited_429(7))
    assert client.provider(PROVIDER).name == "Ashfield Care Homes Limited"
    assert sleeps == [7.0]


def test_rate_limit_as_http_200_with_status_429_in_the_body_waits_as_told(client, fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", rate_limited_200(3))
    assert client.location(HENLEY).name == "Henley House"
    assert sleeps == [3.0]


def test_retry_after_header_is_honoured(client, fake_cqc, sleeps):
    from werkzeug import Response

    fake_cqc.fault(
        f"locations/{HENLEY}", lambda _r: Response("slow down", 429, headers={"Retry-After": "11"})
    )
    client.location(HENLEY)
    assert sleeps == [11.0]


def test_html_403_from_the_gateway_is_an_outage_retried_with_back_off(client, fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", gateway_outage, times=2)
    assert client.location(HENLEY).name == "Henley House"
    assert sleeps == [2.0, 4.0]


def test_a_lasting_outage_stops_with_one_sentence(client, fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", gateway_outage, times=4)
    with pytest.raises(CqcUnavailable) as caught:
        client.location(HENLEY)
    assert str(caught.value) == (
        f"CQC's API gateway answered with an error page (HTTP 403) for location {HENLEY}, "
        "so the service is down; "
        "Candour tried 4 times, so the sync stopped: run it again later and it carries on where it left off."
    )
    assert sleeps == [2.0, 4.0, 8.0]


def test_server_errors_are_retried(client, fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", server_error)
    assert client.location(HENLEY).name == "Henley House"
    assert sleeps == [2.0]


def test_long_waits_are_capped(fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", rate_limited_429(3600))
    with CqcClient(fake_cqc.url, fake_cqc.key, sleep=sleeps, max_wait=90) as capped:
        capped.location(HENLEY)
    assert sleeps == [90]


def test_a_slow_answer_times_out_and_is_retried(fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", fake_cqc.delayed(3.0))
    with CqcClient(fake_cqc.url, fake_cqc.key, timeout=1.0, sleep=sleeps) as client:
        assert client.location(HENLEY).name == "Henley House"
    assert sleeps == [2.0]


def test_an_answer_that_never_comes_in_time_stops_with_one_sentence(fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", fake_cqc.delayed(1.0), times=2)
    expected = (
        rf"^CQC did not answer within 0\.3 seconds when asked for location {HENLEY}; Candour tried 2 times"
    )
    with (
        CqcClient(fake_cqc.url, fake_cqc.key, timeout=0.3, retries=1, sleep=sleeps) as impatient,
        pytest.raises(CqcUnavailable, match=expected),
    ):
        impatient.location(HENLEY)


def test_a_dropped_connection_is_retried(client, fake_cqc, sleeps):
    fake_cqc.fault(f"locations/{HENLEY}", dropped)
    assert client.location(HENLEY).name == "Henley House"
    assert sleeps == [2.0]


def test_a_connection_that_keeps_dropping_stops_with_one_sentence(client, fake_cqc):
    fake_cqc.fault(f"locations/{HENLEY}", dropped, times=4)
    with pytest.raises(
        CqcUnavailable, match=rf"^the connection to CQC dropped while fetching location {HENLEY}; "
    ):
        client.location(HENLEY)


def test_no_server_at_all_says_it_could_not_connect(sleeps):
    expected = (
        r"^Candour could not connect to CQC at http://127\.0\.0\.1:9/public/v1 to fetch provider 1-1 \("
    )
    with (
        CqcClient("http://127.0.0.1:9/public/v1", "k", retries=1, sleep=sleeps) as nowhere,
        pytest.raises(CqcUnavailable, match=expected),
    ):
        nowhere.provider("1-1")


def test_malformed_json_is_one_sentence(client, fake_cqc):
    fake_cqc.fault(f"locations/{HENLEY}", malformed_json)
    with pytest.raises(CqcBadAnswer) as caught:
        client.location(HENLEY)
    assert (
        str(caught.value)
        == f"CQC's answer for location {HENLEY} was not valid JSON, so it could not be read."
    )


def test_a_record_missing_its_id_is_one_sentence(client, fake_cqc):
    del fake_cqc.locations[HENLEY]["locationId"]
    with pytest.raises(CqcBadAnswer, match=r"missing or has a bad 'locationId', so it was skipped\.$"):
        client.location(HENLEY)


def test_changes_pages_are_followed_to_total_pages(client, fake_cqc):
    fake_cqc.changes = ["1-1", "1-2", "1-3", "1-2"]
    import datetime as dt

    ids = client.changed_locations(dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1))
    assert ids == ["1-1", "1-2", "1-3"]
    pages = [query["page"] for path, _h, query in fake_cqc.requests if path == "changes/location"]
    assert pages == ["1", "2"]
    assert fake_cqc.requests[0][2]["startTimestamp"] == "2026-01-01T00:00:00Z"


def test_without_total_pages_changes_are_followed_until_an_empty_page(client, fake_cqc):
    import datetime as dt

    fake_cqc.changes_total_pages = False
    fake_cqc.changes = ["1-1", "1-2", "1-3", "1-4", "1-5"]
    assert client.changed_locations(dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1)) == [
        "1-1",
        "1-2",
        "1-3",
        "1-4",
        "1-5",
    ]
    assert [q["page"] for _p, _h, q in fake_cqc.requests] == ["1", "2", "3", "4"]


def test_a_provider_record_without_location_ids_lists_them_page_by_page(client, fake_cqc):
    ids = fake_cqc.providers[PROVIDER].pop("locationIds")
    fake_cqc.providers[PROVIDER]["_ids"] = ids
    fake_cqc.changes_total_pages = False

    def listing(request):
        import json

        from werkzeug import Response

        page = int(request.args["page"])
        chunk = [{"locationId": i.lower()} for i in ids[(page - 1) * 2 : page * 2]]
        return Response(json.dumps({"locations": chunk, "page": page}), 200, content_type="application/json")

    fake_cqc.fault(f"providers/{PROVIDER}/locations", listing, times=3)
    assert client.provider(PROVIDER).location_ids == ids


def test_reports_are_fetched_by_link_id_never_by_the_timestamped_report_uri(client, fake_cqc, sample_pdfs):
    location = client.location("1-126473100")
    assert "?" in location.reports[0].report_uri
    document = client.report(location.reports[0].link_id)
    assert document.suffix == ".pdf" and document.content == sample_pdfs["asc-inadequate-care-home-2022"]
    assert fake_cqc.paths()[-1] == "reports/aa000001-0000-4000-8000-000000000001"
    assert fake_cqc.requests[-1][1]["Accept"] == "application/pdf"


def test_text_is_fetched_when_no_pdf_is_offered_and_an_http_preamble_is_stripped(client, fake_cqc):
    fake_cqc.texts[HENLEY_LINK] = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nHenley House\nInspection report"
    )
    document = client.report(HENLEY_LINK)
    assert document.suffix == ".txt" and document.content == b"Henley House\nInspection report"
    assert [h["Accept"] for _p, h, _q in fake_cqc.requests] == ["application/pdf", "text/plain"]


def test_a_report_with_neither_pdf_nor_text_is_not_found(client):
    with pytest.raises(CqcNotFound, match=rf"^CQC has no report {HENLEY_LINK}\.$"):
        client.report(HENLEY_LINK)


def test_cancelling_during_a_back_off_stops_at_once(fake_cqc):
    cancel = threading.Event()
    fake_cqc.fault(f"locations/{HENLEY}", rate_limited_429(30), times=4)
    with (
        CqcClient(fake_cqc.url, fake_cqc.key, sleep=lambda _s: cancel.set(), cancel=cancel) as client,
        pytest.raises(CqcCancelled, match=r"^The sync was cancelled"),
    ):
        client.location(HENLEY)
    assert fake_cqc.paths() == [f"locations/{HENLEY}"]
