#!/usr/bin/env python3
"""Portability gate: code that would fail on Windows, found by reading the source (nothing is run).

    python3 scripts/check_portability.py [PATH ...]     # default: core desktop scripts benchmarks tests

Rules (each finding is printed as `file:line: CODE message`; exit status 1 when there is any):

WIN001  A strftime/strptime code with a `-` or `#` flag after the `%` in any string: glibc and Windows each
accept only their own, so one of them raises `ValueError: Invalid format string`. Write dates with
core.domain.wording.format_date / format_datetime. WIN002  A POSIX-only module (fcntl, resource, pwd, grp,
termios, tty, pty, posix, syslog, crypt) or name (os.geteuid, os.fork, os.wait4, signal.SIGKILL, ...) with no
Windows branch. A use counts as branched when an enclosing `if` (or conditional expression) tests os.name,
sys.platform, platform.system() or the feature itself (`hasattr(os, "mkfifo")`), when the function (or module)
holding it tests one of those on an earlier line (an early return) or in a decorator (a test's
`pytest.mark.skipif`), or when it is imported inside `try: ... except ImportError`. WIN003  A path built from
strings: os.path.join, os.sep/os.path.sep, or `+` joining a value to a string literal that starts or ends with
"/" or is a lone backslash. Build paths with pathlib (`folder / name`). URLs are not paths: a literal holding
"://", or a value whose name ends in "url" or "uri", passes. WIN004  Text read or written without an encoding:
open() in text mode, Path.open() in text mode, Path.read_text() or Path.write_text() with no `encoding=`
(Windows would use its ANSI code page).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("core", "desktop", "scripts", "benchmarks", "tests")
# The rules' own tests plant every finding on purpose.
EXEMPT = frozenset({Path("tests/scripts/test_check_portability.py")})

FLAGGED_STRFTIME = re.compile(r"%[-#][aAbBcdfGHIjmMpSuUVwWxXyYzZ]")
POSIX_MODULES = frozenset(
    {"fcntl", "resource", "pwd", "grp", "termios", "tty", "pty", "posix", "syslog", "crypt"}
)
POSIX_NAMES = {
    "os": frozenset(
        {
            "geteuid",
            "getuid",
            "getegid",
            "getgid",
            "getgroups",
            "setuid",
            "setgid",
            "fork",
            "forkpty",
            "setsid",
            "setpgrp",
            "getpgid",
            "killpg",
            "wait3",
            "wait4",
            "WNOHANG",
            "chown",
            "lchown",
            "fchown",
            "mkfifo",
            "mknod",
            "uname",
            "sysconf",
            "getloadavg",
            "nice",
            "sync",
            "pipe2",
        }
    ),
    "signal": frozenset(
        {
            "SIGKILL",
            "SIGHUP",
            "SIGQUIT",
            "SIGUSR1",
            "SIGUSR2",
            "SIGALRM",
            "SIGCHLD",
            "SIGPIPE",
            "SIGSTOP",
            "SIGCONT",
            "SIGTSTP",
            "alarm",
            "setitimer",
            "getitimer",
            "pause",
            "siginterrupt",
            "pthread_kill",
            "pthread_sigmask",
        }
    ),
}
PLATFORM_TESTS = ("os.name", "sys.platform", "platform.system")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


def python_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The .py files under paths, less hidden folders and the EXEMPT files."""
    for path in paths:
        found = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.suffix == ".py" else []
        for file in found:
            relative = file.resolve().relative_to(ROOT) if file.resolve().is_relative_to(ROOT) else file
            if relative not in EXEMPT and not any(part.startswith(".") for part in relative.parts):
                yield file


def check_file(path: Path, shown_as: str | None = None) -> list[Finding]:
    source = path.read_text(encoding="utf-8")
    return check_source(source, shown_as or str(path))


def check_source(source: str, name: str) -> list[Finding]:
    tree = ast.parse(source, filename=name)
    checker = _Checker(name)
    checker.visit(tree)
    return sorted(checker.findings)


