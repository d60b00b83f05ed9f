"""Article images: checked by content and size, re-encoded without EXIF (GPS, camera serials), thumbnailed.

Files live under IPGOV_HOME/portal/images/, named by the SHA-256 of the cleaned image, beside the
thumbnail (`<sha>_t.jpg`). Re-encoding through Pillow is what strips the metadata: only pixels are saved.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = int(float(os.environ.get("IPGOV_PORTAL_IMAGE_MAX_MB", "8")) * 1024 * 1024)
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".png"}
THUMBNAIL = (480, 360)


class ImageRefused(ValueError):
    pass


@dataclass(frozen=True)
class StoredImage:
    path: str
    thumbnail: str
    width: int
    height: int


def _save(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    else:
        image.save(out, fmt if fmt != "GIF" else "PNG", optimize=True)
    return out.getvalue()


def _write(relative: Path, content: bytes) -> None:
    target = Path(settings.IPGOV_HOME) / relative
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, target)


def store(name: str, content: bytes) -> StoredImage:
    if not content:
        raise ImageRefused(_("%(name)s is empty") % {"name": name})
    if len(content) > MAX_BYTES:
        raise ImageRefused(_("%(name)s is %(size)s bytes, over the limit of %(max)s bytes")
                           % {"name": name, "size": len(content), "max": MAX_BYTES})
    try:
        with Image.open(io.BytesIO(content)) as probe:
            fmt = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRefused(_("%(name)s has too many pixels") % {"name": name})
            probe.verify()
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ImageRefused(_("%(name)s is not an image (accepted: JPEG, PNG, WebP, GIF)") % {"name": name}) from None
    if fmt not in FORMATS:
        raise ImageRefused(_("%(name)s: images of type %(fmt)s are not accepted (accepted: JPEG, PNG, WebP, GIF)")
                           % {"name": name, "fmt": fmt})
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop the EXIF
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA")
    clean = Image.new(image.mode, image.size)  # a new image holds the pixels only, no metadata
    clean.paste(image)
    data = _save(clean, fmt)
    digest = hashlib.sha256(data).hexdigest()
    base = Path("portal") / "images" / digest[:2]
    path = base / f"{digest}{FORMATS[fmt]}"
    thumb = clean.convert("RGB")
    thumb.thumbnail(THUMBNAIL)
    thumb_path = base / f"{digest}_t.jpg"
    _write(path, data)
    _write(thumb_path, _save(thumb, "JPEG"))
    return StoredImage(str(path), str(thumb_path), clean.width, clean.height)
