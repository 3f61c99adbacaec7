"""The one exception tree of summarizer.

    SummarizerError                 exit 1 unless a subclass says otherwise
    ├── InputError                  exit 3: the article cannot be used
    │   ├── MissingInput            no such file
    │   ├── UnreadableInput         the file exists but reading it failed (OSError)
    │   ├── EmptyInput              nothing but whitespace / page furniture
    │   ├── BinaryInput             looks like a binary file
    │   ├── UndecodableInput        not valid text in a supported encoding
    │   └── InputTooLarge           over the size limit
    ├── ConfigError                 exit 2: bad option or setting
    ├── ModelError                  exit 4: the model could not give a brief
    │   ├── ModelUnavailable        extra / weights / server missing or unreachable
    │   └── SchemaFailure           output still invalid after the re-asks
    ├── CassetteMiss                exit 5: replay has no recording for a request
    ├── Interrupted                 exit 130: Ctrl-C stopped the run; requests in flight were abandoned
    └── OutputError                 exit 6: the brief could not be written
        ├── DiskError               saving failed (OSError: full, read-only, no permission); a batch stops at once
        └── OutputLocked            another run holds OUTDIR's lock

Every error carries the file (or "-" for stdin) it concerns, when there is
one, so the CLI can print one line naming the file and the problem.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Root of every error summarizer raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(SummarizerError):
    """The article cannot be read or used."""

    exit_code = 3


class MissingInput(InputError):
    """The file does not exist or is not a file."""


class UnreadableInput(InputError):
    """The file exists but the operating system refused or failed to read it."""


class EmptyInput(InputError):
    """The article has no text."""


class BinaryInput(InputError):
    """The file looks binary (NUL bytes or mostly control characters)."""


class UndecodableInput(InputError):
    """The bytes are not UTF-8 (or a declared/BOM encoding)."""


class InputTooLarge(InputError):
    """The file is over the configured size limit."""


class ConfigError(SummarizerError):
    """An option or setting is invalid."""

    exit_code = 2


class ModelError(SummarizerError):
    """The model could not produce a brief."""

    exit_code = 4


class ModelUnavailable(ModelError):
    """The backend cannot be used: extra not installed, weights missing, server unreachable."""


class SchemaFailure(ModelError):
    """The model's output still did not validate after the bounded re-asks."""


class CassetteMiss(SummarizerError):
    """Replay mode met a request that has no recording."""

    exit_code = 5


class Interrupted(SummarizerError):
    """The run was stopped (Ctrl-C): no new request is sent and the ones in flight are abandoned."""

    exit_code = 130


class OutputError(SummarizerError):
    """The brief could not be written."""

    exit_code = 6


class DiskError(OutputError):
    """Saving failed on the disk (full, read-only, no permission): never retried, a batch stops at once."""


class OutputLocked(OutputError):
    """Another process is running a batch on the same OUTDIR."""
