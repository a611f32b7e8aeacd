"""Filling the user-overridable text templates (data/templates/, or the store's templates/)."""

from __future__ import annotations

from menteekit.patterns import LazyPattern

_BLANK_RUNS = LazyPattern(r"\n[ \t]*\n(?:[ \t]*\n)+")


def fill(template: str, **values: str) -> str:
    """The template with its `$placeholders` replaced; unknown ones are left as typed.

    A placeholder with nothing to say leaves an empty line: runs of them close up into one, so
    a template can give each optional part its own line. Only the template's own lines close
    up: the values (the user's words) are put in afterwards exactly as they are.
    """
    from string import Template  # here: importing it compiles its pattern, for every command

    markers = {name: f"\x00{number}\x00" for number, name in enumerate(values)}
    framed = Template(template).safe_substitute(
        {name: markers[name] if value else "" for name, value in values.items()}
    )
    text = _BLANK_RUNS.sub("\n\n", framed).strip("\n") + "\n"
    for name, marker in markers.items():
        text = text.replace(marker, values[name])
    return text
