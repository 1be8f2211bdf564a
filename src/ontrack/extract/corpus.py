"""Read and extract a corpus of files, locally or on a Dask cluster, and save it in batches.

    from ontrack.extract.corpus import extract_corpus

    run = extract_corpus(paths, store=store, engine="dask", scheduler="tcp://host:8786")
    run.saved, run.already, run.refused      # new documents, known ones, (file, message)

Files go to the workers in chunks of ``chunk`` paths (one task per chunk, to cut Dask's
per-task overhead; by default up to 100, fewer when that would leave under 4 tasks per
worker thread); each worker reads and extracts its files and sends back the documents
and statements, or a message per file that could not be read. Workers never touch the
database: the client saves through the Store, ``batch`` documents per transaction, in the
order of ``paths``, so both engines store the same documents with the same statement ids.
A bad file is reported by name and never stops the others; a chunk whose task fails (a
worker crashed) is run again file by file, so only the file that crashes is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OntrackError
from ..failures import describe_failure
from ..model import Document, Statement

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..store import Store

# files per task at most: ~0.3 s of work for short texts; 25 cost the client 50% more CPU
DEFAULT_CHUNK = 100
TASKS_PER_THREAD = 4  # at least, when there are enough files: the last tasks balance the load
DEFAULT_BATCH = 500  # documents per store transaction
DEFAULT_WORKERS = 2  # of the LocalCluster started without --scheduler

# (index in paths, document, statements) for a file read, (index, None, message) otherwise
Outcome = tuple[int, Document | None, list[Statement] | str]


@dataclass
class CorpusRun:
    """What a corpus run read, refused and saved."""

    results: list[tuple[Document, list[Statement]]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file or source, message)
    saved: int = 0  # documents new to the store
    already: int = 0  # documents the store had already


def extract_files(
    indexed: Sequence[tuple[int, str]],
    options: dict[str, Any],
    catalog: Catalog | None = None,
) -> list[Outcome]:
    """Read and extract each file (one task's work); a failure becomes that file's message."""
    from . import extract_document, read_document

    out: list[Outcome] = []
    for index, path in indexed:
        try:
            doc = read_document(
                path, date=options["date"], region=options["region"], catalog=catalog
            )
            out.append((index, doc, extract_document(doc, lang=options["lang"])))
        except Exception as exc:
            out.append((index, None, describe_failure(exc, path)))
    return out


def extract_corpus(
    paths: Sequence[str | Path],
    *,
    date: Date | None = None,
    region: str | None = None,
    lang: str | None = None,
    catalog: Catalog | None = None,
    store: Store | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    n_workers: int = DEFAULT_WORKERS,
    processes: bool = True,
    chunk: int | None = None,
    batch: int = DEFAULT_BATCH,
    keep: bool = True,
    progress: Callable[[int], None] | None = None,
    on_refused: Callable[[str, str], None] | None = None,
) -> CorpusRun:
    """Read and extract every file in `paths` and, with a `store`, save them.

    `date`, `region` and `lang` are those of :func:`ontrack.extract.read_document` and
    :func:`~ontrack.extract.extract_document`; regions are names of `catalog` (by default
    the store's, with its user-added regions, else the built-in one). ``engine="dask"``
    connects ``distributed.Client(scheduler)`` (its workers need ontrack installed) or,
    without an address, starts a ``LocalCluster`` of `n_workers` single-threaded worker
    processes (threads with ``processes=False``) and closes it afterwards; a script that
    starts one needs an ``if __name__ == "__main__":`` guard. `keep=False` drops the
    documents once saved (`results` stays empty). `progress(n)` is called as n more
    files are done; `on_refused(file, message)` for each file refused, as it happens.
    """
    from ..engines import check_engine

    engine = check_engine(engine, scheduler)
    if (chunk is not None and chunk < 1) or batch < 1 or n_workers < 1:
        raise ValueError("chunk, batch and n_workers must be >= 1")
    if catalog is None and store is not None:
        catalog = store.catalog
    options = {"date": date, "region": region, "lang": lang}
    files = [str(p) for p in paths]
    run = CorpusRun()
    saver = _Saver(run, files, store, batch, keep, on_refused)
    if engine == "local":
        for index, path in enumerate(files):
            saver.add(extract_files([(index, path)], options, catalog))
            if progress is not None:
                progress(1)
    else:
        for outcomes in _dask_outcomes(
            files, options, catalog, scheduler, n_workers, processes, chunk
        ):
            saver.add(outcomes)
            if progress is not None:
                progress(len(outcomes))
    saver.flush()
    return run


class _Saver:
    """Takes outcomes in any order, keeps them in file order, saves full batches."""

    def __init__(
        self,
        run: CorpusRun,
        files: list[str],
        store: Store | None,
        batch: int,
        keep: bool,
        on_refused: Callable[[str, str], None] | None,
    ) -> None:
        self.run, self.files, self.store = run, files, store
        self.batch, self.keep = batch, keep
        self.on_refused = on_refused
        self.waiting: dict[int, tuple[Document, list[Statement]] | None] = {}
        self.next = 0  # the index of the first file not yet in `ready`
        self.ready: list[tuple[Document, list[Statement]]] = []

    def refuse(self, name: str, message: str) -> None:
        self.run.refused.append((name, message))
        if self.on_refused is not None:
            self.on_refused(name, message)

    def add(self, outcomes: list[Outcome]) -> None:
        for index, doc, got in outcomes:
            if doc is None or isinstance(got, str):
                self.refuse(self.files[index], str(got))
                self.waiting[index] = None
            else:
                self.waiting[index] = (doc, got)
        while self.next in self.waiting:
            item = self.waiting.pop(self.next)
            self.next += 1
            if item is not None:
                self.ready.append(item)
        if len(self.ready) >= self.batch:
            self.flush()

    def flush(self) -> None:
        items, self.ready = self.ready, []
        if self.keep:
            self.run.results += items
        if self.store is None or not items:
            return
        from ..docregions import resolve_document_region

        store = self.store
        try:  # the fast path: the batch in one transaction
            fixed = [
                resolve_document_region(store.catalog, d, s, where=d.source or d.title)
                for d, s in items
            ]
            new = store.save_documents(fixed)
        except Exception:  # someone in it is refused: save one by one to name them
            new = []
            for doc, stmts in items:
                try:
                    # --region and front matter through the store's catalog (user-added too)
                    doc, stmts = resolve_document_region(
                        store.catalog, doc, stmts, where=doc.source or doc.title
                    )
                    new.append(store.save_document(doc, stmts))
                except Exception as exc:
                    self.refuse(doc.source, describe_failure(exc, doc.source))
        self.run.saved += sum(new)
        self.run.already += len(new) - sum(new)


def _dask_outcomes(
    files: list[str],
    options: dict[str, Any],
    catalog: Catalog | None,
    scheduler: str | None,
    n_workers: int,
    processes: bool,
    chunk: int | None,
) -> Iterator[list[Outcome]]:
    """Outcomes of every file from Dask tasks, chunk by chunk as they complete."""
    from distributed import as_completed

    client, cluster = _client(scheduler, n_workers, processes)
    try:
        shared = client.scatter(catalog, broadcast=True) if catalog is not None else None
        indexed = list(enumerate(files))
        if chunk is None:
            threads = max(1, sum(client.nthreads().values()))
            chunk = max(1, min(DEFAULT_CHUNK, len(files) // (TASKS_PER_THREAD * threads)))
        parts = [indexed[s : s + chunk] for s in range(0, len(indexed), chunk)]
        futures = {
            client.submit(extract_files, part, options, shared, pure=False): part for part in parts
        }
        done = as_completed(list(futures))
        for future in done:
            part = futures.pop(future)
            try:
                outcomes: list[Outcome] = future.result()
            except Exception as exc:  # the task itself failed (a worker died)
                if len(part) == 1:
                    outcomes = [(part[0][0], None, describe_failure(exc, part[0][1]))]
                else:  # again file by file, so only the file that fails is refused
                    for one in part:
                        again = client.submit(extract_files, [one], options, shared, pure=False)
                        futures[again] = [one]
                        done.add(again)
                    continue
            finally:
                future.release()
            yield outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _client(scheduler: str | None, n_workers: int, processes: bool) -> tuple[Any, Any]:
    """(client, the LocalCluster to close or None); an OntrackError if it cannot work."""
    from ..engines import dask_client

    if scheduler is not None:
        client: Any = dask_client(scheduler)
        try:
            client.wait_for_workers(1, timeout=30)
            client.run(_worker_version)  # every worker can import ontrack
        except Exception as exc:
            client.close()
            raise OntrackError(
                f"the Dask cluster at {scheduler!r} cannot run ontrack ({exc}); its workers "
                "need ontrack installed (pip install ontrack) and at least one must be running"
            ) from None
        return client, None
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise OntrackError(
            f"--engine dask needs the dask extra: pip install 'ontrack[dask]' ({exc})"
        ) from None
    # worker processes listen on loopback only; threads talk in-process (inproc://)
    where = {"host": "127.0.0.1"} if processes else {}
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        **where,
    )
    return Client(cluster), cluster


def _worker_version() -> str:
    from .. import __version__

    return __version__


__all__ = [
    "DEFAULT_BATCH",
    "DEFAULT_CHUNK",
    "CorpusRun",
    "extract_corpus",
    "extract_files",
]
