"""Problems found in a librarian's input, reported as `FILE:LINE:COL: error: where: what`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from booklet.messages import _, in_words

# Characters that would hide or rearrange what the terminal shows: control characters,
# bidirectional overrides (U+202E turns text around), line and paragraph separators. The
# invisible ones typography itself puts into text (soft hyphen, joiners) stay.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
_TYPOGRAPHY = set("\u00ad\u200b\u200c\u200d\u2060")


def shown(text: str) -> str:
    """`text` as one honest line: every invisible or reordering character escaped."""
    return "".join(_escaped(c) if unicodedata.category(c) in _HIDDEN and c not in _TYPOGRAPHY
                   else c for c in str(text))


def _escaped(c: str) -> str:
    return f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    where: str = ""
    hint: str = ""
    severity: str = "error"

    def __post_init__(self):
        # a message quoting a value of several lines stays one line (editors read it so)
        object.__setattr__(self, "message", " ".join(self.message.splitlines()))

    def __str__(self) -> str:
        # the machine path stays for editors; the place in words follows, counted from 1
        where = f"{shown(self.where)}: " if self.where else ""
        words = in_words(self.where) if self.where else ""
        where += f"{shown(words)}: " if words and words != self.where else ""
        text = f"{shown(self.file)}:{self.line}:{self.column}: {self.severity}: {where}" \
               f"{shown(self.message)}"
        if self.hint:
            text += "\n    " + _("hint: {hint}").format(hint=shown(self.hint))
        return text


def unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once (one cause can be found from two sides), in the order found."""
    seen, kept = set(), []
    for problem in problems:
        key = (problem.line, problem.column, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


class ContentError(Exception):
    """The exhibition has errors; nothing may be written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):  # whole, across processes (posters are made beside the booklet)
        return ContentError, (self.problems,)
