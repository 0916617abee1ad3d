#!/usr/bin/env python3
"""Fails when two files of src/ depend on each other through their includes.

A unit is a file pair (x.hpp with x.cpp, and x.inc): unit A depends on unit B when
a file of A includes a header of B. Every cycle of that graph (A needs B and B
needs A, directly or through others) is printed with the includes that close it.
Usage: scripts/check_include_cycles.py [ROOT]   (ROOT defaults to this checkout)"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
src = os.path.join(root, 'src')
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

files = []
for d, _, names in os.walk(src):
    files += [os.path.relpath(os.path.join(d, n), src) for n in names if n.endswith(('.cpp', '.hpp', '.inc', '.h'))]
present = set(files)


def unit(path):
    return os.path.splitext(path)[0]


def resolve(includer, name):
    for base in (os.path.dirname(includer), '', 'app'):
        p = os.path.normpath(os.path.join(base, name))
        if p in present:
            return p
    return None


edges = {}  # unit -> {unit: "file includes header"}
for f in files:
    with open(os.path.join(src, f), encoding='utf-8') as fh:
        for name in include.findall(fh.read()):
            t = resolve(f, name)
            if t is not None and unit(t) != unit(f):
                edges.setdefault(unit(f), {}).setdefault(unit(t), f'{f} includes {t}')

# Tarjan's strongly connected components; a component of more than one unit is a cycle.
index, low, stack, on_stack, cycles = {}, {}, [], set(), []


def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on_stack.add(v)
    for w in edges.get(v, {}):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop()
            on_stack.discard(w)
            component.append(w)
            if w == v:
                break
        if len(component) > 1:
            cycles.append(sorted(component))


sys.setrecursionlimit(10000)
for v in sorted({unit(f) for f in files}):
    if v not in index:
        visit(v)
for component in cycles:
    members = set(component)
    print('include cycle: ' + ', '.join(component))
    for a in component:
        for b, why in sorted(edges.get(a, {}).items()):
            if b in members:
                print('  ' + why)
if cycles:
    print(f'{len(cycles)} include cycle(s): move what both sides need into a header of its own')
    sys.exit(1)
print(f'no include cycles among {len(present)} files of src/')
