"""`statusrapport verify DECK`: rebuild a sent deck from the commit it records and compare.

The deck's custom properties (provenance.py) name the commit, the data folder, the report, the
group and the template. The data folder is taken out of git as committed (`git archive`, into a
temporary folder: the repository and its work tree are never touched), built again with the
same provenance, and the two packages are compared byte for byte, then part by part.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from statusrapport import __version__
from statusrapport.data.gitread import run_git
from statusrapport.errors import UserError
from statusrapport.files.regular import NotReadable, read_regular
from statusrapport.provenance import BUNDLED, Provenance, sha256_of

MAX_DECK_BYTES = 512 * 1024 * 1024
MAX_PROPERTIES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Verdict:
    deck: Path
    provenance: Provenance
    differences: list[str]  # empty: identical
    notes: list[str]  # what limits the proof (a dirty tree, another version)

    @property
    def identical(self) -> bool:
        return not self.differences


def recorded(deck: Path) -> tuple[bytes, Provenance]:
    """The deck's bytes and the provenance it records, or a UserError saying why there is none."""
    from statusrapport.writer.package import read_custom

    try:
        blob = read_regular(deck, MAX_DECK_BYTES)
    except NotReadable as exc:
        raise UserError(f"{deck}: {exc}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as package:
            info = package.getinfo("docProps/custom.xml")
            if info.file_size > MAX_PROPERTIES_BYTES:
                raise UserError(f"{deck}: docProps/custom.xml is {info.file_size:,} bytes; "
                                "not a deck statusrapport wrote")
            custom = package.read(info)
    except KeyError:
        custom = b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError):
        raise UserError(f"{deck}: not a .pptx deck (not a zip package)") from None
    origin = Provenance.from_properties(read_custom(custom)) if custom else None
    if origin is None:
        raise UserError(f"{deck}: records no build provenance (docProps/custom.xml): it "
                        "was not built by statusrapport, or by a version before `verify`")
    if origin.source is None:
        raise UserError(f"{deck}: was built from a folder outside git (report "
                        f"{origin.report}): there is no commit to rebuild it from")
    return blob, origin


def verify(deck: Path, repository: Path = Path("."), template: Path | None = None) -> Verdict:
    from statusrapport.build import build

    blob, origin = recorded(deck)
    source = origin.source
    assert source is not None
    notes = []
    if not source.clean:
        notes.append(f"the deck was built from uncommitted changes to {source.folder or '.'} "
                     f"on top of {source.commit[:10]}: the commit alone does not prove it")
    if origin.version != __version__:
        notes.append(f"the deck was built by statusrapport {origin.version}, this is "
                     f"{__version__}: a difference may come from the tool, not the data")
    with tempfile.TemporaryDirectory(prefix="statusrapport-verify-") as scratch:
        folder = _checkout(repository, source.commit, source.folder, Path(scratch) / "tree")
        template_path = _template(origin, template, Path(scratch))
        rebuilt = build(folder, origin.report, Path(scratch) / "rebuilt.pptx",
                        template_path, origin.group or None, origin=origin)
        differences = [] if rebuilt.path.read_bytes() == blob else _differences(
            blob, rebuilt.path.read_bytes(), [s.title_text for s in rebuilt.plan.slides])
    return Verdict(deck, origin, differences, notes)


def _checkout(repository: Path, commit: str, folder: str, target: Path) -> Path:
    """`folder` as committed in `commit`, written under `target` (git archive, no work tree)."""
    if not Path(repository).is_dir():
        raise UserError(f"{repository}: no such folder")
    top = run_git(repository, "rev-parse", "--show-toplevel",
               failure=f"{repository} is not inside a git repository: verify runs in the "
                       "repository that holds the deck's data").decode().strip()
    run_git(Path(top), "cat-file", "-e", f"{commit}^{{commit}}",
         failure=f"commit {commit[:10]} is not in the repository at {top} (fetch it first)")
    archive = run_git(Path(top), "archive", "--format=tar", commit, "--", folder or ".",
                   failure=f"{folder} does not exist at commit {commit[:10]}")
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / folder if folder else target


def _template(origin: Provenance, given: Path | None, scratch: Path) -> Path | None:
    """The template the deck was built with, proven by its SHA-256."""
    from statusrapport.writer.template import DEFAULT_TEMPLATE

    if given is None and origin.template == BUNDLED:
        if sha256_of(DEFAULT_TEMPLATE.read_bytes()) != origin.template_sha256:
            raise UserError(f"the deck was built with the bundled template of statusrapport "
                            f"{origin.version}; this installation's bundled template differs")
        return None
    path = Path(given) if given is not None else Path(origin.template)
    try:
        data = read_regular(path, MAX_DECK_BYTES)
    except NotReadable as exc:
        raise UserError(f"{path}: the deck's template cannot be read ({exc}); give it with "
                        "--template FILE") from None
    if sha256_of(data) != origin.template_sha256:
        raise UserError(f"{path}: not the template the deck was built with (its SHA-256 "
                        f"differs from {origin.template_sha256[:12]}…); give that one with "
                        "--template FILE")
    return path


def _differences(sent: bytes, rebuilt: bytes, titles: list[str]) -> list[str]:
    """Each part that differs, in words: 'slide 7 («Title»): ppt/slides/slide7.xml differs'."""
    with zipfile.ZipFile(io.BytesIO(sent)) as a, zipfile.ZipFile(io.BytesIO(rebuilt)) as b:
        left = {i.filename: i for i in a.infolist()}
        right = {i.filename: i for i in b.infolist()}
        out = [f"{name}: only in the deck" for name in sorted(left.keys() - right.keys())]
        out += [f"{name}: missing from the deck" for name in sorted(right.keys() - left.keys())]
        for name in sorted(left.keys() & right.keys()):
            same_size = left[name].file_size == right[name].file_size
            if not (same_size and left[name].CRC == right[name].CRC and a.read(name) == b.read(name)):
                out.append(f"{name}{_slide_of(name, titles)}: differs")
    return out or ["the package's zip structure differs (same parts, other bytes)"]


def _slide_of(name: str, titles: list[str]) -> str:
    stem = name.removeprefix("ppt/slides/slide").removesuffix(".xml")
    if name.startswith("ppt/slides/slide") and stem.isdigit() and 0 < int(stem) <= len(titles):
        return f" (slide {stem}, «{' '.join(titles[int(stem) - 1].split())}»)"
    return ""
