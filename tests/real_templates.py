"""Real templates nobody here wrote, made on the machine (their licences keep them out of the
repository), and fixtures derived from them with python-pptx and lxml.

Not a test module: a test imports the fixtures it uses (`from real_templates import ...`).

    python-pptx   the default template python-pptx ships (4:3)
    pandoc        pandoc's reference.pptx (the pypandoc-binary wheel's pandoc; 16:9)
    lo-focus, lo-vivid
                  LibreOffice's Impress templates (Debian ships them), converted to .pptx by
                  soffice: every layout's placeholders without idx, the date placeholder idx=1,
                  four and three masters, no viewProps part
    norwegian     python-pptx's default with its layouts renamed as Norwegian PowerPoint names
                  them (one with a "1_" copy prefix)
    chinese       the same renamed to Chinese: only the layouts' XML types can tell them apart

Nothing is skipped: .ci/run installs pypandoc-binary (the `test` extra) and LibreOffice.
`EXPECTED` is, per template, the layout each role should resolve to and why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")

NORWEGIAN = {"Title Slide": "Tittellysbilde", "Title and Content": "Tittel og innhold",
             "Section Header": "Deloverskrift", "Two Content": "To innholdsdeler",
             "Comparison": "Sammenligning", "Title Only": "1_Bare tittel", "Blank": "Tom",
             "Content with Caption": "Innhold med bildetekst",
             "Picture with Caption": "Bilde med bildetekst",
             "Title and Vertical Text": "Tittel og loddrett tekst",
             "Vertical Title and Text": "Loddrett tittel og tekst"}
CHINESE = {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容",
           "Section Header": "节标题", "Two Content": "两栏内容", "Comparison": "比较",
           "Title Only": "仅标题", "Blank": "空白", "Content with Caption": "内容与标题",
           "Picture with Caption": "图片与标题", "Title and Vertical Text": "标题和竖排文字",
           "Vertical Title and Text": "竖排标题与文本"}

ROLES = ("cover", "group", "section", "agenda", "status", "kpi", "overview", "timeline", "costs")


def _per_role(cover, divider, content, title_only, reason, detail=""):
    layouts = {"cover": cover, "group": divider, "section": divider, "agenda": content,
               "kpi": content, **{role: title_only for role in ("status", "overview",
                                                                "timeline", "costs")}}
    return {role: (layouts[role], reason, detail) for role in ROLES}


_POWERPOINT = _per_role("Title Slide", "Section Header", "Title and Content", "Title Only",
                        "standard name")
_LIBREOFFICE = {**_per_role("Title Slide", "Title Slide", "Title, Content", "Title Only",
                            "standard name"),
                "agenda": ("Title, Content", "standard name", "LibreOffice"),
                "kpi": ("Title, Content", "standard name", "LibreOffice")}
EXPECTED = {
    "python-pptx": _POWERPOINT,
    "pandoc": _POWERPOINT,
    "lo-focus": _LIBREOFFICE,
    "lo-vivid": _LIBREOFFICE,
    "norwegian": _per_role("Tittellysbilde", "Deloverskrift", "Tittel og innhold",
                           "1_Bare tittel", "localised name", "nb"),
    "chinese": {**{role: ("仅标题", "type", 'type="titleOnly"')
                   for role in ("status", "overview", "timeline", "costs")},
                "cover": ("标题幻灯片", "type", 'type="title"'),
                "group": ("节标题", "type", 'type="secHead"'),
                "section": ("节标题", "type", 'type="secHead"'),
                "agenda": ("标题和内容", "type", 'type="obj"'),
                "kpi": ("标题和内容", "type", 'type="obj"')},
}
NAMES = tuple(EXPECTED)


@pytest.fixture(scope="session")
def real_templates_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("real-templates")


def python_pptx_default(folder: Path) -> Path:
    import pptx

    target = folder / "python-pptx-default.pptx"
    if not target.exists():
        shutil.copy(Path(pptx.__file__).parent / "templates" / "default.pptx", target)
    return target


def pandoc_reference(folder: Path) -> Path:
    import pypandoc  # the pypandoc-binary wheel: pandoc itself, inside the package

    target = folder / "pandoc-reference.pptx"
    if not target.exists():
        subprocess.run([pypandoc.get_pandoc_path(), "-o", str(target),
                        "--print-default-data-file", "reference.pptx"], check=True,
                       capture_output=True, timeout=120)
    return target


def libreoffice_template(folder: Path, name: str) -> Path:
    """An Impress template (.otp) as LibreOffice itself saves it as .pptx."""
    target = folder / f"{name}.pptx"
    if not target.exists():
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        assert soffice, "LibreOffice (soffice) is needed: .ci/run installs it"
        profile = folder / "lo-profile"
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pptx", "--outdir", str(folder),
                        str(LIBREOFFICE_TEMPLATES / f"{name}.otp")], check=True,
                       capture_output=True, timeout=300, env={**os.environ, "HOME": str(folder)})
    assert target.is_file(), f"soffice did not convert {name}.otp"
    return target


def renamed(source: Path, target: Path, names: dict[str, str]) -> Path:
    """`source` with its layouts renamed (python-pptx: cSld/@name)."""
    from pptx import Presentation

    if not target.exists():
        prs = Presentation(str(source))
        for master in prs.slide_masters:
            for layout in master.slide_layouts:
                layout._element.cSld.set("name", names.get(layout.name, layout.name))
        prs.save(str(target))
    return target


# How each template is made in a folder (a new fixture: a maker here and its EXPECTED roles).
MAKERS = {
    "python-pptx": python_pptx_default,
    "pandoc": pandoc_reference,
    "lo-focus": lambda folder: libreoffice_template(folder, "Focus"),
    "lo-vivid": lambda folder: libreoffice_template(folder, "Vivid"),
    "norwegian": lambda folder: renamed(python_pptx_default(folder), folder / "norwegian.pptx",
                                        NORWEGIAN),
    "chinese": lambda folder: renamed(python_pptx_default(folder), folder / "chinese.pptx",
                                      CHINESE),
}


def make(name: str, folder: Path) -> Path:
    return MAKERS[name](folder)


@pytest.fixture(scope="session", params=NAMES)
def real_template(request, real_templates_dir) -> tuple[str, Path]:
    """(name, path) of each real template in turn."""
    return request.param, make(request.param, real_templates_dir)
