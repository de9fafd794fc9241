"""Schemas read from git: the only module that imports GitPython.

A remote repository is fetched shallow into a cache folder (one bare
repository per URL, locked while in use: cache.py) and reused. Which host
gets the token, and how, is gitenv.py's; no message ever carries it.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

import git

from prisma_lint.errors import SourceError
from prisma_lint.sources import cache, files, gitenv
from prisma_lint.sources.catfile import CatFile, Version, blob_files, plain_path
from prisma_lint.sources.files import decode_schema
from prisma_lint.sources.redact import redact, scrub_secret
from prisma_lint.sources.specs import GitSpec, is_remote
from prisma_lint.syntax.ast import SourceFile

SHALLOW_HINT = (
    "In a shallow CI checkout, fetch it first (`git fetch origin main`), or check out with `fetch-depth: 0`."
)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prisma-lint"


def read(spec: GitSpec, *, cwd: Path, cache_dir: Path | None = None) -> list[SourceFile]:
    """The schema at spec: one file, or every .prisma file below a folder."""
    with _resolved(spec, cwd=cwd, cache_dir=cache_dir, depth=1) as (_, commit):
        files = _files_at(commit, spec)
    if not files:
        raise SourceError(f"{spec.display()}: no such file or folder at {spec.ref} ({commit.hexsha[:7]})")
    return files


def history(
    spec: GitSpec, *, cwd: Path, cache_dir: Path | None = None, limit: int = 200
) -> Generator[Version, None, None]:
    """Versions of the schema at spec, newest first, from commits that changed it.

    The commits are listed, with their committer dates, while the cache is
    locked (another run's shallower fetch would cut the walk short); their
    files are read by id afterwards: a file as one `sha:path` object each, all
    from one `git cat-file --batch` (catfile.py), a folder through the tree.
    """
    with _resolved(spec, cwd=cwd, cache_dir=cache_dir, depth=limit) as (repo, head):
        listed = repo.git.rev_list(f"--max-count={limit}", "--format=%cI", head.hexsha, "--", spec.path)
    lines = listed.splitlines()
    commits = [(top.removeprefix("commit "), date) for top, date in zip(lines[::2], lines[1::2], strict=True)]
    if not plain_path(spec.path):
        batch = None  # not a path cat-file reads as one from the commit's root
    else:
        command = [str(repo.git.GIT_PYTHON_GIT_EXECUTABLE), f"--git-dir={repo.git_dir}"]
        batch = CatFile(command, [f"{sha}:{spec.path}" for sha, _ in commits])
    try:
        for sha, date in commits:
            files = _batched(batch, repo, sha, spec) if batch else _files_at(repo.commit(sha), spec)
            if files:
                yield Version(sha, date, tuple(files))
    finally:
        if batch:
            batch.close()


def _batched(batch: CatFile, repo: git.Repo, sha: str, spec: GitSpec) -> list[SourceFile]:
    """The schema's files at commit sha, the next object in batch; a folder through the tree."""
    found = blob_files(batch, spec.display(), sha)
    return found if found is not None else _files_at(repo.commit(sha), spec)


def files_at(sha: str, spec: GitSpec, *, cwd: Path) -> list[SourceFile]:
    """The schema's files at commit sha of the repository at cwd, through the commit's tree."""
    return _files_at(_local_repo(cwd).commit(sha), spec)


def verify_ref(ref: str, *, cwd: Path) -> str:
    """The commit ref names in the repository at cwd; a ref that names none is an error, with hints."""
    return str(_commit(_local_repo(cwd), ref, ref).hexsha)


def merge_base(ref: str, *, cwd: Path) -> str:
    """The merge base of HEAD and ref in the repository at cwd."""
    repo = _local_repo(cwd)
    try:
        bases = repo.merge_base("HEAD", _commit(repo, ref, ref))
    except git.GitCommandError:
        bases = []
    if not bases:
        raise SourceError(f"no merge base of HEAD and {ref} in {repo.working_dir}. {SHALLOW_HINT}")
    return str(bases[0].hexsha)


@contextmanager
def _resolved(
    spec: GitSpec, *, cwd: Path, cache_dir: Path | None, depth: int
) -> Iterator[tuple[git.Repo, git.Commit]]:
    """The repository and the commit spec names; a remote one's cache stays locked meanwhile."""
    if spec.url is None or not is_remote(spec.url):  # this repository, or one by path
        if spec.url is not None and not (cwd / spec.url).exists():
            raise SourceError(f"{spec.url}: no such folder (the repository named in {spec.display()})")
        repo = _local_repo(cwd if spec.url is None else cwd / spec.url)
        yield repo, _commit(repo, spec.ref, spec.display())
        return
    folder = cache.repo_folder(cache_dir or default_cache_dir(), spec.url)
    with cache.locked(folder, spec.display()) as usable:
        repo = git.Repo(folder) if usable else git.Repo.init(folder, bare=True, mkdir=True)
        ref = _fetch(repo, spec, depth)
        yield repo, _commit(repo, ref, spec.display())


def _local_repo(path: Path) -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise SourceError(f"{path}: not inside a git repository") from None


def _commit(repo: git.Repo, ref: str, what: str) -> git.Commit:
    """The commit ref names, as git itself reads it (so HEAD@{1}, main@{yesterday}, v2^ all work)."""
    try:
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        return repo.commit(sha)
    except (git.BadName, ValueError, git.GitCommandError):
        raise SourceError(
            f"{what}: no commit or ref {ref!r} in {repo.git_dir}.{_ref_hint(repo, ref)}"
        ) from None


def _ref_hint(repo: git.Repo, ref: str) -> str:
    """The nearest ref names; and, in a shallow or CI checkout, how to fetch what is missing."""
    hint = ""
    try:
        names = repo.git.for_each_ref("--format=%(refname:short)").split()
    except git.GitCommandError:
        names = []
    close = difflib.get_close_matches(ref, names, n=3, cutoff=0.6)
    if close:
        hint += f" Did you mean {' or '.join(close)}?"
    shallow = (Path(repo.git_dir) / "shallow").exists()
    if shallow or os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        hint += f" {SHALLOW_HINT}"
    elif not close:
        hint += " List the branches and tags with `git branch -a` and `git tag`."
    return hint


def _files_at(commit: git.Commit, spec: GitSpec) -> list[SourceFile]:
    try:
        obj = commit.tree / spec.path
    except KeyError:
        return []
    if isinstance(obj, git.Blob):
        return [SourceFile(spec.display(), _blob_text(obj, spec.display()), commit.hexsha)]
    blobs = sorted(
        (str(b.path), b)
        for b in obj.traverse()
        if isinstance(b, git.Blob) and str(b.path).endswith(".prisma")
    )
    prefix = spec.display()[: -len(spec.path)]  # "[URL#]REF:"
    return [SourceFile(prefix + path, _blob_text(b, prefix + path), commit.hexsha) for path, b in blobs]


def _blob_text(blob: git.Blob, display: str) -> str:
    error = files.too_big(display, blob.size)
    if error:
        raise error
    return decode_schema(blob.data_stream.read(), display)


def _fetch(repo: git.Repo, spec: GitSpec, depth: int) -> str:
    """Fetch spec's ref into a ref of its own, within the time limit; returns that ref."""
    assert spec.url is not None
    target = cache.private_ref(spec.ref)
    args = ["--quiet", "--no-tags", "--no-write-fetch-head", f"--depth={depth}"]
    limit = gitenv.timeout()
    start = time.monotonic()
    try:
        repo.git.fetch(
            *args,
            "--",
            spec.url,
            f"+{spec.ref}:{target}",
            env=gitenv.fetch_env(spec.url),
            kill_after_timeout=limit,
        )
    except git.GitCommandError as err:
        if time.monotonic() - start >= limit:
            why = f"no answer within {limit:g} s from {gitenv.host_of(spec.url)} (PRISMA_LINT_GIT_TIMEOUT)"
        else:
            why = f"git fetch failed: {_stderr(err)}"
        raise SourceError(_scrub(f"{spec.display()}: {why}")) from None
    return target


def _stderr(err: git.GitCommandError) -> str:
    text = (err.stderr or "").strip().replace("stderr: ", "").strip("'\" \n")
    return redact(" ".join(text.split())) or f"exit status {err.status}"


def _scrub(message: str) -> str:
    """Belt and braces: no message ever carries the token, in clear or encoded."""
    secret = gitenv.token()
    if not secret:
        return message
    return scrub_secret(scrub_secret(message, secret), gitenv.basic_auth(secret))


def work_tree(path: Path) -> Path | None:
    """The root of the git working tree holding path (a file or folder), if any."""
    folder = path if path.is_dir() else path.parent
    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    return Path(repo.working_tree_dir).resolve() if repo.working_tree_dir else None


def repo_path(path: Path, *, cwd: Path) -> str:
    """A working-tree path as a path inside its repository (for REF:PATH)."""
    repo = _local_repo(cwd)
    root = Path(repo.working_tree_dir or cwd).resolve()
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise SourceError(f"{path}: not inside the repository at {root}") from None
