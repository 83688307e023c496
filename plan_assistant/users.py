"""Web-app accounts from a users file, and the lock-out of repeated failed logins.

The users file holds one account per line (blank lines and `#` comments are skipped):

    name:scrypt$<n>$<r>$<p>$<salt, base64>$<key, base64>:role

The password field is hashlib.scrypt (n=2**14, r=8, p=1, a fresh 16-byte random salt per
account, 32-byte key); `$` separates its parts and base64 never contains `:` or `$`. Names
may not contain `:` nor start with `#`; each name may appear once. Roles: `admin` (may upload,
re-ingest and delete documents) and `staff` (chat, explorer, drafting).

Legacy lines `name:sha256:<hex>:role` (unsalted, from earlier versions) still log in, but
`load_users` warns about each one: reset those passwords with
`plan-assistant user NAME --role ROLE --file FILE --replace`.

`plan-assistant user NAME --role admin|staff --file FILE` adds a line without echoing the
password; the file is created, and kept, with mode 0600 (`load_users` warns when it is group or
world readable).

`LoginGuard`: after 5 failed logins for one user name, or from one client address, within 15
minutes, further attempts for it are refused (even with the right password) until those failures
are 15 minutes old.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
import stat
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROLES = ("admin", "staff")
SCRYPT_N, SCRYPT_R, SCRYPT_P, SALT_BYTES, KEY_BYTES = 2**14, 8, 1, 16, 32
_MAXMEM = 64 * 1024 * 1024  # enough for n <= 2**15 with r=8 (128*n*r bytes)


@dataclass(frozen=True)
class User:
    name: str
    digest: str  # `scrypt$n$r$p$salt$key`, or legacy `sha256:<hex>`
    role: str

    @property
    def legacy(self) -> bool:
        return self.digest.startswith("sha256:")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`scrypt$<n>$<r>$<p>$<salt-b64>$<key-b64>` with a fresh random salt (unless one is given)."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def _parse_scrypt(digest: str) -> tuple[int, int, int, bytes, bytes]:
    """Parameters, salt and key of a stored scrypt field; ValueError when it is malformed or unreasonable."""
    parts = digest.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("not an scrypt field")
    n, r, p = (int(v) for v in parts[1:4])
    if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16 or 128 * n * r > _MAXMEM:
        raise ValueError("scrypt parameters out of range")
    salt, key = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    if not salt or not key:
        raise ValueError("empty salt or key")
    return n, r, p, salt, key


def verify_password(digest: str, password: str) -> bool:
    """True when `password` matches the stored field (scrypt, or legacy sha256), compared in constant time."""
    if digest.startswith("sha256:"):
        expected = "sha256:" + hashlib.sha256(password.encode("utf-8")).hexdigest()
        _scrypt(password, _DUMMY_SALT, SCRYPT_N, SCRYPT_R, SCRYPT_P)  # same cost as a current account
        return hmac.compare_digest(digest.encode("ascii", "replace"), expected.encode("ascii"))
    try:
        n, r, p, salt, key = _parse_scrypt(digest)
    except ValueError:
        return False
    return hmac.compare_digest(key, _scrypt(password, salt, n, r, p))


_DUMMY_SALT = b"\0" * SALT_BYTES


@functools.cache
def _dummy_digest() -> str:
    """What an unknown name is checked against, so that it costs as much as a known one."""
    return hash_password("unknown user", _DUMMY_SALT)


def _check_name(name: str) -> None:
    if (not name or ":" in name or name.startswith("#") or name != name.strip()
            or any(ch in name for ch in "\r\n\t\0")):
        raise ValueError(f"bad user name {name!r}: it must be non-empty, without ':', not start with '#' "
                         "and have no surrounding spaces")


def _readable_by_others(path: Path) -> int | None:
    """The file's permission bits when group or others may read or write it (POSIX), else None."""
    if os.name != "posix":
        return None
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode if mode & 0o077 else None


