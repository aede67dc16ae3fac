"""The errors xlate expects, each with a message a person can act on.

The CLI turns an XlateError into its message and exit status; anything else is
a bug and keeps its traceback.
"""

# Exit statuses (docs/design.md, "Commands").
OK = 0
ATTENTION = 1  # done, but something failed or needs attention
SETUP = 2  # nothing done: usage or setup error


class XlateError(Exception):
    """An expected failure: says what is wrong, where, and what to do."""

    exit_code = SETUP

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  {self.hint}"
        return text


class InputError(XlateError):
    """One input file is bad; the others can still be processed."""

    exit_code = ATTENTION


class SetupError(XlateError):
    """Nothing can be done until the user fixes their set-up."""

    exit_code = SETUP


class OutputError(XlateError):
    """An export file could not be written (a file where a folder should be, no permission, a full
    disk); everything written before it stays, whole."""

    exit_code = ATTENTION


class ModelMissing(SetupError):
    """No vi→en model is installed and none could be fetched."""


class WorkspaceLocked(SetupError):
    """Another xlate run holds the workspace lock."""
