"""Triage: language, intent, category, location and priority of a resident's message."""

from bot.triage.pipeline import RuleTriage, Triager

__all__ = ["RuleTriage", "Triager"]
