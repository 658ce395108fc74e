"""Building the distribution from the working tree, as a release would (setup.py, pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("cms", "blocks", "search", "graphql_api", "portal", "applications", "interaction", "consultations",
        "supervision", "annual_reports", "demo")


def working_tree_files() -> list[str]:
    """The files git tracks or would track (untracked, not ignored), as they are now."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def build_wheel(target: Path) -> Path:
    """Copy the working tree to ``target/src`` (no build/ or egg-info of ours) and build its wheel there,
    in pip's isolated build environment (setuptools and polib from PyPI, or pip's cache)."""
    source = target / "src"
    for name in working_tree_files():
        destination = source / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, destination)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(target / "dist"), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (wheel,) = (target / "dist").glob("disclosure_cms-*.whl")
    return wheel
