"""Every package an install brings is pinned (``constraints.txt``, read through the
``-c constraints.txt`` line of requirements.txt): the pinned requirements at their versions,
and every dependency of theirs that is installed here, found by walking the installed
packages' own requirements."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._\[\]-]+)==([^\s#;]+)")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line.strip()):
            found[canonicalize_name(match.group(1).split("[")[0])] = match.group(2)
    return found


CONSTRAINTS = pins(ROOT / "constraints.txt")
REQUIRED = {**pins(ROOT / "requirements.txt"), **pins(ROOT / "requirements-dev.txt")}


def test_requirements_read_the_constraints() -> None:
    assert "-c constraints.txt" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_every_requirement_is_pinned_alike_in_the_constraints() -> None:
    assert REQUIRED, "the requirement files pin their packages"
    assert {name: CONSTRAINTS.get(name) for name in REQUIRED} == REQUIRED


def dependencies(name: str) -> set[str]:
    """The installed distributions ``name`` needs (its markers evaluated here, no extras)."""
    try:
        requirements = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return set()
    needed = set()
    for text in requirements:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.add(canonicalize_name(requirement.name))
    return needed


def test_every_installed_dependency_of_a_requirement_is_pinned() -> None:
    seen: set[str] = set()
    waiting = set(REQUIRED)
    while waiting:
        name = waiting.pop()
        seen.add(name)
        waiting |= dependencies(name) - seen
    installed = {name for name in seen if _is_installed(name)}
    assert installed - set(CONSTRAINTS) == set()


def _is_installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True
