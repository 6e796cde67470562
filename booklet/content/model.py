"""The exhibition, as the contract (spec/content-format.md §2) describes it.

Unknown keys are refused everywhere. Paths to pictures are resolved and opened during
validation, with the exhibition folder passed in the validation context as `root`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationInfo, model_validator)

from booklet.content.isbn import check_isbn
from booklet.content.paths import resolve_image, resolve_file


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _url(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value):
        raise ValueError(f'expected a web address starting with https:// or http://, got "{value}"')
    return value


def _email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f'expected an e-mail address such as library@example.kz, got "{value}"')
    return value


def _year(value):
    if isinstance(value, bool) or not re.fullmatch(r"\d{3,4}", str(value).strip()):
        raise ValueError(f'expected a year such as 1992, got "{value}"')
    year = int(str(value).strip())
    if year > dt.date.today().year + 1:
        raise ValueError(f"the year {year} is in the future")
    return year


def _positive(value):
    if isinstance(value, bool) or not re.fullmatch(r"\d+", str(value).strip()) or int(value) < 1:
        raise ValueError(f'expected a number of pages such as 320, got "{value}"')
    return int(value)


def _date(value):
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f'expected a date such as 2026-05-31, got "{value}"') from None


def _length_mm(value) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*mm\s*", str(value))
    if not match:
        raise ValueError(f'expected a length in millimetres such as 3mm, got "{value}"')
    return float(match[1])


def _image(value, info: ValidationInfo) -> Path:
    return resolve_image(_file_name(value), (info.context or {})["root"])


def _file(value, info: ValidationInfo) -> Path:
    return resolve_file(_file_name(value), (info.context or {})["root"])


def _file_name(value) -> str:
    if isinstance(value, Path):  # already resolved (a model built from a model)
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f'expected a file name such as images/cover.jpg, got "{value}"')
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
Markdown = str  # checked and converted in booklet.text.markdown
Url = Annotated[str, AfterValidator(_url)]
Email = Annotated[str, AfterValidator(_email)]
Year = Annotated[int, BeforeValidator(_year)]
Pages = Annotated[int, BeforeValidator(_positive)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Image = Annotated[Path, BeforeValidator(_image)]  # resolved inside the exhibition folder
File = Annotated[Path, BeforeValidator(_file)]
Isbn = Annotated[str, AfterValidator(check_isbn)]
Language = Literal["ru", "kk", "en"]
Millimetres = Annotated[float, BeforeValidator(_length_mm)]


class Dates(Strict):
    start: Date
    end: Date

    @model_validator(mode="before")
    @classmethod
    def _single_day(cls, value):
        if not isinstance(value, dict):
            return {"start": value, "end": value}
        if "start" in value and "end" not in value:
            return {**value, "end": value["start"]}
        return value

    @model_validator(mode="after")
    def _in_order(self):
        if self.end < self.start:
            raise ValueError(f"the end ({self.end}) is before the start ({self.start})")
        return self


class Library(Strict):
    name: Text
    address: Optional[Text] = None
    phone: Optional[Text] = None
    email: Optional[Email] = None
    website: Optional[Url] = None
    hours: Optional[Text] = None
    logo: Optional[Image] = None


class Quote(Strict):
    text: Text
    source: Optional[Text] = None


class Contributor(Strict):
    name: Text
    role: Literal["compiler", "editor", "translator", "illustrator", "foreword"]


class Book(Strict):
    title: Text
    subtitle: Optional[Text] = None
    authors: list[Text] = []
    contributors: list[Contributor] = []
    edition: Optional[Text] = None
    volume: Optional[Text] = None
    series: Optional[Text] = None
    place: Optional[Text] = None
    publisher: Optional[Text] = None
    year: Optional[Year] = None
    pages: Optional[Pages] = None
    isbn: Optional[Isbn] = None
    language: Optional[Language] = None
    cover: Optional[Image] = None
    annotation: Optional[Markdown] = None
    shelfmark: Optional[Text] = None
    location: Optional[Text] = None
    link: Optional[Url] = None
    record: Optional[Text] = None


class Section(Strict):
    title: Text
    intro: Optional[Markdown] = None
    quote: Optional[Quote] = None
    books: list[Book] = []


class Press(Strict):
    profile: Optional[File] = None  # the print shop's CMYK ICC profile
    pdfx: Literal["pdf/x-4", "pdf/x-1a"] = "pdf/x-4"
    rich_black: bool = True  # large dark areas in rich black; grey and black text stay pure K
    ink_limit: int = Field(300, ge=200, le=400)  # total ink, %


class BookletSettings(Strict):
    size: Literal["a6", "a5", "a4"] = "a5"
    bibliography: Literal["gost-7.1-2003", "gost-r-7.0.100-2018", "short"] = "gost-7.1-2003"
    bleed: Millimetres = Field(3.0, ge=0, le=5)
    creep: Millimetres = Field(0.0, ge=0, le=2)
    marks: bool = True
    press: Press = Press()


PosterSize = Annotated[str, Field(pattern=r"^a[1-4](-landscape)?$")]


class PosterSettings(Strict):
    sizes: list[PosterSize] = ["a3"]
    headline: Optional[Text] = None
    text: Optional[Markdown] = None
    image: Optional[Image] = None
    link: Optional[Url] = None
    screens: list[Literal["feed", "story"]] = []  # poster-feed.png 1080×1350, poster-story.png 1080×1920


class Exhibition(Strict):
    language: Language = "ru"
    layout: Text = "memorial"
    title: Text
    subtitle: Optional[Text] = None
    dates: Optional[Dates] = None
    venue: Optional[Text] = None
    library: Library
    intro: Optional[Markdown] = None
    sections: list[Section] = Field(min_length=1)
    booklet: BookletSettings = BookletSettings()
    poster: PosterSettings = PosterSettings()
    theme: dict[str, str | int | float | bool] = {}
