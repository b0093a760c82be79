"""Reading article files: decoding, byte-order marks, line endings and positions.

Offsets everywhere in lintnews are code-point offsets into the decoded text, exactly as it
is in the file (line endings are never normalised), so a finding maps back to the file.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lintnews.cache.patterns import regex

MAX_FILE_BYTES = 200 * 1024 * 1024
_BREAK_RE = regex(r"\r\n|\r|\n")
_SNIFF_BYTES = 8192
# Characters no article holds: NUL, control characters other than whitespace, noncharacters.
_NOT_TEXT_RE = regex("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


class InputError(Exception):
    """A file that cannot be read or decoded; the message names the file."""


@dataclass(frozen=True)
class SourceFile:
    """A decoded article and what is needed to write it back byte-for-byte."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    line_index: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "line_index", LineIndex(self.text))

    def encode(self, text: str) -> bytes:
        """Encode `text` the way this file was encoded (same BOM, same codec)."""
        return self.bom + text.encode(self.encoding)


class LineIndex:
    """Maps code-point offsets to 1-based line and column; CRLF, CR and LF all end a line."""

    def __init__(self, text: str) -> None:
        # One regex scan: linear in the file (searching for "\r" and "\n" separately from
        # every line start rescans to the end of a file that has only one kind of break).
        starts = [0]
        starts.extend(m.end() for m in _BREAK_RE.finditer(text))
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """Return (line, column), both 1-based, of `offset`."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


def bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text saved as UTF-16 without a byte-order mark (as some
    editors and CMS exports do), else None.

    Text with many ASCII characters has NUL in every other byte of UTF-16: the odd bytes for
    little-endian, the even ones for big-endian. It is taken for UTF-16 when at least a tenth
    of the first 8 KB's two-byte units have their NUL on one side, at most a tenth as many on
    the other, and those bytes decode to text (no NUL, no control characters but whitespace).
    UTF-16 with few ASCII characters has too few NULs to tell and is not recognised.
    """
    head = data[:_SNIFF_BYTES]
    if len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    nuls, others = max(even, odd), min(even, odd)
    if nuls * 10 < len(head) // 2 or others * 10 > nuls:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    # `data` may be only the first 8 KB of a file (discover.py reads no more), so the head is
    # decoded as a part that may end inside a surrogate pair, unless it is shorter.
    try:
        sample = codecs.getincrementaldecoder(codec)().decode(
            head, final=len(data) < _SNIFF_BYTES)
    except UnicodeDecodeError:
        return None
    return codec if _NOT_TEXT_RE.search(sample) is None else None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes, outside UTF-16 (with a byte-order mark, or
    without one and recognised by bomless_utf16)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:_SNIFF_BYTES] and bomless_utf16(data) is None


def decode(data: bytes, path: str) -> SourceFile:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 (with a BOM, or without one
    when bomless_utf16 recognises it; written back the same way)."""
    if data.startswith(codecs.BOM_UTF8):
        bom, encoding, body = codecs.BOM_UTF8, "utf-8", data[3:]
    elif data.startswith(codecs.BOM_UTF16_LE):
        bom, encoding, body = codecs.BOM_UTF16_LE, "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        bom, encoding, body = codecs.BOM_UTF16_BE, "utf-16-be", data[2:]
    elif b"\x00" in data[:_SNIFF_BYTES]:
        utf16 = bomless_utf16(data)
        if utf16 is None:
            raise InputError(f"{path}: not a text file (binary content); skipped")
        bom, encoding, body = b"", utf16, data
    else:
        bom, encoding, body = b"", "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: cannot decode as {encoding.upper()} (invalid byte at offset "
            f"{err.start + len(bom)}); save the file as UTF-8"
        ) from None
    return SourceFile(path=path, text=text, encoding=encoding, bom=bom)


def read_source(path: Path, display: str | None = None) -> SourceFile:
    """Read and decode an article file, raising InputError with a clear message.

    Only regular files are read: opening a FIFO would wait for a writer for ever, and a
    device can be endless. Standard input is read with "-".
    """
    name = display if display is not None else str(path)
    try:
        info = path.stat()  # follows symbolic links
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{name}: broken symbolic link (its target does not exist)") from None
        raise InputError(f"{name}: no such file") from None
    except OSError as err:
        raise _os_error(name, err) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a regular file ({special_kind(info.st_mode)}); "
                         "use '-' to read standard input")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(f"{name}: file is larger than {MAX_FILE_BYTES // 2**20} MB; skipped")
    try:
        data = _read_regular(path)
    except InputError as err:
        raise InputError(f"{name}: {err}") from None
    except OSError as err:
        raise _os_error(name, err) from None
    return decode(data, name)


def special_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _read_regular(path: Path) -> bytes:
    # O_NONBLOCK: if the path was swapped for a FIFO since stat(), opening must not wait.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InputError("not a regular file")
        return handle.read()


def _os_error(name: str, err: OSError) -> InputError:
    if isinstance(err, PermissionError):
        return InputError(f"{name}: permission denied")
    if err.errno == errno.ELOOP:
        return InputError(f"{name}: symbolic link loop (too many levels of symbolic links)")
    if isinstance(err, IsADirectoryError):
        return InputError(f"{name}: is a folder, not a file")
    return InputError(f"{name}: cannot read ({err.strerror or err})")
