"""The stylesheets of a booklet or a poster, in the one order every layout relies on: the
bundled fonts, `_shared/<kind>.css`, the layout's CSS from the layout it extends down to its
own (with a file per booklet size), then what the renderer generates (page size, theme).
In a CMYK pass every colour is rewritten for the print shop's profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import url2pathname

from weasyprint import CSS

from booklet.content.load import Loaded
from booklet.render import layouts, pictures
from booklet.render.cmyk import Colours, painting_areas
from booklet.render.fetcher import RootedFetcher
from booklet.render.fonts import FONTS_DIR, configuration, font_faces_css


@dataclass
class Styles:
    fetcher: RootedFetcher
    sheets: list[CSS]
    font_config: object = field(default_factory=configuration)  # a FontConfiguration
    color_profiles: dict = field(default_factory=dict)  # filled by a CMYK pass's @color-profile


def styles(loaded: Loaded, layout: layouts.Layout, files: list[str], generated: str,
           colours: Colours | None = None) -> Styles:
    """`files` are the layout's CSS file names, looked for in each of its folders;
    `generated` is the renderer's own CSS (page size, theme variables)."""
    fetcher = RootedFetcher([loaded.folder, pictures.shelf(loaded.folder), *layout.folders,
                             FONTS_DIR, layouts.SHARED] + ([colours.folder] if colours else []))
    paths = [folder / name for folder in (layouts.SHARED, *reversed(layout.folders))
             for name in files]
    texts = [(path.read_text(encoding="utf-8"), path) for path in paths if path.is_file()]
    texts.append((generated, None))
    if colours:
        areas = painting_areas("\n".join(text for text, _ in texts))
        texts = [(colours.color_profile_css(), None)] + [(colours.css(text, areas), path)
                                                         for text, path in texts]
    found = Styles(fetcher, [])
    found.sheets = [CSS(string=font_faces_css(), url_fetcher=fetcher,
                        font_config=found.font_config)]
    found.sheets += [CSS(string=text, base_url=str(path) if path else None, url_fetcher=fetcher,
                         font_config=found.font_config, color_profiles=found.color_profiles)
                     for text, path in texts]
    return found


def pictures_for_print(theme: dict[str, str], layout: layouts.Layout, colours: Colours) -> dict:
    """The theme with its pictures replaced by their CMYK copies."""
    return {name: colours.picture(Path(url2pathname(value.removeprefix("file://")))).as_uri()
            if layout.variables[name].type == "image" and value else value
            for name, value in theme.items()}
