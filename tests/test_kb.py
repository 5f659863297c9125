"""Knowledge base loading and checks: every problem is caught and named by file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.kb.base import KnowledgeStore, load_directory
from tests.kb_factory import entry, write_kb

REPO_KB = Path(__file__).parents[1] / "knowledge"
TODAY = date(2026, 11, 29)


def messages(path: Path) -> list[str]:
    return [p.as_cli() for p in load_directory(path, TODAY).problems]


def test_shipped_knowledge_base_has_no_errors() -> None:
    result = load_directory(REPO_KB, TODAY)
    assert result.errors == []
    assert result.kb is not None
    assert len(result.kb) >= 50


def test_shipped_figures_all_name_the_newsletter() -> None:
    kb = load_directory(REPO_KB, TODAY).kb
    assert kb is not None
    figures = {"14%": "met", "500": None, "67": "borough", "230": "borough", "23%": "borough"}
    for figure in figures:
        holders = [e for e in kb.entries.values() if figure in e.answer]
        assert holders, f"no entry states {figure}"
        for e in holders:
            assert e.source is not None, e.id
    newsletter = [e for e in kb.entries.values() if e.source and "newsletter" in e.source.title]
    assert {e.scope for e in newsletter} >= {"met", "borough"}


def test_other_services_say_who_and_when_to_call_the_police() -> None:
    kb = load_directory(REPO_KB, TODAY).kb
    assert kb is not None
    elsewhere = [e for e in kb.entries.values() if e.topic == "elsewhere"]
    assert len(elsewhere) >= 14
    for e in elsewhere:
        assert "https://" in e.answer, e.id
        assert "999" in e.answer or "101" in e.answer, e.id
        assert e.source is not None and e.source.url is not None, e.id
        assert e.scope in {"borough", "national"}, e.id
        assert 10 <= len(e.questions) <= 16, e.id


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write_kb(
        tmp_path, {"a.yaml": [entry("same-id")], "b.yaml": [entry("same-id", questions=["x y"])]}
    )
    assert any(
        m.startswith("b.yaml:2:") and "id `same-id` is already used in a.yaml" in m
        for m in messages(tmp_path)
    )


def test_same_question_in_two_entries(tmp_path: Path) -> None:
    write_kb(tmp_path, {"a.yaml": [
        entry("one", questions=["How do I stop burglars?"]),
        entry("two", questions=["how do i stop burglars"]),
    ]})  # fmt: skip
    assert any(
        "is also a question of entry one" in m and "(entry two)" in m for m in messages(tmp_path)
    )


def test_figure_without_source(tmp_path: Path) -> None:
    write_kb(tmp_path, {"a.yaml": [entry("fig", answer="Crime fell by 14% this year.")]})
    assert any("states a figure but has no `source`" in m for m in messages(tmp_path))


def test_service_numbers_are_not_figures(tmp_path: Path) -> None:
    answer = "Call 999 in an emergency, 101 otherwise, or Crimestoppers on 0800 555 111."
    write_kb(tmp_path, {"a.yaml": [entry("help-nums", answer=answer)]})
    assert messages(tmp_path) == []


def test_over_long_answer(tmp_path: Path) -> None:
    write_kb(tmp_path, {"a.yaml": [entry("long", answer="word " * 900)]})
    assert any("Telegram allows 4,096" in m for m in messages(tmp_path))


def test_unknown_related(tmp_path: Path) -> None:
    write_kb(tmp_path, {"a.yaml": [entry("lonely", related=["ghost"])]})
    assert any("unknown entry `ghost`" in m for m in messages(tmp_path))


def test_past_review_date_is_a_warning_not_an_error(tmp_path: Path) -> None:
    write_kb(tmp_path, {"a.yaml": [entry("old", review_by="2020-01-01")]})
    result = load_directory(tmp_path, TODAY)
    assert result.kb is not None
    assert [p.severity for p in result.problems] == ["warning"]
    assert "2020-01-01 has passed" in result.problems[0].message


def test_missing_field_names_line_and_entry(tmp_path: Path) -> None:
    bad = entry("burglary-locks")
    del bad["answer"]
    write_kb(tmp_path, {"burglary.yaml": [entry("first"), bad]})
    problems = load_directory(tmp_path, TODAY).problems
    plain = [p.as_plain() for p in problems]
    assert any(
        p.startswith("burglary.yaml line ") and "entry burglary-locks: `answer` is missing" in p
        for p in plain
    ), plain


def test_bad_id_is_explained(tmp_path: Path) -> None:
    write_kb(tmp_path, {"a.yaml": [entry("Bad ID!")]})
    assert any("lower-case letters, digits or hyphens" in m for m in messages(tmp_path))


def test_wrong_type_and_misspelt_key(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "entries:\n"
        "  - id: thing\n"
        "    topic: prevention\n"
        "    title: A thing\n"
        "    questions: [what is a thing]\n"
        "    anwser: misspelt\n"
        "    scope: borough\n"
        "    review_by: not-a-date\n"
    )
    found = messages(tmp_path)
    assert any(m.startswith("a.yaml:6:") and "`anwser` is not a known field" in m for m in found)
    assert any(m.startswith("a.yaml:8:") and "`review_by`" in m for m in found)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"entries:\n  - id: a\n\ttopic: help\n", "a.yaml:3: not valid YAML: a tab character"),
        (b"entries:\n  - id: [unclosed\n", "a.yaml:3: not valid YAML"),
        (b"entries:\n  - id: a\n    id: b\n", "a.yaml:3: `id` appears twice"),
        (b"entries: []\n\xff\xfe bad bytes\n", "a.yaml:2: text is not UTF-8"),
        (b"", "a.yaml: file is empty"),
    ],
)
def test_broken_files(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / "a.yaml").write_bytes(content)
    result = load_directory(tmp_path, TODAY)
    assert result.kb is None
    assert any(m.startswith(expected) for m in (p.as_cli() for p in result.problems)), [
        p.as_cli() for p in result.problems
    ]


def test_broken_knowledge_base_never_replaces_the_live_one(tmp_path: Path) -> None:
    good = load_directory(REPO_KB, TODAY)
    assert good.kb is not None
    store = KnowledgeStore(good.kb)
    (tmp_path / "a.yaml").write_text("entries:\n  - id: [broken\n")
    assert store.replace(load_directory(tmp_path, TODAY)) is False
    assert store.current is good.kb


def test_cli_kb_check_passes_on_shipped_kb(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", str(REPO_KB)]) == 0
    assert "OK:" in capsys.readouterr().out


def test_cli_kb_check_fails_with_file_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_kb(tmp_path, {"a.yaml": [entry("xx-entry", related=["nope"])]})
    assert main(["kb", "check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "a.yaml:" in err and "unknown entry `nope`" in err
