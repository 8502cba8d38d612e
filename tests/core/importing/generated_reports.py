"""Report PDFs drawn piece by piece with the properties that broke the first importer.

`asc_2015_report` reproduces a 2015 adult social care report as described in issue 9 (the real file is not
available): the cover's header block drawn LAST in the content stream, rating-icon glyphs after every
rating, a two-column summary page, hyphenated line ends, a running header and footer on every page,
requirement notices in a two-column table whose breach text runs over a page break (the header row
repeated on the next page), warning notices in a separate "Enforcement actions" section, and Regulation 18
cited under both the 2014 regulations and the 2009 Registration regulations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.support.report_pdf import LEFT, PAGE_HEIGHT, RIGHT, Drawn, draw_pages, wrapped

BOTTOM = PAGE_HEIGHT - 70.0
TOP = 60.0
GLYPHS = "–––"
ACTIVITY = "Accommodation for persons who require nursing or personal care"


@dataclass
class Flow:
    """Pieces placed top-down, starting a new page when the next line would not fit."""

    pages: list[list[Drawn]] = field(default_factory=lambda: [[]])
    y: float = TOP

    def space(self, points: float) -> None:
        self.y += points

    def ensure(self, points: float) -> None:
        if self.y + points > BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def line(self, text: str, *, x: float = LEFT, size: float = 10.0, bold: bool = False) -> None:
        self.ensure(size * 1.4)
        self.pages[-1].append(Drawn(x, self.y, text, size, bold))
        self.y += size * 1.35

    def heading(self, text: str) -> None:
        self.space(8)
        self.line(text, size=12, bold=True)
        self.space(3)

    def paragraph(
        self, text: str, *, x: float = LEFT, width: float = RIGHT - LEFT, hyphenate: bool = True
    ) -> None:
        lines, _ = wrapped(text, x, 0, width, hyphenate=hyphenate)
        for piece in lines:
            self.ensure(13.5)
            self.pages[-1].append(Drawn(x, self.y, piece.text))
            self.y += 13.5
        self.space(7)

    def row(self, left: str, right: str, *, gap: float = 6) -> None:
        """A table row of two short cells on one baseline."""
        self.ensure(14)
        self.pages[-1].append(Drawn(LEFT + 4, self.y, left))
        self.pages[-1].append(Drawn(300, self.y, right))
        self.y += 13.5 + gap

    def notice(self, regulation: str, body: list[str], took: str | None = None) -> None:
        """One notice table: activity on the left, the regulation and its breach text in the wide right cell;
        a page break inside it repeats the header row on the next page."""
        self.ensure(60)
        self.row("Regulated activity", "Regulation", gap=8)
        left, _ = wrapped(ACTIVITY, LEFT + 4, 0, 150, hyphenate=False)
        right_text = [regulation, "How the regulation was not being met:", *body]
        if took:
            right_text += ["The enforcement action we took:", took]
        right: list[str] = []
        for part in right_text:
            right += [piece.text for piece in wrapped(part, 230, 0, RIGHT - 230, hyphenate=False)[0]]
        for index in range(max(len(left), len(right))):
            if self.y + 14 > BOTTOM:
                self.new_page()
                self.row("Regulated activity", "Regulation", gap=8)
            if index < len(left):
                self.pages[-1].append(Drawn(LEFT + 4, self.y, left[index].text))
            if index < len(right):
                self.pages[-1].append(Drawn(230, self.y, right[index]))
            self.y += 13.5
        self.space(16)


COVER = [
    (0, "Meadowgate Care Limited", 10.0),
    (16, "Ashcombe Lodge", 20.0),
    (44, "Inspection report", 14.0),
]
ADDRESS = ["27 Quarry Road", "Ashcombe", "Westleigh", "AS4 7QP", "Tel: 01632 960455"]
DATES = ["Date of inspection visit:", "7 and 10 July 2015", "Date of publication:", "2 September 2015"]

REQUIREMENTS = [
    (
        "Regulation 12 HSCA (RA) Regulations 2014 Safe care and treatment",
        [
            (
                "People were not protected against the risks of unsafe care because risks relating to falls, choking "
                "and pressure ulcers were not assessed or managed and medicines were not administered as prescribed. "
                "Records of topical creams and of medicines given when required were incomplete for most of the people "
                "whose records we looked at, and staff had not recognised that two people had missed doses of their "
                "prescribed medicines on several days. Care plans did not contain the guidance staff needed to move "
                "people safely and the equipment people needed was not always available to them when they needed it. "
                "Regulation 12 (1)(2)(a)(b)(g)"
            )
        ],
    ),
    (
        "Regulation 18 HSCA (RA) Regulations 2014 Staffing",
        [
            (
                "There were not enough suitably qualified, competent and experienced staff deployed to meet people's "
                "needs, and staff had not received the training and supervision they needed. Regulation 18 (1)(2)(a)"
            )
        ],
    ),
    (
        "Regulation 18 CQC (Registration) Regulations 2009 Notification of other incidents",
        [
            (
                "The registered person had not notified the Commission without delay of three allegations of abuse "
                "and of one serious injury to a person using the service. Regulation 18 (1)(2)(e)"
            )
        ],
    ),
    (
        "Regulation 10 HSCA (RA) Regulations 2014 Dignity and respect",
        [
            (
                "People were not always treated with dignity and respect: personal care was given with doors open and "
                "people were left in soiled clothing. Regulation 10 (1)(2)(a)"
            )
        ],
    ),
]
WARNINGS = [
    (
        "Regulation 12 HSCA (RA) Regulations 2014 Safe care and treatment",
        [
            (
                "Care and treatment was not provided in a safe way for people because risks to their health and "
                "safety were not assessed and medicines were not managed properly. Regulation 12 (1)(2)(a)(b)(g)"
            )
        ],
        (
            "We served a warning notice on the registered provider requiring them to become compliant with "
            "Regulation 12 by 30 September 2015."
        ),
    ),
    (
        "Regulation 17 HSCA (RA) Regulations 2014 Good governance",
        [
            (
                "Systems to assess, monitor and improve the quality and safety of the service were not operated "
                "effectively and records were not accurate or complete. Regulation 17 (1)(2)(a)(b)(c)"
            )
        ],
        (
            "We served a warning notice on the registered provider requiring them to become compliant with "
            "Regulation 17 by 30 September 2015."
        ),
    ),
]
RECOMMENDATION = (
    "We recommend that the provider seeks advice and guidance from a reputable source about "
    "supporting people living with dementia to take part in meaningful activities."
)


def asc_2015_report(path: Path) -> Path:
    flow = Flow()
    # Page 1: the ratings and summary are drawn first; the cover block at the top of the page comes LAST.
    flow.y = 250
    flow.heading("Ratings")
    flow.row("Overall rating for this service", f"Inadequate {GLYPHS}")
    for question in ("safe", "effective", "caring", "responsive", "well-led"):
        rating = "Requires improvement" if question in ("caring", "responsive") else "Inadequate"
        flow.row(f"Is the service {question}?", f"{rating} {GLYPHS}")
    flow.heading("Overall summary")
    flow.paragraph(
        "This inspection took place on 7 and 10 July 2015 and was unannounced. Ashcombe Lodge provides "
        "accommodation and nursing care for up to 38 older people, many of whom live with dementia."
    )
    cover_block = [Drawn(LEFT, y + 40, text, size, bold=size > 12) for y, text, size in COVER]
    cover_block += [Drawn(LEFT, 120 + 13 * n, text) for n, text in enumerate(ADDRESS)]
    cover_block += [Drawn(340, 120 + 13 * n, text) for n, text in enumerate(DATES)]
    flow.pages[-1].extend(cover_block)
    # Page 2: the summary in two columns, set line by line across both columns as a typesetter does.
    flow.new_page()
    flow.heading("The five questions we ask about services and what we found")
    left = (
        "We always ask the following five questions of services. The service was not safe. There were not "
        "enough staff to keep people safe and to meet their needs in a timely way. Risks to people's health "
        "and safety were not assessed or managed. Medicines were not managed safely and people did not always "
        "receive their medicines as prescribed by their doctors."
    )
    right = (
        "The service was not well-led. The provider's systems to monitor the quality and safety of the service "
        "were not effective and had not identified the concerns we found. The registered manager had not "
        "notified us of incidents as required. Staff told us they did not feel supported by the management "
        "of the home and that morale was low."
    )
    left_lines, _ = wrapped(left, LEFT, 0, 225, hyphenate=True)
    right_lines, _ = wrapped(right, 310, 0, 225, hyphenate=True)
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            flow.pages[-1].append(Drawn(LEFT, flow.y, left_lines[index].text))
        if index < len(right_lines):
            flow.pages[-1].append(Drawn(310, flow.y, right_lines[index].text))
        flow.y += 13.5
    flow.space(10)
    flow.heading("Is the service safe?")
    flow.heading("Our findings")
    flow.paragraph(
        "People who used the service and their relatives told us there were not always enough staff. "
        "This was a breach of Regulation 18 of the Health and Social Care Act 2008 (Regulated "
        "Activities) Regulations 2014. Risks were not managed and this was a breach of Regulation 12."
    )
    flow.heading("Is the service caring?")
    flow.heading("Our findings")
    flow.paragraph(
        "Staff did not always respect people's privacy. This was a breach of Regulation 10 of the Health "
        "and Social Care Act 2008 (Regulated Activities) Regulations 2014."
    )
    flow.heading("Is the service responsive?")
    flow.heading("Our findings")
    flow.paragraph("There were few activities for people living with dementia.")
    flow.paragraph(RECOMMENDATION, hyphenate=False)
    flow.heading("Is the service well-led?")
    flow.heading("Our findings")
    flow.paragraph(
        "The registered manager had not notified CQC of incidents. This was a breach of Regulation 18 of "
        "the Care Quality Commission (Registration) Regulations 2009. Governance systems were not "
        "effective; this was a breach of Regulation 17."
    )
    # The notices: the first table starts low on a page, so its breach text runs over the page break.
    flow.new_page()
    flow.y = BOTTOM - 200
    flow.heading("Action we have told the provider to take")
    flow.paragraph(
        "The table below shows where regulations were not being met and we have asked the provider to "
        "send us a report that says what action they are going to take.",
        hyphenate=False,
    )
    for regulation, body in REQUIREMENTS:
        flow.notice(regulation, body)
    flow.new_page()
    flow.heading("Enforcement actions")
    flow.paragraph(
        "The table below shows where regulations were not being met and we have taken enforcement action.",
        hyphenate=False,
    )
    for regulation, body, took in WARNINGS:
        flow.notice(regulation, body, took)
    return draw_pages(
        path,
        flow.pages,
        header="Ashcombe Lodge Inspection report 02/09/2015",
        footer="{page} Ashcombe Lodge Inspection report 2 September 2015",
    )
