"""Reading a resident's message as a crime to report, by meaning as well as by the rules.

The rules in ``bot/safety.py`` hear a story told in words they know ("my bike was stolen last
night", "I want to report..."); residents tell the same stories in words no rule lists ("came
home and the back door was forced", "fell for one of those crypto things"). Those used to get
advice on preventing the crime, "Did you mean…" or a fallback, when what they need is how to
report it and the most specific route. This reading, trained on ``reports.yaml`` and on
residents' messages labelled as crimes to report or not (``examples.yaml``), catches them; the
answer service asks it only about messages that tell rather than ask, after every emergency
check, so it can never delay or replace a 999 reply.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.retrieval.examples import stories_told
from bot.retrieval.trained import Reading, Trained

# Beside residents' messages (several times as many), the reading's own exemplars count four
# times each: they were written to what the reporting reply is for, and where residents' labels
# say otherwise ("the bus driver shouted at my mum" is TfL's to hear) the words they share must
# not teach that a driver who punched a passenger is no crime (chosen on the dev questions:
# 2,631 right at one, 2,634 at four and at eight; at one, that driver and a headscarf yanked off
# in the street were not reported).
OWN_WEIGHT = 4


class ReportReading(Reading):
    def __init__(
        self, probability: float, residents: bool = True, leave_out: Collection[str] = ()
    ) -> None:
        """``residents``: learn from residents' messages too (``examples.yaml``), without the
        rounds ``leave_out`` (to measure those rounds)."""
        self._residents = residents
        self._leave_out = frozenset(leave_out)
        more = (lambda: stories_told(self._leave_out)) if residents else None
        classifier = Trained(
            "bot.retrieval",
            "reports.yaml",
            "report",
            "not_report",
            more=more,
            own_weight=OWN_WEIGHT,
        )
        super().__init__(classifier, probability)

    def leaving_out(self, rounds: Collection[str]) -> ReportReading:
        """The same reading without some rounds' messages, untrained: for measuring them."""
        return ReportReading(self.probability, self._residents, rounds)
