"""Write ``constraints.txt``: every package the app and its tests install, direct and
transitive, pinned to the version pip resolves for ``requirements-dev.txt`` today.

    python tools/write_constraints.py            # resolves (pip --dry-run), rewrites the file

Run it after changing a requirement; ``tests/unit/test_constraints.py`` fails while a
requirement or an installed dependency of one is missing from the file or pinned otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Every package the app and its tests install, direct and transitive, pinned: pip reads this
# file through the `-c constraints.txt` line of requirements.txt, so two installs a month apart
# get the same versions. Written by `python tools/write_constraints.py`; do not edit by hand.
"""


def resolved_pins() -> list[tuple[str, str]]:
    """What pip would install for requirements-dev.txt on a clean machine, by name."""
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "resolved.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--ignore-installed",
                "--quiet",
                "--report",
                str(report),
                "-r",
                str(ROOT / "requirements-dev.txt"),
            ],
            check=True,
        )
        installed = json.loads(report.read_text())["install"]
    pins = {item["metadata"]["name"]: item["metadata"]["version"] for item in installed}
    return sorted(pins.items(), key=lambda pin: pin[0].lower())


def main() -> None:
    lines = [f"{name}=={version}" for name, version in resolved_pins()]
    (ROOT / "constraints.txt").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(lines)} packages pinned")


if __name__ == "__main__":
    main()
