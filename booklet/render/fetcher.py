"""The only way WeasyPrint reads anything: data: URLs and files under the allowed folders."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.request import url2pathname

from weasyprint import URLFetcher
from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse


class RefusedResource(FatalURLFetchingError):
    pass


class RootedFetcher(URLFetcher):
    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
        self.roots = [Path(root).resolve() for root in roots]

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith("file:"):
            raise RefusedResource(f"refused to fetch {url}: only files of the exhibition, "
                                  "its layout and the bundled fonts are read")
        path = Path(url2pathname(url.split("?")[0].split("#")[0].removeprefix("file://"))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedResource(f"refused to read {path}: outside the exhibition, "
                                  "its layout and the bundled fonts")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