def load_users(path: str | Path, warnings: list[str] | None = None) -> dict[str, User]:
    """Accounts by name. Problems that still allow serving (legacy sha256 passwords, a group/world
    readable file) are appended to `warnings`, or printed to stderr when no list is given."""
    path = Path(path)
    users: dict[str, User] = {}
    lines: dict[str, int] = {}
    found: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) == 4 and parts[1] == "sha256" and parts[3] in ROLES:
            name, digest, role = parts[0], f"sha256:{parts[2]}", parts[3]
            if len(parts[2]) != 64:
                raise ValueError(f"{path}:{n}: a sha256 password field must be 64 hex digits")
            found.append(f"{path}:{n}: user {name!r} has an old unsalted sha256 password; reset it with "
                         f"`plan-assistant user {name} --role {role} --file {path} --replace`")
        elif len(parts) == 3 and parts[1].startswith("scrypt$") and parts[2] in ROLES:
            name, digest, role = parts
            try:
                _parse_scrypt(digest)
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: bad scrypt password field ({exc})") from None
        else:
            raise ValueError(f"{path}:{n}: expected name:scrypt$<n>$<r>$<p>$<salt>$<key>:admin|staff "
                             "(or a legacy name:sha256:<hex>:admin|staff)")
        if not name:
            raise ValueError(f"{path}:{n}: empty user name")
        if name in users:
            raise ValueError(f"{path}:{n}: duplicate user {name!r} (already on line {lines[name]})")
        users[name], lines[name] = User(name, digest, role), n
    mode = _readable_by_others(path)
    if mode is not None:
        found.append(f"{path} is readable or writable by group/others (mode {mode:04o}): run `chmod 600 {path}`")
    if warnings is None:
        for message in found:
            print(f"warning: {message}", file=sys.stderr)
    else:
        warnings.extend(found)
    return users


def check(users: dict[str, User], name: str, password: str) -> bool:
    """True when `name` exists and `password` is its password. The KDF runs for unknown names too."""
    user = users.get(name)
    ok = verify_password(user.digest if user else _dummy_digest(), password)
    return bool(user) and ok


def add_user(path: str | Path, name: str, password: str, role: str, replace: bool = False) -> None:
    """Add an account (ValueError for an empty password, a bad name or role, or a name already in
    the file unless `replace`, which sets that account's password and role). The file is mode 0600."""
    _check_name(name)
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not password:
        raise ValueError("empty password refused: give the account a password")
    path = Path(path)
    existing = load_users(path, warnings=[]) if path.exists() else {}
    line = f"{name}:{hash_password(password)}:{role}\n"
    if name in existing and not replace:
        raise ValueError(f"user {name!r} already exists in {path} (use --replace to set a new password)")
    if name in existing:
        kept = [raw for raw in path.read_text(encoding="utf-8").splitlines(keepends=True)
                if raw.strip().split(":", 1)[0] != name or raw.strip().startswith("#")]
        if kept and not kept[-1].endswith("\n"):
            kept[-1] += "\n"
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("".join(kept) + line)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    else:
        if path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            line = "\n" + line
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line)
    os.chmod(path, 0o600)


class LoginGuard:
    """Counts failed logins per user name and per client address; thread-safe.

    At most `max_failures` failures are accepted for one name, and for one address, in any
    `window_s` seconds: once that many are recorded, `retry_after` is positive (attempts must be
    refused, right password or not) until the oldest of them is `window_s` old. A successful
    login clears its user name's failures (not its address's). `clock` is injectable for tests.
    """

    def __init__(self, max_failures: int = 5, window_s: float = 15 * 60,
                 clock: Callable[[], float] = time.monotonic):
        self.max_failures, self.window_s, self._clock = max_failures, window_s, clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, user: str | None, address: str | None) -> list[tuple[str, str]]:
        return [k for k in (("user", user), ("address", address)) if k[1]]

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def retry_after(self, user: str | None, address: str | None) -> float:
        """Seconds until an attempt for this user from this address may be tried; 0 when it may now."""
        with self._lock:
            now = self._clock()
            wait = 0.0
            for key in self._keys(user, address):
                times = self._recent(key, now)
                if len(times) >= self.max_failures:
                    wait = max(wait, times[len(times) - self.max_failures] + self.window_s - now)
            return wait

    def allowed(self, user: str | None, address: str | None) -> bool:
        return self.retry_after(user, address) <= 0

    def record(self, user: str | None, address: str | None, success: bool) -> None:
        with self._lock:
            now = self._clock()
            if success:
                if user:
                    self._failures.pop(("user", user), None)
                return
            if len(self._failures) > 10_000:  # forget what is out of the window
                for key in list(self._failures):
                    self._recent(key, now)
            for key in self._keys(user, address):
                self._failures.setdefault(key, deque()).append(now)
