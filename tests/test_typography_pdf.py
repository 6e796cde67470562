"""Typography as WeasyPrint sets it, read back from a real PDF with pypdfium2 (which gives a
line-end hyphen as U+FFFE): words bound across markup and soft line breaks stay on one line;
words marked as not to be hyphenated (proper names, abbreviations, numbers with words,
addresses) stay whole while other words still break."""

import re

import pypdfium2 as pdfium
from weasyprint import CSS, HTML

from booklet.bundled import LAYOUTS_DIR
from booklet.render.fonts import font_faces_css
from booklet.text.hyphenation import _Careful, install
from booklet.text.markdown import to_html

install()  # as the renderer does

TEXT = ("Об этом писали исследователи *Байтурсынов* и Мырзахметұлы, а в Экибастузе\n"
        "и Семипалатинске собирали документы о лагерях АЛЖИР и КАРЛАГЕРЬ 1930-х годов; "
        "подробности на https://library.example.kz/архивы-репрессированных.\n\n")
WHOLE = ["Байтурсынов", "Мырзахметұлы", "Экибастузе", "Семипалатинске", "АЛЖИР", "КАРЛАГЕРЬ",
         "1930-х", "https://library.example.kz/архивы-репрессированных"]


def set_in_a_narrow_column(html: str, width: str = "30mm", align: str = "justify") -> str:
    narrow = CSS(string="@page { size: 90mm 260mm; margin: 5mm; } "
                        f"body {{ font: 10pt/13pt 'PT Serif'; width: {width}; text-align: {align}; }}")
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


def test_with_plain_pyphen_the_same_words_are_hyphenated(monkeypatch):
    import pyphen
    monkeypatch.setattr(pyphen, "Pyphen", _Careful.__mro__[1])  # the dictionary as it comes
    html = to_html(TEXT * 4, "ru").replace('class="nh"', 'class="x"')
    broken = broken_words(set_in_a_narrow_column(html))
    assert len(broken & parts(WHOLE)) >= 3


# WeasyPrint 70 broke a line short before hyphenating the text after an inline box
# («системы <span>Главного</span> управления» → «управле-» alone on a line): names are
# kept whole by the dictionary, not by spans, and no line of a paragraph is left short.
SHORT_LINE_TEXT = ("Документы и очерки о политических репрессиях в Казахстане, собранные в "
                   "архивах системы Главного управления лагерей и мест заключения. Сорок басен "
                   "— вольные переложения басен И. А. Крылова на казахский язык, которыми "
                   "Ахмет Байтурсынов учил читателя видеть несправедливость.")


def lone_fragments(html: str) -> list[tuple[int, str]]:
    """Lines (in columns of several widths) that hold nothing but a piece of a hyphenated
    word: «управле-» alone, the rest of the paragraph going on below."""
    found = []
    for width in range(38, 64, 2):
        text = set_in_a_narrow_column(html, width=f"{width}mm", align="left")
        lines = text.replace("\ufffe", "-\r\n").split("\r\n")
        found += [(width, line) for line in lines if re.fullmatch(r"\S+-", line.strip())]
    return found


def test_no_line_holds_a_lone_piece_of_a_word():
    assert lone_fragments(to_html(SHORT_LINE_TEXT, "ru")) == []


def test_with_names_in_spans_lines_are_left_short():
    html = to_html(SHORT_LINE_TEXT, "ru")
    for name in ("Казахстане", "Главного", "Крылова", "Ахмет", "Байтурсынов"):
        html = html.replace(name, f'<span class="x">{name}</span>')
    assert lone_fragments(html)


# Pairs a line must not come between, with markup or a soft line break of the source between
BOUND = ["в *Казахстане*", "и в 1954 **году**", "граждан *лагеря* - соседей", "сказал *бы*",
         "А. П. *Чехов*", "сост. М.\nКойгелдиев", "им. [Абая](https://abai.kz)", "100\nтысяч",
         "на\n*территории*", "Жумабаев\n**Б. Ж.**"]
HOLDS_ON = {"в", "и", "на", "1954", "100", "А.", "П.", "М.", "сост.", "им.", "Жумабаев", "Б."}
HELD = {"—", "бы", "году", "тысяч"}


def torn(text: str) -> list[tuple[str, str]]:
    """The word pairs a line break came between that should have stayed together."""
    lines = [line.replace("\xa0", " ").split() for line in text.split("\r\n")]
    return [(a[-1], b[0]) for a, b in zip(lines, lines[1:])
            if a and b and (a[-1] in HOLDS_ON or b[0] in HELD)]


def bound_words_source() -> str:
    # fillers of different lengths bring each pair to different places in the line
    return " ".join(f"{'ой ' * (i % 5)}{pair}" for i, pair in enumerate(BOUND * 4))


def test_bound_words_stay_on_one_line_across_markup_and_line_breaks():
    html = to_html(bound_words_source(), "ru")
    assert torn(set_in_a_narrow_column(html)) == []


def test_without_the_no_break_spaces_the_same_pairs_are_torn():
    html = to_html(bound_words_source(), "ru").replace("\xa0", " ")
    assert len(torn(set_in_a_narrow_column(html))) >= 5
