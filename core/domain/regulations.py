"""Titles of the regulations CQC cites, by statute and number."""

from __future__ import annotations

from core.domain.vocabulary import Statute

_TITLES: dict[Statute, dict[str, str]] = {
    Statute.RA_2014: {
        "4": "Requirements where the service provider is an individual or partnership",
        "5": "Fit and proper persons: directors",
        "6": "Requirement where the service provider is a body other than a partnership",
        "7": "Requirements relating to registered managers",
        "8": "General",
        "9": "Person-centred care",
        "10": "Dignity and respect",
        "11": "Need for consent",
        "12": "Safe care and treatment",
        "13": "Safeguarding service users from abuse and improper treatment",
        "14": "Meeting nutritional and hydration needs",
        "15": "Premises and equipment",
        "16": "Receiving and acting on complaints",
        "17": "Good governance",
        "18": "Staffing",
        "19": "Fit and proper persons employed",
        "20": "Duty of candour",
        "20A": "Requirement as to display of performance assessments",
    },
    Statute.RA_2010: {
        "9": "Care and welfare of people who use services",
        "10": "Assessing and monitoring the quality of service provision",
        "11": "Safeguarding people who use services from abuse",
        "12": "Cleanliness and infection control",
        "13": "Management of medicines",
        "14": "Meeting nutritional needs",
        "15": "Safety and suitability of premises",
        "16": "Safety, availability and suitability of equipment",
        "17": "Respecting and involving people who use services",
        "18": "Consent to care and treatment",
        "19": "Complaints",
        "20": "Records",
        "21": "Requirements relating to workers",
        "22": "Staffing",
        "23": "Supporting workers",
        "24": "Cooperating with other providers",
    },
    Statute.REGISTRATION_2009: {
        "12": "Statement of purpose",
        "13": "Financial position",
        "14": "Notice of absence",
        "15": "Notice of changes",
        "16": "Notification of death of service user",
        "17": "Notification of death or unauthorised absence of a service user detained "
        "or liable to be detained under the Mental Health Act 1983",
        "18": "Notification of other incidents",
        "19": "Fees",
        "20": "Requirements relating to termination of pregnancies",
        "22A": "Form of notifications",
    },
}


def regulation_title(statute: Statute | None, number: str | None) -> str | None:
    """The canonical short title, or None when the statute or number is unknown."""
    if statute is None or number is None:
        return None
    return _TITLES.get(statute, {}).get(number.upper())


def statute_for_year(year: int | None) -> Statute | None:
    """The RA regulations in force for a report of that year (2014 set from 1 April 2015)."""
    if year is None:
        return None
    return Statute.RA_2014 if year >= 2015 else Statute.RA_2010
