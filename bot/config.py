"""Validated settings for one Local Beat deployment.

Settings come from a YAML file (``--config``, ``LOCALBEAT_CONFIG`` or ``config.yaml``) and fall back
to built-in Harrow defaults, so the bot can be tried with no file at all. Secrets and URLs are read
from the environment so that nothing sensitive needs to live in a committed file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from bot.retrieval.fusion import Fusion

DEFAULT_CONFIG_PATH = Path("config.yaml")

HARROW_WARDS: tuple[str, ...] = (
    "Belmont", "Canons", "Centenary", "Edgware", "Greenhill", "Harrow on the Hill",
    "Harrow Weald", "Hatch End", "Headstone", "Kenton East", "Kenton West", "Marlborough",
    "North Harrow", "Pinner", "Pinner South", "Rayners Lane", "Roxbourne", "Roxeth",
    "Stanmore", "Wealdstone North", "Wealdstone South", "West Harrow",
)  # fmt: skip


class ConfigError(Exception):
    """A configuration problem worded for the person starting the bot."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BoroughConfig(_Strict):
    name: str = "Harrow"
    police_force: str = "metropolitan"
    reference_prefix: str = Field(default="HW", pattern=r"^[A-Z]{2,4}$")
    wards: tuple[str, ...] = HARROW_WARDS
    # (south, west, north, east) in degrees; None = computed from the street-level data held
    bbox: tuple[float, float, float, float] | None = None

    @model_validator(mode="after")
    def _wards_unique(self) -> BoroughConfig:
        seen = {w.casefold() for w in self.wards}
        if len(seen) != len(self.wards):
            raise ValueError("ward names must be unique")
        return self

    @model_validator(mode="after")
    def _bbox_ordered(self) -> BoroughConfig:
        if self.bbox is not None:
            south, west, north, east = self.bbox
            if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
                raise ValueError("bbox must be [south, west, north, east] with south < north")
        return self


class TelegramConfig(_Strict):
    token: SecretStr | None = None
    base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # The webhook listens on loopback: a reverse proxy terminates TLS and forwards to it.
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_max_connections: int = Field(default=100, ge=1, le=10_000)
    webhook_idle_timeout_s: float = Field(default=10.0, gt=0, le=600)
    webhook_body_timeout_s: float = Field(default=10.0, gt=0, le=600)
    team_chat_id: int | None = None
    # Cap on all replies per second (0 = none). Replies answer residents who wrote first, which
    # Telegram does not count as bulk sending; broadcasts pace themselves separately.
    max_replies_per_second: float = Field(default=0, ge=0)
    # Replies are tried again this many times after a 5xx, a lost answer or no connection
    # (a 429 waits Telegram's retry_after instead, up to a minute in all).
    max_retries: int = Field(default=3, ge=0, le=10)
    # Seconds to connect, and to wait for Telegram's answer, before a call counts as failed.
    request_timeout_s: float = Field(default=5.0, gt=0, le=120)

    def timeouts(self) -> dict[str, float]:
        t = self.request_timeout_s
        return {"read_timeout": t, "write_timeout": t, "connect_timeout": t}


class RolesConfig(_Strict):
    officers: frozenset[int] = frozenset()
    comms: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()


