"""The cache on disk of the rule packs and the compiled rules (``copadvisor.cache``): where it lives, what it
trusts, how it writes, and the two callers (the rule packs, the durable_rules rulesets)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from copadvisor import cache
from copadvisor.rulepack import CACHE_NAME, builtin_rules_dir, load_rules_leniently


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPADVISOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("COPADVISOR_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "key_file", lambda: tmp_path / "home" / ".config" / "copadvisor" / "cache-key")
    return folder


def entries(folder: Path) -> list[str]:
    return sorted(p.name.rsplit("-", 1)[0] for p in folder.iterdir()) if folder.exists() else []


def test_the_folder_follows_the_override_then_xdg_then_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("COPADVISOR_CACHE_DIR", "/x/mine")
    assert cache.folder() == Path("/x/mine")
    monkeypatch.delenv("COPADVISOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/x/xdg")
    assert cache.folder() == Path("/x/xdg/copadvisor")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/x/home")
    assert cache.folder() == Path("/x/home/.cache/copadvisor")
    monkeypatch.setenv("COPADVISOR_NO_CACHE", "1")
    assert cache.folder() is None


@pytest.mark.parametrize("value", ["0", "false", "No", "off", ""])
def test_no_cache_set_to_a_word_for_no_leaves_the_cache_on(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("COPADVISOR_CACHE_DIR", "/x/mine")
    monkeypatch.setenv("COPADVISOR_NO_CACHE", value)
    assert cache.folder() == Path("/x/mine")


def test_a_relative_folder_in_either_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    # The red team's break 1: XDG_CACHE_HOME=.cache put the cache (pickles) inside the checkout being checked.
    monkeypatch.delenv("COPADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("HOME", "/x/home")
    monkeypatch.setenv("COPADVISOR_CACHE_DIR", "mine")
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")
    assert cache.folder() == Path("/x/home/.cache/copadvisor")


def test_a_value_stored_is_read_back_under_the_same_parts_only(where: Path) -> None:
    cache.store("thing", ["a", b"\x00b"], {"value": (1, 2)})
    assert cache.load("thing", ["a", b"\x00b"]) == {"value": (1, 2)}
    assert cache.load("thing", ["a", b"\x00c"]) is None
    assert cache.load("thing", ["a\x00", b"b"]) is None  # parts are length-prefixed: no two lists collide
    assert cache.load("other", ["a", b"\x00b"]) is None
    assert entries(where) == ["thing"]
    assert (os.stat(where).st_mode & 0o777, os.stat(next(where.iterdir())).st_mode & 0o777) == (0o700, 0o600)


def test_never_trusted_across_versions_or_an_edit_of_the_code(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each module's size and time are part of the identity: an edited source checkout is another version.
    assert f"cache.py:{os.stat(cache.__file__).st_size}:" in cache._identity()
    cache.store("thing", ["a"], 1)
    monkeypatch.setattr(cache, "_identity", lambda: "copadvisor 9.9")
    assert cache.load("thing", ["a"]) is None
    cache.store("thing", ["a"], 2)
    assert cache.load("thing", ["a"]) == 2


def test_an_entry_of_another_key_in_the_file_is_not_trusted(where: Path) -> None:
    cache.store("thing", ["a"], 1)
    [path] = where.iterdir()
    path.write_bytes(pickle.dumps(("another key", 2)))
    path.chmod(0o600)
    assert cache.load("thing", ["a"]) is None


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05\x95"])
def test_a_corrupt_entry_is_ignored_then_rebuilt(where: Path, damage: bytes) -> None:
    cache.store("thing", ["a"], [1, 2, 3])
    [path] = where.iterdir()
    path.write_bytes(damage)
    assert cache.load("thing", ["a"]) is None
    cache.store("thing", ["a"], [1, 2, 3])
    assert cache.load("thing", ["a"]) == [1, 2, 3]


def test_writes_are_atomic_and_leave_no_temporary_file(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.store("thing", ["a"], "first")
    [path] = where.iterdir()
    before = path.read_bytes()

    def failing_replace(source: object, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", failing_replace)
    cache.store("thing", ["a"], "second")  # fails before the rename: the old entry stands whole
    assert [p.name for p in where.iterdir()] == [path.name]
    assert path.read_bytes() == before
    assert cache.load("thing", ["a"]) == "first"


def test_a_value_that_will_not_pickle_is_simply_not_cached(where: Path) -> None:
    cache.store("thing", ["a"], lambda: None)
    assert cache.load("thing", ["a"]) is None
    assert entries(where) == []


def test_an_unwritable_folder_caches_nothing_and_fails_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COPADVISOR_CACHE_DIR", str(blocker / "cache"))
    cache.store("thing", ["a"], 1)
    assert cache.load("thing", ["a"]) is None
    assert blocker.read_text() == "not a folder"


def test_a_file_others_may_write_is_never_read(where: Path) -> None:
    cache.store("thing", ["a"], 1)
    [path] = where.iterdir()
    path.chmod(0o666)
    assert cache.load("thing", ["a"]) is None
    path.chmod(0o600)
    where.chmod(0o777)
    assert cache.load("thing", ["a"]) is None
    where.chmod(0o700)
    assert cache.load("thing", ["a"]) == 1


def test_caching_off_stores_nothing(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPADVISOR_NO_CACHE", "1")
    cache.store("thing", ["a"], 1)
    assert cache.load("thing", ["a"]) is None
    assert not where.exists()


def test_rule_packs_read_back_equal_and_their_positions_parsed_when_asked(where: Path) -> None:
    fresh, problems = load_rules_leniently([builtin_rules_dir()])
    assert problems == ()
    assert entries(where) == [CACHE_NAME]
    again, _ = load_rules_leniently([builtin_rules_dir()])
    assert [(r.rule, r.location, r.index, r.positions.path) for r in again] == [
        (r.rule, r.location, r.index, r.positions.path) for r in fresh
    ]
    assert again[0].positions._source is None  # not parsed until asked
    assert again[0].source == fresh[0].source


def test_an_edited_pack_is_loaded_anew_and_a_pack_with_problems_never_cached(where: Path, tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "mine.yaml"
    pack.write_text((Path(builtin_rules_dir()) / "privacy.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first, _ = load_rules_leniently([str(folder)])
    pack.write_text(pack.read_text(encoding="utf-8").replace("severity: medium", "severity: low"), encoding="utf-8")
    second, _ = load_rules_leniently([str(folder)])
    assert {r.rule.severity for r in first} != {r.rule.severity for r in second}
    assert {r.rule.severity for r in second} == {"low"}
    pack.write_text("copadvisor-rules: 1\nrules: [{}]\n", encoding="utf-8")
    for _ in range(2):
        rules, problems = load_rules_leniently([str(folder)])
        assert rules == ()
        assert problems[0].location.path == str(pack)
    assert len(list(where.iterdir())) == 2  # the two clean versions of the pack only


class Planted:
    """What a hostile entry holds: unpickling it calls ``os.mkdir`` on the marker path."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.mkdir, (str(self.marker),))


