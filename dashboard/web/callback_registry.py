"""Callbacks as plain module-level functions, registered on each app the factory builds.

A callback module (``callbacks/<page>.py``) decorates its functions with ``callback(...)``
(the arguments of ``Dash.callback``) and declares browser-side callbacks with
``clientside_callback(...)``. Both only record what they are given: the functions stay plain
functions a test can call directly. The app factory imports every module of the
``callbacks`` package (discovered, never listed by hand) and registers what they recorded on
its app. Dash's own ``dash.callback`` is not used because it hands its list to the first app
of the process and then forgets it; this registry serves every app a process builds (the
tests build several).
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dash import Dash

F = TypeVar("F", bound=Callable[..., Any])

CALLBACK_PACKAGE = "callbacks"


@dataclass(frozen=True)
class CallbackSpec:
    """One callback as its module declared it: a server function or browser code."""

    module: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    function: Callable[..., Any] | None = None
    clientside_code: str | None = None


_SPECS: list[CallbackSpec] = []


def callback(*args: Any, module: str | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Record ``function`` as a server callback with ``Dash.callback``'s arguments; the
    function is returned unchanged. ``module`` names the page's callbacks module when the
    function is defined elsewhere (a factory shared by several pages); by default, the
    function's own module."""

    def record(function: F) -> F:
        owner = module or function.__module__
        _SPECS.append(CallbackSpec(owner, args, kwargs, function=function))
        return function

    return record


def clientside_callback(code: str, *args: Any, module: str, **kwargs: Any) -> None:
    """Record a browser-side callback (``Dash.clientside_callback``'s arguments); ``module``
    is the declaring module's ``__name__``."""
    _SPECS.append(CallbackSpec(module, args, kwargs, clientside_code=code))


def recorded_callbacks() -> tuple[CallbackSpec, ...]:
    """Every callback recorded so far, with the module that declared it."""
    return tuple(_SPECS)


def callback_modules(package: str = CALLBACK_PACKAGE) -> list[str]:
    """Every module of the callbacks package, imported (so each has recorded its
    callbacks)."""
    root = importlib.import_module(package)
    names = [
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(root.__path__)
        if not info.name.startswith("_")
    ]
    for name in names:
        importlib.import_module(name)
    return names


def register_callbacks(app: Dash, package: str = CALLBACK_PACKAGE) -> list[CallbackSpec]:
    """Register on ``app`` every callback the package's modules declare."""
    callback_modules(package)
    specs = [spec for spec in _SPECS if spec.module.startswith(f"{package}.")]
    for spec in specs:
        # Dash merges a callback's inputs into the ``state`` dict it is given: each app gets
        # its own copy, so two callbacks (or two apps) never share one.
        args, kwargs = copy.deepcopy(spec.args), copy.deepcopy(spec.kwargs)
        if spec.clientside_code is not None:
            app.clientside_callback(spec.clientside_code, *args, **kwargs)
        else:
            app.callback(*args, **kwargs)(spec.function)
    return specs
