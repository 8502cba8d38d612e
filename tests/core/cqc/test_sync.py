"""SyncService against the local CQC server: first sync, second sync, and every kind of bad input."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.cqc.client import CqcClient
from core.cqc.errors import CqcError, CqcKeyRefused, CqcNotFound
from core.cqc.plan import SyncRequest
from core.store.orm import (
    ActionRecord,
    CqcLocationRecord,
    CqcReportRecord,
    CqcSyncStateRecord,
    InspectionRecord,
    LocationRecord,
    ReportRecord,
)
from tests.support.cqc_fixtures import HENLEY, HENLEY_LINK, PROVIDER, link_for
from tests.support.cqc_server import dropped, malformed_json, not_a_report

LARKSPUR, SANDGATE, FENNICK = "1-126473100", "1-126473117", "1-126473132"
BY_PROVIDER = SyncRequest(provider_id=PROVIDER)


def sync(services, client, downloads: Path, request: SyncRequest = BY_PROVIDER):
    plan = services.sync.fetch(client, request, downloads)
    return plan, services.sync.apply(plan, services.sync.import_downloads(plan))


def snapshot(services) -> dict:
    """Every row count and the CQC tables' contents: what 'changes nothing' compares."""
    with services.ctx.db.reading() as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (
                LocationRecord,
                ReportRecord,
                InspectionRecord,
                ActionRecord,
                CqcLocationRecord,
                CqcReportRecord,
            )
        }
        reports = sorted((r.link_id, r.status, r.report_id) for r in session.scalars(select(CqcReportRecord)))
        ratings = sorted(
            (r.cqc_id, str(r.ratings), r.complete) for r in session.scalars(select(CqcLocationRecord))
        )
    return {"counts": counts, "reports": reports, "ratings": ratings}


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    return tmp_path / "cqc-reports"


def test_first_sync_imports_every_location_report_and_records_ratings(services, client, fake_cqc, downloads):
    plan, summary = sync(services, client, downloads)
    assert summary.imported == 3 and summary.problems == [] and summary.stopped is None
    assert sorted(p.name for p in downloads.iterdir()) == sorted(d.name for d in plan.downloads)
    names = {loc.name: loc for loc in services.locations.list()}
    assert set(names) == {"Larkspur House", "Sandgate Street Dental Practice", "Fennick Road Surgery"}
    assert names["Larkspur House"].cqc_location_id == LARKSPUR
    assert names["Larkspur House"].open_must > 0
    with services.ctx.db.reading() as session:
        larkspur = session.scalar(select(CqcLocationRecord).where(CqcLocationRecord.cqc_id == LARKSPUR))
        assert larkspur.location_id == names["Larkspur House"].id and larkspur.complete
        assert larkspur.ratings["Overall"] == {
            "rating": "Good",
            "date": "2022-10-19",
            "link_id": link_for("asc-inadequate-care-home-2022"),
        }
        assert (
            larkspur.ratings["Well-led"]["rating"] == "Good" and larkspur.rated_on.isoformat() == "2022-10-19"
        )
        assert larkspur.details["onspdIcbCode"] == "E54000023"  # unknown fields kept
        assert session.get(CqcSyncStateRecord, f"provider:{PROVIDER}") is not None
    assert summary.locations[0] == (
        f"Larkspur House ({LARKSPUR}): rated Good (published 19 Oct 2022); 1 new report."
    )


def test_second_sync_fetches_only_what_changed_and_changes_nothing(services, client, fake_cqc, downloads):
    sync(services, client, downloads)
    before = snapshot(services)
    fake_cqc.requests.clear()
    plan, summary = sync(services, client, downloads)
    assert fake_cqc.paths() == [f"providers/{PROVIDER}", "changes/location"]
    assert plan.unchanged == [LARKSPUR, SANDGATE, FENNICK] and plan.downloads == []
    assert summary.imported == 0 and summary.unchanged_locations == 3
    assert snapshot(services) == before


def test_a_changed_location_is_refetched_and_its_rating_change_noted(services, client, fake_cqc, downloads):
    sync(services, client, downloads)
    overall = fake_cqc.locations[SANDGATE]["currentRatings"]["overall"]
    overall["rating"] = "Requires improvement"
    overall["reportDate"] = "2026-11-02"
    fake_cqc.changes = [SANDGATE, "1-555"]  # 1-555 is not ours: never fetched
    fake_cqc.requests.clear()
    _plan, summary = sync(services, client, downloads)
    assert fake_cqc.paths() == [f"providers/{PROVIDER}", "changes/location", f"locations/{SANDGATE}"]
    assert summary.notes == [
        (
            "Sandgate Street Dental Practice: the overall rating changed from Good to Requires "
            "improvement (published 2 Nov 2026)."
        )
    ]


