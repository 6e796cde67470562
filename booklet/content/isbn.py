"""ISBN-10 and ISBN-13 check digits."""

import re

from booklet.messages import _


def check_isbn(value: str) -> str:
    """The ISBN as the record prints it, or ValueError. Taken as printed on a book: with
    «ISBN» before it, spaces between the groups, a Cyrillic Х for the check character."""
    value = normalised_isbn(value)
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        expected = (11 - sum((10 - i) * int(d) for i, d in enumerate(digits[:9])) % 11) % 11
        expected = "X" if expected == 10 else str(expected)
    elif re.fullmatch(r"97[89]\d{10}", digits):
        expected = str((10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(digits[:12])) % 10) % 10)
    else:
        cyrillic = [c for c in value if "\u0400" <= c <= "\u04ff"]
        if cyrillic:
            raise ValueError(_('the ISBN "{value}" holds the Cyrillic letter {letter}; an ISBN '
                               'has only digits and a Latin X').format(value=value,
                                                                       letter=cyrillic[0]))
        raise ValueError(_('expected an ISBN of 10 or 13 digits such as 978-601-7000-00-1, got '
                           '"{value}"').format(value=value))
    if digits[-1] != expected:
        raise ValueError(_('the ISBN "{value}" has a wrong check digit: the last digit should '
                           'be {digit}').format(value=value, digit=expected))
    return value


def normalised_isbn(value: str) -> str:
    """«ISBN 978 601 7000 00 1» → «978-601-7000-00-1»; «5-900776-31-Х» (Cyrillic) → «…-X»."""
    text = re.sub(r"^\s*ISBN[\s:]*", "", str(value).strip(), flags=re.IGNORECASE)
    text = re.sub(r"[XxХх]$", "X", text)
    return re.sub(r"(?<=[\dX])\s+(?=[\dX])", "-", text)


def formatted_isbn(value: str) -> str:
    """Hyphenated where the ISBN agency's ranges know the group and publisher, else as given."""
    from stdnum import isbn

    digits = re.sub(r"[\s-]", "", value).upper()
    try:
        shown = isbn.format(digits, convert=False)
    except Exception:  # stdnum refuses what it cannot place: print it as the librarian wrote it
        return value.strip()
    return shown if shown.count("-") == (4 if len(digits) == 13 else 3) else value.strip()
