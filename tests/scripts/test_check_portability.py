"""scripts/check_portability.py: each rule finds what it names, accepts the Windows-branched forms, and the
project's own code passes it."""

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_portability.py"
_spec = importlib.util.spec_from_file_location("check_portability", SCRIPT)
assert _spec is not None and _spec.loader is not None
portability = importlib.util.module_from_spec(_spec)
sys.modules["check_portability"] = portability  # dataclasses look their module up by name
_spec.loader.exec_module(portability)


def codes(source: str) -> list[str]:
    return [f.code for f in portability.check_source(textwrap.dedent(source), "snippet.py")]


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ('when = f"{day:%-d %b %Y}"', "WIN001"),
        ('when = day.strftime("%d/%-m/%Y")', "WIN001"),
        ('when = day.strftime("%#d %b")', "WIN001"),
        ("import fcntl", "WIN002"),
        ("import resource as r", "WIN002"),
        ("from os import geteuid", "WIN002"),
        ("import os\nroot = os.geteuid() == 0", "WIN002"),
        ("import signal\nprocess.send_signal(signal.SIGKILL)", "WIN002"),
        ("import os\npid = os.fork()", "WIN002"),
        ("import os\npath = os.path.join(folder, name)", "WIN003"),
        ("import os\npath = folder + os.sep + name", "WIN003"),
        ('path = folder + "/" + name', "WIN003"),
        ('path = base + "\\\\" + name', "WIN003"),
        ("text = open(name).read()", "WIN004"),
        ('handle = open(name, "w")', "WIN004"),
        ("text = path.read_text()", "WIN004"),
        ('path.write_text("x")', "WIN004"),
        ('with report_path.open("a") as handle: pass', "WIN004"),
    ],
)
def test_each_rule_finds_what_it_names(source, code):
    assert codes(source) == [code]


@pytest.mark.parametrize(
    "source",
    [
        'when = f"{day.day} {day:%b %Y}"',
        'when = day.strftime("%d %b %Y %H:%M")',
        'ratio = f"{share:.0%}-ish"',
        "import os\nif os.name != 'nt':\n    root = os.geteuid() == 0",
        "import sys\nroot = os.geteuid() if sys.platform != 'win32' else None",
        "import os\ndef root():\n    if os.name == 'nt':\n        return False\n    return os.geteuid() == 0",
        "try:\n    import fcntl\nexcept ImportError:  # Windows\n    fcntl = None",
        "import os\nif hasattr(os, 'mkfifo'):\n    os.mkfifo(path)",
        "import os, pytest\n@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='POSIX')\n"
        "def test_fifo(path):\n    os.mkfifo(path)",
        "path = folder / name",
        'url = "https://" + host',
        'pattern = r"\\m" + r"\\M[\\W_]+".join(tokens)',
        'client = Client(base_url=self.base_url + "/")',
        'endpoint = api_uri + "/locations"',
        'label = "a/" "b"',
        'text = open(name, encoding="utf-8").read()',
        'data = open(name, "rb").read()',
        'text = path.read_text(encoding="utf-8")',
        'path.write_text("x", "utf-8")',
        "data = path.read_bytes()",
        "buffer.open(QIODevice.OpenModeFlag.ReadOnly)",
        "dialog.open()",
    ],
)
def test_portable_and_branched_forms_pass(source):
    assert codes(source) == []


def test_an_unbranched_use_after_a_guard_in_another_function_is_still_found():
    source = """
        import os
        def guarded():
            if os.name == "nt":
                return
        def unguarded():
            return os.geteuid()
    """
    assert codes(source) == ["WIN002"]


def test_the_project_code_passes():
    findings = [
        str(f)
        for path in portability.python_files([ROOT / p for p in portability.DEFAULT_PATHS])
        for f in portability.check_file(path)
    ]
    assert findings == []


def test_the_command_names_each_finding_and_fails(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('stamp = f"{when:%-d %b}"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(bad)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert f"{bad}:1: WIN001" in result.stdout
