"""The one error a service raises for bad input: messages in Indonesian, keyed by form field."""

from __future__ import annotations

FORM = "_form"


class InputError(Exception):
    """Input the SOP rules refuse. ``errors`` maps a field name (or ``FORM``) to a message
    in Indonesian, ready to show beside that field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors

    @classmethod
    def on(cls, field: str, message: str) -> InputError:
        return cls({field: message})

    @classmethod
    def form(cls, message: str) -> InputError:
        return cls({FORM: message})


class PermissionDenied(Exception):
    """The signed-in user's role may not do this."""
