"""Put uv in a folder for the Action: the release uv-requirements.txt pins, its wheel's sha256 checked.

Run by the action's install step with the runner's own python3 (the standard
library and pip only, so any Python 3 with pip will do):

    python3 install_uv.py CACHE DEST      # prints DEST/bin/uv

CACHE/wheels keeps the wheel between runs (the Actions cache restores it). A
wheel there whose sha256 the requirements file does not list is deleted, so a
stale or poisoned cache cannot change the uv that runs; with none left, pip
downloads the wheel for this platform (checking its hash as it does). Every
use checks the hash again and unpacks only the uv executable: 0.8-0.9 s on the
2-core development machine, where `pip install --target` of the same cached
wheel took 2.1-3.1 s, and the install step is all of the action's set-up time.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REQUIREMENTS = Path(__file__).with_name("uv-requirements.txt")
EXECUTABLE = re.compile(r"uv-[^/]+\.data/scripts/uv")
DOWNLOAD = ["-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-input"]
PINNED = ["--no-deps", "--only-binary", ":all:", "--require-hashes"]


def pinned_hashes() -> set[str]:
    return set(re.findall(r"--hash=sha256:([0-9a-f]{64})", REQUIREMENTS.read_text(encoding="utf-8")))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached_wheel(wheels: Path, hashes: set[str]) -> Path | None:
    """The first wheel in the cache whose hash is pinned; any other is removed."""
    for wheel in sorted(wheels.glob("uv-*.whl")):
        if sha256(wheel) in hashes:
            return wheel
        wheel.unlink()
    return None


def unpack(wheel: Path, dest: Path) -> Path:
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if EXECUTABLE.fullmatch(name)]
        if len(members) != 1:
            raise SystemExit(f"{wheel.name} holds no uv executable for this runner")
        target = dest / "bin" / "uv"
        target.parent.mkdir(parents=True)
        with archive.open(members[0]) as source, target.open("xb") as out:
            shutil.copyfileobj(source, out)
    target.chmod(0o755)
    return target


def _why_no_download() -> str:
    probe = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, check=False)
    if probe.returncode != 0:
        return (
            f"{sys.executable} has no pip, which the action needs to download uv when its cache"
            " is empty: install pip for it (python3-pip on Debian and Ubuntu)"
        )
    return "pip could not download uv (see above); the action needs the package index"


def main(argv: list[str]) -> None:
    cache, dest = Path(argv[1]), Path(argv[2])
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    hashes = pinned_hashes()
    wheel = cached_wheel(wheels, hashes)
    if wheel is None:
        command = [sys.executable, *DOWNLOAD, *PINNED, "--dest", str(wheels), "-r", str(REQUIREMENTS)]
        if subprocess.run(command, check=False).returncode != 0:
            raise SystemExit(_why_no_download())
        wheel = cached_wheel(wheels, hashes)
    if wheel is None:
        raise SystemExit("the uv wheel pip downloaded is not one uv-requirements.txt pins")
    print(unpack(wheel, dest))


if __name__ == "__main__":
    main(sys.argv)
