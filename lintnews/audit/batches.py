"""The documents of an audit, split into batches: the unit of work, of retry and of checkpoint.

A document is a local file or an fsspec URL (`s3://bucket/archive/story.txt`, `memory://...`),
read where it is by whoever lints it. Each batch's checkpoint is stored under a key made of
everything its result depends on: lintnews' version, the run's options and config files,
and each document's location, size and modification time. A changed option, config, file or
version makes a new key, so a stale checkpoint is never used.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lintnews import __version__
from lintnews.config import ConfigFinder
from lintnews.files.discover import is_excluded, walk_articles
from lintnews.files.source import decode, read_source
from lintnews.markup import ARTICLE_SUFFIXES, SUFFIX_LIST

DEFAULT_BATCH_SIZE = 64  # documents: big enough that scheduling is noise, small enough to retry
CHECKPOINTS = ".checkpoints"
CHECKPOINT_FORMAT = 2  # of a saved BatchResult: a change makes every old checkpoint stale


class AuditInputError(Exception):
    """A path or option the audit cannot use; the message says which and why."""


def is_url(path: str) -> bool:
    return "://" in path


@dataclass(frozen=True)
class DocumentRef:
    """A document to lint: where it is, and how it is named and grouped."""

    location: str  # a local path or an fsspec URL
    relative: str  # POSIX path below the audited path ("" when it is that path)
    outlet: str  # the audited path's own name
    identity: str  # size and modification time: a changed file gets a new checkpoint key

    def read_text(self) -> str:
        if is_url(self.location):
            import fsspec

            with fsspec.open(self.location, "rb") as handle:
                return decode(handle.read(), self.location).text
        return read_source(Path(self.location)).text


@dataclass(frozen=True)
class Batch:
    index: int
    documents: tuple[DocumentRef, ...]
    key: str  # the checkpoint key


FINDING_COLUMNS = ("document", "code", "name", "category", "severity", "line", "column",
                   "phrase", "message")


def _no_findings() -> dict[str, list[Any]]:
    return {column: [] for column in FINDING_COLUMNS}


@dataclass
class BatchResult:
    """A batch linted: a record per document (path, group keys, words, findings, error), and
    its findings by column, each with the index of its document in `documents` (so a
    document's path and keys are stored once, however many findings it has)."""

    index: int
    documents: list[dict[str, Any]] = field(default_factory=list)
    findings: dict[str, list[Any]] = field(default_factory=_no_findings)

    @property
    def words(self) -> int:
        return sum(d["words"] for d in self.documents)


def find_documents(paths: Sequence[str], finder: ConfigFinder) -> list[DocumentRef]:
    """Every article under `paths`, in a stable order; AuditInputError for a path that does
    not exist or holds no articles."""
    documents: list[DocumentRef] = []
    for raw in paths:
        found = list(_remote(raw) if is_url(raw) else _local(raw, finder))
        if not found:
            raise AuditInputError(f"{raw}: no article files ({SUFFIX_LIST}) found")
        documents.extend(found)
    return documents


def _local(raw: str, finder: ConfigFinder) -> Iterator[DocumentRef]:
    root = Path(raw)
    if not root.exists():
        raise AuditInputError(f"{raw}: no such file or folder")
    outlet = root.resolve().name
    if not root.is_dir():
        yield DocumentRef(str(root), "", outlet, _identity(root))
        return

    def excluded(file: Path) -> bool:
        settings = finder.for_path(file)
        return is_excluded(file, settings.root, settings.exclude)

    for file in walk_articles(root, excluded=excluded):
        yield DocumentRef(str(file), file.relative_to(root).as_posix(), outlet, _identity(file))


def _identity(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:  # reading it reports the problem
        return "unreadable"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _remote(url: str) -> Iterator[DocumentRef]:
    try:
        import fsspec
    except ImportError:
        raise AuditInputError(f"{url}: reading URLs needs fsspec "
                              "(pip install 'lintnews[audit]')") from None
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ValueError, ImportError) as err:
        raise AuditInputError(f"{url}: {err}") from None
    protocol = url.split("://", 1)[0]
    root = root.rstrip("/")
    outlet = PurePosixPath(root).name
    try:
        if not fs.exists(root):
            raise AuditInputError(f"{url}: no such file or folder")
        if not fs.isdir(root):
            yield DocumentRef(url, "", outlet, _remote_identity(fs.info(root)))
            return
        listing = fs.find(root, detail=True)
    except OSError as err:
        raise AuditInputError(f"{url}: cannot list ({err})") from None
    for name in sorted(listing):
        posix = PurePosixPath(name)
        relative = posix.relative_to(root.lstrip("/") if not name.startswith("/") else root)
        if posix.suffix.lower() not in ARTICLE_SUFFIXES \
                or any(part.startswith(".") for part in relative.parts):
            continue
        location = fs.unstrip_protocol(name) if protocol else name
        yield DocumentRef(location, relative.as_posix(), outlet,
                          _remote_identity(listing[name]))


def _remote_identity(info: dict[str, Any]) -> str:
    # Stores name it differently: an ETag (S3), a modification time, a creation time.
    stamp = next((info[k] for k in ("ETag", "etag", "mtime", "LastModified", "last_modified",
                                     "created") if info.get(k) is not None), "")
    return f"{info.get('size')}:{stamp}"


def make_batches(documents: Sequence[DocumentRef], size: int, fingerprint: str) -> list[Batch]:
    """`documents` in batches of `size`, each with its checkpoint key."""
    batches = []
    for index, start in enumerate(range(0, len(documents), size)):
        chunk = tuple(documents[start:start + size])
        digest = hashlib.sha256(fingerprint.encode())
        for doc in chunk:
            digest.update(f"\0{doc.location}\0{doc.relative}\0{doc.outlet}\0{doc.identity}"
                          .encode())
        batches.append(Batch(index, chunk, digest.hexdigest()[:24]))
    return batches


def run_fingerprint(options: dict[str, Any], config_files: Sequence[Path]) -> str:
    """What every batch's result depends on besides its documents."""
    configs = []
    for path in sorted(set(config_files)):
        try:
            configs.append([str(path), hashlib.sha256(path.read_bytes()).hexdigest()])
        except OSError:
            configs.append([str(path), "unreadable"])
    return json.dumps({"version": __version__, "format": CHECKPOINT_FORMAT, "options": options,
                       "configs": configs}, sort_keys=True, default=str)


class Checkpoints:
    """A batch's result saved once it is done, under the batch's key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, batch: Batch) -> Path:
        return self.folder / f"batch-{batch.index:06d}-{batch.key}.json.gz"

    def has(self, batch: Batch) -> bool:
        return self._file(batch).is_file()

    def save(self, batch: Batch, result: BatchResult) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"index": result.index, "documents": result.documents,
                           "findings": result.findings}, ensure_ascii=False)
        # Written aside and renamed: a run killed while writing leaves no half checkpoint.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(gzip.compress(data.encode("utf-8"), compresslevel=1, mtime=0))
        os.replace(temporary, self._file(batch))

    def load(self, batch: Batch) -> BatchResult:
        data = json.loads(gzip.decompress(self._file(batch).read_bytes()))
        return BatchResult(data["index"], data["documents"], data["findings"])

    def clear(self) -> None:
        if not self.folder.is_dir():
            return
        for file in self.folder.iterdir():
            if file.name.startswith("batch-") or file.suffix == ".part":
                file.unlink()
        with contextlib.suppress(OSError):  # something else is in there: leave it
            self.folder.rmdir()
