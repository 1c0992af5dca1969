#!/usr/bin/env python3
"""The layering of heed's modules, held from now on (docs/architecture.md, "Layout").

    layers.py ROOT [--rules FILE]

Reads every header and source of ROOT's include/heed/<module>/ and src/<module>/ and fails,
naming file and line, when
  - a module includes heed/<other>/ that the table "module | may include" of the rules file
    (ROOT/docs/architecture.md by default: the table lives there only) does not allow it;
  - a public header includes a private one, or a source includes a private header of another
    module (private headers sit beside their module's sources: "name.h" or "module/name.h");
  - code below cli writes to the terminal or reads program options, or code outside app reads
    the environment (the MPI communicator excepted: it asks whether mpirun started it; and the
    CPU layer, which reads oneDNN's ONEDNN_MAX_CPU_ISA as oneDNN does).
It prints the modules' dependency matrix first (rows include columns, counts of #include lines).
--rules lets another tree (an older checkout) be measured against this tree's table.
"""
import argparse
import pathlib
import re
import sys

SOURCE_SUFFIXES = {".h", ".cc"}
# The top of the stack: the command line and the benchmarks may print and parse options.
TOOLS = {"cli", "bench"}
TERMINAL = re.compile(r"\b(std::cout|std::cerr|std::clog|stdout|stderr|printf|puts|perror)\b")
ENVIRONMENT = re.compile(r"\b(getenv|secure_getenv|environ)\b")
ENVIRONMENT_READERS = {"app"}
# The MPI communicator asks whether mpirun started it; the CPU layer reads oneDNN's own limit,
# ONEDNN_MAX_CPU_ISA, so that heed's kernels obey the variable exactly as oneDNN does.
ENVIRONMENT_FILES = {"src/train/communicator.cc", "src/core/cpu.cc"}
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)


def read_rules(path):
    """The table whose header is "| module | may include |": {module: set of modules}."""
    rules, in_table = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else None
        if cells is None:
            if in_table:
                break
            continue
        if [c.lower() for c in cells[:2]] == ["module", "may include"]:
            in_table = True
            continue
        if not in_table or set(cells[0]) <= set("-: "):
            continue
        module = cells[0].strip("`")
        rules[module] = set(re.findall(r"`([a-z_]+)`", cells[1]))
    if not rules:
        sys.exit(f"{path}: no table with the header '| module | may include |'")
    return rules


def blank(text, keep_strings):
    """The text with comments (and, unless keep_strings, string and character literals, raw ones
    included) replaced by spaces, newlines kept so that line numbers stay."""
    out, i, n = [], 0, len(text)

    def spaces(s):
        return re.sub(r"[^\n]", " ", s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(spaces(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(spaces(text[i:j]))
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            open_paren = text.find("(", i + 2)
            delimiter = text[i + 2:open_paren]
            j = text.find(")" + delimiter + '"', open_paren)
            j = n if j < 0 else j + len(delimiter) + 2
            out.append(text[i:j] if keep_strings else spaces(text[i:j]))
            i = j
        elif c in "\"'" and not (c == "'" and i > 0 and text[i - 1].isalnum()):  # 1'000 is a number
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i:j] if keep_strings else c + spaces(text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def files_of(root):
    """(module, path) of every header and source under include/heed/<module>/ and src/<module>/."""
    for base in (root / "include" / "heed", root / "src"):
        if not base.is_dir():
            continue
        for module_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            for path in sorted(module_dir.rglob("*")):
                if path.suffix in SOURCE_SUFFIXES and path.is_file():
                    yield module_dir.name, path


def check_file(root, module, path, rules, matrix, problems):
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    public = rel.startswith("include/")
    for m in INCLUDE.finditer(blank(text, keep_strings=True)):
        where, bracket, name = f"{rel}:{line_of(text, m.start())}", m.group(1), m.group(2)
        if bracket == "<" and not name.startswith("heed/"):
            continue
        if name.startswith("heed/"):
            target = name.split("/")[1]
            row = matrix.setdefault(module, {})
            row[target] = row.get(target, 0) + 1
            if target != module and target not in rules.get(module, set()):
                allowed = ", ".join(sorted(rules.get(module, set()))) or "nothing"
                problems.append(f"{where}: {module} includes {name}, but {module} may include only: {allowed}")
            continue
        if public:
            problems.append(f"{where}: the public header includes \"{name}\", a private header")
            continue
        own = root / "src" / module
        found = [p.resolve() for p in (path.parent / name, root / "src" / name) if p.is_file()]
        if not found or not all(own.resolve() in p.parents for p in found):
            problems.append(f"{where}: includes \"{name}\", which is not a private header of {module} (src/{module}/)")
    if module in TOOLS:
        return
    code = blank(text, keep_strings=False)
    for m in TERMINAL.finditer(code):
        problems.append(f"{rel}:{line_of(code, m.start())}: {m.group(1)}: below cli nothing writes to the terminal")
    for m in re.finditer(r"program_options", blank(text, keep_strings=True)):
        problems.append(f"{rel}:{line_of(text, m.start())}: program options are read in cli only")
    if module not in ENVIRONMENT_READERS and rel not in ENVIRONMENT_FILES:
        for m in ENVIRONMENT.finditer(code):
            problems.append(f"{rel}:{line_of(code, m.start())}: {m.group(1)}: the environment is read in app")


def print_matrix(matrix, modules):
    width = max(len(m) for m in modules) + 1
    print("includes (rows include columns; counts of #include lines)")
    print(" " * width + "".join(f"{m:>8}" for m in modules))
    for row in modules:
        counts = matrix.get(row, {})
        print(f"{row:<{width}}" + "".join(f"{counts.get(col, 0) or '.':>8}" for col in modules))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=pathlib.Path)
    parser.add_argument("--rules", type=pathlib.Path, help="the file with the table (default ROOT/docs/architecture.md)")
    args = parser.parse_args()
    root = args.root.resolve()
    rules = read_rules(args.rules or root / "docs" / "architecture.md")
    matrix, problems, seen = {}, [], set()
    for module, path in files_of(root):
        seen.add(module)
        check_file(root, module, path, rules, matrix, problems)
    for module in sorted(seen - set(rules)):
        problems.append(f"module {module} is not in the table of what each module may include")
    order = [m for m in rules if m in seen] + sorted(seen - set(rules))
    print_matrix(matrix, order)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(seen)} modules")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
