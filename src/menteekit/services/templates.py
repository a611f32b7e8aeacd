"""Filling the user-overridable text templates (data/templates/, or the store's templates/)."""

from __future__ import annotations

import re
from string import Template

_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def fill(template: str, **values: str) -> str:
    """The template with its `$placeholders` replaced; unknown ones are left as typed.

    A placeholder with nothing to say leaves an empty line: runs of them close up into one, so
    a template can give each optional part its own line.
    """
    text = Template(template).safe_substitute(values)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
