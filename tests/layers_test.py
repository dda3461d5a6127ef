#!/usr/bin/env python3
"""Every #include of src/ and include/glossa/ against the layer matrix in
src/layers.txt: a file includes only its own layer and those beneath it,
public headers included; only the i18n layer includes ICU (<unicode/...>),
directly or through one of its headers. Prints each violation with its file
and line. Usage: layers_test.py SOURCE_DIR"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
allowed, public, icu_layers, order = {}, {}, set(), []
for line in (root / "src/layers.txt").read_text().splitlines():
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    if line.startswith("public "):
        _, header, layer = line.split()
        public[header] = layer
    elif line.startswith("icu "):
        icu_layers.update(line.split()[1:])
    else:
        layer, _, below = line.partition(":")
        allowed[layer] = set(below.split()) | {layer}
        order.append(layer)

include = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(path):
    rel = path.relative_to(root).as_posix()
    if rel.startswith("include/glossa/"):
        return public.get(rel[len("include/glossa/"):])
    for layer in sorted(allowed, key=len, reverse=True):
        if rel.startswith(f"src/{layer}/"):
            return layer
    return None


def includes(path):
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = include.match(text)
        if m:
            yield number, m.group(1), m.group(2)


files = sorted(p for p in list((root / "src").rglob("*")) + list((root / "include/glossa").glob("*"))
               if p.suffix in (".cpp", ".hpp"))
problems, checked = [], 0
# Headers that bring ICU in, directly or through others (to a fixed point).
icu_headers = {p.relative_to(root / "src").as_posix() for p in files
               if p.suffix == ".hpp" and any(k == "<" and n.startswith("unicode/") for _, k, n in includes(p))}
grew = True
while grew:
    grew = False
    for p in files:
        if not str(p).startswith(str(root / "src")) or p.suffix != ".hpp":
            continue
        name = p.relative_to(root / "src").as_posix()
        if name not in icu_headers and any(k == '"' and n in icu_headers for _, k, n in includes(p)):
            icu_headers.add(name)
            grew = True

for path in files:
    rel = path.relative_to(root).as_posix()
    layer = layer_of(path)
    if layer is None:
        problems.append(f"{rel}: belongs to no layer (add it to src/layers.txt)")
        continue
    for number, kind, name in includes(path):
        checked += 1
        where = f"{rel}:{number}"
        if kind == "<":
            if name.startswith("unicode/") and layer not in icu_layers:
                problems.append(f"{where}: <{name}>: ICU outside the i18n layer ({layer})")
            continue
        if name.startswith("glossa/"):
            target = public.get(name[len("glossa/"):])
            if target is None:
                problems.append(f"{where}: \"{name}\": a public header of no layer")
            elif target not in allowed[layer]:
                problems.append(f"{where}: \"{name}\" ({target}) from the {layer} layer")
            continue
        target = next((l for l in sorted(allowed, key=len, reverse=True) if name.startswith(l + "/")), None)
        if target is None:
            problems.append(f"{where}: \"{name}\": not in any layer's folder")
        elif target not in allowed[layer]:
            problems.append(f"{where}: \"{name}\" ({target}) from the {layer} layer")
        if name in icu_headers and layer not in icu_layers:
            problems.append(f"{where}: \"{name}\" brings ICU outside the i18n layer ({layer})")

for p in problems:
    print("FAIL:", p)
print(f"layers: {len(files)} files, {checked} includes, {len(problems)} violations")
sys.exit(1 if problems or checked < 300 else 0)
