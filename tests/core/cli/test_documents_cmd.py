"""`candour plan`, `pack` and `cqc-plan`: PDF files written, bad paths refused in one sentence."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return len(reader.pages), " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_plan_writes_the_filtered_action_plan(cli, register, tmp_path) -> None:
    target = tmp_path / "plan.pdf"
    code, out, err = cli("plan", "-o", str(target), "--location", "Sidcup", "--kind", "must")
    assert (code, err) == (0, "")
    pages, text = pdf_text(target)
    assert out == f"Wrote {pages} page{'s' if pages > 1 else ''} to {target}.\n"
    assert register["must"].summary.reference in text
    assert register["should"].summary.reference not in text
    assert "MUST actions at Sidcup PET-CT Centre" in text and "Generated" in text and "by Sam Reid" in text


def test_plan_takes_a_title(cli, tmp_path) -> None:
    target = tmp_path / "board.pdf"
    assert cli("plan", "-o", str(target), "--title", "Board plan")[0] == 0
    assert PdfReader(BytesIO(target.read_bytes())).metadata.title == "Board plan"


def test_pack_writes_the_meeting_pack_for_the_chosen_dates(cli, tmp_path) -> None:
    target = tmp_path / "pack.pdf"
    code, out, _ = cli(
        "pack",
        "--meeting",
        "2026-03-05",
        "--since",
        "2026-01-01",
        "--next",
        "2026-04-30",
        "--location",
        "kenton",
        "-o",
        str(target),
    )
    assert code == 0 and out.startswith("Wrote ")
    _, text = pdf_text(target)
    assert (
        "Meeting Board, 5 Mar 2026 Changes since 1 Jan 2026 (the last meeting) Next meeting 30 Apr 2026"
        in text
    )
    assert "Locations Kenton MRI Unit" in text


def test_cqc_plan_writes_the_plan_for_a_location_and_inspection_date(cli, tmp_path) -> None:
    assert cli("demo")[0] == 0
    target = tmp_path / "cqc.pdf"
    code, out, _ = cli(
        "cqc-plan", "--location", "Larkspur House", "--inspection", "2022-08-09", "-o", str(target)
    )
    assert code == 0 and out.startswith("Wrote ")
    _, text = pdf_text(target)
    assert "Action plan for CQC: Larkspur House" in text and "Regulation 18: Staffing" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("cqc-plan", "--location", "Sidcup"),
            "candour: Sidcup PET-CT Centre has no requirement or warning notices to answer.\n",
        ),
        (("cqc-plan", "--location", "999"), "candour: Location 999 no longer exists.\n"),
        (
            ("pack", "--meeting", "2026-03-05", "--since", "2026-04-01"),
            "candour: The last meeting (1 Apr 2026) must be before this meeting (5 Mar 2026).\n",
        ),
        (("plan", "--location", "Atlantis"), "candour: No location is called or coded 'Atlantis'.\n"),
    ],
)
def test_impossible_documents_are_refused_in_one_sentence(cli, tmp_path, args, message) -> None:
    target = tmp_path / "out.pdf"
    code, out, err = cli(*args, "-o", str(target))
    assert (code, out, err) == (2, "", message)
    assert not target.exists()


def test_a_folder_or_a_missing_folder_is_refused_before_any_work(cli, tmp_path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    code, _, err = cli("plan", "-o", str(folder))
    assert code == 2 and err == f"candour: {folder} could not be written: that name is a folder.\n"
    missing = folder / "no such folder" / "plan.pdf"
    code, _, err = cli("pack", "--meeting", "2026-03-05", "-o", str(missing))
    assert code == 2 and err == f"candour: {missing} could not be written: its folder does not exist.\n"
    blocker = folder / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = cli("cqc-plan", "--location", "Sidcup", "-o", str(blocker / "plan.pdf"))
    assert code == 2 and "its folder does not exist" in err
    assert list(folder.iterdir()) == [blocker]


def test_cli_pack_remembers_the_cover_sheet_per_series(cli, tmp_path) -> None:
    target = tmp_path / "pack.pdf"
    code, _, err = cli(
        "pack",
        "--meeting",
        "2026-03-05",
        "--series",
        "Trust Board",
        "--meeting-name",
        "Trust Board (public)",
        "--purpose",
        "decision",
        "--assurance",
        "limited",
        "--key-question",
        "safe",
        "--recommendation",
        "The board is asked to note",
        "-o",
        str(target),
    )
    assert (code, err) == (0, "")
    code, _, _ = cli(
        "pack", "--meeting", "2026-04-02", "--series", "Trust Board", "--agenda-item", "9", "-o", str(target)
    )
    assert code == 0
    _, text = pdf_text(target)
    first = text.split("1. Movement since")[0]
    for words in (
        "Meeting Trust Board (public)",
        "Agenda item 9",
        "☒ Decision",
        "☒ Limited",
        "CQC key questions Safe",
        "Recommendation The board is asked to note",
    ):
        assert words in first
    assert "Compared with the last pack, for the meeting of 5 Mar 2026" in text
