"""What the import pages' callbacks share: the bytes of an uploaded file."""

from __future__ import annotations

import base64
import binascii


def decode_upload(contents: object) -> bytes | None:
    """The bytes of a file from ``dcc.Upload`` (a ``data:…;base64,…`` URL); None if none."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None
