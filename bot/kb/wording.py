"""What comms staff read about checks and changes: plain sentences, file, line and entry id.

Kept apart from Telegram so the wording is tested on its own and any front end can use it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.kb.diff import readable_summary
from bot.kb.manager import CheckReport, Outcome, Report
from bot.kb.problems import Problem
from bot.localtime import describe_local
from bot.storage.kb_versions import VersionRecord

MAX_PROBLEMS = 20
UNTOUCHED = "Nothing was changed: residents still get the current answers."
EXPIRED = (
    "That change is no longer waiting: it was applied, cancelled, replaced by a newer one or is "
    "over an hour old. Please send it again."
)


def problem_lines(problems: Sequence[Problem], limit: int = MAX_PROBLEMS) -> list[str]:
    lines = [f"• {p.as_plain()}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"…and {len(problems) - limit} more.")
    return lines


def check_text(report: CheckReport) -> str:
    result = report.result
    warnings = result.warnings
    if result.kb is None:
        lines = [f"The knowledge folder has {len(result.errors)} problem(s) to fix:", ""]
        lines += problem_lines(result.errors)
        lines += ["", "Until they are fixed, a reload or upload of these files is refused and "
                  "residents keep getting the current answers."]  # fmt: skip
    else:
        lines = [f"The knowledge folder is fine: {len(result.kb)} entries in {report.files} "
                 "file(s)."]  # fmt: skip
    if warnings:
        lines += ["", f"Review dates passed ({len(warnings)}):", *problem_lines(warnings)]
    if result.kb is not None:
        lines.append("")
        lines.append("Residents get exactly these files now." if report.matches_live else
                     "The folder differs from what residents get now: send /reload to make it "
                     "live.")  # fmt: skip
    return "\n".join(lines)


def _change_lines(report: Report) -> list[str]:
    lines = report.diff.lines() if report.diff else []
    if report.warnings:
        lines += ["", f"Warnings ({len(report.warnings)}):", *problem_lines(report.warnings)]
    if report.ignored:
        lines += ["", "Not knowledge files, left out: " + ", ".join(report.ignored[:10])]
    return lines


def refused_text(report: Report) -> str:
    if report.action == "watch":
        head = "The knowledge folder changed, but I can’t use it"
    elif report.action == "reload":
        head = "I can’t reload the knowledge folder"
    else:
        head = f"I can’t use “{report.label}”" if report.action == "upload" else \
            f"I can’t use {report.label}"  # fmt: skip
    if report.reason:
        return f"{head}: {report.reason}\n\n{UNTOUCHED}"
    errors = [p for p in report.problems if p.severity == "error"]
    lines = [f"{head}: {len(errors)} problem(s) to fix:", "", *problem_lines(errors)]
    return "\n".join([*lines, "", UNTOUCHED])


def report_text(report: Report) -> str:
    outcome = report.outcome
    if outcome is Outcome.REFUSED:
        return refused_text(report)
    if outcome is Outcome.EXPIRED:
        return EXPIRED
    if outcome is Outcome.STALE:
        return (f"I did not apply {report.label}: {report.reason}. Please send it again so you "
                f"see what it changes now.\n\n{UNTOUCHED}")  # fmt: skip
    if outcome is Outcome.UNCHANGED:
        what = report.label or "The knowledge folder"
        return f"{what} is exactly what residents get now: nothing to change."
    if outcome is Outcome.PROPOSED:
        kind = "Rolling back to" if report.action == "rollback" else "Checked"
        lines = [f"{kind} {report.label}: no problems. If you apply it, residents get "
                 f"{report.entries} entries:", "", *_change_lines(report), "",
                 *_most_removed_warning(report), "Apply this change?"]  # fmt: skip
        return "\n".join(lines)
    if outcome is Outcome.CONFIRM_AGAIN:
        return confirm_again_text(report)
    verb = {
        "reload": "Reloaded the knowledge folder",
        "watch": "The knowledge folder changed",
        "upload": f"Applied {report.label}",
        "rollback": f"Rolled back to {report.label}",
    }
    head = f"{verb.get(report.action, 'Applied')}: residents now get {report.entries} entries " \
           f"(version {report.version_id})."  # fmt: skip
    return "\n".join([head, "", *_change_lines(report)])


def _most_removed_warning(report: Report) -> list[str]:
    proposal = report.proposal
    if proposal is None or not proposal.removes_most:
        return []
    removed = len(proposal.diff.removed)
    return [f"Careful: this removes {removed} of the {proposal.live_entries} answers residents "
            "get now. You will be asked to confirm again.", ""]  # fmt: skip


def confirm_again_text(report: Report) -> str:
    proposal = report.proposal
    assert proposal is not None
    removed = len(proposal.diff.removed)
    lines = [f"Are you sure? {report.label} removes {removed} of the {proposal.live_entries} "
             f"answers residents get now, leaving {report.entries}:", "",
             *proposal.diff.lines(), "",
             f"Press “{remove_label(report)}” to make it live, or Cancel."]  # fmt: skip
    return "\n".join(lines)


def remove_label(report: Report) -> str:
    removed = len(report.diff.removed) if report.diff else 0
    return f"Yes, remove {removed} answers"


def _when(at: datetime) -> str:
    return f"{describe_local(at, with_year=True)} (London time)"


def history_text(
    versions: Sequence[VersionRecord], live_hash: str, who: Mapping[int, str] | None = None
) -> str:
    """``who`` names staff by id ("Sam Patel, communications staff"); anyone else is unnamed."""
    if not versions:
        return "No versions recorded yet."
    names = who or {}
    lines = ["Recent knowledge-base versions (newest first):", ""]
    for v in versions:
        by = ""
        if v.actor_id:
            by = f" by {names.get(v.actor_id, 'someone no longer on the staff list')}"
        live = "  ← live now" if v.content_hash == live_hash else ""
        lines.append(f"{v.id}. {_when(v.created_at)}, {v.action}{by}, {v.entry_count} entries"
                     f"{live}\n   {readable_summary(v.summary)}")  # fmt: skip
    lines += ["", "Send /rollback followed by a number to go back to that version."]
    return "\n".join(lines)
