"""Remote images of one mention, fetched only when the user asks for them (Load images in the detail pane).

Through the app's one HTTP client (timeouts, size cap, User-Agent, per-host pacing, proxy). Only raster images
come back: SVG can name further resources, and an HTML page passed off as an image is refused."""

from __future__ import annotations

from desktop_app.core.errors import FetchError
from desktop_app.core.html import is_safe_link
from desktop_app.sources.http import HttpClient

IMAGE_MAX_BYTES = 3 * 1024 * 1024
RASTER_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"})


class NotAnImage(FetchError):
    kind = "not_an_image"


class ImageFetcher:
    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def fetch(self, url: str) -> bytes:
        if not is_safe_link(url):
            raise NotAnImage("Only web (http/https) images are loaded.")
        response = self.http.get(
            url, max_bytes=IMAGE_MAX_BYTES, accept="image/png,image/jpeg,image/gif,image/webp"
        )
        if response.content_type not in RASTER_TYPES:
            raise NotAnImage(f"{url} is not a picture ({response.content_type or 'no type given'}).")
        return response.body

    def close(self) -> None:
        self.http.close()
