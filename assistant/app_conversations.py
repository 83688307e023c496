"""Each user's conversations, kept server-side in the data directory
(`data_dir/conversations/<user key>/<id>.json`): the messages, the answers behind them (for the passage
panel) and the last resolved question (for follow-ups)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

_ID = re.compile(r"^[0-9a-f]{32}$")
INDEX = "index.json"  # {id: [updated, title]}: listing reads this one file, not every conversation
_INDEX_LOCK = threading.Lock()


@dataclass
class Conversation:
    id: str
    title: str
    updated: float
    messages: list[dict] = field(default_factory=list)  # gradio chat messages (role, content)
    answers: list[dict] = field(default_factory=list)  # Answer.to_dict() of each turn, in order
    previous: str | None = None


class ConversationStore:
    """One folder per user (named by a hash of the user name, so no name can reach outside it)."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "conversations"

    def _folder(self, user: str) -> Path:
        return self.root / hashlib.sha256(user.encode("utf-8")).hexdigest()[:24]

    def new_id(self) -> str:
        return uuid.uuid4().hex

    def save(self, user: str, conv: Conversation) -> None:
        """Write the conversation and its line in the user's index (the list reads only the index)."""
        if not _ID.match(conv.id):
            raise ValueError("bad conversation id")
        folder = self._folder(user)
        folder.mkdir(parents=True, exist_ok=True)
        conv.updated = time.time()
        _write(folder / f"{conv.id}.json", asdict(conv))
        with _INDEX_LOCK:
            index = self._index(folder)
            index[conv.id] = [conv.updated, conv.title]
            _write(folder / INDEX, index)

    @staticmethod
    def _index(folder: Path) -> dict:
        try:
            return json.loads((folder / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def load(self, user: str, conv_id: str) -> Conversation | None:
        if not conv_id or not _ID.match(conv_id):
            return None
        path = self._folder(user) / f"{conv_id}.json"
        try:
            return Conversation(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def list(self, user: str, limit: int = 50) -> list[tuple[str, str]]:
        """(title, id) of the user's conversations, the latest first."""
        index = self._index(self._folder(user))
        items = sorted(((u, t, i) for i, (u, t) in index.items() if _ID.match(i)), reverse=True)
        stamp = lambda t: time.strftime("%d/%m %H:%M", time.localtime(t))  # noqa: E731
        return [(f"{stamp(u)} · {title}", i) for u, title, i in items[:limit]]


def _write(path: Path, data) -> None:
    tmp = path.with_name(f"{path.name}.{threading.get_ident()}.part")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
