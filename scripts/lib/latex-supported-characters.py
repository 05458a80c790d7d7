#!/usr/bin/env python3
"""Prints LaTeXCharacters.supportedRanges: the non-ASCII characters that pdflatex sets with the
renderer's preamble (cmap, T1 fontenc, utf8 inputenc, textcomp, hyperref) on this machine.

Every character that inputenc's .dfu files declare is typeset, in text and in a PDF string; those
that give an error or a missing glyph are dropped and the rest compiled again until none fails.
Needs only texlive-latex-recommended. Run it in an empty folder after a TeX Live upgrade.
"""
import re
import subprocess

BASE = subprocess.run(["kpsewhich", "utf8enc.dfu"], capture_output=True, text=True).stdout.strip().rsplit("/", 1)[0]
PREAMBLE = [r"\documentclass{article}", r"\usepackage{cmap}", r"\usepackage[T1]{fontenc}",
            r"\usepackage[utf8]{inputenc}", r"\usepackage{textcomp}", r"\usepackage{hyperref}",
            r"\begin{document}", r"\tracinglostchars=2"]

codes = set()
for name in ["utf8enc.dfu", "t1enc.dfu", "ts1enc.dfu", "ot1enc.dfu", "omsenc.dfu"]:
    codes |= set(re.findall(r"DeclareUnicodeCharacter\{([0-9A-F]+)\}", open(f"{BASE}/{name}").read()))
codes = sorted(codes, key=lambda c: int(c, 16))
bad = set()
while True:
    good = [c for c in codes if c not in bad]
    lines = PREAMBLE + ["\\typeout{CHAR %s}%s\\par\\pdfstringdef\\x{%s}" % (c, chr(int(c, 16)), chr(int(c, 16))) for c in good]
    open("chars.tex", "w").write("\n".join(lines + [r"\end{document}"]) + "\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "chars.tex"], capture_output=True)
    log = open("chars.log", encoding="latin-1").read()
    failed = {good[int(m.group(1)) - len(PREAMBLE) - 1] for m in re.finditer(r"^l\.(\d+) ", log, re.M)
              if 0 <= int(m.group(1)) - len(PREAMBLE) - 1 < len(good)}
    current = None
    for line in log.split("\n"):
        m = re.match(r"CHAR ([0-9A-F]+)", line)
        current = m.group(1) if m else current
        if "Missing character" in line or "unavailable" in line:
            failed.add(current)
    if not failed:
        break
    bad |= failed

ranges = []
for value in (int(c, 16) for c in good):
    if ranges and ranges[-1][1] == value - 1:
        ranges[-1][1] = value
    else:
        ranges.append([value, value])
print(", ".join("0x%04X...0x%04X" % (low, high) for low, high in ranges))
