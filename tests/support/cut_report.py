"""A report whose action list was cut: it cites breaches of regulations 12 and 17 but gives one requirement
notice, so the importer's self-check must warn (used by the CLI and the import preview tests)."""

CUT_REPORT = """Care Quality Commission

Ashdown Court

Inspection report

Date of inspection visit: 3 May 2022

Is the service safe?

Our findings

This was a breach of regulation 12 (Safe care and treatment) of the Health and Social Care Act 2008 (Regulated
Activities) Regulations 2014. We also found a breach of regulation 17 (Good governance).

Action we have told the provider to take

Regulated activity\tRegulation
Personal care\tRegulation 12 HSCA RA Regulations 2014 Safe care and treatment

How the regulation was not being met:

Risks were not assessed.
"""
