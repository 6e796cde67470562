"""The only way WeasyPrint reads anything: data: URLs and files under the allowed folders."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.request import url2pathname

from weasyprint import URLFetcher
from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse

from booklet.content.paths import contained
from booklet.messages import _, reason


class RefusedResource(FatalURLFetchingError):
    pass


class RootedFetcher(URLFetcher):
    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
        self.roots = list(roots)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith("file:"):
            raise RefusedResource(_("refused to fetch {url}: only files of the exhibition, its "
                                    "layout and the bundled fonts are read").format(url=url[:200]))
        path = Path(url2pathname(url.split("?")[0].split("#")[0].removeprefix("file://")))
        try:
            path = contained(path, self.roots, _("the file"))
            data = path.read_bytes()
        except ValueError as exc:
            raise RefusedResource(_("refused to read {path}: {why}").format(path=path, why=exc)) \
                from None
        except OSError as exc:
            raise RefusedResource(_("cannot read {path}: {why}").format(path=path,
                                                                       why=reason(exc))) from None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": mime})