class MatcherConfig(_Strict):
    """How residents' words are matched: thresholds on the router's 0-100 scale, the model.

    The defaults were tuned on the development questions (tests/eval/dev.yaml) with
    ``bench/accuracy.py --split dev --tune``; change them only with the same measurement.
    """

    threshold: float = Field(default=55.0, ge=0, le=100)  # answer at or above
    suggest_threshold: float = Field(default=40.0, ge=0, le=100)  # "Did you mean…" at or above
    max_suggestions: int = Field(default=3, ge=1, le=10)
    route_threshold: float = Field(default=52.0, ge=0, le=100)  # a report reply names the route
    # Without the model (not installed, or it failed), scores are lexical and on their own scale.
    lexical_threshold: float = Field(default=65.0, ge=0, le=100)
    lexical_suggest_threshold: float = Field(default=45.0, ge=0, le=100)
    router_margin: float = Field(default=8.0, ge=0, le=100)  # a runner-up this close is offered
    # Semantic retrieval. ``model``: "default" (the packaged model), "none" (lexical only), or
    # use ``model_path`` for a folder holding model.onnx and tokenizer.json.
    model: Literal["default", "none"] = "default"
    model_path: Path | None = None
    vector_cache: Path | None = None  # default: ~/.cache/localbeat (phrase vectors)
    # CPU threads one message's embedding may use: 1 keeps many processes on a host predictable;
    # 2 on an otherwise idle core cut round 3's p99 from 24 to 16 ms (long rambling messages)
    model_threads: int = Field(default=1, ge=1, le=16)
    # Seconds a message may wait for the model while it loads after a start (1-2 s from the
    # vector cache): read by words alone meanwhile, a scene of danger no rule names got "Did you
    # mean" instead of 999. 0: answer by words at once. Emergencies the rules name never wait.
    model_wait: float = Field(default=5.0, ge=0, le=60)
    semantic_weight: float = Field(default=0.7, ge=0, le=1)
    cosine_floor: float = Field(default=0.25, ge=-1, le=1)  # an unrelated question's cosine
    cosine_ceiling: float = Field(default=0.65, ge=-1, le=1)  # a close paraphrase's cosine
    lexical_alone: float = Field(default=0.75, ge=0, le=1)  # share a lexical score keeps alone
    # points per 0.01 of cosine above the ceiling (bot/retrieval/fusion.py), up to 100
    cosine_beyond: float = Field(default=0.5, ge=0, le=5)
    suggest_min_cosine: float = Field(default=0.45, ge=-1, le=1)  # suggestions must be this close
    route_min_cosine: float = Field(default=0.50, ge=-1, le=1)  # a named route must be this close
    emergency_net: bool = True  # the exemplar net may add an emergency verdict
    emergency_probability: float = Field(default=0.7, gt=0.5, lt=1)
    # From this likelihood up to emergency_probability the net is unsure: the reply keeps its
    # kind and starts with the 999 line (chosen on the dev questions; 1 turns it off)
    caution_probability: float = Field(default=0.5, gt=0, le=1)
    report_reading: bool = True  # a story of a crime told in any words gets the reporting reply
    # how sure it must be; by default 0.65 when it learns from residents' messages too
    # (resident_examples), 0.85 from its own exemplars alone (each chosen on the dev questions)
    report_probability: float | None = Field(default=None, gt=0.5, lt=1)
    # the route reading names a reporting route (or none) when its choice leads by this much
    route_reading: bool = True
    route_lead: float = Field(default=0.03, ge=0, le=1)
    # ...and, when it leads by less, the search's route is dropped if the reading's best route is
    # this much closer than it: the two readings disagree, and the plain reply is right for any
    # crime (0.05, chosen on the dev questions)
    route_disagree: float = Field(default=0.05, ge=0, le=1)
    # residents' own messages (bot/retrieval/examples.yaml) as more ways of asking for an entry,
    # and as crimes told or not for the report reading
    resident_examples: bool = True
    example_min_cosine: float = Field(default=0.5, ge=-1, le=1)  # ...counted from this close

    def report_threshold(self) -> float:
        if self.report_probability is not None:
            return self.report_probability
        return 0.65 if self.resident_examples else 0.85

    def fusion(self) -> Fusion:
        return Fusion(
            self.semantic_weight,
            self.cosine_floor,
            self.cosine_ceiling,
            self.lexical_alone,
            self.cosine_beyond,
        )

    @model_validator(mode="after")
    def _ordered(self) -> MatcherConfig:
        if self.suggest_threshold > self.threshold:
            raise ValueError("suggest_threshold must not be above threshold")
        if self.lexical_suggest_threshold > self.lexical_threshold:
            raise ValueError("lexical_suggest_threshold must not be above lexical_threshold")
        if self.caution_probability > self.emergency_probability and self.caution_probability < 1:
            raise ValueError("caution_probability must not be above emergency_probability")
        if self.cosine_floor >= self.cosine_ceiling:
            raise ValueError("cosine_floor must be below cosine_ceiling")
        return self


class DatabaseConfig(_Strict):
    url: str = "sqlite+aiosqlite:///localbeat.db"
    echo: bool = False


class HttpConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)


class ThrottleConfig(_Strict):
    max_messages: int = Field(default=20, ge=1)
    per_seconds: float = Field(default=10.0, gt=0)


class StatsConfig(_Strict):
    near_radius_m: int = Field(default=1609, ge=100, le=10_000)  # "near me": 1 mile
    snapshot: bool = True  # load the packaged figures into an empty store on first start
    sync_enabled: bool = False  # the monthly police.uk sync job in the running bot
    sync_day: int = Field(default=5, ge=1, le=28)  # first day of the month it tries
    sync_hour_utc: int = Field(default=4, ge=0, le=23)
    sync_months: int = Field(default=3, ge=1, le=36)
    api_base_url: str = "https://data.police.uk/api"


