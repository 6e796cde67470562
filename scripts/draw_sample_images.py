"""Draw the sample exhibition's pictures (covers, logo, poster picture).

They are stand-ins drawn for the demo, not photographs of real covers. Run once; the
results are committed (each well under 100 KB):  python scripts/draw_sample_images.py
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
IMAGES = ROOT / "content" / "memory" / "images"

COVERS = {  # file: (author, title, background, ink)
    "kyryk-mysal": ("Ахмет Байтұрсынұлы", "Қырық мысал", "#2f4a3a", "#efe6cf"),
    "oyan-kazak": ("Міржақып Дулатұлы", "Оян, қазақ!", "#7a2418", "#f4e9d8"),
    "sholpan": ("Мағжан Жұмабаев", "Шолпан", "#1f3552", "#f1e4c4"),
    "fakultet": ("Юрий Домбровский", "Факультет ненужных вещей", "#d8d0bf", "#2a2623"),
    "arkhipelag": ("Александр Солженицын", "Архипелаг ГУЛАГ", "#e6e1d6", "#1d1d1b"),
    "odin-den": ("Александр Солженицын", "Один день Ивана Денисовича", "#3b3b3b", "#e9e2d2"),
    "golodnaya-step": ("Сара Камерон", "Голодная степь", "#b9893f", "#1e1a14"),
    "tuchka": ("Анатолий Приставкин", "Ночевала тучка золотая", "#44607a", "#f6efe1"),
}


def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("PTSans-Bold.ttf" if bold else "PTSans-Regular.ttf")), size)


def cover(name: str, author: str, title: str, background: str, ink: str) -> None:
    width, height = 400, 600
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    rng = random.Random(name)
    for _ in range(3):  # a few quiet bands so that covers differ in shape, not only colour
        y = rng.randrange(260, 520)
        draw.rectangle([0, y, width, y + rng.randrange(4, 40)], fill=_mix(background, ink, 0.18))
    draw.text((36, 40), author.upper(), font=font(False, 18), fill=_mix(background, ink, 0.75))
    y = 110
    for line in textwrap.wrap(title, 14):
        draw.text((36, y), line, font=font(True, 44), fill=ink)
        y += 52
    draw.rectangle([36, y + 16, 96, y + 20], fill=ink)
    image.save(IMAGES / "covers" / f"{name}.jpg", quality=78, optimize=True)


def logo() -> None:
    size = 240
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    # a dark disc with a light ring: it reads on white paper and on a dark cover alike
    draw.ellipse([4, 4, size - 4, size - 4], fill="#2b2b2b")
    draw.ellipse([16, 16, size - 16, size - 16], outline="#f7f4ee", width=7)
    # an open book
    draw.polygon([(60, 90), (118, 104), (118, 170), (60, 156)], fill="#f7f4ee")
    draw.polygon([(180, 90), (122, 104), (122, 170), (180, 156)], fill="#f7f4ee")
    image.save(IMAGES / "logo.png", optimize=True)


def poster_picture() -> None:
    width, height = 2400, 2600  # 200 ppi on an A3 band, 150 ppi on an A2 landscape panel
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a dusk sky over the steppe
        t = y / height
        draw.line([(0, y), (width, y)], fill=_mix("#2b2d33", "#b08a63", t ** 1.6))
    horizon = int(height * 0.70)
    draw.rectangle([0, horizon, width, height], fill="#23211d")
    rng = random.Random(31)
    for x in range(0, width, 9):  # grass against the sky
        h = rng.randrange(9, 42)
        draw.line([(x, horizon), (x + rng.randrange(-6, 7), horizon - h)], fill="#23211d", width=4)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    image.save(IMAGES / "poster.jpg", quality=72, optimize=True)


def _mix(a: str, b: str, t: float) -> tuple[int, int, int]:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(x + (y - x) * t) for x, y in zip(ca, cb))


if __name__ == "__main__":
    (IMAGES / "covers").mkdir(parents=True, exist_ok=True)
    for name, spec in COVERS.items():
        cover(name, *spec)
    logo()
    poster_picture()
    for path in sorted(IMAGES.rglob("*.*")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
