#!/bin/sh
# Remakes the card fonts of this folder from Debian's Noto packages, subset to
# what share cards need (README.md says why and what each covers):
#   apt-get install fonts-noto-core fonts-noto-cjk   (bookworm: 20201225-1, 1:20220127+repack1-1)
#   pip install fonttools==4.68.0
set -eu
here=$(dirname "$0")
noto=/usr/share/fonts/truetype/noto
cjk=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
# JIS X 0208 (every two-byte EUC-JP code: kana, both kanji levels, symbols),
# with Latin, punctuation, CJK punctuation and the full-width forms.
python3 - >"$here/.jp-unicodes" <<'PY'
cps = set()
for a in range(0xA1, 0xFF):
    for b in range(0xA1, 0xFF):
        try:
            cps.update(map(ord, bytes([a, b]).decode("euc_jp")))
        except UnicodeDecodeError:
            pass
for lo, hi in [(0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x2190, 0x21FF),
               (0x2460, 0x24FF), (0x3000, 0x30FF), (0xFF00, 0xFFEF)]:
    cps.update(range(lo, hi + 1))
print("\n".join("U+%04X" % c for c in sorted(cps)))
PY
pyftsubset "$cjk" --font-number=0 --unicodes-file="$here/.jp-unicodes" \
  --layout-features=kern,ccmp --name-IDs='*' --no-hinting \
  --output-file="$here/NotoSansJP-Bold.otf"
rm "$here/.jp-unicodes"
pyftsubset "$noto/NotoSans-Bold.ttf" --no-hinting --output-file="$here/NotoSans-Bold.ttf" \
  --unicodes=U+0020-007E,U+00A0-024F,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF
pyftsubset "$noto/NotoSansArabic-Bold.ttf" --no-hinting --output-file="$here/NotoSansArabic-Bold.ttf" \
  --unicodes=U+0020-007E,U+00A0,U+0600-06FF,U+0750-077F,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF
