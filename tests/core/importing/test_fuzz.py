"""No input makes the importer raise anything but ReportImportError (mutated seeds and random text)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.domain.errors import ReportImportError
from core.domain.imports import LoadedReport
from core.importing import load_text
from tests.conftest import SHARED

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"
SHARED_SEEDS = SHARED / "corpus" / "seeds"  # read only when present; hypothesis cannot take the fixture
_SEED_FILES = sorted(SHARED_SEEDS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
# Without ../shared and samples the mutations still run on this small built-in report.
_FALLBACK = """Provider Ltd\n\nPlace\n\nInspection report\n\n1 Road\nTown\nAB1 2CD\n\nDate of inspection visit: 5 May 2020
Date of publication: 01/07/2020\n\nOverall rating for this service\tGood\nIs the service safe?\tGood\n
Areas for improvement\n\nAction the provider MUST take to improve\n\n• The provider must ensure X. (Regulation 12 (2)(b))
\nRequirement notices\n\nRegulated activity\tRegulation\nPersonal care\tRegulation 12 HSCA (RA) Regulations 2014
\nHow the regulation was not being met:\n\nIt was not. Regulation 12 (1)\n"""
SEEDS = [p.read_text(encoding="utf-8") for p in _SEED_FILES] or [_FALLBACK]


def _accepts(text: str) -> None:
    try:
        result = load_text(text, source="fuzz.txt")
    except ReportImportError as error:
        assert str(error).startswith("fuzz.txt")
        return
    assert isinstance(result, LoadedReport)
    result.report.to_json_dict()


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(
            st.sampled_from(["drop_chars", "swap_lines", "duplicate_header", "drop_line", "insert"])
        )
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        if operation == "drop_chars" and lines[at]:
            start = draw(st.integers(0, len(lines[at]) - 1))
            lines[at] = lines[at][:start] + lines[at][start + draw(st.integers(1, 20)) :]
        elif operation == "swap_lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "duplicate_header":
            header = draw(
                st.sampled_from(
                    [
                        "Areas for improvement",
                        "Action the provider MUST take to improve",
                        "Requirement notices",
                        "Regulated activity\tRegulation",
                        "How the regulation was not being met:",
                        "All Inspections",
                        "Enforcement actions",
                        "The enforcement action we took:",
                        "However:",
                        "Score: 3",
                        "Updated 1 May 2020",
                        "Safe\tEffective\tCaring\tResponsive\tWell-led\tOverall",
                        "Report from 2 May 2024 assessment",
                    ]
                )
            )
            lines.insert(at, header)
        elif operation == "drop_line":
            del lines[at]
        else:
            lines.insert(at, draw(st.text(max_size=80)))
    return "\n".join(lines)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(mutated_seed())
def test_mutated_reports_load_or_are_refused(text: str) -> None:
    _accepts(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_loads_or_is_refused(text: str) -> None:
    _accepts(text)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Care Quality Commission",
                "• ",
                "Regulation 12 (2)(",
                "Overall rating for this service Good",
                "\t",
                "\n",
                "\n\n",
                "Action the trust MUST take to improve",
                "31 February 2020",
                "15th and 28th",
                "Regulated activity",
                "However,",
                "How the regulation was not being met:",
                "Date of inspection visit:",
                "Inspection report",
                "\ufffe",
                "–",
                "x" * 50,
                "All inspections",
                "During a routine inspection",
                "Score: 9",
                "scored 120 (out of 100)",
                "Overall: Good",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_report_shaped_noise_loads_or_is_refused(text: str) -> None:
    _accepts(text)
