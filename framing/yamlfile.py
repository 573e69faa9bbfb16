"""YAML that knows where things are: plain data plus the line of every key, and a checker
whose errors name ``file:line``. Only plain YAML is accepted (safe loader; no tags)."""

from __future__ import annotations

import difflib
import re

import yaml

from .errors import FramingError

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq",
                                                "map")}


def parse_yaml(text: str, shown: str) -> tuple[dict, dict]:
    """YAML to plain data plus a map from key path to line number."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict = {}
        data = convert(loader, node, (), lines, shown) if node is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark else shown
        problem = getattr(err, "problem", None) or str(err)
        raise FramingError(f"{where}: YAML syntax error ({problem}); check indentation, "
                           "colons and quotes") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise FramingError(f"{shown}:1: a codebook is a YAML mapping with a `frames` list")
    return data, lines


def convert(loader, node, path, lines, shown):
    lines[path] = node.start_mark.line + 1
    if node.tag not in PLAIN_TAGS:
        raise FramingError(f"{shown}:{lines[path]}: YAML tag {node.tag!r} is not allowed in a "
                           "codebook; write plain lists, mappings and texts")
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise FramingError(f"{shown}:{key_node.start_mark.line + 1}: key {key!r} "
                                   "appears twice in the same mapping; keep one")
            out[key] = convert(loader, value_node, path + (key,), lines, shown)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [convert(loader, item, path + (i,), lines, shown)
                for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


class Checker:
    """Validation helpers that know the file and the line of every key."""

    def __init__(self, shown: str, lines: dict):
        self.shown, self.lines = shown, lines

    def fail(self, path: tuple, message: str):
        line = self.lines.get(path)
        while line is None and path:
            path = path[:-1]
            line = self.lines.get(path)
        raise FramingError(f"{self.shown}:{line or 1}: {message}")

    def keys(self, data, path: tuple, allowed: set, what: str) -> None:
        if not isinstance(data, dict):
            self.fail(path, f"{what} must be a mapping of keys to values")
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f"did you mean {close[0]!r}?" if close else \
                    f"allowed keys: {', '.join(sorted(allowed))}"
                self.fail(path + (key,), f"unknown key {key!r} in {what}; {hint}")

    def text(self, data, path: tuple, key: str, what: str, required=True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(path + (key,), f"{what} needs `{key}:` with a non-empty text")
        return value.strip()

    def strings(self, data, path: tuple, key: str, what: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            self.fail(path + (key,), f"`{key}` of {what} must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    def identifier(self, data, path: tuple, what: str, seen: set) -> str:
        value = self.text(data, path, "id", what)
        if not IDENTIFIER.match(value):
            self.fail(path + ("id",), f"id {value!r} of {what}: use lower-case letters, "
                                      "digits and _ only, starting with a letter")
        if value in seen:
            self.fail(path + ("id",), f"id {value!r} is used twice; ids must be unique")
        seen.add(value)
        return value
