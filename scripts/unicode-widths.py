#!/usr/bin/env python3
"""Writes Sources/QuireUI/Text/WidthTable.swift, the terminal width class of every code point,
from the Unicode Character Database.

    scripts/unicode-widths.py [UCD_DIR]     (default /usr/share/unicode, Debian's unicode-data)

The version is read from the data files (all must agree) and written into the table. Classes:
  0  zero width: general category Cc, Cf, Zl, Zp, Mn, Me, and the Hangul jamo vowels and final
     consonants (Hangul_Syllable_Type V and T) that join the jamo before them
  2  wide: East_Asian_Width W or F (with the file's defaults for unassigned code points, such as
     planes 2 and 3), Emoji_Presentation, and the unassigned code points of a block (Blocks.txt)
     whose assigned characters are all wide, where later versions add more of the same (new
     CJK strokes, kana, Tangut)
  3  other unassigned code points: the Swift runtime's own, newer, Unicode properties decide
     (new emoji, marks and controls; East_Asian_Width is not among them)
  1  everything else
"""
import os
import re
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "QuireUI", "Text", "WidthTable.swift")
LAST = 0x10FFFF
BLOCK = 256          # code points per block of the second stage
PER_BYTE = 4         # 2-bit classes


def version(path):
    with open(path, encoding="utf-8") as f:
        head = f.read(2000)
    m = re.search(r"-(\d+\.\d+\.\d+)\.txt", head) or re.search(r"Emoji Version (\d+\.\d+)", head)
    if not m:
        sys.exit(f"no Unicode version in {path}")
    return m.group(1)


def ranges(path, missing=False):
    """(first, last, value) for every data line, and for `# @missing:` lines if asked (first)."""
    found, defaults = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if missing and line.startswith("# @missing:"):
                span, value = line[len("# @missing:"):].split(";")
                defaults.append((*bounds(span), value.strip()))
                continue
            data = line.split("#", 1)[0].strip()
            if not data:
                continue
            span, value = [part.strip() for part in data.split(";")[:2]]
            found.append((*bounds(span), value))
    return defaults + found


def bounds(span):
    span = span.strip()
    first, _, last = span.partition("..")
    return int(first, 16), int(last or first, 16)


def main():
    files = {
        "category": os.path.join(UCD, "extracted", "DerivedGeneralCategory.txt"),
        "width": os.path.join(UCD, "extracted", "DerivedEastAsianWidth.txt"),
        "hangul": os.path.join(UCD, "HangulSyllableType.txt"),
        "emoji": os.path.join(UCD, "emoji", "emoji-data.txt"),
        "blocks": os.path.join(UCD, "Blocks.txt"),
    }
    versions = {name: version(path) for name, path in files.items()}
    ucd_version = versions["category"]
    for name, v in versions.items():
        if not ucd_version.startswith(v):
            sys.exit(f"{files[name]} is Unicode {v}, not {ucd_version}")

    category = ["Cn"] * (LAST + 1)
    for first, last, value in ranges(files["category"]):
        category[first:last + 1] = [value] * (last - first + 1)
    wide = [False] * (LAST + 1)
    # Defaults first (the whole range Neutral, then the blocks that default to Wide), then data.
    for first, last, value in ranges(files["width"], missing=True):
        flag = value in ("W", "F", "Wide", "Fullwidth")
        wide[first:last + 1] = [flag] * (last - first + 1)
    joining = [False] * (LAST + 1)
    for first, last, value in ranges(files["hangul"]):
        if value in ("V", "T"):
            joining[first:last + 1] = [True] * (last - first + 1)
    presentation = [False] * (LAST + 1)
    for first, last, value in ranges(files["emoji"]):
        if value == "Emoji_Presentation":
            presentation[first:last + 1] = [True] * (last - first + 1)

    zero = {"Cc", "Cf", "Zl", "Zp", "Mn", "Me"}
    classes = bytearray(LAST + 1)
    for cp in range(LAST + 1):
        c = category[cp]
        if c in zero or joining[cp]:
            classes[cp] = 0
        elif wide[cp] or presentation[cp]:
            classes[cp] = 2
        elif c == "Cn":
            classes[cp] = 3
        else:
            classes[cp] = 1
    for first, last, _ in ranges(files["blocks"]):
        assigned = [classes[cp] for cp in range(first, last + 1) if category[cp] != "Cn"]
        if assigned and all(w == 2 for w in assigned):
            for cp in range(first, last + 1):
                if classes[cp] == 3:
                    classes[cp] = 2

    blocks, stage1 = {}, []
    for start in range(0, LAST + 1, BLOCK):
        packed = bytearray(BLOCK // PER_BYTE)
        for i in range(BLOCK):
            packed[i // PER_BYTE] |= classes[start + i] << (2 * (i % PER_BYTE))
        stage1.append(blocks.setdefault(bytes(packed), len(blocks)))
    if len(blocks) > 256:
        sys.exit(f"{len(blocks)} distinct blocks do not fit a UInt8 index")
    stage2 = b"".join(sorted(blocks, key=blocks.get))

    def rows(values, width):
        # Whole blocks to a line: distinct blocks make distinct lines.
        values = list(values)
        return "\n".join("        " + ", ".join(f"0x{v:02X}" for v in values[i:i + width]) + ","
                         for i in range(0, len(values), width))

    with open(OUT, "w", encoding="utf-8") as f:
        f.write(f"""// Generated by scripts/unicode-widths.py from the Unicode Character Database {ucd_version}
// (Debian's unicode-data). Do not edit: run the script again for a new Unicode version.

/// The terminal width class of every code point, Unicode {ucd_version}: 0 zero width, 1 narrow,
/// 2 wide, 3 unassigned in {ucd_version} (see `DisplayWidth`). Two stages: a block number per 256
/// code points, then 2 bits per code point.
enum WidthTable {{
    static let unicodeVersion = "{ucd_version}"

    @inline(__always)
    static func widthClass(_ v: UInt32) -> Int {{
        let block = Int(blocks[Int(v >> 8)])
        let byte = classes[block << 6 | Int((v & 0xFF) >> 2)]
        return Int(byte >> ((v & 3) << 1) & 3)
    }}

    /// Block number of each 256 code points.
    static let blocks: [UInt8] = [
{rows(stage1, len(stage1))}
    ]

    /// 64 bytes per distinct block, four 2-bit classes a byte, lowest bits first.
    static let classes: [UInt8] = [
{rows(stage2, BLOCK // PER_BYTE)}
    ]
}}
""")
    print(f"Unicode {ucd_version}: {len(blocks)} distinct blocks, {len(stage1) + len(stage2)} bytes -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
