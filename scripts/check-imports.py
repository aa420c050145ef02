#!/usr/bin/env python3
"""Checks which folder of app/src may import which (the rule in ARCHITECTURE.md, "Layers"):

- domain/   pure logic: imports nothing of the app but domain/, and no I/O crate;
- server/   infrastructure: never a feature (capability) folder;
- shared    forms, layout, error, charts, i18n, browser: no feature either;
- features  (account/, calculator/, catalogue/, …) may use domain, the shared modules and
            server/, and another feature only through its public face: never its `handlers`
            or `store` modules;
- shell.rs  the composition root: may import everything.

Exits 1 and names each import that breaks the rule. A positive control first: the checker must
find the imports it reads (a broken pattern must not pass silently).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "app" / "src"
SHARED = {"browser", "charts", "domain", "forms", "layout", "error", "i18n", "i18n_keys", "server", "shell"}
PRIVATE = {"handlers", "store"}
IO_CRATES = re.compile(r"\b(sqlx|tokio|axum|reqwest|lettre|leptos_axum|std::fs|std::net)::")
PATH = re.compile(r"\bcrate::(\{[^}]*\}|\w+)(?:::(\w+))?")


def layer_of(path: pathlib.Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def features() -> set:
    return {p.name for p in ROOT.iterdir() if p.is_dir() and p.name not in SHARED}


def imports(text: str):
    """(module, submodule or None) for every `crate::…` path, grouped `use crate::{a, b}` too."""
    code = re.sub(r"//[^\n]*", "", text)  # comments may name modules freely
    for match in PATH.finditer(code):
        head, sub = match.group(1), match.group(2)
        if head.startswith("{"):
            for part in head.strip("{}").split(","):
                names = part.strip().split("::")
                if names[0]:
                    yield names[0], names[1] if len(names) > 1 else None
        else:
            yield head, sub


def check() -> list:
    feats = features()
    problems = []
    seen = 0
    for path in sorted(ROOT.rglob("*.rs")):
        layer = layer_of(path)
        text = path.read_text()
        rel = path.relative_to(ROOT.parent.parent)
        for module, sub in imports(text):
            seen += 1
            if layer == "shell" or module == layer:
                continue
            if layer == "domain":
                problems.append(f"{rel}: domain/ imports crate::{module}")
            elif layer in SHARED and module in feats:
                problems.append(f"{rel}: {layer} (shared) imports the feature crate::{module}")
            elif layer in feats and module in feats and sub in PRIVATE:
                problems.append(f"{rel}: {layer} imports crate::{module}::{sub}, another feature's {sub}")
        if layer == "domain" and IO_CRATES.search(re.sub(r"//[^\n]*", "", text)):
            problems.append(f"{rel}: domain/ uses an I/O crate ({IO_CRATES.search(text).group(1)})")
    if seen < 20:
        problems.append(f"positive control: only {seen} crate:: imports found; the pattern is broken")
    return problems


if __name__ == "__main__":
    found = check()
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        sys.exit(1)
    print("import rule: every folder imports only what it may")