class FeedbackConfig(_Strict):
    """Residents' priorities relayed to the team: limits, delivery retries and the digest."""

    daily_limit: int = Field(default=5, ge=1, le=100)
    max_text: int = Field(default=2000, ge=100, le=3000)
    outbox_poll_s: float = Field(default=30.0, gt=0)
    backoff_base_s: float = Field(default=5.0, gt=0)
    backoff_max_s: float = Field(default=3600.0, gt=0)
    claim_lease_s: float = Field(default=300.0, gt=0)
    send_timeout_s: float = Field(default=20.0, gt=0)
    alert_after_s: float = Field(default=600.0, gt=0)
    digest_weekday: int = Field(default=0, ge=0, le=6)
    digest_time: time = time(9, 0)
    timezone: str = "Europe/London"

    @model_validator(mode="after")
    def _known_zone(self) -> FeedbackConfig:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        return self


class EventsConfig(_Strict):
    """Engagement events, reminders and subscription messages."""

    file: Path | None = None  # default: knowledge_dir/events/events.yaml
    page_size: int = Field(default=5, ge=1, le=10)
    dispatch_interval_s: float = Field(default=30.0, gt=0)  # how often due messages are sent
    file_check_interval_s: float = Field(default=300.0, gt=0)  # how often the file is re-read
    summary_check_interval_s: float = Field(default=21600.0, gt=0)  # new crime month? (6 h)


TopicName = Literal["announcements", "events", "tips", "summary"]  # bot.subscriptions TOPICS


class SubscriptionsConfig(_Strict):
    """What a resident gets after choosing their ward in the two taps /start offers."""

    default_topics: tuple[TopicName, ...] = ("announcements", "events")


class RetentionConfig(_Strict):
    """How long what residents leave behind is kept. /privacy is written from these numbers and
    a daily job (once across all processes) removes what has outlived them."""

    # No use of the bot for this long and nothing subscribed: the resident's record goes.
    inactive_resident_days: int = Field(default=365, ge=30, le=3650)
    # Words, photo and location of feedback closed this long ago are erased (tallies stay).
    closed_feedback_days: int = Field(default=365, ge=30, le=3650)
    # Questions the bot could not answer (text only, never who asked), after they were last asked.
    unanswered_question_days: int = Field(default=365, ge=30, le=3650)
    # Reminders, notices and summaries already sent (or given up), with their text.
    sent_message_days: int = Field(default=90, ge=7, le=3650)
    check_interval_s: float = Field(default=3600.0, gt=0)  # how often a process looks for the day


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class DigestConfig(_Strict):
    """The weekly note to comms staff (unanswered questions, answers past their review date)."""

    enabled: bool = True
    weekday: Weekday = "monday"
    hour: int = Field(default=9, ge=0, le=23)  # London time


class AnnouncementsConfig(_Strict):
    # Broadcasts pace themselves below Telegram's ~30 messages/s, shared by all bot processes.
    rate_per_second: float = Field(default=25.0, gt=0, le=30)
    per_chat_interval_seconds: float = Field(default=1.0, ge=1.0, le=60)
    concurrency: int = Field(default=8, ge=1, le=64)  # Telegram calls in flight per process
    max_attempts: int = Field(default=5, ge=1, le=20)  # for 5xx, timeouts and network errors
    require_second_approval_for_borough_wide: bool = False
    progress_every_seconds: float = Field(default=3.0, ge=1, le=60)
    worker_enabled: bool = True  # False: this process composes but never sends


class RateConfig(_Strict):
    """At most ``max_requests`` in any ``per_seconds`` window."""

    max_requests: int = Field(ge=1)
    per_seconds: float = Field(gt=0)


