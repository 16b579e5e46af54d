#!/usr/bin/env python3
"""Verify or re-fetch the third-party files vendored under static/vendor/ (no page loads a CDN).

    python3 scripts/vendor.py verify   # every file listed in static/vendor/MANIFEST.json has its sha256
    python3 scripts/vendor.py fetch    # download each package from the npm registry, copy the files, verify

The manifest names, for every vendored file, the npm package and version it comes from, its path
inside the package and its sha256; files of our own (the font's @font-face sheet) say "local".
Only the standard library is used, so CI can run it before any virtual environment exists.
"""

import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"
REGISTRY = "https://registry.npmjs.org"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest() -> list[dict]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]


def verify() -> int:
    """Compare every listed file with its checksum and report files that the manifest does not list."""
    entries = load_manifest()
    problems = []
    for entry in entries:
        path = VENDOR / entry["file"]
        if not path.exists():
            problems.append(f"missing: {entry['file']}")
        elif sha256(path) != entry["sha256"]:
            problems.append(f"checksum differs: {entry['file']}")
    listed = {entry["file"] for entry in entries} | {MANIFEST.name}
    unlisted = sorted(str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file())
    problems += [f"not in the manifest: {name}" for name in unlisted if name not in listed]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(entries)} vendored file(s) checked, {len(problems)} problem(s).")
    return 1 if problems else 0


def package_tarball(package: str, version: str) -> tarfile.TarFile:
    """The package's published tarball, as npm itself would download it."""
    with urllib.request.urlopen(f"{REGISTRY}/{package}/{version}", timeout=60) as response:
        url = json.load(response)["dist"]["tarball"]
    with urllib.request.urlopen(url, timeout=120) as response:
        return tarfile.open(fileobj=io.BytesIO(response.read()), mode="r:gz")


def fetch() -> int:
    """Copy every non-local file from its npm package, then verify the whole folder."""
    tarballs: dict[tuple[str, str], tarfile.TarFile] = {}
    for entry in load_manifest():
        if entry["package"] == "local":
            continue
        key = (entry["package"], entry["version"])
        if key not in tarballs:
            print(f"Fetching {key[0]}@{key[1]}…")
            tarballs[key] = package_tarball(*key)
        member = tarballs[key].extractfile(f"package/{entry['source']}")
        if member is None:
            sys.exit(f"{entry['source']} is not a file in {key[0]}@{key[1]}")
        target = VENDOR / entry["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(member.read())
    return verify()


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "verify"
    if command not in {"verify", "fetch"}:
        sys.exit(__doc__)
    sys.exit(verify() if command == "verify" else fetch())


if __name__ == "__main__":
    main()
