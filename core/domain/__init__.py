"""Candour's vocabulary: pydantic models, enums and pure rules shared by every layer."""
