"""Render the application icon (packaging/icons/annotator.svg) at the sizes each platform wants:

- packaging/icons/hicolor/NxN/apps/org.annotator.Annotator.png (Linux desktops, 16 … 512 px),
- packaging/icons/annotator.ico (Windows: 16 … 256 px),
- packaging/icons/annotator.icns (macOS: 16 … 1024 px).

Run it after changing the SVG: ``.venv/bin/python scripts/make_icons.py``. Uses PyMuPDF, which annotator needs anyway.
"""

from __future__ import annotations

import struct
from pathlib import Path

import fitz

ICONS = Path(__file__).resolve().parent.parent / "packaging" / "icons"
APP_ID = "org.annotator.Annotator"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
WINDOWS_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG entry types by pixel size.
MACOS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def render(size: int) -> bytes:
    svg = fitz.open("svg", (ICONS / "annotator.svg").read_bytes())
    page = svg[0]
    zoom = size / page.rect.width
    return page.get_pixmap(matrix=fitz.Matrix(zoom, zoom), alpha=True).tobytes("png")


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows icon whose entries are PNGs (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in images.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(MACOS_TYPES[size] + struct.pack(">I", len(png) + 8) + png for size, png in images.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> None:
    rendered = {size: render(size) for size in sorted({*LINUX_SIZES, *WINDOWS_SIZES, *MACOS_TYPES})}
    for size in LINUX_SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rendered[size])
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes((ICONS / "annotator.svg").read_bytes())
    (ICONS / "annotator.ico").write_bytes(ico({size: rendered[size] for size in WINDOWS_SIZES}))
    (ICONS / "annotator.icns").write_bytes(icns({size: rendered[size] for size in MACOS_TYPES}))


if __name__ == "__main__":
    main()
