"""Reading /metrics as Prometheus does, so tests name a sample by its labels in any order."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of sample ``name`` with ``labels`` (the per-process ``replica`` label aside)."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            rest = {k: v for k, v in found.labels.items() if k != "replica"}
            if found.name == name and rest == labels:
                return float(found.value)
    return None
