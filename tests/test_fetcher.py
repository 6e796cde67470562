"""Rendering reads nothing outside the exhibition, the layout and the bundled fonts."""

import pytest

from booklet.render.fetcher import RefusedResource, RootedFetcher


def test_files_inside_the_roots_are_read(tmp_path):
    (tmp_path / "a.css").write_text("p {}")
    response = RootedFetcher([tmp_path])(( tmp_path / "a.css").as_uri())
    assert response.read() == b"p {}"


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1/", "https://example.com/x.png",
                                 "ftp://example.com/x"])
def test_everything_else_is_refused(tmp_path, url):
    with pytest.raises(RefusedResource):
        RootedFetcher([tmp_path])(url)


def test_symlink_out_of_a_root_is_refused(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(RefusedResource):
        RootedFetcher([root])((root / "link.txt").as_uri())


def test_data_urls_are_read(tmp_path):
    assert RootedFetcher([tmp_path])("data:text/plain,hi").read() == b"hi"
