"""Stable document identity: an id that neither depends on the working directory nor collides
when two folders hold files of the same name.

The id is the file's name (made safe) plus 8 hex digits of the SHA-256 of its absolute,
symlink-resolved path: ingesting the same file again, from any working directory, replaces
that document; a file of the same name in another folder is another document.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\-\u0E00-\u0E7F]+")


def document_id(path: Path) -> str:
    """`<safe file name>-<8 hex of the absolute path>`, e.g. `plan-2567.txt-1a2b3c4d`."""
    absolute = Path(path).expanduser().resolve()
    digest = hashlib.sha256(str(absolute).encode("utf-8")).hexdigest()[:8]
    name = _UNSAFE.sub("_", absolute.name).strip("._") or "document"
    return f"{name[:80]}-{digest}"
