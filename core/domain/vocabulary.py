"""Closed vocabularies of the CQC domain and of action tracking."""

from __future__ import annotations

from enum import StrEnum


class KeyQuestion(StrEnum):
    SAFE = "safe"
    EFFECTIVE = "effective"
    CARING = "caring"
    RESPONSIVE = "responsive"
    WELL_LED = "well-led"

    @property
    def label(self) -> str:
        return "Well-led" if self is KeyQuestion.WELL_LED else self.value.capitalize()


class KeyQuestionSource(StrEnum):
    """Where an action's key question came from: the report placed it, its regulation implied it, or
    neither."""

    STATED = "stated"
    REGULATION = "regulation"
    NONE = "none"
    USER = "user"  # set or changed by a person after the import


class ActionKind(StrEnum):
    MUST = "must"
    SHOULD = "should"

    @property
    def label(self) -> str:
        return self.value.upper()


class ActionOrigin(StrEnum):
    MUST_LIST = "must-list"
    SHOULD_LIST = "should-list"
    REQUIREMENT_NOTICE = "requirement-notice"
    WARNING_NOTICE = "warning-notice"
    ENFORCEMENT = "enforcement"
    RECOMMENDATION = "recommendation"
    FINDING = "finding"
    INTERNAL = "internal"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()

    @property
    def is_notice(self) -> bool:
        """A requirement or warning notice, or other enforcement: a breach the provider answers to CQC."""
        return self in (
            ActionOrigin.REQUIREMENT_NOTICE,
            ActionOrigin.WARNING_NOTICE,
            ActionOrigin.ENFORCEMENT,
        )


class OtherSource(StrEnum):
    """Where an action no CQC report contains came from (added by the governance lead)."""

    MOCK_INSPECTION = "mock-inspection"
    AUDIT = "audit"
    INCIDENT = "incident"
    COMPLAINT = "complaint"
    CQC_FEEDBACK = "cqc-feedback"
    IRMER = "irmer"
    HSE = "hse"
    OTHER_REGULATOR = "other-regulator"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    OtherSource.MOCK_INSPECTION: "Mock inspection",
    OtherSource.AUDIT: "Audit",
    OtherSource.INCIDENT: "Incident",
    OtherSource.COMPLAINT: "Complaint",
    OtherSource.CQC_FEEDBACK: "CQC feedback",
    OtherSource.IRMER: "IR(ME)R",
    OtherSource.HSE: "HSE",
    OtherSource.OTHER_REGULATOR: "Other regulator",
    OtherSource.OTHER: "Other",
}


class StepStatus(StrEnum):
    """A step of the provider's plan under an action."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"open": "Not started", "in_progress": "In progress", "done": "Done"}[self.value]


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    VERIFIED = "verified"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_live(self) -> bool:
        """Still needs work: open or in progress."""
        return self in _LIVE  # a set made once: looking the members up on the class costs microseconds


_LIVE = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Completed (awaiting verification)",
    ActionStatus.VERIFIED: "Verified (closed)",
    ActionStatus.NOT_APPLICABLE: "Not applicable",
}


class Access(StrEnum):
    """What a person may do in Candour (their role in it, not their job title)."""

    GOVERNANCE_LEAD = "governance_lead"
    ACTION_OWNER = "action_owner"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Rag(StrEnum):
    """BRAG status, always derived from an action's state and never stored."""

    BLUE = "blue"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def label(self) -> str:
        return _RAG_LABELS[self]


_RAG_LABELS = {
    Rag.BLUE: "Blue (verified)",
    Rag.GREEN: "Green (on track)",
    Rag.AMBER: "Amber (due soon)",
    Rag.RED: "Red (overdue)",
    Rag.GREY: "Grey (not applicable)",
}


class Statute(StrEnum):
    """The three sets of regulations CQC reports cite; a regulation number means nothing without one."""

    RA_2014 = "HSCA (RA) Regulations 2014"
    RA_2010 = "HSCA 2008 (Regulated Activities) Regulations 2010"
    REGISTRATION_2009 = "CQC (Registration) Regulations 2009"


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"


# Ratings exactly as CQC spells them.
RATINGS: tuple[str, ...] = (
    "Outstanding",
    "Good",
    "Requires improvement",
    "Inadequate",
    "Not rated",
    "Inspected but not rated",
    "Insufficient evidence to rate",
)
RATING_RANK = {"Outstanding": 4, "Good": 3, "Requires improvement": 2, "Inadequate": 1}


def canonical_rating(text: str | None) -> str | None:
    """Map any capitalisation of a CQC rating to CQC's own spelling; None when it is not a rating."""
    if not text:
        return None
    folded = " ".join(text.split()).casefold()
    for rating in RATINGS:
        if rating.casefold() == folded:
            return rating
    return None
