"""Prometheus metrics, kept in a registry per application rather than the library's global one,
so tests and several bots in one process do not share counters."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import Metric
from prometheus_client.registry import Collector


class _Labelled(Collector):
    """Every sample of ``registry`` with a ``replica`` label, so several processes behind one
    address are told apart (``/metrics`` is per process)."""

    def __init__(self, registry: CollectorRegistry, replica: str) -> None:
        self._registry = registry
        self._replica = replica

    def collect(self) -> Iterator[Metric]:
        for metric in self._registry.collect():
            labelled = Metric(metric.name, metric.documentation, metric.type, metric.unit)
            for sample in metric.samples:
                labels = {**sample.labels, "replica": self._replica}
                labelled.add_sample(
                    sample.name, labels, sample.value, sample.timestamp, sample.exemplar
                )
            yield labelled


class Metrics:
    def __init__(self, replica: str | None = None) -> None:
        self.replica = replica  # set once known (``post_init``); None: no label
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "localbeat_updates_total", "Telegram updates handled", registry=self.registry
        )
        self.answers = Counter(
            "localbeat_answers_total", "Replies by kind", ["kind"], registry=self.registry
        )
        self.fallbacks = Counter(
            "localbeat_fallbacks_total", "Questions with no answer", registry=self.registry
        )
        self.errors = Counter(
            "localbeat_errors_total", "Errors reaching the error handler", registry=self.registry
        )
        self.bad_updates = Counter(
            "localbeat_bad_updates_total",
            "Updates skipped: unreadable, or failed while being handled",
            ["reason"],
            registry=self.registry,
        )
        self.webhook_refused = Counter(
            "localbeat_webhook_refused_total",
            "Webhook requests refused before their body was read, or for a slow body",
            ["reason"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "localbeat_reply_latency_seconds",
            "Time from receiving a message to sending the reply",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
            registry=self.registry,
        )

        self.reply_retries = Counter(
            "localbeat_telegram_retries_total",
            "Calls to Telegram tried again (429, 5xx, lost answer) or resent as plain text",
            ["reason"],
            registry=self.registry,
        )
        self.outbox_events = Counter(
            "localbeat_outbox_events_total",
            "Outbox sends whose answer was lost (ambiguous), claims taken over from a stopped "
            "process (takeover), possible repeats delivered (resent) and rows left uncertain",
            ["outbox", "event"],
            registry=self.registry,
        )

    def reply_retry(self, reason: str) -> None:
        self.reply_retries.labels(reason=reason).inc()

    def outbox_event(self, outbox: str, event: str) -> None:
        self.outbox_events.labels(outbox=outbox, event=event).inc()

    def render(self) -> bytes:
        if self.replica is None:
            return generate_latest(self.registry)
        outer = CollectorRegistry()
        outer.register(_Labelled(self.registry, self.replica))
        return generate_latest(outer)
