// Sums V8 CPU profiles (clients.mjs --client-cpu-prof) by layer: self time of each sampled frame, put in the layer of
// the frame's script (stompjs's parser, its frame/handler code, ws's receiver/sender/deflate, the harness...), and the
// profiler's own pseudo-frames ((garbage collector), (program): native work outside JS such as libuv's reads and
// zlib, (idle)). Also the top self-time functions.   node cpu-prof-split.mjs DIR/*.cpuprofile
import { readFileSync } from 'node:fs';

const layers = [
  [/stompjs\/.*parser\.js$/, 'stompjs Parser (byte-by-byte)'],
  [/stompjs\/.*frame-impl\.js$/, 'stompjs FrameImpl (headers, serialise, body decode)'],
  [/stompjs\//, 'stompjs handler/client (dispatch, heart-beats, publish)'],
  [/ws\/lib\/(permessage-deflate|extension)\.js$/, 'ws permessage-deflate (inflate glue)'],
  [/ws\/lib\/receiver\.js$/, 'ws Receiver (framing, UTF-8 check)'],
  [/ws\/lib\/(sender|buffer-util)\.js$/, 'ws Sender (framing, masking)'],
  [/ws\/lib\//, 'ws WebSocket/EventTarget (dispatch)'],
  [/clients\.mjs$/, 'harness (clients.mjs callback, send tick)'],
  [/^node:(internal\/)?(timers|internal\/timers)/, 'Node timers'],
  [/^node:(zlib|internal\/zlib)/, 'Node zlib (JS side)'],
  [/^node:(_http_|http$|internal\/http)/, 'Node http (the upgrade request and its 101: ws opens a connection through it)'],
  [/^node:(net|stream|internal\/stream|internal\/streams|internal\/stream_base_commons|internal\/net)/, 'Node net/stream (per read)'],
  [/^node:/, 'Node other internals'],
];
const layerOf = (url, fn) => {
  if (fn === '(garbage collector)') return 'V8 GC';
  if (fn === '(idle)') return '(idle)';
  if (fn === '(program)') return '(program): native outside JS (libuv reads/writes, zlib)';
  // a socket's system calls, sampled in the calling thread with the loopback's kernel work (the other end's receive
  // runs in the sender's softirq): TCP connect, writes of the upgrade request (a string) and of the frames (writev)
  if (!url && /^(connect|writev|writeLatin1String|writeUtf8String|writeBuffer|setNoDelay|readStart|close)$/.test(fn)) return 'socket system calls (connect, writes: with the loopback\'s kernel work)';
  if (!url) return `native/builtin: ${fn || '(anonymous)'}`;
  for (const [re, name] of layers) if (re.test(url)) return name;
  return url;
};
const by = new Map(), fns = new Map();
let total = 0, idle = 0;
for (const file of process.argv.slice(2)) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const node = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) {
    const n = node.get(p.samples[i]), us = dt[i + 1] ?? 0;
    const { url, functionName } = n.callFrame;
    const layer = layerOf(url, functionName);
    if (layer === '(idle)') { idle += us; continue; }
    total += us;
    by.set(layer, (by.get(layer) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
}
console.log(`busy ${(total / 1e6).toFixed(2)} s sampled (idle ${(idle / 1e6).toFixed(2)} s) over ${process.argv.length - 2} profiles`);
for (const [k, v] of [...by].sort((a, b) => b[1] - a[1])) console.log(`${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`);
console.log('\ntop self time:');
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`);
