"""What copy-fitting costs in layout passes, proven by counting them: balancing the spreads
lays nothing out again, and build.py, making the layout's second variant in a second
process beside the first, lays out one variant here and makes the very files that one
process making both would make — for a booklet that keeps the tighter variant (the sample in classic)
and for one that keeps the standard (the second process is then stopped); when the second
process dies, this one makes the second variant itself."""

import shutil
from unittest import mock

import pypdfium2 as pdfium
import pytest

from booklet import check
from booklet.build import produce_prepared
from booklet.render import booklet as rendering
from booklet.render import spreads
from tests.conftest import MINIMAL, SAMPLE, write_exhibition
from tests.test_inner_pages import list_text

BOOKLET = ("booklet", "print", "press")


def counted(run):
    """How many layout passes `run()` made in this process, and what it returned."""
    count = [0]
    original = rendering._laid_out

    def laid_out(*args, **kwargs):
        count[0] += 1
        return original(*args, **kwargs)

    with mock.patch.object(rendering, "_laid_out", laid_out):
        value = run()
    return count[0], value


def test_balancing_the_spreads_lays_out_nothing_again(tmp_path):
    folder = write_exhibition(tmp_path / "show", list_text("classic", "a5"))
    prepared = check.prepare(folder, False)

    def render():
        return rendering.render_booklet(prepared.loaded, prepared.layout, prepared.theme)

    passes, balanced = counted(render)
    with mock.patch.object(rendering, "_balanced", lambda *args: None):
        unbalanced_passes, unbalanced = counted(render)
    assert passes == unbalanced_passes
    depths = [[round(spreads._depth(page._page_box)) for page in rendered.document.pages]
              for rendered in (balanced, unbalanced)]
    assert depths[0] != depths[1]  # the spreads were balanced, by moving what was laid out
    assert len(balanced.document.pages) == len(unbalanced.document.pages)


def texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [page.get_textpage().get_text_range() for page in document]


def tighter(tmp_path):
    """The sample in classic: a booklet that keeps the tighter variant (8 pages, not 12)."""
    folder = tmp_path / "classic"
    shutil.copytree(SAMPLE, folder)
    yaml = folder / "exhibition.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("layout: memorial", "layout: classic"),
                    encoding="utf-8")
    return folder


@pytest.mark.parametrize("which", ["sample", "minimal"])
def test_the_second_variant_made_beside_gives_the_same_files(tmp_path, monkeypatch, which):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    folder = tighter(tmp_path) if which == "sample" else write_exhibition(tmp_path / "show", MINIMAL)
    prepared = check.prepare(folder, False)
    made = {}
    for parallel in (False, True):
        passes, groups = counted(lambda: produce_prepared(prepared, BOOKLET, lambda m: None,
                                                          False, {}, parallel))
        files, _ = groups["booklet"]
        made[parallel] = passes, {item.name: (item.pages, item.note, texts(item.data))
                                  for item in files}
    (one, alone), (here, beside) = made[False], made[True]
    assert beside == alone
    assert here == 1  # the first variant only; the second was laid out beside it
    note = alone["booklet.pdf"][1]
    # the sample: the standard variant, then the compact one and the one pass that mends its
    # setting (a run of hyphens at 9.5 pt)
    assert ("compact" in note) == (which == "sample") and one == (3 if which == "sample" else 1)


def test_a_second_process_that_dies_leaves_its_variant_to_this_one(tmp_path, monkeypatch):
    import os

    from booklet import build

    parent, original = os.getpid(), build._variant_files

    def dying(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(1)  # killed, say, for want of memory: it sends nothing back
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "_variant_files", dying)
    prepared = check.prepare(tighter(tmp_path), False)
    passes, groups = counted(lambda: produce_prepared(prepared, BOOKLET, lambda m: None, False,
                                                      {}, True))
    files, _ = groups["booklet"]
    assert passes == 3  # the standard, then the compact one here and its mending pass
    assert "compact" in next(item.note for item in files if item.name == "booklet.pdf")


def sample_in(layout: str, folder, pages: str = "auto"):
    """The sample's booklet laid out in `layout`, in `pages` pages."""
    text = SAMPLE.joinpath("exhibition.yaml").read_text(encoding="utf-8")
    shutil.copytree(SAMPLE, folder)
    (folder / "exhibition.yaml").write_text(
        text.replace("layout: memorial", f"layout: {layout}")
        .replace("  size: a5\n", f"  size: a5\n  pages: {pages}\n"), encoding="utf-8")
    prepared = check.prepare(folder, False)
    return rendering.render_booklet(prepared.loaded, prepared.layout, prepared.theme)


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The sample's booklet laid out in bright and in memorial (its own layout)."""
    return {layout: sample_in(layout, tmp_path_factory.mktemp(layout) / "show")
            for layout in ("bright", "memorial")}


def boxes_of(page):
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        stack.extend(box.all_children())
        yield box


def test_backgrounds_move_with_the_boxes_the_balancing_moves(samples):
    """WeasyPrint places backgrounds once, after layout: a box moved down without them would
    leave its tint behind (bright's «РАЗДЕЛ 2» label printed empty above its words)."""
    checked = 0
    for page in samples["bright"].document.pages:
        for box in boxes_of(page):
            background = getattr(box, "background", None)
            if background is None or box is page._page_box or not background.layers \
                    or box.style["background_clip"][0] != "border-box":
                continue
            area = background.layers[0].painting_area
            assert abs(area[1] - box.border_box_y()) < 0.5, (box.element_tag, area)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("layout", ["bright", "memorial"])
def test_the_lines_for_notes_under_the_index_stop_above_the_folio(tmp_path, layout):
    # 16 pages: the index has a page of its own, lines for notes under it (in 12, it runs on
    # under the last book)
    rendered = sample_in(layout, tmp_path / "show", "16")
    assert "index" in rendered.fit.fillers
    found = 0
    for page in rendered.document.pages:
        bottom = page._page_box.content_box_y() + page._page_box.height
        for box in boxes_of(page):
            element = getattr(box, "element", None)
            if element is not None and "index-notes" in (element.get("class") or "").split():
                assert box.position_y + box.margin_height() <= bottom + 0.5
                found += 1
    assert found
