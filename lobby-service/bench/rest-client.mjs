// The driver's REST calls (sign-ups, rooms, joins) as a browser makes them: HTTP/1.1 with keep-alive, a pool of
// connections reused call after call (up to one per call in flight, as 160 browsers would hold), a JSON body.
// Two implementations of the same calls: Node's http module with a keep-alive agent (default) and `fetch` (undici,
// the harness's client before; `--http-client fetch`). On two cores shared with the lobby the driver's CPU per call
// is part of every join's latency (docs/benchmarks.md), and fetch's WHATWG layers (Headers, streams, AbortSignal)
// cost more per call than the request itself.
import http from 'node:http';

/** `post(base, path, token, body)` → the parsed JSON answer; throws on a status >= 300 ("path: status code"). */
export function restClient(kind, maxSockets) {
  return kind === 'fetch' ? fetchPost : agentPost(new http.Agent({ keepAlive: true, maxSockets }));
}

async function fetchPost(base, path, token, body) {
  const call = () => fetch(base + path, { method: 'POST', signal: AbortSignal.timeout(120_000),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body) });
  // once more on a kept-alive socket the lobby closed while idle (after --warm-rounds' wait): nothing was sent on it
  const r = await call().catch((e) => { if (e?.cause?.code === 'UND_ERR_SOCKET') return call(); throw e; });
  const json = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${json?.code ?? ''}`);
  return json;
}

function agentPost(agent) {
  const targets = new Map(); // base URL -> { host, port }, parsed once
  const once = (base, path, headers, payload) => new Promise((ok, fail) => {
    let t = targets.get(base);
    if (!t) { const u = new URL(base); t = { host: u.hostname, port: Number(u.port) || 80 }; targets.set(base, t); }
    const req = http.request({ agent, ...t, path, method: 'POST', headers, timeout: 120_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => ok({ status: res.statusCode, type: res.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer within 120 s`)));
    // a kept-alive socket the lobby closed while idle fails before anything was read: marked for one retry
    req.on('error', (e) => { e.retry = req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE'); fail(e); });
    req.end(payload);
  });
  return async (base, path, token, body) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload),
      ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const r = await once(base, path, headers, payload).catch((e) => { if (e.retry) return once(base, path, headers, payload); throw e; });
    const json = r.type.includes('json') && r.text ? JSON.parse(r.text) : null;
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${json?.code ?? ''}`);
    return json;
  };
}
