"""Files: write so that readers never see half of one, read only what is a regular file.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "out", "x.txt")
>>> atomic_write(p, b"hello")
>>> open(p).read()
'hello'
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator


def default_mode(directory: bool = False) -> int:
    """The permissions a plain ``open``/``mkdir`` would give under the current umask
    (temporary files and folders are created private; the results should not be)."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to stream into, written to a temporary name beside ``path`` and renamed
    over ``path`` when the block ends; on any error the temporary file is removed and ``path``
    is left as it was.

    >>> import tempfile
    >>> p = os.path.join(tempfile.mkdtemp(), "y.txt")
    >>> with atomic_file(p) as fh:
    ...     _ = fh.write(b"streamed")
    >>> open(p).read()
    'streamed'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, default_mode())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    with atomic_file(path) as fh:
        fh.write(data)


def open_regular(path: str | os.PathLike, limit: int | None = None):
    """Open the regular file at ``path`` for reading bytes; a FIFO, device, folder, dangling or
    looping link, unreadable file, or one larger than ``limit`` bytes is a
    :class:`~kg.errors.DataError` naming it (reading a FIFO or ``/dev/zero`` would hang or never
    end). The check is made on the opened file, so a file swapped in between cannot escape it.

    >>> open_regular("/dev/null")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: /dev/null: not a regular file (a character device)
    """
    import stat

    from kg.errors import DataError

    try:
        st = os.stat(path)
    except FileNotFoundError:
        kind = "a link to nothing" if os.path.islink(path) else "no such file"
        raise DataError(kind, file=str(path)) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", file=str(path)) from None
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a character device",
             stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}

    def refuse(mode: int) -> None:
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in kinds.items() if test(mode)), "a special file")
            raise DataError(f"not a regular file ({kind})", file=str(path))

    refuse(st.st_mode)  # before opening: opening a FIFO for reading blocks until a writer comes
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        st = os.fstat(fh.fileno())
        refuse(st.st_mode)
        if limit is not None and st.st_size > limit:
            raise DataError(f"too large ({st.st_size} bytes; the limit is {limit})", file=str(path))
    except BaseException:
        fh.close()
        raise
    return fh


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (see :func:`open_regular`, which names what
    is refused): at most ``limit`` bytes, even from a file that grows while it is read.

    >>> read_regular("/dev/null")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: /dev/null: not a regular file (a character device)
    """
    from kg.errors import DataError

    with open_regular(path, limit) as fh:
        try:
            data = fh.read() if limit is None else fh.read(limit + 1)
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if limit is not None and len(data) > limit:
        raise DataError(f"too large (more than {limit} bytes)", file=str(path))
    return data


__all__ = ["atomic_file", "atomic_write", "open_regular", "read_regular", "default_mode"]
