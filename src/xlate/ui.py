"""What the pipeline needs from a user interface: progress bars and messages (the CLI shows them)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager


class QuietUI:
    """Shows nothing: the library's default."""

    @contextmanager
    def progress(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        yield lambda n: None

    def say(self, message: str) -> None:
        pass
