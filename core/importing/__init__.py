"""Reading CQC inspection reports (PDF, saved web pages, text) into the interchange model. No database."""

from core.importing.load import SUPPORTED_SUFFIXES, find_report_files, load_file, load_text

__all__ = ["SUPPORTED_SUFFIXES", "find_report_files", "load_file", "load_text"]