def planted_entry(where: Path, tmp_path: Path, body: bytes) -> Path:
    cache.store("thing", ["a"], 1)
    [path] = where.iterdir()
    path.write_bytes(body)
    path.chmod(0o600)
    return path


def test_a_pickle_copadvisor_did_not_write_is_never_unpickled(where: Path, tmp_path: Path) -> None:
    # The red team's break 1: an entry of the right name and mode, from a cloned repository, ran its code.
    marker = tmp_path / "ran"
    for body in (pickle.dumps(Planted(marker)), pickle.dumps(("key", Planted(marker)))):
        planted_entry(where, tmp_path, body)
        assert cache.load("thing", ["a"]) is None
        planted_entry(where, tmp_path, cache.MAGIC + bytes(32) + body)  # the format, with a MAC it cannot make
        assert cache.load("thing", ["a"]) is None
    assert not marker.exists()


def test_an_entry_made_under_another_users_key_is_not_trusted(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.store("thing", ["a"], 1)
    assert cache.load("thing", ["a"]) == 1
    monkeypatch.setattr(cache, "_secret", lambda where: bytes(32))
    assert cache.load("thing", ["a"]) is None


def test_one_bit_flipped_anywhere_is_a_miss_and_the_entry_is_rebuilt(where: Path) -> None:
    # The red team's break 6: 'high' made 'higi' (or 'info') unpickled fine and was trusted on every run.
    cache.store("thing", ["a"], {"severity": "high"})
    [path] = where.iterdir()
    whole = path.read_bytes()
    for at in (0, len(cache.MAGIC) + 5, whole.index(b"high") + 3, len(whole) - 1):
        damaged = bytearray(whole)
        damaged[at] ^= 1
        path.write_bytes(bytes(damaged))
        assert cache.load("thing", ["a"]) is None, at
    cache.store("thing", ["a"], {"severity": "high"})
    assert path.read_bytes() == whole
    assert cache.load("thing", ["a"]) == {"severity": "high"}


def test_the_key_is_made_once_private_and_outside_the_cache_folder(where: Path, tmp_path: Path) -> None:
    cache.store("thing", ["a"], 1)
    key = tmp_path / "home" / ".config" / "copadvisor" / "cache-key"
    made = key.read_bytes()
    assert (len(made), key.stat().st_mode & 0o777, key.parent.stat().st_mode & 0o777) == (32, 0o600, 0o700)
    cache.store("thing", ["b"], 2)
    assert key.read_bytes() == made
    assert (cache.load("thing", ["a"]), cache.load("thing", ["b"])) == (1, 2)
    assert sorted(p.name for p in key.parent.iterdir()) == ["cache-key"]  # no temporary file left


def test_the_key_file_is_found_in_the_real_home_not_in_home_or_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    monkeypatch.setenv("HOME", "/x/home")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/x/config")
    real = pwd.getpwuid(os.getuid()).pw_dir
    assert cache.key_file() == Path(real) / ".config" / "copadvisor" / "cache-key"


def test_no_key_that_can_be_read_or_made_and_nothing_is_cached(
    where: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "home" / ".config" / "copadvisor" / "cache-key"
    key.parent.mkdir(parents=True)
    key.write_bytes(bytes(32))
    key.chmod(0o644)  # readable by others: not a secret
    cache.store("thing", ["a"], 1)
    assert (cache.load("thing", ["a"]), entries(where), key.read_bytes()) == (None, [], bytes(32))
    key.unlink()
    key.symlink_to(tmp_path / "elsewhere")  # a link is not followed, not made through
    cache.store("thing", ["a"], 1)
    assert (cache.load("thing", ["a"]), entries(where), (tmp_path / "elsewhere").exists()) == (None, [], False)
    monkeypatch.setattr(cache, "key_file", lambda: None)
    cache.store("thing", ["a"], 1)
    assert (cache.load("thing", ["a"]), entries(where)) == (None, [])


def test_a_key_inside_the_cache_folder_is_not_used(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Whoever fills the cache folder could supply that key as well.
    monkeypatch.setattr(cache, "key_file", lambda: where / "keys" / "cache-key")
    cache.store("thing", ["a"], 1)
    assert (cache.load("thing", ["a"]), where.exists()) == (None, False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need POSIX")
def test_an_entry_that_is_a_fifo_or_a_link_is_not_read(where: Path, tmp_path: Path) -> None:
    # The red team's break 5: a FIFO of the user's, mode 0600, blocked every run (opened without O_NONBLOCK).
    cache.store("thing", ["a"], 1)
    [path] = where.iterdir()
    whole = path.read_bytes()
    path.unlink()
    os.mkfifo(path, 0o600)
    assert cache.load("thing", ["a"]) is None
    path.unlink()
    (tmp_path / "real").write_bytes(whole)
    (tmp_path / "real").chmod(0o600)
    path.symlink_to(tmp_path / "real")
    assert cache.load("thing", ["a"]) is None
    path.unlink()
    path.write_bytes(whole)
    path.chmod(0o600)
    assert cache.load("thing", ["a"]) == 1


def test_an_entry_larger_than_the_limit_is_not_read(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.store("thing", ["a"], "x" * 1000)
    monkeypatch.setattr(cache, "LIMIT", 1000)
    assert cache.load("thing", ["a"]) is None
    monkeypatch.setattr(cache, "LIMIT", 2000)
    assert cache.load("thing", ["a"]) == "x" * 1000
