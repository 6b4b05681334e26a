"""Read each SubRip file under a built site with the `srt` library and the WebVTT
file beside it with `webvtt-py`, and check that they hold the same cues: the
same count, start and end (to the millisecond) and text. Prints each mismatch;
exits 1 if there is one, 2 if there is nothing to compare."""
import pathlib
import sys

import srt
import webvtt


def ms(td):
    return round(td.total_seconds() * 1000)


def vtt_ms(stamp):
    h, m, s = stamp.split(":")
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)


def main(root):
    files = sorted(pathlib.Path(root).rglob("*.srt"))
    if not files:
        print("no .srt files under", root)
        return 2
    bad = 0
    for path in files:
        subs = list(srt.parse(path.read_text(encoding="utf-8")))
        cues = webvtt.read(str(path.with_suffix(".vtt")))
        if len(subs) != len(cues):
            print(f"{path}: {len(subs)} SubRip cues, {len(cues)} WebVTT cues")
            bad += 1
            continue
        for i, (s, c) in enumerate(zip(subs, cues), 1):
            # WebVTT escapes &, < and >; SubRip text is plain.
            text = c.text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            if (ms(s.start), ms(s.end), s.content) != (vtt_ms(c.start), vtt_ms(c.end), text):
                print(f"{path} cue {i}: {ms(s.start)}-{ms(s.end)} {s.content!r} against {c.start}-{c.end} {text!r}")
                bad += 1
    print(f"{len(files)} SubRip files, {'%d mismatches' % bad if bad else 'every cue the same as in WebVTT'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
