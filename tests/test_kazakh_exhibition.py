"""A Kazakh exhibition: Kazakh labels, dates, records and hyphenation in the real booklet."""

import re

import pikepdf
import pypdfium2 as pdfium
import pytest

from booklet.build import build

KAZAKH = """\
language: kk
booklet: {size: a6}
title: Зұлмат жылдар жадымызда
subtitle: Саяси қуғын-сүргін және ашаршылық құрбандарын еске алу күніне арналған кітап көрмесі
dates: 2026-05-31
venue: Оқу залы
library:
  name: Қалалық орталық кітапхана
  hours: Дс–Жм 9:00–19:00
intro: |
  Жыл сайын 31 мамырда Қазақстанда саяси қуғын-сүргін және ашаршылық құрбандарын еске алу
  күні атап өтіледі. Сол жылдары мыңдаған адам жазықсыз жазаланып, көптеген отбасылар
  туған жерінен айырылды. Алаш қозғалысының қайраткерлері — ақындар, ғалымдар, ағартушылар —
  халқының сауатты әрі еркін болуын армандады.

  Кітапхана оқырмандарға сол жылдардың тарихы, тағдырлары мен тағылымы туралы кітаптарды
  ұсынады. Әр кітаптың артында адамдардың тағдыры тұр, сондықтан біздің парызымыз —
  өткенді ұмытпау.
sections:
  - title: Алаш азаттығы жолында
    books:
      - title: Қырық мысал
        authors: ["Байтұрсынұлы, Ахмет"]
        contributors: [{name: "Қайдар, Әбдуәли", role: compiler}]
        place: Алматы
        year: 2020
        pages: 408
        annotation: >
          Ахмет Байтұрсынұлының мысалдар жинағы. Кітап алғаш рет 1909 жылы жарық көрді;
          мысалдар оқырманды әділетсіздікті көруге және ойлануға үйретеді.
        shelfmark: 84(5Қаз)
        location: Оқу залы
  - title: Кеңестік зұлмат
    books:
      - title: Аштық жайлаған дала
        year: 2023
        location: Өлкетану бөлімі
"""


@pytest.fixture(scope="module")
def kazakh_booklet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kk") / "zulmat"
    folder.mkdir()
    (folder / "exhibition.yaml").write_text(KAZAKH, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build(folder, out, only=("booklet",))
    return out / "booklet.pdf"


def texts(path):
    return [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(path)]


def test_kazakh_labels_dates_and_record(kazakh_booklet):
    # letter-spaced labels come out of the PDF with spaces between letters: compare unspaced
    text = re.sub(r"\s+", "", "".join(texts(kazakh_booklet)).replace("\ufffe", ""))
    cover = re.sub(r"\s+", "", texts(kazakh_booklet)[0].replace("\ufffe", "")).casefold()
    assert cover.count("кітапкөрмесі") == 1  # the subtitle says it: no label repeats it
    for expected in ["2026 жылғы 31 мамыр", "КІРІСПЕ", "МАЗМҰНЫ", "БӨЛІМ 1",
                     "ШИФР", "Байтұрсынұлы, А. Қырық мысал / А. Байтұрсынұлы ; құраст. Ә. Қайдар. "
                     "— Алматы, 2020. — 408 б.", "ЖҰМЫС УАҚЫТЫ"]:
        assert re.sub(r"\s+", "", expected) in text, expected


def test_kazakh_text_is_hyphenated(kazakh_booklet):
    assert "\ufffe" in "".join(texts(kazakh_booklet))


def test_kazakh_language_in_the_pdf(kazakh_booklet):
    with pikepdf.open(kazakh_booklet) as pdf:
        assert str(pdf.Root.Lang) == "kk"
