"""`booklet new`: a ready-to-edit exhibition folder whose first build works at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from booklet.content.model import Exhibition
from booklet.messages import _
from booklet.press.output import write_atomic
from booklet.render.layouts import available, unknown

STARTER = Path(__file__).resolve().parent / "starter"
LANGUAGES = ("ru", "kk", "en", "kk,ru")  # kk,ru: a bilingual starter, Kazakh first


def new(folder: Path, language: str = "ru", layout: str = "classic",
        today: dt.date | None = None) -> list[Path]:
    """Write exhibition.yaml (commented, in `language`), its JSON Schema for editors, and an
    images/ folder into `folder`, which must be new or empty. Returns the paths written."""
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(_("{folder} is a file, not a folder; choose a new folder").format(
            folder=folder))
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(_("{folder} is not empty; choose a new folder").format(
            folder=folder))
    if layout not in available():
        raise ValueError("; ".join(unknown(layout, available())))
    start = today or dt.date.today()
    name = language.replace(",", "-")  # kk,ru: exhibition.kk-ru.yaml
    template = (STARTER / f"exhibition.{name}.yaml").read_text(encoding="utf-8")
    text = template.format(layout=layout, start=start.isoformat(),
                           end=(start + dt.timedelta(days=14)).isoformat())
    (folder / "images").mkdir(parents=True, exist_ok=True)
    written = [folder / "exhibition.yaml", folder / "exhibition.schema.json"]
    write_atomic(written[0], text.encode("utf-8"))
    write_atomic(written[1], (json.dumps(Exhibition.model_json_schema(), ensure_ascii=False,
                                         indent=2) + "\n").encode("utf-8"))
    return written + [folder / "images"]
