"""Dates and fixed words per language. `_` stands for U+00A0."""

import datetime as dt

import pytest

from booklet.text.labels import LABELS, format_dates

D = dt.date


@pytest.mark.parametrize("language, start, end, expected", [
    ("ru", D(2026, 5, 25), D(2026, 6, 10), "25_мая_— 10_июня 2026_г."),
    ("ru", D(2026, 5, 31), D(2026, 5, 31), "31_мая 2026_г."),
    ("ru", D(2026, 5, 25), D(2026, 5, 31), "25–31_мая 2026_г."),
    ("ru", D(2025, 12, 25), D(2026, 1, 10), "25_декабря 2025_г._— 10_января 2026_г."),
    ("kk", D(2026, 5, 31), D(2026, 5, 31), "2026_жылғы 31_мамыр"),
    ("kk", D(2026, 5, 25), D(2026, 6, 10), "2026_жылғы 25_мамыр_— 10_маусым"),
    ("kk", D(2026, 5, 25), D(2026, 5, 31), "2026_жылғы 25–31_мамыр"),
    ("en", D(2026, 10, 5), D(2026, 10, 5), "5_October 2026"),
    ("en", D(2026, 5, 25), D(2026, 6, 10), "25_May_– 10_June 2026"),
    ("en", D(2026, 5, 25), D(2026, 5, 31), "25–31_May 2026"),
])
def test_dates_are_written_for_the_language(language, start, end, expected):
    assert format_dates(start, end, language) == expected.replace("_", "\u00a0")


def test_every_language_has_every_label():
    keys = set(LABELS["ru"])
    assert all(set(table) == keys for table in LABELS.values())
