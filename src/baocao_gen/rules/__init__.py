"""Checks as small rule functions, each with its code and level, registered in a list per stage.

yamllint is the model: a rule is one function that looks at one thing and yields what is wrong; the
stage runs its list and stamps each finding with the rule's code and severity. A rule therefore
cannot emit another rule's code, and adding a check is one function here plus one entry in
`data/ma-loi.yaml` (the catalogue test fails until the entry exists).

A rule yields `Finding`s rather than `Diagnostic`s so the code and the severity are said once, where
the rule is registered, and read like a table:

    @MODEL_RULES.rule(Code.STATE_FORMAT, Severity.WARNING)
    def state_closing_ends_with_mark(subject: ModelSubject) -> Iterator[Finding]: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..codes import Code
from ..diagnostics import Diagnostic, Location, Severity

__all__ = ["Finding", "Rule", "RuleList"]

Subject = TypeVar("Subject")


@dataclass(frozen=True, slots=True)
class Finding:
    """What one rule found: the Vietnamese message, where, the value and a hint (no code, no level)."""

    message: str
    location: Location | None
    value: str | None = None
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Rule(Generic[Subject]):
    """One check: its code, its level, and the function that yields findings for a subject."""

    code: Code
    severity: Severity
    check: Callable[[Subject], Iterable[Finding]]

    @property
    def name(self) -> str:
        """Return the function's name: a test or a developer names a rule by it."""
        return self.check.__name__

    def run(self, subject: Subject) -> Iterator[Diagnostic]:
        """Yield the rule's findings on `subject` as diagnostics carrying the rule's code and level."""
        for found in self.check(subject):
            yield Diagnostic(self.code, found.message, found.location, found.value, found.hint, self.severity)


class RuleList(Generic[Subject]):
    """The ordered rules of one stage; `rule(code)` registers a function, `run` applies them all."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.rules: list[Rule[Subject]] = []

    def rule(
        self, code: Code, severity: Severity = Severity.ERROR
    ) -> Callable[[Callable[[Subject], Iterable[Finding]]], Callable[[Subject], Iterable[Finding]]]:
        """Return a decorator that appends the function to this stage as a rule with `code`."""

        def register(check: Callable[[Subject], Iterable[Finding]]) -> Callable[[Subject], Iterable[Finding]]:
            self.rules.append(Rule(code, severity, check))
            return check

        return register

    def run(self, subject: Subject) -> list[Diagnostic]:
        """Return every diagnostic of every rule, in registration order (a stage collects, never stops)."""
        return [diagnostic for rule in self.rules for diagnostic in rule.run(subject)]

    def __iter__(self) -> Iterator[Rule[Subject]]:
        return iter(self.rules)
