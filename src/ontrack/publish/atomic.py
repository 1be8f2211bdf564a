"""Replace a folder all at once: build the new one beside it, then swap them.

A publish killed part-way (even with SIGKILL) leaves the old site in place, never a mix
of the two: readers of OUT see the old site or the new one. On Linux the swap is one
`renameat2(RENAME_EXCHANGE)`; elsewhere two renames with a short window in which the
old site sits at OUT.old-* (and is moved back by the next publish).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OntrackError

MARKER = ".ontrack-site"  # written into every published site, so only sites are replaced
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    done = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _check_target(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise OntrackError(f"{root} is a file; give a folder for the static site")
    if root.is_dir() and any(root.iterdir()) and not (root / MARKER).exists():
        raise OntrackError(
            f"{root} is a folder that holds other files, not an earlier ontrack site; "
            "give a new or empty folder (publish replaces the whole folder)"
        )


def _clean_leftovers(root: Path) -> None:
    """Remove what a killed publish left beside OUT; bring back an old site if OUT is gone."""
    for stale in root.parent.glob(f".{root.name}.old-*"):
        if not root.exists() and (stale / MARKER).exists():
            stale.rename(root)
        else:
            shutil.rmtree(stale, ignore_errors=True)
    for stale in root.parent.glob(f".{root.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def replaced_folder(root: Path) -> Iterator[Path]:
    """Yield an empty folder beside `root`; on success it replaces `root` in one step."""
    root = root.expanduser().resolve()
    root.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(root)
    _check_target(root)
    new = Path(tempfile.mkdtemp(prefix=f".{root.name}.new-", dir=root.parent))
    try:
        yield new
        (new / MARKER).write_text("published by ontrack; `ontrack publish` replaces this folder\n")
        new.chmod(0o755)
        if not root.exists():
            new.rename(root)
        elif _exchange(new, root):
            shutil.rmtree(new)  # now the old site
        else:
            old = root.parent / f".{root.name}.old-{os.getpid()}"
            root.rename(old)
            new.rename(root)
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise


__all__ = ["MARKER", "replaced_folder"]
