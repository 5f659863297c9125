"""Reading a resident's message as a crime to report, by meaning as well as by the rules.

The rules in ``bot/safety.py`` hear a story told in words they know ("my bike was stolen last
night", "I want to report..."); residents tell the same stories in words no rule lists ("came
home and the back door was forced", "fell for one of those crypto things"). Those used to get
advice on preventing the crime, "Did you mean…" or a fallback, when what they need is how to
report it and the most specific route. This reading, trained on ``reports.yaml``, catches them;
the answer service asks it only about messages that tell rather than ask, after every emergency
check, so it can never delay or replace a 999 reply.
"""

from __future__ import annotations

from bot.retrieval.trained import Reading, Trained


class ReportReading(Reading):
    def __init__(self, probability: float) -> None:
        classifier = Trained("bot.retrieval", "reports.yaml", "report", "not_report")
        super().__init__(classifier, probability)
