"""The terminal front end: ``localbeat chat`` and ``ask`` as a person without Telegram uses them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LOCALBEAT_")},
        "LOCALBEAT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "LOCALBEAT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip


def test_chat_answers_follows_a_button_and_quits(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path, "chat", stdin="burgalry tips\n1\nsomeone has a knife outside\nquit\n"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "burglar" in out.lower()
    assert "[1]" in out
    assert "If you or someone else is in danger right now, call 999" in out
    assert "Traceback" not in result.stderr


def test_ask_plain_text(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "ask", "what", "is", "met", "engage")
    assert result.returncode == 0, result.stderr
    assert "Met Engage" in result.stdout
    assert "Source:" in result.stdout


def test_ask_loads_the_model_only_for_a_message_that_needs_it(tmp_path: Path) -> None:
    """A greeting, a named emergency or a knowledge-base question word for word answers without
    the model (a quicker one-off ``ask``); a question in the resident's own words gets it."""
    for words, said in (
        (["hi"], "I'm Local Beat"),
        (["someone", "is", "breaking", "into", "my", "house", "right", "now"], "call 999"),
    ):
        quick = run_cli(tmp_path, "ask", *words)
        assert quick.returncode == 0, quick.stderr
        assert said in quick.stdout
        assert "understanding ready" not in quick.stderr
    own_words = run_cli(tmp_path, "ask", "how", "can", "i", "stop", "my", "push", "bike",
                        "being", "pinched")  # fmt: skip
    assert own_words.returncode == 0, own_words.stderr
    assert "D-lock" in own_words.stdout  # the bike-theft entry: words alone only ask "did you mean"
    assert "understanding ready" in own_words.stderr


def test_run_without_token_explains(tmp_path: Path) -> None:
    env_free = run_cli(tmp_path, "run")
    assert env_free.returncode == 2
    assert "LOCALBEAT_TELEGRAM_TOKEN" in env_free.stderr
    assert "localbeat chat" in env_free.stderr
