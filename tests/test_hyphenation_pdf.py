"""Words that typography marks as not to be hyphenated stay whole in a real PDF: proper names,
abbreviations, numbers with words, addresses; other words still break. Lines are read back
from the PDF with pypdfium2, which gives a line-end hyphen as U+FFFE."""

import re

import pypdfium2 as pdfium
from weasyprint import CSS, HTML

from booklet.bundled import LAYOUTS_DIR
from booklet.render.fonts import font_faces_css
from booklet.text.markdown import to_html

TEXT = ("Об этом писали исследователи *Байтурсынов* и Мырзахметұлы, а в Экибастузе\n"
        "и Семипалатинске собирали документы о лагерях АЛЖИР и КАРЛАГЕРЬ 1930-х годов; "
        "подробности на https://library.example.kz/архивы-репрессированных.\n\n")
WHOLE = ["Байтурсынов", "Мырзахметұлы", "Экибастузе", "Семипалатинске", "АЛЖИР", "КАРЛАГЕРЬ",
         "1930-х", "https://library.example.kz/архивы-репрессированных"]


def set_in_a_narrow_column(html: str) -> str:
    narrow = CSS(string="@page { size: 70mm 260mm; margin: 5mm; } "
                        "body { font: 10pt/13pt 'PT Serif'; width: 30mm; text-align: justify; }")
    pdf = HTML(string=f'<html lang="ru"><body>{html}</body></html>').write_pdf(
        stylesheets=[CSS(string=font_faces_css()),
                     CSS(filename=str(LAYOUTS_DIR / "_shared" / "booklet.css")), narrow])
    document = pdfium.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return text


def broken_words(text: str) -> set[str]:
    """The words hyphenated at a line end, put together again; not those broken after a
    hyphen they have (pdfium marks any hyphen at a line end alike)."""
    return {a + b for a, b in re.findall(r"(\w+)\ufffe\s*(\w+)", text)
            if f"{a}-{b}" not in TEXT}


def parts(words: list[str]) -> set[str]:
    """What a hyphenation could break in `words`: their runs of letters and digits."""
    return {part for word in words for part in re.findall(r"\w+", word)}


def test_names_abbreviations_numbers_and_addresses_stay_whole():
    html = to_html(TEXT * 4, "ru")
    broken = broken_words(set_in_a_narrow_column(html))
    assert broken, "nothing hyphenated at all: the column does not test anything"
    assert broken & parts(WHOLE) == set()


def test_without_the_marks_the_same_words_are_hyphenated():
    html = to_html(TEXT * 4, "ru").replace('class="nh"', 'class="x"')
    broken = broken_words(set_in_a_narrow_column(html))
    assert len(broken & parts(WHOLE)) >= 3
