"""Configuration: defaults with no file, env overrides for secrets, and clear start-up errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_config


def test_no_file_gives_working_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(env={})
    assert config.borough.name == "Harrow"
    assert len(config.borough.wards) == 22
    assert config.database.url.startswith("sqlite+aiosqlite:///")
    assert config.telegram.token is None


def test_example_config_is_valid() -> None:
    config = load_config(Path(__file__).parents[1] / "config.example.yaml", env={})
    assert "Wealdstone North" in config.borough.wards


def test_env_overrides_secrets_and_urls(tmp_path: Path) -> None:
    file = tmp_path / "c.yaml"
    file.write_text("database:\n  url: sqlite+aiosqlite:///x.db\n")
    env = {
        "LOCALBEAT_TELEGRAM_TOKEN": "123:secret",
        "LOCALBEAT_DATABASE_URL": "postgresql+asyncpg://u@h/db",
        "LOCALBEAT_TELEGRAM_BASE_URL": "http://127.0.0.1:9999",
    }
    config = load_config(file, env=env)
    assert config.telegram.token is not None
    assert config.telegram.token.get_secret_value() == "123:secret"
    assert "123:secret" not in repr(config)  # never printed in logs
    assert config.database.url == "postgresql+asyncpg://u@h/db"
    assert config.telegram.base_url == "http://127.0.0.1:9999"


def test_bad_value_names_file_key_and_expectation(tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("matcher:\n  threshold: lots\n")
    with pytest.raises(ConfigError) as err:
        load_config(file, env={})
    message = str(err.value)
    assert str(file) in message
    assert "matcher.threshold" in message
    assert "number" in message


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "typo.yaml"
    file.write_text("borough:\n  nmae: Harrow\n")
    with pytest.raises(ConfigError, match=r"borough\.nmae"):
        load_config(file, env={})


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    file = tmp_path / "broken.yaml"
    file.write_text("borough:\n  name: [Harrow\n")
    with pytest.raises(ConfigError, match=r"broken\.yaml:\d+"):
        load_config(file, env={})


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml", env={})


def test_cli_reports_bad_config_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("roles:\n  officers: [abc]\n")
    assert main(["--config", str(file), "kb", "check"]) == 2
    err = capsys.readouterr().err
    assert "roles.officers" in err
    assert "Traceback" not in err