class WebConfig(_Strict):
    """The web chat: a page, a JSON API and an embeddable widget on ``http.host:http.port``."""

    enabled: bool = False  # `localbeat run` serves it too (`localbeat web` always does)
    # Pages allowed to embed the chat (scheme://host[:port]), e.g. https://www.harrow.gov.uk
    allowed_origins: tuple[str, ...] = ()
    session_idle_minutes: int = Field(default=60, ge=5, le=24 * 60)
    session_max_hours: int = Field(default=12, ge=1, le=24 * 7)
    max_body_bytes: int = Field(default=32_768, ge=1024, le=1_048_576)
    # One typed message; above feedback.max_text, so a long feedback message can be trimmed.
    max_text: int = Field(default=3000, ge=100, le=10_000)
    per_session: RateConfig = RateConfig(max_requests=20, per_seconds=60)
    per_address: RateConfig = RateConfig(max_requests=300, per_seconds=60)
    new_sessions_per_address: RateConfig = RateConfig(max_requests=30, per_seconds=600)
    poll_seconds: float = Field(default=15.0, ge=2, le=600)  # how often a page asks for replies
    # Behind a reverse proxy, the client's address is the last one it adds to X-Forwarded-For.
    trust_forwarded_for: bool = False

    @model_validator(mode="after")
    def _origins(self) -> WebConfig:
        for origin in self.allowed_origins:
            if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?", origin):
                raise ValueError(
                    f"allowed_origins: {origin!r} is not an origin like https://www.example.gov.uk"
                )
        return self


class ReplicasConfig(_Strict):
    """Several ``localbeat run --webhook`` processes on one PostgreSQL database."""

    # A process that stops renewing its leases this long is taken as dead: its jobs, its claims
    # and the updates it had accepted go to the others.
    lease_seconds: float = Field(default=6.0, ge=1, le=600)
    kb_poll_seconds: float = Field(default=2.0, gt=0, le=600)  # how often to look for a new KB
    # Each chat's updates handled in order across processes (an inbox in the database); on
    # PostgreSQL with a webhook only: one polling process or SQLite keeps the order by itself.
    ordered_updates: bool = True


class Config(_Strict):
    borough: BoroughConfig = BoroughConfig()
    telegram: TelegramConfig = TelegramConfig()
    roles: RolesConfig = RolesConfig()
    matcher: MatcherConfig = MatcherConfig()
    database: DatabaseConfig = DatabaseConfig()
    http: HttpConfig = HttpConfig()
    throttle: ThrottleConfig = ThrottleConfig()
    stats: StatsConfig = StatsConfig()
    feedback: FeedbackConfig = FeedbackConfig()
    events: EventsConfig = EventsConfig()
    announcements: AnnouncementsConfig = AnnouncementsConfig()
    web: WebConfig = WebConfig()
    subscriptions: SubscriptionsConfig = SubscriptionsConfig()
    retention: RetentionConfig = RetentionConfig()
    knowledge_dir: Path = Path("knowledge")
    knowledge_watch: bool = False  # reload by itself when the folder's files change
    knowledge_watch_seconds: float = Field(default=5.0, ge=1, le=3600)
    comms_digest: DigestConfig = DigestConfig()
    replica_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.:-]{1,64}$")
    replicas: ReplicasConfig = ReplicasConfig()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


ENV_OVERRIDES: Mapping[str, tuple[str, ...]] = {
    "LOCALBEAT_TELEGRAM_TOKEN": ("telegram", "token"),
    "LOCALBEAT_TELEGRAM_BASE_URL": ("telegram", "base_url"),
    "LOCALBEAT_WEBHOOK_SECRET": ("telegram", "webhook_secret"),
    "LOCALBEAT_DATABASE_URL": ("database", "url"),
    "LOCALBEAT_KNOWLEDGE_DIR": ("knowledge_dir",),
    "LOCALBEAT_WEBHOOK_URL": ("telegram", "webhook_url"),
    "LOCALBEAT_REPLICA_ID": ("replica_id",),
}


def _apply_env(raw: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    for var, path in ENV_OVERRIDES.items():
        value = env.get(var)
        if not value:
            continue
        node = raw
        for key in path[:-1]:
            child = node.get(key)
            node[key] = child = dict(child) if isinstance(child, dict) else {}
            node = child
        node[path[-1]] = value
    return raw


def _describe(error: ValidationError, source: str) -> str:
    lines = [f"{source}: the configuration is not valid:"]
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        lines.append(f"  {key}: {item['msg']} (got {item.get('input')!r})")
    return "\n".join(lines)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    return data


def load_config(path: Path | str | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Load settings, failing with the file, the key and what was expected.

    An explicitly named file must exist; the default ``config.yaml`` is optional so that a fresh
    checkout runs on built-in defaults.
    """
    env = os.environ if env is None else env
    explicit = path or env.get("LOCALBEAT_CONFIG")
    file = Path(explicit) if explicit else DEFAULT_CONFIG_PATH
    if file.exists():
        raw, source = _read_yaml(file), str(file)
    elif explicit:
        raise ConfigError(f"{file}: configuration file not found")
    else:
        raw, source = {}, "built-in defaults"
    try:
        return Config.model_validate(_apply_env(raw, env))
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from exc
