"""A cache on disk of what copadvisor works out the same way every time it starts: the rule packs validated and
checked, and the rules compiled for durable_rules (`docs/benchmarks.md`, "Cold start"). Nothing it holds
changes a result: a miss, a stale entry or a broken file only costs the time of working the value out again.

- **Where.** ``$COPADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/copadvisor``, else ``~/.cache/copadvisor``
  (``%LOCALAPPDATA%\\copadvisor`` on Windows). ``COPADVISOR_NO_CACHE=1``, or a folder that cannot be made or
  written, and nothing is cached: every start works everything out, as before.
- **Keyed** by a SHA-256 of what the value is a function of (the caller's parts: the packs' paths and bytes,
  the compiled definition) and of this copadvisor: its version, Python's, durable_rules', and the size and
  modification time of every module of the package, so that an entry is never trusted across versions, nor
  across an edit of a source checkout. The entry repeats its key, checked on reading.
- **Written atomically**: a temporary file in the same folder, renamed into place; two processes writing one
  entry leave one whole file.
- **Safe when corrupt**: an entry that does not read back whole (truncated, garbled, of another key) is
  ignored, and rewritten once worked out again. Entries are pickles, so only a file owned by this user and
  writable by nobody else is read, in a folder of the same kind.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import copadvisor

FORMAT = 1  # of the entries: raise it when what they hold changes shape


def folder() -> Path | None:
    """The cache folder to use, or None when caching is off."""
    if os.environ.get("COPADVISOR_NO_CACHE"):
        return None
    chosen = os.environ.get("COPADVISOR_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "copadvisor"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copadvisor"


def key(name: str, parts: Iterable[bytes | str]) -> str:
    """The entry's key: ``name`` and ``parts``, and this copadvisor's identity."""
    digest = hashlib.sha256()
    for part in (name, _identity(), *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def load(name: str, parts: Iterable[bytes | str]) -> object | None:
    """The value stored under ``name`` and ``parts``, or None (none stored, or not to be trusted)."""
    where = folder()
    if where is None:
        return None
    wanted = key(name, parts)
    path = where / f"{name}-{wanted[:32]}.pickle"
    try:
        if not (_private(where) and _private(path)):
            return None
        with open(path, "rb") as handle:
            found, value = pickle.load(handle)  # our own file, owned by this user alone (above)
    except Exception:  # missing, unreadable, truncated, garbled: worked out again
        return None
    return value if found == wanted else None


def store(name: str, parts: Iterable[bytes | str], value: object) -> None:
    """Keep ``value`` under ``name`` and ``parts``; silently nothing when the folder cannot be written."""
    where = folder()
    if where is None:
        return
    wanted = key(name, parts)
    path = where / f"{name}-{wanted[:32]}.pickle"
    temporary: Path | None = None
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(where):
            return
        temporary = where / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((wanted, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
    except Exception:  # read-only home, full disk, a value that will not pickle: nothing cached
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _private(path: Path) -> bool:
    """Owned by this user (where the system has owners) and writable by nobody else."""
    status = os.stat(path)
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return mine and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@cache
def _identity() -> str:
    """This copadvisor, Python and durable_rules, and the size and time of every module of the package."""
    spec = importlib.util.find_spec("durable_rules_engine")  # its C extension: found, not imported
    durable = "-"
    if spec is not None and spec.origin and os.path.exists(spec.origin):
        found = os.stat(spec.origin)
        durable = f"{spec.origin}:{found.st_size}:{found.st_mtime_ns}"
    package = Path(copadvisor.__file__).parent
    files: list[str] = []
    for root, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for module in sorted(n for n in names if n.endswith(".py")):
            status = os.stat(os.path.join(root, module))
            name = os.path.relpath(os.path.join(root, module), package)
            files.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join([str(FORMAT), copadvisor.__version__, sys.version, durable, *files])
