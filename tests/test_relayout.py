"""The mending's pass lays out again only the pages a change reaches (render/relayout.py): the
booklet it makes is the one a whole pass makes, page for page, pixel for pixel."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import weasyprint.layout.page as weasy_page

from booklet import check
from booklet.render import booklet as rendering
from booklet.render.booklet import RENDER_OPTIONS, render_booklet
from tests.test_fitting import LAYOUTS, sample_in


def pixels(pdf: bytes) -> list:
    document = pdfium.PdfDocument(pdf)
    return [page.render(scale=50 / 72).to_pil().convert("L") for page in document]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_mended_booklet_is_the_one_a_whole_pass_makes(tmp_path, monkeypatch, layout):
    """The sample in each layout is mended (a ladder of hyphens, a hyphen at a page turn): what
    the pass after the first lays out is told apart from the pages it takes as they were by
    the elements that changed and by the pages' starting states."""
    prepared = check.prepare(sample_in(layout, tmp_path / "memory"))
    made, passes = [], []  # pages made, and (pages made before, whether a pass after another)
    making = weasy_page.make_page
    monkeypatch.setattr(weasy_page, "make_page", lambda *args: made.append(args[4]) or making(*args))
    laying = rendering._laid_out
    monkeypatch.setattr(rendering, "_laid_out", lambda *args: passes.append(
        (len(made), len(args) > 6 and args[6] is not None)) or laying(*args))
    partly = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    counts = [(end - start, after) for (start, after), (end, _) in
              zip(passes, passes[1:] + [(len(made), False)])]
    whole_pass = max(count for count, after in counts if not after)
    mending = [count for count, after in counts if after]
    assert mending, "the sample is mended in every layout"
    assert max(mending) < whole_pass * 0.8, counts  # pages made: a whole pass remakes some too

    monkeypatch.setattr(rendering, "_laid_out", lambda *args: laying(*args[:6]))  # no `after`
    whole = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    assert partly.summary() == whole.summary()
    assert [(f.page, f.kind, f.text) for f in partly.faults] == \
        [(f.page, f.kind, f.text) for f in whole.faults]
    ours, theirs = pixels(partly.document.write_pdf(**RENDER_OPTIONS)), \
        pixels(whole.document.write_pdf(**RENDER_OPTIONS))
    assert len(ours) == len(theirs)
    for number, (a, b) in enumerate(zip(ours, theirs), 1):
        assert a.size == b.size and a.tobytes() == b.tobytes(), f"page {number}"
