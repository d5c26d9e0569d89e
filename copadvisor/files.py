"""Reading input files safely, and writing outputs safely: only regular files, never more than a limit, never blocking.

Every file copadvisor reads (profiles, event logs, rule packs, the config, ``pyproject.toml``) comes through
``read_regular``: a FIFO, a socket, a device or a folder named where a file is expected is a located error,
never a read that blocks for ever or runs out of memory (``--config /dev/zero``). The file is checked with
``os.stat`` first and opened with ``O_NONBLOCK``, then checked again through the open descriptor, so that a
file swapped for a FIFO between the two steps is refused too.

Every file copadvisor writes comes through ``write_file`` (reports) or ``write_new`` (``init``): never over an
input of the run, through a temporary file renamed into place, every failure a located error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator

from copadvisor.errors import InputError, Location, Problem, UsageError

KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return KINDS.get(stat.S_IFMT(mode), "not a regular file")


def not_regular(path: str) -> Problem | None:
    """Why ``path`` cannot be read as a file (missing, a dangling link, a FIFO, a folder…), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            return Problem(Location(path), "cannot read the file: it is a link to a file that does not exist")
        return Problem(Location(path), f"cannot read the file: {exc.strerror or exc}")
    if not stat.S_ISREG(mode):
        return Problem(Location(path), f"cannot read the file: it is {kind_of(mode)}, and only regular files are read")
    return None


def read_regular(path: str, limit: int, what: str = "file") -> bytes:
    """At most ``limit + 1`` bytes of the regular file at ``path`` (the caller refuses more than ``limit``);
    an ``InputError`` located at ``path`` for anything else."""
    problem = not_regular(path)
    if problem is not None:
        raise InputError([problem])
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError([Problem(Location(path), f"cannot read the {what}: {exc.strerror or exc}")]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped between the stat and the open
            why = f"cannot read the {what}: it is {kind_of(mode)}, and only regular files are read"
            raise InputError([Problem(Location(path), why)])
        return _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise InputError([Problem(Location(path), f"cannot read the {what}: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def too_large(path: str, limit: int) -> Problem:
    return Problem(Location(path), f"the file is larger than the {limit // 1048576} MiB limit")


# --- writing ------------------------------------------------------------------------------------------------


def identities(paths: Iterable[str]) -> set[tuple[int, int]]:
    """(device, inode) of each path that exists, links resolved."""
    found = set()
    for path in paths:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        found.add((info.st_dev, info.st_ino))
    return found


def write_file(path: str, text: str, inputs: Iterable[str] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path``: through a temporary file in the same folder renamed over the
    target, so that a failed write leaves nothing behind; never over any of ``inputs`` (the same file after
    resolving links: a symbolic or hard link to a profile is that profile). A device or a FIFO (``/dev/stdout``)
    is written in place. Every failure is an ``InputError`` located at ``path``, but a folder that does not
    exist: a ``UsageError`` that says so (there is no line in a file that cannot be)."""
    with open_output(path, inputs) as write:
        write(text)


@contextlib.contextmanager
def open_output(path: str, inputs: Iterable[str] = ()) -> Iterator[Callable[[str], None]]:
    """``write_file`` for a text written piece by piece: the checks are made before the first piece, each
    piece is written as it comes (UTF-8), and the file appears under its name only when the block ends without
    an exception; otherwise nothing is left behind."""
    if path.endswith(("/", os.sep)) or os.path.basename(path) in ("", ".", ".."):
        raise _cannot(path, "the name ends with a folder separator: give a file name")
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None
    if info is not None and (info.st_dev, info.st_ino) in identities(inputs):
        raise InputError([Problem(Location(path), "is an input of this run: will not write the output over it")])
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _cannot(path, "it is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _in_place(path) as write:
            yield write
    else:
        with _replacing(path, target, stat.S_IMODE(info.st_mode) if info is not None else None) as write:
            yield write


# A long text is encoded and written this many characters at a time: a report of hundreds of megabytes (the
# sponsors' page of 10,000 CoPs) is not copied whole into bytes first.
PIECE = 1 << 20


def _encoded(write: Callable[[bytes], object]) -> Callable[[str], None]:
    def encode(text: str) -> None:
        for start in range(0, len(text), PIECE):
            write(text[start : start + PIECE].encode("utf-8", "backslashreplace"))

    return encode


def write_new(path: str, text: str) -> None:
    """Write a file that must not exist yet (``init``): never over anything, even in a race; a failed write
    leaves nothing behind."""
    fd, temporary = _temporary_beside(path, path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            os.fchmod(handle.fileno(), _default_mode())
        os.link(temporary, path)  # fails if the name exists: nothing is ever overwritten
    except FileExistsError:
        raise InputError([Problem(Location(path), "already exists: nothing was written")]) from None
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None
    finally:
        _remove(temporary)


def _temporary_beside(path: str, target: str) -> tuple[int, str]:
    """A new hidden temporary file in ``target``'s folder, so that renaming or linking it into place never
    crosses file systems; a failure is located at ``path``, the name the user gave."""
    folder, name = os.path.dirname(target) or ".", os.path.basename(target)
    try:
        return tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except FileNotFoundError:  # no line or column to give: a file that cannot be, in a folder that is not
        given = os.path.dirname(path) or "."
        raise UsageError(
            f"{path}: cannot write the file: the folder {given} does not exist; nothing was written"
        ) from None
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None


@contextlib.contextmanager
def _replacing(path: str, target: str, mode: int | None) -> Iterator[Callable[[str], None]]:
    fd, temporary = _temporary_beside(path, target)
    try:
        with os.fdopen(fd, "wb") as handle:
            try:
                yield _encoded(handle.write)
                handle.flush()
            except OSError as exc:
                raise _cannot(path, exc.strerror or str(exc)) from None
            os.fchmod(handle.fileno(), _default_mode() if mode is None else mode)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise _cannot(path, exc.strerror or str(exc)) from None
    except BaseException:
        _remove(temporary)
        raise


@contextlib.contextmanager
def _in_place(path: str) -> Iterator[Callable[[str], None]]:
    """A device or a FIFO: opened without blocking (a FIFO nobody reads is an error, not a hang)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)

        def write(data: bytes) -> None:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]

        try:
            yield _encoded(write)
        except OSError as exc:
            raise _cannot(path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _cannot(path: str, why: str) -> InputError:
    return InputError([Problem(Location(path), f"cannot write the file: {why}; nothing was written")])
