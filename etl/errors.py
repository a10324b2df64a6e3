"""One exception type for every input problem the user can fix.

The CLI turns it into exactly one line ``error: <file>: <cause>`` and a
non-zero exit, so callers never see a traceback for bad input."""


class InputError(Exception):
    def __init__(self, file_name: str, cause: str):
        super().__init__(f"{file_name}: {cause}")
        self.file_name = file_name
        self.cause = cause

    def line(self) -> str:
        return f"error: {self.file_name}: {self.cause}"
