#!/usr/bin/env python3
"""WebSocket frames of a loopback capture (tcpdump -i lo -w FILE 'tcp port P'), for checking that two driver
versions put the same bytes on the wire (driver25). Reassembles each TCP direction, reads the HTTP upgrade and
then the frames (client frames unmasked with their key, compressed ones inflated when permessage-deflate was
agreed) and prints one normalised line per frame: ids, tokens, numbers and times replaced, so that two runs
compare with `diff <(... a.pcap | sort | uniq -c) <(... b.pcap | sort | uniq -c)`.
   python3 ws-frames.py capture.pcap LOBBY_PORT|0 [--raw]"""
import re, struct, sys, zlib
from collections import defaultdict

path, port = sys.argv[1], int(sys.argv[2])  # 0: the port the first `GET /ws` went to
raw = '--raw' in sys.argv
data = open(path, 'rb').read()
magic = struct.unpack('<I', data[:4])[0]
endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
linktype = struct.unpack(endian + 'I', data[20:24])[0]
streams = defaultdict(bytearray)  # (client port, 'c2s'|'s2c') -> bytes in seq order (loopback: in order, no loss)
seen = set()
off = 24
while off + 16 <= len(data):
    _, _, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
    pkt = data[off + 16: off + 16 + incl]
    off += 16 + incl
    l2 = 14 if linktype == 1 else (16 if linktype == 113 else 4 if linktype == 0 else 14)
    ip = pkt[l2:]
    if not ip or ip[0] >> 4 != 4:
        continue
    ihl = (ip[0] & 15) * 4
    tot = struct.unpack('>H', ip[2:4])[0]
    tcp = ip[ihl:tot]
    sp, dp, seq = struct.unpack('>HHI', tcp[:8])
    thl = (tcp[12] >> 4) * 4
    payload = bytes(tcp[thl:])
    if not payload:
        continue
    if port == 0 and payload.startswith(b'GET /ws'):
        port = dp
    if port == 0 or port not in (sp, dp):
        continue
    key = (sp, 'c2s') if dp == port else (dp, 's2c')
    if (key, seq) in seen:  # retransmission
        continue
    seen.add((key, seq))
    streams[key] += payload

norm_rules = [
    (re.compile(r'Bearer [^\\\r\n]+'), 'Bearer <token>'),  # first: a token holds digits and dashes
    (re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'), '<uuid>'),
    (re.compile(r'"name":"[^"]*"'), '"name":<name>'),  # the bench's player names carry a random tag per run
    (re.compile(r'Sec-WebSocket-(Key|Accept): \S+'), r'Sec-WebSocket-\1: <key>'),
    (re.compile(r'\d{4}-\d\d-\d\dT[0-9:.]+Z'), '<time>'),
    (re.compile(r'(Date|Host): [^\r\n]+'), r'\1: <x>'),
    (re.compile(r'\d+'), 'N'),
]
def norm(s):
    for rx, rep in norm_rules:
        s = rx.sub(rep, s)
    return s

def frames(buf, client):
    i, out = 0, []
    while i + 2 <= len(buf):
        b0, b1 = buf[i], buf[i + 1]
        n, j = b1 & 127, i + 2
        if n == 126: n, j = struct.unpack('>H', buf[j:j + 2])[0], j + 2
        elif n == 127: n, j = struct.unpack('>Q', buf[j:j + 8])[0], j + 8
        mask = None
        if b1 & 128: mask, j = buf[j:j + 4], j + 4
        if j + n > len(buf): break
        p = bytes(buf[j:j + n])
        if mask: p = bytes(c ^ mask[k % 4] for k, c in enumerate(p))
        out.append((b0, bool(b1 & 128), p, len(buf[i:j + n])))
        i = j + n
    return out

for (cport, d), buf in sorted(streams.items()):
    end = buf.find(b'\r\n\r\n')
    if end < 0 or not buf.startswith((b'GET /ws', b'HTTP/1.1 101')):
        continue  # REST calls, not a WebSocket
    head = buf[:end].decode('latin-1')
    deflate = 'permessage-deflate' in head
    print(f'{d} handshake ' + norm(head).replace('\r\n', ' | '))
    inflater = zlib.decompressobj(-15)
    for b0, masked, p, size in frames(buf[end + 4:], d == 'c2s'):
        if b0 & 0x40:  # RSV1: compressed message
            p = (inflater if True else None).decompress(p + b'\x00\x00\xff\xff')
        text = p.decode('utf-8', 'replace')
        line = f'{d} fin={b0 >> 7} rsv1={(b0 >> 6) & 1} op={b0 & 15} masked={int(masked)} ' + (repr(text) if raw else norm(repr(text)))
        print(line)
