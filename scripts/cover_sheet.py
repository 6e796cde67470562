"""Draw every booklet's front and back cover as PNG, to look at them: each layout × size ×
language × title length, with and without a picture, in colour and in greyscale.

    python scripts/cover_sheet.py OUT_DIR [--layouts bright,classic] [--sizes a5] [--grey]

Each exhibition is the `booklet new` starter with its title replaced; the PNGs are named
<layout>-<size>-<lang>-<title length>[-pic]-front|back.png.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image

from booklet import check
from booklet.new import new
from booklet.problems import ContentError
from booklet.render.booklet import RENDER_OPTIONS, render_booklet

TITLES = {  # 95 and 230 characters, as long titles come from real exhibitions
    "ru": {
        "short": "Книги о войне",
        "95": "Голод в казахской степи 1931–1933 годов: свидетельства, документы и память поколений о трагедии",
        "230": "Голод в казахской степи 1931–1933 годов: свидетельства очевидцев, архивные документы, "
               "исследования историков и воспоминания потомков о трагедии, которая унесла жизни "
               "миллионов людей и переменила судьбу целого народа на долгие годы",
    },
    "kk": {
        "short": "Соғыс туралы кітаптар",
        "95": "Қазақ даласындағы 1931–1933 жылдардағы ашаршылық: куәлар, құжаттар, ұрпақтар жадындағы қасірет.",
        "230": "Қазақ даласындағы 1931–1933 жылдардағы ашаршылық: куәгерлердің естеліктері, мұрағат "
               "құжаттары, тарихшылардың зерттеулері және миллиондаған адамның өмірін қиған, тұтас "
               "халықтың тағдырын мәңгі өзгерткен қасірет туралы ұрпақтар жады.",
    },
}


def exhibition(folder: Path, lang: str, layout: str, size: str, title: str, picture: bool) -> Path:
    new(folder, lang, layout, today=dt.date(2026, 5, 1))
    path = folder / "exhibition.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M)
    text = re.sub(r"^  size: a5", f"  size: {size}", text, count=1, flags=re.M)
    if picture:
        Image.new("RGB", (1800, 1200), "#7a8f6a").save(folder / "images" / "picture.jpg")
        text = re.sub(r"^  # image: .*$", "  image: images/picture.jpg", text, count=1,
                      flags=re.M)
    path.write_text(text, encoding="utf-8")
    return path


def covers(path: Path) -> list[Image.Image]:
    prepared = check.prepare(path)
    rendered = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    pdf = pypdfium2.PdfDocument(rendered.document.write_pdf(**RENDER_OPTIONS))
    return [pdf[i].render(scale=100 / 72).to_pil() for i in (0, len(pdf) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--layouts", default="memorial,classic,bright")
    parser.add_argument("--sizes", default="a6,a5,a4")
    parser.add_argument("--languages", default="ru,kk")
    parser.add_argument("--titles", default="short,95,230")
    parser.add_argument("--pictures", default="no,yes")
    parser.add_argument("--grey", action="store_true", help="also the greyscale copies")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for layout in args.layouts.split(","):
        for size in args.sizes.split(","):
            for lang in args.languages.split(","):
                for length in args.titles.split(","):
                    for picture in args.pictures.split(","):
                        name = f"{layout}-{size}-{lang}-{length}" + ("-pic" if picture == "yes" else "")
                        with tempfile.TemporaryDirectory() as scratch:
                            path = exhibition(Path(scratch) / "show", lang, layout, size,
                                              TITLES[lang][length], picture == "yes")
                            try:
                                front, back = covers(path)
                            except ContentError as exc:
                                print(name, "→", exc.problems[0])
                                continue
                        for side, image in (("front", front), ("back", back)):
                            image.save(args.out / f"{name}-{side}.png")
                            if args.grey:
                                image.convert("L").save(args.out / f"{name}-{side}-grey.png")
                        print(name, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