def test_a_changed_location_that_then_404s_is_skipped(services, client, fake_cqc, downloads):
    sync(services, client, downloads)
    del fake_cqc.locations[FENNICK]
    fake_cqc.changes = [FENNICK, LARKSPUR]
    before = snapshot(services)
    _plan, summary = sync(services, client, downloads)
    assert summary.problems == [
        (f"CQC no longer has location {FENNICK} (it may have closed or re-registered), so it was skipped.")
    ]
    assert summary.stopped is None and len(summary.locations) == 1
    assert snapshot(services) == before


def test_a_new_report_is_downloaded_and_imported_on_the_next_sync(
    services, client, fake_cqc, downloads, sample_pdfs
):
    sync(services, client, downloads)
    record = fake_cqc.locations[LARKSPUR]
    record["reports"].insert(
        0,
        {
            "linkId": "BB000009-0000-4000-8000-000000000009",
            "reportDate": "2026-10-01",
            "reportUri": "/reports/BB000009-0000-4000-8000-000000000009?20261001090000",
        },
    )
    fake_cqc.pdfs["BB000009-0000-4000-8000-000000000009"] = sample_pdfs["gp-practice-2018"]
    fake_cqc.changes = [LARKSPUR]
    fake_cqc.requests.clear()
    plan, summary = sync(services, client, downloads)
    assert [d.link_id for d in plan.downloads] == ["bb000009-0000-4000-8000-000000000009"]
    assert fake_cqc.paths()[-1] == "reports/BB000009-0000-4000-8000-000000000009"
    assert (
        summary.imported == 0 and summary.unchanged == 1
    )  # same document as Fennick's: the importer says so


def test_unpublished_report_is_noted(services, client, fake_cqc, downloads):
    fake_cqc.locations[LARKSPUR]["lastInspection"] = {"date": "2026-09-15"}
    _plan, summary = sync(services, client, downloads)
    assert summary.notes == [
        ("Larkspur House: an inspection has happened on 15 Sep 2026; the report is not published yet.")
    ]
    with services.ctx.db.reading() as session:
        assert session.scalar(
            select(CqcLocationRecord.unpublished).where(CqcLocationRecord.cqc_id == LARKSPUR)
        )


def test_by_location_ids_with_text_when_no_pdf_is_offered(services, client, fake_cqc, downloads):
    text = Path(__file__).resolve().parents[3] / "resources" / "samples" / "saf-assessment-2024.txt"
    fake_cqc.texts[HENLEY_LINK] = text.read_bytes()
    plan, summary = sync(services, client, downloads, SyncRequest(location_ids=(HENLEY.lower(),)))
    assert [d.path.suffix for d in plan.downloads] == [".txt"] and summary.imported == 1
    with services.ctx.db.reading() as session:
        row = session.scalar(select(CqcLocationRecord).where(CqcLocationRecord.cqc_id == HENLEY))
        assert row.location_id is not None and row.complete
        assert session.get(CqcSyncStateRecord, f"locations:{HENLEY}") is not None


def test_unknown_provider_is_one_sentence_and_writes_nothing(services, client, downloads):
    before = snapshot(services)
    with pytest.raises(CqcNotFound) as caught:
        services.sync.fetch(client, SyncRequest(provider_id="1-999999"), downloads)
    assert str(caught.value) == (
        "CQC has no provider with the id 1-999999; check the id on the provider's CQC page "
        "(it looks like 1-101234567)."
    )
    assert snapshot(services) == before


def test_wrong_key_is_one_sentence_and_writes_nothing(services, fake_cqc, downloads):
    before = snapshot(services)
    with CqcClient(fake_cqc.url, "wrong") as wrong, pytest.raises(CqcKeyRefused, match=r"^CQC refused the "):
        services.sync.fetch(wrong, BY_PROVIDER, downloads)
    assert snapshot(services) == before