def _dotted(node: ast.AST) -> str:
    """'os.path.join' for an Attribute/Name chain; '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else ""
    return ""


def _is_platform_test(node: ast.AST) -> bool:
    """os.name, sys.platform, platform.system, or a feature test such as hasattr(os, "mkfifo")."""
    if isinstance(node, ast.Attribute):
        return _dotted(node).startswith(PLATFORM_TESTS)
    return (
        isinstance(node, ast.Call)
        and _dotted(node.func) == "hasattr"
        and bool(node.args)
        and _dotted(node.args[0]) in POSIX_NAMES
    )


def _tests_platform(node: ast.AST) -> bool:
    return any(_is_platform_test(n) for n in ast.walk(node))


def _first_platform_line(body: Sequence[ast.stmt]) -> int | None:
    """The first line at which this block (not nested functions) tests the platform."""
    lines = [
        n.lineno for stmt in body for n in ast.walk(stmt) if isinstance(n, ast.expr) and _is_platform_test(n)
    ]
    return min(lines) if lines else None


def _is_slash_literal(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value != ""
        and "://" not in node.value
        # a leading backslash is more often a regex escape (r"\m") than a Windows separator
        and (node.value[0] == "/" or node.value[-1] == "/" or node.value == "\\")
    )


class _Checker(ast.NodeVisitor):
    def __init__(self, name: str) -> None:
        self.name = name
        self.findings: list[Finding] = []
        self._branched = (
            0  # depth of enclosing platform tests (if / conditional expression / try-ImportError)
        )
        self._scope_guard: list[int | None] = []  # per enclosing function/module: first platform-test line

    def report(self, node: ast.AST, code: str, message: str) -> None:
        self.findings.append(Finding(self.name, getattr(node, "lineno", 0), code, message))

    # -- scopes and branches ------------------------------------------------------------------------------

    def visit_Module(self, node: ast.Module) -> None:
        self._scope_guard.append(_first_platform_line(node.body))
        self.generic_visit(node)
        self._scope_guard.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        decorated = any(_tests_platform(decorator) for decorator in node.decorator_list)
        self._scope_guard.append(_first_platform_line(node.body))
        self._branched += decorated
        self.generic_visit(node)
        self._branched -= decorated
        self._scope_guard.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If | ast.IfExp) -> None:
        if not _tests_platform(node.test):
            self.generic_visit(node)
            return
        self._branched += 1
        self.generic_visit(node)
        self._branched -= 1

    visit_IfExp = visit_If

    def visit_Try(self, node: ast.Try) -> None:
        catches_import_error = any(
            handler.type is not None
            and any(_dotted(n) in ("ImportError", "ModuleNotFoundError") for n in ast.walk(handler.type))
            for handler in node.handlers
        )
        self._branched += catches_import_error
        for stmt in node.body:
            self.visit(stmt)
        self._branched -= catches_import_error
        for part in (*node.handlers, *node.orelse, *node.finalbody):
            self.visit(part)

    def _has_windows_branch(self, node: ast.AST) -> bool:
        if self._branched:
            return True
        guard = self._scope_guard[-1] if self._scope_guard else None
        return guard is not None and guard < getattr(node, "lineno", 0)

    # -- WIN001 ---------------------------------------------------------------------------------------------

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and (match := FLAGGED_STRFTIME.search(node.value)):
            self.report(
                node,
                "WIN001",
                f"'{match.group()}' is not a portable date format code (Windows raises "
                "ValueError); use core.domain.wording.format_date/format_datetime",
            )

    # -- WIN002 ---------------------------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        self._check_module(node, module)
        for alias in node.names:
            if alias.name in POSIX_NAMES.get(module, ()):
                self._posix(node, f"{module}.{alias.name}")

    def _check_module(self, node: ast.AST, module: str) -> None:
        if module.split(".")[0] in POSIX_MODULES:
            self._posix(node, module)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = _dotted(node)
        head, _, attr = dotted.rpartition(".")
        if attr in POSIX_NAMES.get(head, ()):
            self._posix(node, dotted)
        if dotted in ("os.sep", "os.path.sep", "os.path.join"):
            self.report(node, "WIN003", f"{dotted} builds a path from strings; use pathlib")
        self.generic_visit(node)

    def _posix(self, node: ast.AST, what: str) -> None:
        if not self._has_windows_branch(node):
            self.report(
                node,
                "WIN002",
                f"{what} exists only on POSIX systems and has no Windows branch "
                "(test os.name or sys.platform first)",
            )

    # -- WIN003 ---------------------------------------------------------------------------------------------

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            if (
                any(_is_slash_literal(s) for s in sides)
                and not all(isinstance(s, ast.Constant) for s in sides)
                and not any(_dotted(s).lower().endswith(("url", "uri")) for s in sides)
            ):
                self.report(
                    node, "WIN003", "a path joined with '+' and a slash; use pathlib (`folder / name`)"
                )
        self.generic_visit(node)

    # -- WIN004 ---------------------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        keywords = {k.arg for k in node.keywords}
        if "encoding" not in keywords and None not in keywords:  # None: **kwargs may carry it
            name = _dotted(node.func)
            method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name == "open" and _text_mode(node.args[1] if len(node.args) > 1 else _keyword(node, "mode")):
                self.report(node, "WIN004", "open() in text mode without encoding=")
            elif method in ("read_text", "write_text") and not _is_module_call(
                node, ("importlib", "resources")
            ):
                if len(node.args) < (2 if method == "write_text" else 1):
                    self.report(node, "WIN004", f".{method}() without encoding=")
            elif method == "open" and name != "open" and _is_path_open(node):
                self.report(node, "WIN004", "Path.open() in text mode without encoding=")
        self.generic_visit(node)


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == name), None)


def _text_mode(mode: ast.expr | None) -> bool:
    if mode is None:
        return True
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value


def _is_module_call(node: ast.Call, prefixes: tuple[str, ...]) -> bool:
    return _dotted(node.func).startswith(prefixes)


def _is_path_open(node: ast.Call) -> bool:
    """`x.open()` / `x.open("r")` with a text mode and no encoding: taken for pathlib's Path.open when its
    receiver is named like a path or is a Path(...) call; Qt's and other objects' open() take no mode."""
    mode = node.args[0] if node.args else _keyword(node, "mode")
    if mode is not None and not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)):
        return False
    if not _text_mode(mode):
        return False
    receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
    if isinstance(receiver, ast.Call) and _dotted(receiver.func) in ("Path", "pathlib.Path"):
        return True
    word = _dotted(receiver).rpartition(".")[2].lower() if receiver is not None else ""
    return mode is not None or word.endswith(("path", "file"))


def main(argv: Sequence[str]) -> int:
    paths = [Path(a) for a in argv] or [ROOT / p for p in DEFAULT_PATHS]
    findings: list[Finding] = []
    for path in python_files(paths):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        findings.extend(check_file(path, str(shown)))
    for finding in findings:
        print(finding)
    print(f"portability: {len(findings)} finding(s)" if findings else "portability: no findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
