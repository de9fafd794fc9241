"""Change records: what the portal copy adds, removes or changes.

Every change has a stable code. Codes are never renamed or reused: tools,
config files and CI rules depend on them. Each code is documented here, where
it is defined (docs/changes.md is generated from these entries and a test keeps
it in step).

Severity, by default:
- error: changes what the generated client reads or writes, or how it maps to
  the database: blocks, fields, types, attributes, enum values, the datasource.
  A client built from such a copy fails or misbehaves at run time.
- warning: changes what the generated client looks like but not what it does:
  documentation (it becomes JSDoc) and generator settings.
- notice: order only, reported with --strict. Prisma ignores order.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


class Kind(str, enum.Enum):
    ADDED = "added"  # present in the portal copy, not in the canonical schema
    REMOVED = "removed"  # present in the canonical schema, not in the portal copy
    CHANGED = "changed"
    MOVED = "moved"  # order only (--strict)


class Obj(str, enum.Enum):
    """What a record is about. Its `path` names one such thing (docs/json-output.md)."""

    DATASOURCE = "datasource"
    GENERATOR = "generator"
    SETTING = "setting"  # an entry of a datasource or generator: db.url
    MODEL = "model"
    VIEW = "view"
    TYPE = "type"
    ENUM = "enum"
    FIELD = "field"
    ENUM_VALUE = "enum_value"
    FIELD_ATTRIBUTE = "field_attribute"  # User.email@unique
    BLOCK_ATTRIBUTE = "block_attribute"  # User@@index([email, name])
    ENUM_VALUE_ATTRIBUTE = "enum_value_attribute"  # Role.ADMIN@map
    DOCUMENTATION = "documentation"  # path: the thing documented
    POLICY = "policy"  # check's ownership findings: a file and a position-free key

    @property
    def noun(self) -> str:
        """As a sentence starts: "Model", "Enum value", "Field attribute"."""
        return self.value.replace("_", " ").capitalize()


BLOCKS = (Obj.MODEL, Obj.VIEW, Obj.TYPE, Obj.ENUM, Obj.DATASOURCE, Obj.GENERATOR)


@dataclass(frozen=True)
class CodeInfo:
    severity: Severity
    objects: tuple[Obj, ...]  # what the `object` of its records can be
    kinds: tuple[Kind, ...]  # what their `kind` can be
    summary: str
    example: str  # a one-line message as the tool prints it

    @property
    def object(self) -> str:
        """The objects, for the docs: "model, view or type"."""
        names = [o.value for o in self.objects]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE
ADD, REM, CHG, MOV = (Kind.ADDED,), (Kind.REMOVED,), (Kind.CHANGED,), (Kind.MOVED,)
ANY = (Kind.ADDED, Kind.REMOVED, Kind.CHANGED)
MODELS = (Obj.MODEL, Obj.VIEW, Obj.TYPE)


def _code(
    severity: Severity, objects: Obj | tuple[Obj, ...], kinds: tuple[Kind, ...], summary: str, example: str
) -> CodeInfo:
    return CodeInfo(severity, objects if isinstance(objects, tuple) else (objects,), kinds, summary, example)


class Code(str, enum.Enum):
    """Stable change codes. The value is the code as printed and stored."""

    MODEL_ADDED = "MODEL_ADDED"
    MODEL_REMOVED = "MODEL_REMOVED"
    VIEW_ADDED = "VIEW_ADDED"
    VIEW_REMOVED = "VIEW_REMOVED"
    TYPE_ADDED = "TYPE_ADDED"
    TYPE_REMOVED = "TYPE_REMOVED"
    BLOCK_KIND_CHANGED = "BLOCK_KIND_CHANGED"
    ENUM_ADDED = "ENUM_ADDED"
    ENUM_REMOVED = "ENUM_REMOVED"
    DATASOURCE_ADDED = "DATASOURCE_ADDED"
    DATASOURCE_REMOVED = "DATASOURCE_REMOVED"
    DATASOURCE_CHANGED = "DATASOURCE_CHANGED"
    GENERATOR_ADDED = "GENERATOR_ADDED"
    GENERATOR_REMOVED = "GENERATOR_REMOVED"
    GENERATOR_CHANGED = "GENERATOR_CHANGED"
    FIELD_ADDED = "FIELD_ADDED"
    FIELD_REMOVED = "FIELD_REMOVED"
    FIELD_TYPE_CHANGED = "FIELD_TYPE_CHANGED"
    FIELD_OPTIONALITY_CHANGED = "FIELD_OPTIONALITY_CHANGED"
    FIELD_LIST_CHANGED = "FIELD_LIST_CHANGED"
    FIELD_ATTRIBUTE_ADDED = "FIELD_ATTRIBUTE_ADDED"
    FIELD_ATTRIBUTE_REMOVED = "FIELD_ATTRIBUTE_REMOVED"
    FIELD_ATTRIBUTE_CHANGED = "FIELD_ATTRIBUTE_CHANGED"
    ENUM_VALUE_ADDED = "ENUM_VALUE_ADDED"
    ENUM_VALUE_REMOVED = "ENUM_VALUE_REMOVED"
    ENUM_VALUE_ATTRIBUTE_CHANGED = "ENUM_VALUE_ATTRIBUTE_CHANGED"
    BLOCK_ATTRIBUTE_ADDED = "BLOCK_ATTRIBUTE_ADDED"
    BLOCK_ATTRIBUTE_REMOVED = "BLOCK_ATTRIBUTE_REMOVED"
    BLOCK_ATTRIBUTE_CHANGED = "BLOCK_ATTRIBUTE_CHANGED"
    DOCUMENTATION_CHANGED = "DOCUMENTATION_CHANGED"
    BLOCK_ORDER_CHANGED = "BLOCK_ORDER_CHANGED"
    MEMBER_ORDER_CHANGED = "MEMBER_ORDER_CHANGED"
    ATTRIBUTE_ORDER_CHANGED = "ATTRIBUTE_ORDER_CHANGED"
    PORTAL_STALE = "PORTAL_STALE"
    PORTAL_HAS_MIGRATIONS = "PORTAL_HAS_MIGRATIONS"
    PORTAL_RUNS_MIGRATE = "PORTAL_RUNS_MIGRATE"
    PORTAL_RUNS_DB_PUSH = "PORTAL_RUNS_DB_PUSH"
    PORTAL_RUNS_DB_PULL = "PORTAL_RUNS_DB_PULL"
    PORTAL_RUNS_DB_EXECUTE = "PORTAL_RUNS_DB_EXECUTE"
    PORTAL_RUNS_PRISMA8_DB = "PORTAL_RUNS_PRISMA8_DB"

    @property
    def info(self) -> CodeInfo:
        return CODES[self]


def code_for(obj: Obj, kind: Kind) -> Code:
    """The one code for a thing of this object that was added or removed (blocks)."""
    (code,) = (c for c, i in CODES.items() if i.objects == (obj,) and i.kinds == (kind,))
    return code


CODES: dict[Code, CodeInfo] = {
    Code.MODEL_ADDED: _code(
        E,
        Obj.MODEL,
        ADD,
        "A model exists only in the portal copy.",
        "Model AuditLog was added in the portal copy.",
    ),
    Code.MODEL_REMOVED: _code(
        E,
        Obj.MODEL,
        REM,
        "A model of the canonical schema is missing from the portal copy.",
        "Model Invoice was removed from the portal copy.",
    ),
    Code.VIEW_ADDED: _code(
        E,
        Obj.VIEW,
        ADD,
        "A view exists only in the portal copy.",
        "View PostStats was added in the portal copy.",
    ),
    Code.VIEW_REMOVED: _code(
        E,
        Obj.VIEW,
        REM,
        "A view is missing from the portal copy.",
        "View PostStats was removed from the portal copy.",
    ),
    Code.TYPE_ADDED: _code(
        E,
        Obj.TYPE,
        ADD,
        "A composite type exists only in the portal copy.",
        "Type Address was added in the portal copy.",
    ),
    Code.TYPE_REMOVED: _code(
        E,
        Obj.TYPE,
        REM,
        "A composite type is missing from the portal copy.",
        "Type Address was removed from the portal copy.",
    ),
    Code.BLOCK_KIND_CHANGED: _code(
        E,
        MODELS,
        CHG,
        "A block keeps its name but changes keyword (model, view, type); the object is the canonical one.",
        "Block PostStats changed from view to model in the portal copy.",
    ),
    Code.ENUM_ADDED: _code(
        E,
        Obj.ENUM,
        ADD,
        "An enum exists only in the portal copy.",
        "Enum Color was added in the portal copy.",
    ),
    Code.ENUM_REMOVED: _code(
        E,
        Obj.ENUM,
        REM,
        "An enum is missing from the portal copy.",
        "Enum Plan was removed from the portal copy.",
    ),
    Code.DATASOURCE_ADDED: _code(
        E,
        Obj.DATASOURCE,
        ADD,
        "A datasource block exists only in the portal copy.",
        "Datasource replica was added in the portal copy.",
    ),
    Code.DATASOURCE_REMOVED: _code(
        E,
        Obj.DATASOURCE,
        REM,
        "A datasource block is missing from the portal copy.",
        "Datasource db was removed from the portal copy.",
    ),
    Code.DATASOURCE_CHANGED: _code(
        E,
        Obj.SETTING,
        ANY,
        "A datasource setting is added, removed or changed.",
        'Datasource setting db.provider changed from "postgresql" to "mysql" in the portal copy.',
    ),
    Code.GENERATOR_ADDED: _code(
        W,
        Obj.GENERATOR,
        ADD,
        "A generator block exists only in the portal copy.",
        "Generator erd was added in the portal copy.",
    ),
    Code.GENERATOR_REMOVED: _code(
        W,
        Obj.GENERATOR,
        REM,
        "A generator block is missing from the portal copy.",
        "Generator client was removed from the portal copy.",
    ),
    Code.GENERATOR_CHANGED: _code(
        W,
        Obj.SETTING,
        ANY,
        "A generator setting is added, removed or changed.",
        'Generator setting client.output changed from "../a" to "../b" in the portal copy.',
    ),
    Code.FIELD_ADDED: _code(
        E,
        Obj.FIELD,
        ADD,
        "A field exists only in the portal copy.",
        "Field User.avatarUrl was added in the portal copy.",
    ),
    Code.FIELD_REMOVED: _code(
        E,
        Obj.FIELD,
        REM,
        "A field of the canonical schema is missing from the portal copy.",
        "Field User.email was removed from the portal copy.",
    ),
    Code.FIELD_TYPE_CHANGED: _code(
        E,
        Obj.FIELD,
        CHG,
        "A field's base type changed (one record, also when its arity changes with it).",
        "Field Invoice.amount changed type from Decimal to Float in the portal copy.",
    ),
    Code.FIELD_OPTIONALITY_CHANGED: _code(
        E,
        Obj.FIELD,
        CHG,
        "A field became optional, or required.",
        "Field User.name changed from optional (String?) to required (String) in the portal copy.",
    ),
    Code.FIELD_LIST_CHANGED: _code(
        E,
        Obj.FIELD,
        CHG,
        "A field became a list, or stopped being one.",
        "Field Post.tags changed from a list (String[]) to a single value (String) in the portal copy.",
    ),
    Code.FIELD_ATTRIBUTE_ADDED: _code(
        E,
        Obj.FIELD_ATTRIBUTE,
        ADD,
        "A field attribute exists only in the portal copy.",
        "Field User.email gained attribute @unique in the portal copy.",
    ),
    Code.FIELD_ATTRIBUTE_REMOVED: _code(
        E,
        Obj.FIELD_ATTRIBUTE,
        REM,
        "A field attribute is missing from the portal copy.",
        "Field Invoice.amount lost attribute @db.Decimal(12, 2) in the portal copy.",
    ),
    Code.FIELD_ATTRIBUTE_CHANGED: _code(
        E,
        Obj.FIELD_ATTRIBUTE,
        CHG,
        "A field attribute's arguments changed.",
        "Field User.role changed attribute @default(MEMBER) to @default(ADMIN) in the portal copy.",
    ),
    Code.ENUM_VALUE_ADDED: _code(
        E,
        Obj.ENUM_VALUE,
        ADD,
        "An enum value exists only in the portal copy.",
        "Enum value Role.GUEST was added in the portal copy.",
    ),
    Code.ENUM_VALUE_REMOVED: _code(
        E,
        Obj.ENUM_VALUE,
        REM,
        "An enum value is missing from the portal copy.",
        "Enum value InvoiceStatus.VOID was removed from the portal copy.",
    ),
    Code.ENUM_VALUE_ATTRIBUTE_CHANGED: _code(
        E,
        Obj.ENUM_VALUE_ATTRIBUTE,
        ANY,
        "An enum value's attribute (such as @map) is added, removed or changed.",
        'Enum value Role.ADMIN lost attribute @map("admin") in the portal copy.',
    ),
    Code.BLOCK_ATTRIBUTE_ADDED: _code(
        E,
        Obj.BLOCK_ATTRIBUTE,
        ADD,
        "A block attribute exists only in the portal copy.",
        "Block attribute User@@index([email]) was added in the portal copy.",
    ),
    Code.BLOCK_ATTRIBUTE_REMOVED: _code(
        E,
        Obj.BLOCK_ATTRIBUTE,
        REM,
        "A block attribute is missing from the portal copy.",
        'Block attribute User@@map("users") was removed from the portal copy.',
    ),
    Code.BLOCK_ATTRIBUTE_CHANGED: _code(
        E,
        Obj.BLOCK_ATTRIBUTE,
        CHG,
        "A block attribute's other arguments changed.",
        "Block attribute User@@index([email]) changed from @@index([email]) to "
        '@@index([email], map: "ix") in the portal copy.',
    ),
    Code.DOCUMENTATION_CHANGED: _code(
        W,
        Obj.DOCUMENTATION,
        ANY,
        "A `///` or block comment that Prisma keeps is added, removed or changed.",
        "Documentation of field Invoice.amount changed in the portal copy.",
    ),
    Code.BLOCK_ORDER_CHANGED: _code(
        N,
        BLOCKS,
        MOV,
        "Blocks stand in another order (--strict only).",
        "Model User moved from position 3 to 1 in the portal copy.",
    ),
    Code.MEMBER_ORDER_CHANGED: _code(
        N,
        (Obj.FIELD, Obj.ENUM_VALUE),
        MOV,
        "Fields or enum values stand in another order (--strict only).",
        "Field User.email moved from position 2 to 4 in the portal copy.",
    ),
    Code.ATTRIBUTE_ORDER_CHANGED: _code(
        N,
        Obj.FIELD_ATTRIBUTE,
        MOV,
        "A field's attributes stand in another order (--strict only); one record per attribute moved.",
        "Attribute @id of field User.id moved from position 1 to 2 in the portal copy.",
    ),
    Code.PORTAL_STALE: _code(
        E,
        Obj.POLICY,
        CHG,
        "The copy equals an older version of the canonical schema: nobody synced it (`check` only).",
        "The portal copy matches the canonical schema at 3f2a1c9 (2026-10-02), 4 schema commits behind. "
        "Run `prisma-lint sync`.",
    ),
    Code.PORTAL_HAS_MIGRATIONS: _code(
        E,
        Obj.POLICY,
        ADD,
        "The portal has a migrations folder where Prisma looks for one: `migrations.path` of "
        "prisma.config.ts, `migrations/` beside the schema, `prisma/migrations/`, or Prisma 8's "
        "`migrations/app/` (`check` only; switch: check-migrations).",
        "The portal repository has a migrations folder, prisma/migrations/. Migrations belong to the admin "
        "app that owns the schema; delete this folder.",
    ),
    # The PORTAL_RUNS_* codes share the switch check-migrate-commands and read only command
    # lines (see check/command_files.py); `generate`, `validate`, `format`, `migrate status`,
    # `migrate diff`, `db seed`, `studio` and `version` are allowed.
    Code.PORTAL_RUNS_MIGRATE: _code(
        E,
        Obj.POLICY,
        ADD,
        "A command line runs Prisma 6/7 `prisma migrate dev`, `deploy`, `reset` or `resolve`, which "
        "apply or record migrations; the subcommand is the sub-reason (`check` only).",
        "package.json runs `prisma migrate deploy` on line 7: it applies migrations to the database. "
        "Only the admin app may change the database; the portal runs `prisma generate` only.",
    ),
    Code.PORTAL_RUNS_DB_PUSH: _code(
        E,
        Obj.POLICY,
        ADD,
        "A command line runs `prisma db push`, which writes the schema to the database (`check` only).",
        ".github/workflows/ci.yml runs `npx prisma db push` on line 12: it writes the schema to the "
        "database. Only the admin app may change the database; the portal runs `prisma generate` only.",
    ),
    Code.PORTAL_RUNS_DB_PULL: _code(
        E,
        Obj.POLICY,
        ADD,
        "A command line runs `prisma db pull`, which overwrites the read-only copy with the "
        "database's schema (`check` only).",
        "package.json runs `prisma db pull` on line 4: it overwrites the read-only schema copy. Only the "
        "admin app may change the database; the portal runs `prisma generate` only.",
    ),
    Code.PORTAL_RUNS_DB_EXECUTE: _code(
        E,
        Obj.POLICY,
        ADD,
        "A command line runs `prisma db execute`, which runs SQL against the database (`check` only).",
        "Makefile runs `prisma db execute --file fix.sql` on line 3: it runs SQL against the database. "
        "Only the admin app may change the database; the portal runs `prisma generate` only.",
    ),
    Code.PORTAL_RUNS_PRISMA8_DB: _code(
        E,
        Obj.POLICY,
        ADD,
        "A command line runs Prisma 8 `prisma db init`, `update`, `migrate` or `sign`, which change "
        "the database or its contract marker; the subcommand is the sub-reason (`check` only).",
        "package.json runs `prisma db update` on line 6: it changes the database (Prisma 8). Only the "
        "admin app may change the database; the portal runs `prisma generate` only.",
    ),
}


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int
    text: str = field(default="", compare=False)  # the source line, for reporters to show


@dataclass(frozen=True)
class Parent:
    """The thing a record's thing lives in: a field's model, an attribute's field."""

    object: Obj
    path: str


@dataclass(frozen=True)
class Change:
    code: Code
    kind: Kind
    object: Obj
    path: str  # names one thing: User, User.email, User.email@unique, User@@index([email]), db.url
    severity: Severity
    message: str
    canonical: Location | None
    portal: Location | None
    anchor: Location | None = None  # where to point in the portal file when `portal` is None
    parent: Parent | None = None
    fingerprint: str = field(default="", compare=False)
    related: tuple[Change, ...] = ()  # PORTAL_STALE: the canonical changes the copy has not synced

    def with_fingerprint(self) -> Change:
        """Stable across unrelated edits and line shifts: no positions go in."""
        import hashlib  # ~3 ms to import; clean runs never need it

        key = "\0".join([self.code.value, self.kind.value, self.object.value, self.path])
        return replace(self, fingerprint=hashlib.sha256(key.encode()).hexdigest()[:16])


ORDER_CODES = frozenset({Code.BLOCK_ORDER_CHANGED, Code.MEMBER_ORDER_CHANGED, Code.ATTRIBUTE_ORDER_CHANGED})
