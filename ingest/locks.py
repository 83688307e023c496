"""File locks on the data directory: one writer at a time, and readers that pin a generation.

- The writer lock (`data_dir/ingest.lock`, exclusive `flock`) is held for a whole ingest, from
  reading the manifest to swapping it, so two ingests cannot both build from the same manifest
  and lose each other's documents. A second ingest waits (and says so) or gives up after a timeout.
- A reader pins the generation it opened with a shared `flock` on `generations/<gen>/.pin`.
  A generation is deleted only by whoever gets an exclusive lock on that file without waiting,
  i.e. when no process reads it. Locks die with their process, so kill -9 never leaves a pin behind.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WRITER_LOCK = "ingest.lock"
PIN_FILE = ".pin"


class IngestBusy(RuntimeError):
    """Another ingest holds the data directory and did not finish in time."""


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another process"
    since = time.strftime("%H:%M:%S", time.localtime(info.get("since", 0)))
    return f"pid {info.get('pid', '?')} (since {since})"


@contextmanager
def writer_lock(data_dir: Path, wait_seconds: float | None = None,
                progress: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the data directory's ingest lock; wait for another writer (None = as long as it takes)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / WRITER_LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"another ingest is running on {data_dir} ({_holder(path)}); waiting for it to finish …")
            deadline = None if wait_seconds is None else time.monotonic() + wait_seconds
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise IngestBusy(f"another ingest is still running on {data_dir} ({_holder(path)}); "
                                         "try again when it has finished") from None
                    time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": time.time()}).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _exclusive_now(path: Path, flags: int) -> int | None:
    """A descriptor holding an exclusive lock on `path` if nobody holds one (release with os.close), else None."""
    try:
        fd = os.open(path, flags | os.O_CREAT, 0o644)
    except FileNotFoundError:  # its folder is gone
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def try_writer_lock(data_dir: Path) -> int | None:
    """The ingest lock's descriptor if it is free right now (release with os.close), else None."""
    return _exclusive_now(Path(data_dir) / WRITER_LOCK, os.O_RDWR)


class GenerationPin:
    """A shared lock on one generation: while held, nobody deletes that generation."""

    def __init__(self, generation_dir: Path):
        self.generation = generation_dir.name
        self._fd: int | None = None
        self._fd = os.open(generation_dir / PIN_FILE, os.O_RDONLY | os.O_CREAT, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:  # a dropped reader must not keep its generation forever
        self.release()


def pin(generation_dir: Path) -> GenerationPin | None:
    """Pin a generation for reading, or None if it is gone (deleted before or while pinning)."""
    try:
        held = GenerationPin(generation_dir)
    except FileNotFoundError:
        return None
    if not (generation_dir / "chunks.jsonl").is_file():  # collected while we waited for the lock
        held.release()
        return None
    return held


def unused(generation_dir: Path) -> int | None:
    """An exclusive lock's descriptor on a generation nobody reads (release with os.close), else None."""
    return _exclusive_now(generation_dir / PIN_FILE, os.O_RDONLY)
