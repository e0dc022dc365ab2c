#!/usr/bin/env python3
"""G1's young pauses phase by phase, from a lobby's -Xlog:gc+phases=debug file.

Usage: gc-phases.py PHASES_LOG [--gc GC_LOG] [--from HH:MM:SS --to HH:MM:SS] [--rows]

PHASES_LOG is written by --jvm-args "-Xlog:gc+phases=debug:file=/tmp/x-%p.log:utctime" (chat-load.mjs,
cluster-bench.sh); --gc is the harness's own --gc-log file of the same lobby (reports/<label>-gc-<pid>.log), which
gives each pause's kind and wall time. --from/--to keep the pauses that started in the measured window (UTC).
Cards are G1's 512-byte card-table entries: "merged" are the remembered sets' entries for the collection set plus the
refinement buffers' dirty cards, "scanned" what Scan Heap Roots walked, "roots" the old-to-young references it found,
"redirtied" the cards this pause marked again for the next one (they point at objects it copied into survivor regions).
"""
import re
import statistics
import sys

ROW = re.compile(r'^\[(?P<ts>[^\]]+)\].*GC\((?P<gc>\d+)\)\s+(?P<name>[A-Za-z][A-Za-z0-9 /\-]*?)(?: \(ms\))?:\s+(?P<rest>.*)$')
STAT = re.compile(r'Max:\s*([\d.]+).*Sum:\s*([\d.]+)')
PAUSE = re.compile(r'^\[(?P<ts>[^\]]+)\].*GC\((?P<gc>\d+)\) Pause (?P<kind>Young \([^)]*\)(?: \([^)]*\))?|Remark|Cleanup|Full \([^)]*\)).* (?P<ms>[\d.]+)ms$')

# column: (phase name in the log, 'ms' for a phase's own time, 'max' for the slowest worker, 'sum' for the total)
COLUMNS = [
    ('merge ms', 'Merge Heap Roots', 'ms'),
    ('merged cards', None, None),
    ('dirty cards', 'Dirty Cards', 'sum'),
    ('evac ms', 'Evacuate Collection Set', 'ms'),
    ('ext roots ms', 'Ext Root Scanning', 'max'),
    ('scan roots ms', 'Scan Heap Roots', 'max'),
    ('scanned cards', 'Scanned Cards', 'sum'),
    ('found roots', 'Found Roots', 'sum'),
    ('code roots ms', 'Code Root Scan', 'max'),
    ('copy ms', 'Object Copy', 'max'),
    ('copied MB', 'Copied Bytes', 'sum'),
    ('post ms', 'Post Evacuate Collection Set', 'ms'),
    ('redirtied cards', 'Redirtied Cards', 'sum'),
]
MERGED = ('Merged Inline', 'Merged ArrayOfCards', 'Merged Howl', 'Merged Full', 'Merged Cards')


def parse(path):
    pauses = {}
    for line in open(path, errors='replace'):
        m = ROW.match(line)
        if not m:
            continue
        gc = int(m['gc'])
        p = pauses.setdefault(gc, {'ts': m['ts'], 'merged cards': 0})
        name, rest = m['name'].strip(), m['rest']
        if re.fullmatch(r'[\d.]+ms', rest):
            p[('ms', name)] = float(rest[:-2])
            continue
        s = STAT.search(rest)
        if s:
            p[('max', name)] = float(s[1])
            p[('sum', name)] = float(s[2])
            if name in MERGED:
                p['merged cards'] += float(s[2])
    return pauses


def walls(path):
    out = {}
    for line in open(path, errors='replace'):
        m = PAUSE.match(line)
        if m:
            out[int(m['gc'])] = (m['kind'], float(m['ms']))
    return out


def main(argv):
    args = {'--gc': None, '--from': None, '--to': None}
    files, rows = [], False
    it = iter(argv)
    for a in it:
        if a in args:
            args[a] = next(it)
        elif a == '--rows':
            rows = True
        else:
            files.append(a)
    pauses = parse(files[0])
    wall = walls(args['--gc']) if args['--gc'] else {}
    table = []
    for gc, p in sorted(pauses.items()):
        t = p['ts'][11:19]
        if args['--from'] and t < args['--from'] or args['--to'] and t > args['--to']:
            continue
        kind, ms = wall.get(gc, ('?', float('nan')))
        if wall and not kind.startswith('Young'):
            continue
        row = {'gc': gc, 'time': t, 'kind': kind, 'pause ms': ms}
        for col, name, how in COLUMNS:
            if name is None:
                row[col] = p[col]
            else:
                v = p.get((how, name), float('nan'))
                row[col] = v / 1e6 if col == 'copied MB' else v
        table.append(row)
    cols = ['gc', 'time', 'kind', 'pause ms'] + [c for c, _, _ in COLUMNS]
    if rows:
        print('| ' + ' | '.join(cols) + ' |')
        print('|' + '---|' * len(cols))
        for r in table:
            print('| ' + ' | '.join(fmt(r[c]) for c in cols) + ' |')
    print(f'{len(table)} pauses; median (min-max):')
    for c in cols[3:]:
        vals = [r[c] for r in table if r[c] == r[c]]
        if vals:
            print(f'  {c}: {fmt(statistics.median(vals))} ({fmt(min(vals))}-{fmt(max(vals))})')


def fmt(v):
    if isinstance(v, float):
        return f'{v:,.0f}' if abs(v) >= 100 else f'{v:.1f}'
    return str(v)


if __name__ == '__main__':
    main(sys.argv[1:])
