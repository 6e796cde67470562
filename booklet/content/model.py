"""The exhibition, as the contract (spec/content-format.md §2) describes it.

Unknown keys are refused everywhere. Paths to pictures are resolved and opened during
validation, with the exhibition folder passed in the validation context as `root`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationInfo, WithJsonSchema, field_validator,
                      model_validator)

from booklet.content.isbn import check_isbn
from booklet.messages import _
from booklet.content.paths import resolve_image, resolve_file


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(_("must not be empty"))
    return value


def _url(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value):
        raise ValueError(_('expected a web address starting with https:// or http://, got '
                           '"{value}"').format(value=value))
    return value


def _email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(_('expected an e-mail address such as library@example.kz, got '
                           '"{value}"').format(value=value))
    return value


def _year(value):
    if isinstance(value, bool) or not re.fullmatch(r"\d{3,4}", str(value).strip()):
        raise ValueError(_('expected a year such as 1992, got "{value}"').format(value=value))
    year = int(str(value).strip())
    if year > dt.date.today().year + 1:
        raise ValueError(_("the year {year} is in the future").format(year=year))
    return year


def _positive(value, what=None):
    if isinstance(value, bool) or not re.fullmatch(r"\d+", str(value).strip()) or int(value) < 1:
        raise ValueError((what or _('expected a number of pages such as 320, got "{value}"'))
                         .format(value=value))
    return int(value)


def _positive_count(value):
    return _positive(value, _('expected a number of copies such as 100, got "{value}"'))


def _volumes(value):
    return _positive(value, _('expected a number of volumes such as 5, got "{value}"'))


def _date(value):
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    day_first = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)  # 30.03.2026, as written
    try:
        if day_first:
            return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_('expected a date such as 2026-05-31 or 31.05.2026, got "{value}"')
                         .format(value=value)) from None


def _length_mm(value) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*mm\s*", str(value))
    if not match:
        raise ValueError(_('expected a length in millimetres such as 3mm, got "{value}"')
                         .format(value=value))
    return float(match[1])


def _image(value, info: ValidationInfo) -> Path:
    return resolve_image(_file_name(value), (info.context or {})["root"])


def _file(value, info: ValidationInfo) -> Path:
    return resolve_file(_file_name(value), (info.context or {})["root"])


def _file_name(value) -> str:
    if isinstance(value, Path):  # already resolved (a model built from a model)
        return str(value)
    if not isinstance(value, str):
        raise ValueError(_('expected a file name such as images/cover.jpg, got "{value}"')
                         .format(value=value))
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
Markdown = str  # checked and converted in booklet.text.markdown
Url = Annotated[str, AfterValidator(_url)]
Email = Annotated[str, AfterValidator(_email)]
Year = Annotated[int, BeforeValidator(_year)]
Pages = Annotated[int, BeforeValidator(_positive)]
Volumes = Annotated[int, BeforeValidator(_volumes)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Image = Annotated[Path, BeforeValidator(_image)]  # resolved inside the exhibition folder
File = Annotated[Path, BeforeValidator(_file)]
Isbn = Annotated[str, BeforeValidator(lambda value: str(value) if isinstance(value, int)
                                      else value), AfterValidator(check_isbn)]
Language = Literal["ru", "kk", "en"]
# a text that may be written per language (contract §7): `{kk: "…", ru: "…"}`; the loader
# projects the file onto each language before validation (content/bilingual.py), so the model
# itself holds the text of one language
_PER_LANGUAGE = {"anyOf": [{"type": "string"}, {
    "type": "object", "properties": {lang: {"type": "string"} for lang in ("kk", "ru", "en")},
    "additionalProperties": False, "minProperties": 1}]}
LocalText = Annotated[str, AfterValidator(_non_empty), WithJsonSchema(_PER_LANGUAGE)]
LocalMarkdown = Annotated[str, WithJsonSchema(_PER_LANGUAGE)]
Languages = Annotated[Language, WithJsonSchema({"anyOf": [
    {"enum": ["ru", "kk", "en"]},
    {"type": "array", "items": {"enum": ["ru", "kk", "en"]}, "minItems": 1, "maxItems": 2}],
    "description": "the language, or two: [kk, ru] (the main one first)"})]
Millimetres = Annotated[float, BeforeValidator(_length_mm)]


def _one_or_more(value):
    """A single author written as text is a list of one: `authors: Чуковский К. И.`"""
    return [value] if isinstance(value, str) else value


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
            raise ValueError(_("the end ({end}) is before the start ({start})").format(
                end=self.end, start=self.start))
        return self


class Library(Strict):
    name: LocalText
    address: Optional[LocalText] = None
    phone: Optional[Text] = None
    email: Optional[Email] = None
    website: Optional[Url] = None
    hours: Optional[LocalText] = None
    logo: Optional[Image] = None


class Quote(Strict):
    text: LocalText
    source: Optional[LocalText] = None


ROLES = ("compiler", "editor", "scientific_editor", "executive_editor", "general_editor",
         "translator", "illustrator", "foreword", "commentary")
# the languages a book may be translated from (ISO 639-1), as bibliographic records name them
SOURCE_LANGUAGES = ("ru", "kk", "en", "de", "fr", "es", "it", "pt", "pl", "cs", "sk", "uk",
                    "be", "bg", "sr", "hr", "sl", "ro", "hu", "el", "la", "tr", "az", "uz", "ky",
                    "tk", "tt", "ba", "mn", "zh", "ja", "ko", "ar", "fa", "he", "hi", "hy", "ka",
                    "no", "sv", "da", "fi", "et", "lv", "lt", "nl", "is")


def _one_of(value, known: tuple[str, ...], unknown: str) -> str:
    """`value` if it is one of `known`; else the message `unknown` with a did-you-mean."""
    if isinstance(value, str) and value.strip().lower() in known:
        return value.strip().lower()
    close = difflib.get_close_matches(str(value).strip().lower(), known, n=1, cutoff=0.5)
    hint = _("did you mean `{word}`?").format(word=close[0]) if close \
        else _("expected one of {values}").format(values=", ".join(known))
    raise ValueError(unknown.format(value=value) + "; " + hint)


def _roles(value) -> tuple[str, ...]:
    """One role or a list of roles of one person, in the order the book gives them."""
    items = value if isinstance(value, (list, tuple)) else [value]
    if not items:
        raise ValueError(_("needs at least one role"))
    roles = tuple(_one_of(item, ROLES, _('unknown role "{value}"')) for item in items)
    repeated = sorted({role for role in roles if roles.count(role) > 1})
    if repeated:
        raise ValueError(_("the role {role} is given twice").format(role=repeated[0]))
    return roles


_ROLE_SCHEMA = {"enum": list(ROLES)}
Roles = Annotated[tuple[str, ...], BeforeValidator(_roles), WithJsonSchema({
    "anyOf": [_ROLE_SCHEMA, {"type": "array", "items": _ROLE_SCHEMA, "minItems": 1}],
    "description": "a role, or a list of roles of one person: [compiler, foreword, translator]"})]
SourceLanguage = Annotated[str, BeforeValidator(
    lambda value: _one_of(value, SOURCE_LANGUAGES, _('unknown language "{value}"'))),
    WithJsonSchema({"enum": list(SOURCE_LANGUAGES)})]


class Contributor(Strict):
    name: Text
    role: Roles
    # the name in the genitive, where the automatic declension is wrong: "Климовой, Ю. Н."
    # (written like `name`) or only the surname, "Климовой"
    name_genitive: Optional[Text] = None


class Imprint(Strict):
    """One place and its publisher; a missing one is printed as «[б. м.]» / «[б. и.]»."""
    place: Optional[Text] = None
    publisher: Optional[Text] = None

    @model_validator(mode="after")
    def _something(self):
        if not self.place and not self.publisher:
            raise ValueError(_("give a place, a publisher or both"))
        return self


class Book(Strict):
    title: Text
    subtitle: Optional[Text] = None
    authors: Annotated[list[Text], BeforeValidator(_one_or_more)] = []
    authors_more: bool = False  # the record names only the first authors: «[и др.]»
    contributors: list[Contributor] = []
    organisation: Optional[Text] = None  # in the statement of responsibility
    translated_from: Optional[SourceLanguage] = None
    edition: Optional[Text] = None
    volumes: Optional[Volumes] = None  # a set of so many volumes: «: в 5 т.»
    volume: Optional[Text] = None
    series: Optional[Text] = None
    place: Optional[Text] = None
    publisher: Optional[Text] = None
    publishers: list[Imprint] = []  # several places and publishers, instead of place/publisher
    year: Optional[Year] = None
    pages: Optional[Pages] = None
    extent: Optional[Text] = None  # the extent as the book states it, instead of pages
    illustrations: bool = False
    isbn: Optional[Isbn] = None
    language: Optional[Language] = None
    cover: Optional[Image] = None
    annotation: Optional[LocalMarkdown] = None
    shelfmark: Optional[Text] = None
    location: Optional[LocalText] = None
    link: Optional[Url] = None
    record: Optional[Text] = None

    # fields are validated in the order they are declared: what is checked here comes first
    @field_validator("publishers")
    @classmethod
    def _not_with_place(cls, value, info: ValidationInfo):
        if value and (info.data.get("place") or info.data.get("publisher")):
            raise ValueError(_("give either `publishers` or `place` and `publisher`, not both"))
        return value

    @field_validator("extent")
    @classmethod
    def _not_with_pages(cls, value, info: ValidationInfo):
        if value and info.data.get("pages"):
            raise ValueError(_("give either `pages` or `extent`, not both"))
        return value

    @field_validator("authors_more")
    @classmethod
    def _after_authors(cls, value, info: ValidationInfo):
        if value and not info.data.get("authors"):
            raise ValueError(_("`authors_more: true` needs the first authors in `authors`"))
        return value


class Section(Strict):
    title: LocalText
    intro: Optional[LocalMarkdown] = None
    quote: Optional[Quote] = None
    books: list[Book] = []


class Press(Strict):
    profile: Optional[File] = None  # the print shop's CMYK ICC profile
    pdfx: Literal["pdf/x-4", "pdf/x-1a"] = "pdf/x-4"
    rich_black: bool = True  # large dark areas in rich black; grey and black text stay pure K
    ink_limit: int = Field(300, ge=200, le=400)  # total ink, %


def _page_count(value):
    if isinstance(value, str) and value.strip() == "auto":
        return "auto"
    if (isinstance(value, bool) or not re.fullmatch(r"\d+", str(value).strip())
            or int(value) < 4 or int(value) % 4):
        raise ValueError(_('expected auto or a page count that is a multiple of 4 (8, 12, '
                           '16…), got "{value}"').format(value=value))
    return int(value)


PageCount = Annotated[int | Literal["auto"], BeforeValidator(_page_count)]


class BookletSettings(Strict):
    size: Literal["a6", "a5", "a4"] = "a5"
    pages: PageCount = "auto"  # the fewest pages with no blank page, or a count to fit to
    bibliography: Literal["gost-7.1-2003", "gost-r-7.0.100-2018", "short"] = "gost-7.1-2003"
    places: Literal["abbreviated", "full"] = "abbreviated"  # М., СПб. or Москва in records
    bleed: Millimetres = Field(3.0, ge=0, le=5)
    creep: Millimetres = Field(0.0, ge=0, le=2)
    marks: bool = True
    press: Press = Press()
    # two languages: tête-bêche (each half from its own cover) or both on every page
    bilingual: Literal["flip", "parallel"] = "flip"


PosterSize = Annotated[str, Field(pattern=r"^a[1-4](-landscape)?$")]


class PosterSettings(Strict):
    sizes: list[PosterSize] = ["a3"]
    headline: Optional[LocalText] = None
    text: Optional[LocalMarkdown] = None
    image: Optional[Image] = None
    link: Optional[Url] = None
    screens: list[Literal["feed", "story"]] = []  # poster-feed.png 1080×1350, poster-story.png 1080×1920


class Colophon(Strict):
    """Выходные сведения: who made the booklet, and how many were printed."""
    compiler: Optional[Text] = None  # составитель
    editor: Optional[Text] = None  # ответственный за выпуск
    designer: Optional[Text] = None  # вёрстка, дизайн
    print_run: Optional[Annotated[int, BeforeValidator(_positive_count)]] = None  # тираж, copies
    note: Optional[LocalText] = None


LabelSize = Literal["a7", "a6", "90x55mm"]


class LabelSettings(Strict):
    size: LabelSize = "a7"
    fold: bool = False  # a tent card: the label twice, the upper copy upside down

    @model_validator(mode="after")
    def _fits_a_sheet(self):
        if self.fold and self.size == "a6":
            raise ValueError(_("an A6 tent card (296 mm tall) does not fit an A4 sheet; use "
                               "`a7` or `90x55mm` with `fold: true`"))
        return self


class SignSettings(Strict):
    size: Literal["a4-landscape", "a3-landscape", "a4"] = "a4-landscape"


def _bookmark_size(value) -> str:
    # the x and mm as a Russian keyboard types them too: 50х180мм
    match = re.fullmatch(r"\s*(\d{2,3})\s*[x×х]\s*(\d{2,3})\s*(?:mm|мм)\s*", str(value).lower())
    if not match or not (30 <= int(match[1]) <= 100 and 100 <= int(match[2]) <= 250):
        raise ValueError(_('expected a bookmark size in millimetres such as 50x180mm (30–100 '
                           'wide, 100–250 tall), got "{value}"').format(value=value))
    return f"{int(match[1])}x{int(match[2])}mm"


class BookmarkSettings(Strict):
    size: Annotated[str, BeforeValidator(_bookmark_size)] = "50x180mm"


class Kit(Strict):
    """The other printed pieces of the exhibition (spec §9): all optional."""
    labels: LabelSettings = LabelSettings()
    signs: SignSettings = SignSettings()
    bookmarks: BookmarkSettings = BookmarkSettings()
    leaflet: bool = True


class Exhibition(Strict):
    language: Languages = "ru"
    layout: Text = "classic"  # memorial is chosen for remembrance, never assumed
    title: LocalText
    subtitle: Optional[LocalText] = None
    dates: Optional[Dates] = None
    venue: Optional[LocalText] = None
    library: Library
    intro: Optional[LocalMarkdown] = None
    sections: list[Section] = Field(min_length=1)
    colophon: Optional[Colophon] = None
    booklet: BookletSettings = BookletSettings()
    poster: PosterSettings = PosterSettings()
    kit: Optional[Kit] = Field(None, json_schema_extra=lambda schema: schema["anyOf"].insert(
        1, {"type": "boolean"}))  # present (even `kit: true`): build the kit too

    @field_validator("kit", mode="before")
    @classmethod
    def _kit_named(cls, value):
        """`kit:` alone or `kit: true` is the kit with every default; `kit: false`, none."""
        if value is None or value is True:
            return {}
        if isinstance(value, (str, int, float)) and value is not False:
            raise ValueError(_('expected true, false or `key: value` lines, got "{value}"')
                             .format(value=value))
        return None if value is False else value
    site: bool = False  # the virtual exhibition: site/index.html beside the PDFs
    theme: dict[str, str | int | float | bool] = {}
