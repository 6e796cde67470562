"""Kazakh hyphenation: written from the syllable rules, used by WeasyPrint for lang="kk"."""

import pypdfium2 as pdfium
import pytest
from weasyprint import HTML

from booklet.text import kazakh


@pytest.mark.parametrize("word, expected", [
    ("кітапхана", "кі-тап-ха-на"),  # CV-CVC-CV-CV
    ("мектепке", "мек-теп-ке"),  # two consonants between vowels split
    ("әдебиет", "әде-би-ет"),  # vowel meets vowel; no single letter left behind
    ("Алматы", "Ал-ма-ты"),
    ("ұлттық", "ұлт-тық"),  # VCC-CVC: three consonants, the last opens the syllable
    ("министрлік", "ми-нистр-лік"),
    ("қауіп", "қа-уіп"),  # у before a vowel opens a syllable
    ("таудағы", "тау-да-ғы"),  # у after a vowel closes one
    ("тәуелсіздік", "тә-уел-сіз-дік"),
    ("оқиға", "оқи-ға"),  # never one letter alone at the start
    ("киім", "ки-ім"),
    ("Байтұрсынұлы", "Бай-тұр-сы-нұ-лы"),
    ("ауыл", "ауыл"),  # too short to break
    ("сьезд", "сьезд"),  # never before ь
    ("Джамбул", "Джамбул"),  # never inside дж
])
def test_breaks_follow_the_syllables(word, expected):
    assert kazakh.hyphenated(word) == expected


def test_the_shipped_dictionary_is_the_generated_one():
    assert kazakh.DICTIONARY.read_text(encoding="utf-8") == kazakh.dictionary_text()


def test_weasyprint_hyphenates_kazakh_with_it():
    import booklet.render.booklet  # noqa: F401  (registers the dictionary)

    html = ('<p lang="kk" style="hyphens: auto; hyphenate-character: \'-\'; width: 18mm; '
            'font-size: 12pt">кітапхананың тәуелсіздік</p>')
    text = pdfium.PdfDocument(HTML(string=html).write_pdf())[0].get_textpage().get_text_range()
    assert "\ufffe" in text or "-" in text  # a break was made inside a word
    assert "кітап" in text.replace("\ufffe", "").replace("-", "")


def test_names_are_sorted_in_the_order_of_the_kazakh_alphabet():
    from booklet.render.booklet import alphabetical
    names = ["Әуезов, М.", "Абай", "Ғабдуллин, М.", "Бөкейхан, Ә.", "Иванова, Б.", "Иванов, А.",
             "Ёлкин, В.", "Ерофеев, В.", "Іргебаев, Қ.", "Ыбырай", "Smith, J.", "Қасымов, Т.",
             "Кенесары"]
    assert sorted(names, key=alphabetical) == [
        "Абай", "Әуезов, М.", "Бөкейхан, Ә.", "Ғабдуллин, М.", "Ёлкин, В.", "Ерофеев, В.",
        "Иванов, А.", "Иванова, Б.", "Кенесары", "Қасымов, Т.", "Ыбырай", "Іргебаев, Қ.",
        "Smith, J."]
