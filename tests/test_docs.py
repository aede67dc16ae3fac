"""The documentation says what the code does: every command is in the README, every example runs.

- every command and subcommand, and every one of their options, appears in
  the README's command table and has its own --help text;
- every ```python block of docs/python-api.md runs (in order, in one namespace,
  in an empty folder), and prints exactly the ```output block that follows it;
- every name the package exports is documented in docs/python-api.md.
"""

import contextlib
import io
import os
import re
from pathlib import Path

import click
import pytest

import xlate
from xlate.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
API = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "xlate"):
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


COMMANDS = list(commands(cli))


def command_table() -> str:
    """The README's table of commands: the rows that start with a `xlate …` cell."""
    return "\n".join(line for line in README.splitlines() if line.startswith("| `xlate"))


@pytest.mark.parametrize("path, command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_is_in_the_readme_table_and_has_help(path, command):
    if isinstance(command, click.Group):
        return  # a group is documented through its subcommands
    rows = [row for row in command_table().splitlines() if row.startswith(f"| `{path}")]
    assert rows, f"`{path}` is not in the README's command table"
    assert (command.help or "").strip(), f"`{path}` has no --help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{path} {param.opts[0]} has no help text"
            assert any(opt in "".join(rows) for opt in param.opts), f"{param.opts[0]} of `{path}` is not in the table"


def test_the_global_options_are_documented():
    assert "`xlate -C DIR <command>`" in README


def blocks() -> list[tuple[str, str | None]]:
    """(code, expected output or None) for each ```python block of docs/python-api.md."""
    found = []
    for m in re.finditer(r"```python\n(.*?)```(?:\s*```output\n(.*?)```)?", API, re.S):
        found.append((m.group(1), m.group(2)))
    return found


def test_every_example_of_the_python_api_runs_and_prints_what_the_page_says(tmp_path, monkeypatch):
    examples = blocks()
    assert len(examples) >= 5
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for n, (code, expected) in enumerate(examples, 1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"docs/python-api.md example {n}", "exec"), namespace)  # noqa: S102
        if expected is not None:
            assert out.getvalue() == expected, f"example {n} printed:\n{out.getvalue()}"


def test_the_ten_line_in_memory_script_needs_no_disk(tmp_path, monkeypatch):
    code, _ = blocks()[0]
    assert len([line for line in code.splitlines() if line.strip()]) <= 12
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "first example", "exec"), {})  # noqa: S102
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", [n for n in xlate.__all__ if n != "__version__"])
def test_every_public_name_is_documented(name):
    assert re.search(rf"`(?:xlate\.)?{re.escape(name)}[`(.\[ ]", API), f"xlate.{name} is not in docs/python-api.md"
    assert getattr(xlate, name) is not None
