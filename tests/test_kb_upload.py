"""Uploads, folder writes and change summaries, without Telegram or a database."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bot.kb.base import build, read_directory
from bot.kb.diff import Changed, diff
from bot.kb.folder import snapshot, write_files
from bot.kb.loader import MAX_FILE_BYTES
from bot.kb.upload import MAX_ZIP_MEMBERS, UploadKind, UploadRefused, check_size, unpack
from tests.kb_factory import entry

TODAY = date(2026, 11, 29)


def yaml_of(*entries: dict[str, object]) -> bytes:
    import yaml

    return yaml.safe_dump({"entries": list(entries)}, sort_keys=False).encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def marked_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" flag in the local and central headers, as a password tool would."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.index(signature) + offset
        raw[at] |= 0x1
    return bytes(raw)


def refusal(filename: str, data: bytes) -> str:
    with pytest.raises(UploadRefused) as err:
        unpack(filename, data)
    return str(err.value)


def test_one_yaml_keeps_its_name_with_a_lower_case_extension() -> None:
    unpacked = unpack("Prevention.YAML", b"entries: []")
    assert unpacked.kind is UploadKind.YAML
    assert unpacked.files == {"Prevention.yaml": b"entries: []"}


@pytest.mark.parametrize("name", ["my file.yaml", "a/b.yaml", "..\\x.yaml", ".hidden.yaml"])
def test_names_that_cannot_be_saved_are_refused(name: str) -> None:
    assert "is not a name I can save" in refusal(name, b"entries: []")


def test_size_is_checked_before_download() -> None:
    assert check_size("a.yaml", None) is UploadKind.YAML  # unknown size: checked after download
    with pytest.raises(UploadRefused, match=r"is 1\.0 MB; a \.yaml file may be at most 1\.0 MB"):
        check_size("a.yaml", MAX_FILE_BYTES + 1)
    with pytest.raises(UploadRefused, match="not a knowledge file"):
        check_size("photo.jpg", 10)


def test_zip_at_top_level_or_in_one_folder() -> None:
    top = unpack("kb.zip", zipped({"a.yaml": b"1", "b.yml": b"2"}))
    assert top.files == {"a.yaml": b"1", "b.yml": b"2"}
    nested = unpack("kb.zip", zipped({
        "knowledge/a.yaml": b"1", "knowledge/README.md": b"#", "knowledge/events/e.yaml": b"e",
        "__MACOSX/knowledge/._a.yaml": b"junk", "knowledge/.DS_Store": b"junk",
    }))  # fmt: skip
    assert nested.files == {"a.yaml": b"1"}
    assert set(nested.ignored) == {"knowledge/README.md", "knowledge/events/e.yaml"}


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"one/a.yaml": b"1", "two/b.yaml": b"2"}, "in different folders"),
        ({"README.md": b"#"}, "contains no .yaml files"),
        ({"a.yaml": b"1", "a.YAML": b"2"}, "contains a.yaml twice"),
        ({"ok/../../a.yaml": b"1"}, "points outside the knowledge folder"),
        ({"C:/kb/a.yaml": b"1"}, "is an absolute path"),
    ],
)
def test_unusable_zips_are_refused(members: dict[str, bytes], reason: str) -> None:
    assert reason in refusal("kb.zip", zipped(members))


def test_encrypted_members_are_refused() -> None:
    assert "is encrypted" in refusal("kb.zip", marked_encrypted(zipped({"a.yaml": b"1"})))


def test_too_many_members() -> None:
    members = {f"f{i}.yaml": b"x" for i in range(MAX_ZIP_MEMBERS + 1)}
    assert f"at most {MAX_ZIP_MEMBERS}" in refusal("kb.zip", zipped(members))


def test_a_member_that_inflates_hugely_is_read_no_further_than_the_limit() -> None:
    bomb = zipped({"big.yaml": bytes(50_000_000)})
    assert len(bomb) < 100_000
    files = unpack("kb.zip", bomb).files
    assert len(files["big.yaml"]) == MAX_FILE_BYTES + 1  # then reported as "too large"
    problems = build(files, TODAY).errors
    assert problems[0].as_plain() == ("big.yaml: file is too large (more than 1 MB; at most 1 MB)")


def test_control_characters_and_direction_overrides_are_refused() -> None:
    files = {
        "a.yaml": yaml_of(
            entry("bidi-title", title="Safe \u202etxet"),
            entry("nul-answer", answer="Call us\x1b now"),
            entry("fine-answer", answer="Line one\n\n• bullet\twith a tab 👍🏽"),
        )
    }
    messages = [p.as_plain() for p in build(files, TODAY).errors]
    assert messages == [
        "a.yaml line 4, entry bidi-title: the title contains an invisible character U+202E "
        "(right-to-left override) just after “Safe”; delete that spot and type it again",
        "a.yaml line 15, entry nul-answer: the answer contains an invisible character U+001B "
        "(control character) just after “Call us”; delete that spot and type it again",
    ]


def test_diff_names_added_changed_and_removed_entries() -> None:
    old = build({"a.yaml": yaml_of(entry("keep-me"), entry("go-away"), entry("edit-me"))}, TODAY)
    new = build({
        "a.yaml": yaml_of(entry("keep-me"), entry("edit-me", answer="New words.")),
        "b.yaml": yaml_of(entry("new-one")),
    }, TODAY)  # fmt: skip
    assert old.kb is not None and new.kb is not None
    change = diff(old.kb, new.kb)
    assert change.added == ("new-one",)
    assert change.removed == ("go-away",)
    assert change.changed == (Changed("edit-me", ("answer",)),)
    assert change.lines() == [
        "Added (1): new-one", "Changed (1): edit-me (answer)", "Removed (1): go-away",
    ]  # fmt: skip
    assert change.summary() == (
        "1 added, 1 changed, 1 removed: added new-one; changed edit-me; removed go-away"
    )
    assert change.counts() == "1 added, 1 changed, 1 removed"
    moved = build({"b.yaml": yaml_of(entry("keep-me"), entry("edit-me"), entry("go-away"))}, TODAY)
    assert moved.kb is not None
    assert diff(old.kb, moved.kb).changed[0].fields == ("moved to b.yaml",)


def test_write_files_replaces_atomically_and_removes_only_knowledge_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"old a")
    (tmp_path / "b.yaml").write_bytes(b"old b")
    (tmp_path / "README.md").write_text("guide")
    (tmp_path / "events").mkdir()
    write_files(tmp_path, {"a.yaml": b"new a"}, replace_all=False)
    assert read_directory(tmp_path) == {"a.yaml": b"new a", "b.yaml": b"old b"}
    write_files(tmp_path, {"c.yaml": b"c"}, replace_all=True)
    assert read_directory(tmp_path) == {"c.yaml": b"c"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "c.yaml", "events"]


def test_a_failed_write_puts_back_what_was_there(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"old a")
    (tmp_path / "z.yaml").mkdir()  # writing z.yaml will fail after a.yaml was replaced
    before = snapshot(tmp_path)
    with pytest.raises(OSError):
        write_files(tmp_path, {"a.yaml": b"new a", "n.yaml": b"n", "z.yaml": b"z"}, False)
    assert read_directory(tmp_path) == {"a.yaml": b"old a"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert set(snapshot(tmp_path)) == set(before) == {"a.yaml"}
