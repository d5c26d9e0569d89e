"""A cache on disk of what copadvisor works out the same way every time it starts: the rule packs validated and
checked, and the rules compiled for durable_rules (`docs/benchmarks.md`, "Cold start"). Nothing it holds
changes a result: a miss, a stale entry or a broken file only costs the time of working the value out again.

- **Where.** ``$COPADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/copadvisor``, else ``~/.cache/copadvisor``
  (``%LOCALAPPDATA%\\copadvisor\\cache`` on Windows); a relative value of either variable is ignored, as the
  XDG specification says. ``COPADVISOR_NO_CACHE=1`` (any value but ``0``, ``false``, ``no``, ``off``), or a
  folder that cannot be made or written, and nothing is cached: every start works everything out, as before.
- **Keyed** by a SHA-256 of what the value is a function of (the caller's parts: the packs' paths and bytes,
  the compiled definition) and of this copadvisor: its version, Python's, durable_rules', and the size and
  modification time of every module of the package, so that an entry is never trusted across versions, nor
  across an edit of a source checkout. The entry repeats its key, checked on reading.
- **Authenticated.** Entries are pickles, and unpickling runs code: an entry is unpickled only when it carries
  an HMAC-SHA256 of its whole bytes under a secret key of this user's, checked first. The key is 32 random
  bytes in ``.config/copadvisor/cache-key`` under the user's real home folder (from the password database, never
  ``$HOME`` nor ``$XDG_*``; ``%LOCALAPPDATA%\\copadvisor`` on Windows), created once with mode 0600, and
  never in the cache folder: a file put there by anyone else (a cache folder inside a cloned repository, a
  CI cache restored from elsewhere) is never unpickled, and a bit flipped anywhere is a miss. No key that
  can be read or made, and nothing is cached.
- **Written atomically**: a temporary file in the same folder, renamed into place; two processes writing one
  entry leave one whole file.
- **Safe when corrupt**: an entry that does not read back whole (truncated, garbled, of another key, its MAC
  wrong) is ignored, and rewritten once worked out again. Only a regular file (opened without following a
  link and without blocking: never a FIFO), of at most ``LIMIT`` bytes, owned by this user and writable by
  nobody else, is read, in a folder of the same kind.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import copadvisor

FORMAT = 2  # of the entries: raise it when what they hold changes shape
LIMIT = 64 << 20  # bytes of one entry (the rule packs' is ~0.3 MB): a larger file is not read
KEY_SIZE = 32
MAGIC = b"copadvisor-cache\n"
OFF = ("", "0", "false", "no", "off")


def folder() -> Path | None:
    """The cache folder to use, or None when caching is off."""
    if os.environ.get("COPADVISOR_NO_CACHE", "").strip().lower() not in OFF:
        return None
    chosen = _absolute("COPADVISOR_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        local = _absolute("LOCALAPPDATA")
        return Path(local) / "copadvisor" / "cache" if local else None
    base = _absolute("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copadvisor"


def _absolute(variable: str) -> str | None:
    """The variable's value when it is an absolute path; a relative one is ignored (the XDG specification)."""
    value = os.environ.get(variable)
    return value if value and os.path.isabs(value) else None


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
        secret = _secret(where)
        if secret is None or not _private(os.stat(where)):
            return None
        data = _read_entry(path)
        if data is None or not data.startswith(MAGIC):
            return None
        mac, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
        if not hmac.compare_digest(mac, _mac(secret, wanted, payload)):
            return None  # not written by this copadvisor for this key, or damaged: never unpickled
        found, value = pickle.loads(payload)  # written by us (the MAC above), under our secret key
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
        secret = _secret(where)
        if secret is None:
            return
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(where)):
            return
        payload = pickle.dumps((wanted, value), protocol=pickle.HIGHEST_PROTOCOL)
        temporary = where / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + _mac(secret, wanted, payload) + payload)
        os.replace(temporary, path)
        temporary = None
    except Exception:  # read-only home, full disk, a value that will not pickle: nothing cached
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mac(secret: bytes, wanted: str, payload: bytes) -> bytes:
    return hmac.new(secret, MAGIC + wanted.encode("ascii") + b"\n" + payload, hashlib.sha256).digest()


def _private(status: os.stat_result) -> bool:
    """Owned by this user (where the system has owners) and writable by nobody else."""
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return mine and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_regular(path: str | Path, flags: int) -> int | None:
    """A descriptor of the regular file at ``path``, not followed through a link, never blocking on a FIFO."""
    extra = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | extra | getattr(os, "O_BINARY", 0))
    status = os.fstat(fd)
    if stat.S_ISREG(status.st_mode) and _private(status) and status.st_size <= LIMIT:
        return fd
    os.close(fd)
    return None


def _read_entry(path: str | Path, size: int = LIMIT) -> bytes | None:
    """The whole regular file at ``path`` (``_open_regular``), or None; a file over ``size`` bytes is None."""
    fd = _open_regular(path, os.O_RDONLY)
    if fd is None:
        return None
    try:
        chunks: list[bytes] = []
        left = size + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data if len(data) <= size else None


def key_file() -> Path | None:
    """Where this user's secret key is: in the real home folder (from the password database, not ``$HOME``),
    or ``%LOCALAPPDATA%`` on Windows; None when there is none to be found."""
    if sys.platform == "win32":
        local = _absolute("LOCALAPPDATA")
        return Path(local) / "copadvisor" / "cache-key" if local else None
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, OSError):
        return None
    return Path(home) / ".config" / "copadvisor" / "cache-key" if os.path.isabs(home) else None


def _secret(where: Path) -> bytes | None:
    """This user's secret key, made the first time; None when it cannot be read or made, or when it would be
    in the cache folder itself (then whoever fills that folder could supply it)."""
    path = key_file()
    if path is None:
        return None
    try:
        inside = os.path.realpath(path.parent) + os.sep
        if inside.startswith(os.path.realpath(where) + os.sep):
            return None
        return _read_key(path) or _make_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    """The key at ``path``; None when there is none yet; an ``OSError`` when it is there but not to be used."""
    try:
        if not _private(os.stat(path.parent)):
            raise OSError("the folder of the cache key may be written by others")
        data = _read_entry(path, KEY_SIZE)
    except FileNotFoundError:
        return None
    others = hasattr(os, "getuid") and os.stat(path).st_mode & 0o077  # Windows has no such modes
    if data is None or len(data) != KEY_SIZE or others:
        raise OSError("the cache key is not a private file of 32 bytes")  # not used, and not replaced
    return data


def _make_key(path: Path) -> bytes | None:
    """A new key, linked into place whole (``O_EXCL``, mode 0600): of two processes making it, one wins and
    the other reads the winner's."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_SIZE))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return _read_key(path)


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
