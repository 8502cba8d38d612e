"""requirements.lock pins every dependency pyproject.toml names, for every platform the users have."""

import re
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PLATFORMS = {
    "Windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    "Linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _locked() -> list[tuple[str, str, Marker | None]]:
    """(name, version, marker) of each pin in requirements.lock."""
    pins = []
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line)
            version = str(requirement.specifier).removeprefix("==")
            pins.append((_name(requirement.name), version, requirement.marker))
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {}).values()
    return [Requirement(text) for text in [*project["dependencies"], *(t for group in extras for t in group)]]


def test_every_pin_is_exact():
    assert all(re.fullmatch(r"\d+(\.\d+)*(\.post\d+)?", version) for _name, version, _m in _locked())


def test_every_declared_dependency_is_locked_for_windows_and_linux_on_python_3_11():
    """Otherwise `python3 scripts/dev.py lock` was not run after a change to pyproject.toml."""
    for platform, environment in PLATFORMS.items():
        env = {**environment, "python_version": "3.11", "python_full_version": "3.11.9"}
        locked = {
            name: version for name, version, marker in _locked() if marker is None or marker.evaluate(env)
        }
        for requirement in _declared():
            if requirement.marker is not None and not requirement.marker.evaluate(env):
                continue
            name = _name(requirement.name)
            assert name in locked, f"{name} is not in requirements.lock for {platform}"
            assert requirement.specifier.contains(locked[name]), (
                name,
                locked[name],
                str(requirement.specifier),
            )


def test_pyside6_stays_below_6_12_on_python_3_11():
    """6.12.0 corrupts None's refcount on CPython 3.11 (tests/desktop/test_pyside_refcount.py)."""
    env = {**PLATFORMS["Windows"], "python_version": "3.11", "python_full_version": "3.11.9"}
    pyside = [
        v for name, v, marker in _locked() if name == "pyside6" and (marker is None or marker.evaluate(env))
    ]
    assert len(pyside) == 1 and tuple(int(p) for p in pyside[0].split(".")[:2]) < (6, 12)
