"""Fixtures (a pytest plugin, see tests/conftest.py): a local CQC API replaying the recorded responses, and
clients that never wait."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from core.cqc.client import CqcClient
from tests.support.cqc_server import SAMPLE_LOCATIONS, FakeCqc, corpus_record, location_like, sample_pdf

HENLEY = "1-10000302982"
HENLEY_LINK = "8d751af1-d418-4d70-956d-eac92d2c9ff6"
PROVIDER = "1-118166130"


def link_for(stem: str) -> str:
    return {
        "asc-inadequate-care-home-2022": "aa000001-0000-4000-8000-000000000001",
        "dental-practice-2019": "aa000002-0000-4000-8000-000000000002",
        "gp-practice-2018": "aa000003-0000-4000-8000-000000000003",
    }[stem]


@pytest.fixture(scope="session")
def sample_pdfs(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("cqc-pdfs")
    return {stem: sample_pdf(stem, folder) for stem in SAMPLE_LOCATIONS}


@pytest.fixture
def fake_cqc(httpserver, shared_dir: Path, sample_pdfs) -> FakeCqc:
    """The recorded provider (Ashfield Care Homes, three locations) and Henley House; each of the provider's
    locations is the recorded Henley House response re-dressed as one of the sample reports' locations."""
    fake = FakeCqc(httpserver)
    fake.add_provider(corpus_record(shared_dir, "api-provider-ashfield-care-homes.json"))
    henley = corpus_record(shared_dir, "api-location-henley-house.json")
    fake.add_location(henley)
    for stem, (location_id, name, postcode, published, visited) in SAMPLE_LOCATIONS.items():
        fake.add_location(
            location_like(henley, location_id, name, postcode, published, visited, link_for(stem))
        )
        fake.pdfs[link_for(stem)] = sample_pdfs[stem]
    yield fake
    httpserver.clear()


class Sleeps(list):
    """An injectable sleep that records what it was asked to wait, and never waits."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(fake_cqc: FakeCqc, sleeps: Sleeps) -> CqcClient:
    built = CqcClient(
        fake_cqc.url,
        fake_cqc.key,
        timeout=5.0,
        retries=3,
        backoff=2.0,
        sleep=sleeps,
        cancel=threading.Event(),
    )
    yield built
    built.close()
