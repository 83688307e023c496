"""Web-app accounts from a users file: one `name:sha256:<hex digest of the password>:role` per line.

Roles: `admin` (may upload, re-ingest and delete documents) and `staff` (chat, explorer, drafting).
`plan-assistant user add NAME --role admin` appends a line without echoing the password.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

ROLES = ("admin", "staff")


@dataclass(frozen=True)
class User:
    name: str
    digest: str
    role: str


def hash_password(password: str) -> str:
    return "sha256:" + hashlib.sha256(password.encode("utf-8")).hexdigest()


def load_users(path: str | Path) -> dict[str, User]:
    users: dict[str, User] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) != 4 or parts[1] != "sha256" or parts[3] not in ROLES:
            raise ValueError(f"{path}:{n}: expected name:sha256:<hex>:admin|staff")
        users[parts[0]] = User(parts[0], f"sha256:{parts[2]}", parts[3])
    return users


def check(users: dict[str, User], name: str, password: str) -> bool:
    user = users.get(name)
    return bool(user) and hmac.compare_digest(user.digest, hash_password(password))


def add_user(path: str | Path, name: str, password: str, role: str) -> None:
    if role not in ROLES or ":" in name or not name:
        raise ValueError("name must be non-empty without ':'; role admin|staff")
    with Path(path).open("a", encoding="utf-8") as fh:
        fh.write(f"{name}:{hash_password(password)}:{role}\n")
