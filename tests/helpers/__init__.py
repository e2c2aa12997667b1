"""What tests share that is not a fixture: builders, stand-ins (the officer's desk, the
treasurer's till, the library of a test office), database helpers and request builders.

Fixtures live in ``conftest.py`` files (``tests/conftest.py`` for every kind of test,
``tests/<kind>/conftest.py`` for one kind) and are requested by name. A test module imports
from here, never from another test module or from a ``conftest.py``
(``tests/unit/test_test_layout.py`` holds that rule).
"""
