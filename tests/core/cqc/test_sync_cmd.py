"""`candour sync` in-process against the local CQC server."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.main import main
from core.cqc.access import KEYRING_SERVICE, KEYRING_USER
from core.services.app import open_services
from tests.core.cqc.test_sync import snapshot
from tests.support.cqc_fixtures import PROVIDER


@pytest.fixture
def target(services, db_path) -> str:
    """The test's database (the services fixture made it): a SQLite file, or the server CI names."""
    return os.environ.get("CANDOUR_TEST_DATABASE_URL") or str(db_path)


@pytest.fixture
def candour(target, capsys):
    """`candour --db <the test's database> ARGS...` in-process; returns (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", target, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def sync_args(fake_cqc, tmp_path) -> list[str]:
    return ["sync", "--provider", PROVIDER, "--api-url", fake_cqc.url, "--download-dir", str(tmp_path / "dl")]


def database_state(target: str) -> dict:
    services = open_services(target)
    try:
        return snapshot(services)
    finally:
        services.close()


def test_sync_imports_the_providers_locations_and_run_again_changes_nothing(
    candour, sync_args, monkeypatch, target, fake_cqc
):
    monkeypatch.setenv("CANDOUR_CQC_KEY", "test-key")
    code, out, err = candour(*sync_args, "--yes")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "Larkspur House: 1 new report downloaded",  # progress, location by location
        "Sandgate Street Dental Practice: 1 new report downloaded",
        "Fennick Road Surgery: 1 new report downloaded",
    ]
    assert "Larkspur House — " in out and "Fennick Road Surgery (1-126473132): rated Good" in out
    assert out.rstrip().endswith("3 locations checked with CQC: 3 new reports imported.")
    first = database_state(target)
    assert first["counts"]["report"] == 3 and first["counts"]["cqc_location"] == 3
    code, out, err = candour(*sync_args, "--yes")
    assert (code, err) == (0, "")
    assert out.rstrip().endswith(
        "0 locations checked with CQC: 0 new reports imported; 3 unchanged since the last sync."
    )
    assert database_state(target) == first


def test_the_api_address_and_key_can_come_from_the_environment(candour, monkeypatch, fake_cqc, tmp_path):
    monkeypatch.setenv("CANDOUR_CQC_API", fake_cqc.url)
    monkeypatch.setenv("CANDOUR_CQC_KEY", "test-key")
    code, out, _err = candour(
        "sync", "--location", "1-126473100", "--yes", "--download-dir", str(tmp_path / "dl")
    )
    assert code == 0 and "1 location checked with CQC: 1 new report imported." in out


def test_without_yes_and_no_terminal_nothing_is_written(candour, sync_args, monkeypatch, target):
    monkeypatch.setenv("CANDOUR_CQC_KEY", "test-key")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    before = database_state(target)
    code, out, _err = candour(*sync_args)
    assert code == 0 and "3 new reports downloaded from CQC:" in out
    assert out.rstrip().endswith(
        "Nothing was imported or recorded; run 'candour sync' again with --yes to import the new reports."
    )
    assert database_state(target) == before


def test_with_no_key_it_says_where_to_get_one(candour, sync_args):
    code, out, err = candour(*sync_args, "--yes")
    assert code == 2 and out == ""
    assert err.startswith(
        "candour: No CQC API key is set: register on the CQC API portal "
        "(https://api-portal.service.cqc.org.uk), subscribe"
    )
    assert err.count("\n") == 1


def test_wrong_key_is_one_sentence_exit_2_and_nothing_written(candour, sync_args, monkeypatch, target):
    monkeypatch.setenv("CANDOUR_CQC_KEY", "wrong")
    before = database_state(target)
    code, _out, err = candour(*sync_args, "--yes")
    assert code == 2 and err == (
        "candour: CQC refused the subscription key (HTTP 401); check the key on the CQC API "
        "portal (https://api-portal.service.cqc.org.uk).\n"
    )
    assert database_state(target) == before


def test_unknown_provider_is_one_sentence(candour, fake_cqc, monkeypatch, tmp_path):
    monkeypatch.setenv("CANDOUR_CQC_KEY", "test-key")
    code, _out, err = candour(
        "sync", "--provider", "1-42", "--api-url", fake_cqc.url, "--yes", "--download-dir", str(tmp_path)
    )
    assert code == 2 and err == (
        "candour: CQC has no provider with the id 1-42; check the id on the provider's CQC "
        "page (it looks like 1-101234567).\n"
    )


def test_nothing_to_sync_and_a_bad_address_are_one_sentence_each(candour, monkeypatch):
    monkeypatch.setenv("CANDOUR_CQC_KEY", "k")
    assert (
        candour("sync", "--yes")[2]
        == "candour: Say what to sync: --provider ID, or --location ID (repeatable).\n"
    )
    code, _out, err = candour("sync", "--provider", "1-1", "--api-url", "ftp://mirror")
    assert code == 2 and err == (
        "candour: 'ftp://mirror' is not a web address for the CQC API; it must start with "
        "https:// (or http://).\n"
    )


def test_store_key_keeps_it_in_the_keyring_and_sync_uses_it(
    candour, sync_args, monkeypatch, no_real_keyring_or_cqc
):
    monkeypatch.setattr(sys, "stdin", io.StringIO("test-key\n"))
    code, out, _err = candour("sync", "--store-key")
    assert (code, out) == (0, "The CQC API key is stored in this computer's keyring.\n")
    assert no_real_keyring_or_cqc.passwords == {(KEYRING_SERVICE, KEYRING_USER): "test-key"}
    code, out, _err = candour(*sync_args, "--yes")
    assert code == 0 and "3 new reports imported" in out


def test_with_no_keyring_storing_fails_in_one_sentence_and_the_environment_key_still_works(
    candour, sync_args, monkeypatch
):
    import keyring.backends.fail
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    monkeypatch.setattr(sys, "stdin", io.StringIO("test-key\n"))
    code, _out, err = candour("sync", "--store-key")
    assert code == 2
    assert err.startswith(
        "candour: The key could not be stored because this computer has no usable keyring ("
    )
    assert err.endswith("; set CANDOUR_CQC_KEY instead.\n") and err.count("\n") == 1
    monkeypatch.setenv("CANDOUR_CQC_KEY", "test-key")
    code, out, _err = candour(*sync_args, "--yes")
    assert code == 0 and "3 new reports imported" in out


def test_a_refused_report_is_reported_and_exit_status_1(candour, sync_args, monkeypatch, fake_cqc):
    from tests.support.cqc_fixtures import link_for
    from tests.support.cqc_server import not_a_report

    monkeypatch.setenv("CANDOUR_CQC_KEY", "test-key")
    fake_cqc.fault(f"reports/{link_for('gp-practice-2018')}", not_a_report)
    code, out, err = candour(*sync_args, "--yes")
    assert code == 1 and "2 new reports imported, 1 not imported." in out
    assert err.startswith("Fennick Road Surgery 2018-03-14 (CQC aa000003).pdf ") and err.count("\n") == 1


def test_candour_never_loads_network_or_keyring_code_unless_a_sync_is_asked_for():
    """Offline first (and a fast start): the command line, the services and the main window load no network,
    keyring or CQC code until a sync is asked for."""
    code = (
        "import sys, core.cli.main, core.services.app, desktop.main_window; "
        "print(sorted(m for m in ('httpx', 'keyring', 'core.cqc.models') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.stdout.strip() == "[]"