def test_malformed_json_for_one_location_skips_it_and_the_next_sync_resumes(
    services, client, fake_cqc, downloads
):
    fake_cqc.fault(f"locations/{SANDGATE}", malformed_json)
    _plan, summary = sync(services, client, downloads)
    assert summary.imported == 2
    assert summary.problems == [
        f"CQC's answer for location {SANDGATE} was not valid JSON, so it could not be read."
    ]
    fake_cqc.requests.clear()
    _plan, again = sync(services, client, downloads)
    assert f"locations/{SANDGATE}" in fake_cqc.paths() and f"locations/{LARKSPUR}" not in fake_cqc.paths()
    assert again.imported == 1 and again.problems == []


def test_a_pdf_that_fails_to_import_is_one_sentence_the_rest_stay_imported_and_the_next_sync_retries(
    services, client, fake_cqc, downloads
):
    link = link_for("dental-practice-2019")
    fake_cqc.fault(f"reports/{link}", not_a_report)
    _plan, summary = sync(services, client, downloads)
    assert summary.imported == 2 and summary.refused == 1
    assert len(summary.problems) == 1 and summary.problems[0].startswith(
        f"Sandgate Street Dental Practice 2019-06-11 (CQC {link[:8]}).pdf "
    )
    assert "Sandgate Street Dental Practice" not in {loc.name for loc in services.locations.list()}
    with services.ctx.db.reading() as session:
        assert session.get(CqcReportRecord, link).status == "refused"
    _plan, again = sync(services, client, downloads)
    assert again.imported == 1 and again.problems == []
    with services.ctx.db.reading() as session:
        assert session.get(CqcReportRecord, link).status == "imported"


def test_network_dropping_mid_sync_keeps_what_was_imported_and_the_next_sync_resumes(
    services, client, fake_cqc, downloads
):
    fake_cqc.fault(f"locations/{SANDGATE}", dropped, times=4)  # every retry too
    plan, summary = sync(services, client, downloads)
    assert summary.stopped.startswith(
        f"the connection to CQC dropped while fetching location {SANDGATE}; Candour "
        "tried 4 times, so the sync stopped"
    )
    assert summary.imported == 1 and [loc.cqc_id for loc in plan.locations] == [LARKSPUR]
    with services.ctx.db.reading() as session:
        assert (
            session.get(CqcSyncStateRecord, f"provider:{PROVIDER}") is None
        )  # the change list is re-read next time
    fake_cqc.requests.clear()
    _plan, resumed = sync(services, client, downloads)
    fetched_reports = [p for p in fake_cqc.paths() if p.startswith("reports/")]
    assert fetched_reports == [
        f"reports/{link_for('dental-practice-2019')}",
        f"reports/{link_for('gp-practice-2018')}",
    ]
    assert resumed.imported == 2 and resumed.stopped is None
    assert len(services.locations.list()) == 3


def test_cancelling_keeps_the_locations_done_and_writes_nothing_until_applied(
    services, fake_cqc, downloads, sleeps
):
    cancel = threading.Event()

    def progress(done, _total, _message):
        if done == 1:
            cancel.set()

    before = snapshot(services)
    with CqcClient(fake_cqc.url, fake_cqc.key, sleep=sleeps, cancel=cancel) as client:
        plan = services.sync.fetch(client, BY_PROVIDER, downloads, progress)
    assert plan.cancelled and [loc.cqc_id for loc in plan.locations] == [LARKSPUR]
    assert snapshot(services) == before


def test_a_report_the_user_leaves_out_of_the_preview_is_offered_again(services, client, fake_cqc, downloads):
    plan = services.sync.fetch(client, BY_PROVIDER, downloads)
    outcomes = services.sync.import_downloads(plan)
    kept = [o for o in outcomes if not o.source.startswith("Fennick")]
    services.sync.apply(plan, kept)
    again = services.sync.fetch(client, BY_PROVIDER, downloads)
    assert [d.link_id for d in again.downloads] == [link_for("gp-practice-2018")]


def test_without_a_usable_change_list_every_location_is_checked_again(services, client, fake_cqc, downloads):
    from tests.support.cqc_server import malformed_json

    sync(services, client, downloads)
    fake_cqc.fault("changes/location", malformed_json)
    fake_cqc.requests.clear()
    plan, summary = sync(services, client, downloads)
    assert [loc.cqc_id for loc in plan.locations] == [LARKSPUR, SANDGATE, FENNICK]
    assert plan.downloads == [] and summary.problems == []


def test_a_download_folder_that_cannot_be_made_is_one_sentence(services, client, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(
        CqcError, match=r"^The folder .*taken.* for reports downloaded from CQC could not be created \("
    ):
        services.sync.fetch(client, BY_PROVIDER, blocker / "cqc")
