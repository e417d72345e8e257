"""Figures the security suite prints at the end of a run (see conftest.pytest_terminal_summary)."""

FIGURES: dict[str, str] = {}


def record(name: str, text: str) -> None:
    FIGURES[name] = text
