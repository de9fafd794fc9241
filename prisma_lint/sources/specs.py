"""What a schema argument names: a path, `REF:PATH` here, or `URL#REF:PATH` elsewhere.

    prisma/schema.prisma                                   a file (or a folder)
    origin/main:prisma/schema.prisma                       REF:PATH in this repository
    https://github.com/acme/admin.git#main:prisma/schema.prisma   a remote repository
    git@github.com:acme/admin.git#v2.3.0:prisma/schema     over ssh
    ../admin#HEAD:prisma/schema.prisma                     a local repository

A text is parsed once into a tagged value, a PathSpec or a GitSpec; only a
PathSpec is ever read from disk. Anything that looks like a URL (`scheme://`,
`user@host:`) is a GitSpec even when a file of that name exists, so a file in
a pull request cannot stand in for a remote schema. Otherwise an existing path
wins, so a file whose name has a colon still works.
Checked here, before git runs: no `ext::` transport, no argument that git
could read as an option, only https, ssh or local repositories (file:// only
when PRISMA_LINT_ALLOW_FILE_URLS=1, which the tests set).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from prisma_lint.errors import SourceError
from prisma_lint.sources.redact import redact

SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:")  # git@github.com:org/repo.git
URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # https://, ssh://, file://, ext://...


@dataclass(frozen=True)
class PathSpec:
    """A file or folder on disk, as given."""

    path: str

    def display(self) -> str:
        return self.path


@dataclass(frozen=True)
class GitSpec:
    url: str | None  # None: the repository the command runs in
    ref: str
    path: str

    def display(self) -> str:
        """How to name this source in output: never with credentials."""
        where = f"{redact(self.url)}#" if self.url else ""
        return f"{where}{self.ref}:{self.path}"


def parse_source(text: str, cwd: Path | None = None) -> PathSpec | GitSpec:
    """What `text` names: a path on disk, or a schema in git."""
    base = cwd or Path.cwd()
    if looks_like_url(text):
        if "#" not in text:
            example = f"{redact(text)}#main:prisma/schema.prisma"
            raise SourceError(f"{redact(text)}: a repository URL needs #REF:PATH, e.g. {example}")
        return _git_spec(text)
    if ":" not in text or (base / text).exists():
        return PathSpec(text)
    return _git_spec(text)


def parse_spec(text: str, cwd: Path | None = None) -> GitSpec | None:
    """A GitSpec, or None when `text` is a plain file or folder path."""
    parsed = parse_source(text, cwd)
    return parsed if isinstance(parsed, GitSpec) else None


def looks_like_url(text: str) -> bool:
    return bool(URL_LIKE.match(text) or SCP_LIKE.match(text))


def _git_spec(text: str) -> GitSpec:
    url: str | None = None
    rest = text
    if "://" in text and "#" not in text:
        raise SourceError(
            f"{redact(text)}: a repository URL needs #REF:PATH, e.g. URL#main:prisma/schema.prisma"
        )
    if "#" in text:
        url, rest = text.rsplit("#", 1)
        check_url(url)
    ref, sep, path = rest.partition(":")
    if not sep or not ref or not path:
        raise SourceError(
            f"{redact(text)}: expected REF:PATH or URL#REF:PATH, e.g. origin/main:prisma/schema.prisma"
        )
    if ref.startswith("-") or path.startswith("-"):
        raise SourceError(f"{redact(text)}: a ref or path may not start with '-'")
    return GitSpec(url, ref, path.strip("/"))


def check_url(url: str) -> None:
    """Refuse what could make git run a command or read an option."""
    if not url or url.startswith("-"):
        raise SourceError(f"{redact(url)}: not a repository URL")
    if "::" in url:
        raise SourceError(f"{redact(url)}: remote helper transports (such as ext::) are not allowed")
    if url.startswith("file://"):
        if os.environ.get("PRISMA_LINT_ALLOW_FILE_URLS") != "1":
            raise SourceError(
                f"{redact(url)}: file:// URLs are not allowed; give the repository's path instead"
            )
        return
    if "://" in url and not url.startswith(("https://", "ssh://")):
        raise SourceError(f"{redact(url)}: only https://, ssh:// and git@host: URLs, or a local path")


def is_remote(url: str) -> bool:
    return url.startswith(("https://", "ssh://", "file://")) or bool(SCP_LIKE.match(url))
