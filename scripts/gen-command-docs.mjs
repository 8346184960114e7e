// Regenerates data/command-docs.json from a throwaway local redis-server's COMMAND DOCS and COMMAND (flags, arity, ACL categories).
// Usage: node scripts/gen-command-docs.mjs [--server redis-server] [--out data/command-docs.json]
// The server listens on a unix socket only (--port 0), so it never competes for a TCP port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const opt = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const serverBin = opt('--server', 'redis-server');
const outFile = path.resolve(root, opt('--out', 'data/command-docs.json'));

/** Minimal RESP2 reader: returns [value, nextOffset] or undefined when the buffer is incomplete. */
function parse(buf, at) {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const head = buf.toString('latin1', at + 1, eol);
  const next = eol + 2;
  switch (buf[at]) {
    case 0x2b: return [head, next]; // +
    case 0x2d: throw new Error(`server error: ${head}`);
    case 0x3a: return [Number(head), next]; // :
    case 0x24: { // $
      const n = Number(head);
      if (n < 0) return [null, next];
      if (buf.length < next + n + 2) return undefined;
      return [buf.toString('utf8', next, next + n), next + n + 2];
    }
    case 0x2a: { // *
      const n = Number(head);
      const items = [];
      let pos = next;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, pos);
        if (!r) return undefined;
        items.push(r[0]);
        pos = r[1];
      }
      return [n < 0 ? null : items, pos];
    }
    default: throw new Error(`unexpected RESP type byte ${buf[at]}`);
  }
}

function command(socketPath, argv) {
  return new Promise((resolve, reject) => {
    const sock = net.createConnection(socketPath);
    let data = Buffer.alloc(0);
    sock.on('error', reject);
    sock.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      try {
        const r = parse(data, 0);
        if (r) { sock.end(); resolve(r[0]); }
      } catch (err) { sock.destroy(); reject(err); }
    });
    sock.write(`*${argv.length}\r\n${argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

const pairs = (arr) => {
  const o = {};
  for (let i = 0; i + 1 < arr.length; i += 2) o[arr[i]] = arr[i + 1];
  return o;
};

/** One COMMAND DOCS argument, keeping only what help/hints/completion use. */
function arg(raw) {
  const a = pairs(raw);
  const out = { name: a.name, type: a.type };
  for (const k of ['token', 'display_text', 'value', 'since']) if (a[k] !== undefined) out[k] = a[k];
  if (a.flags?.length) out.flags = a.flags;
  if (a.arguments) out.arguments = a.arguments.map(arg);
  return out;
}

function doc(raw, commands, name) {
  const d = pairs(raw);
  const out = {};
  for (const k of ['summary', 'since', 'group', 'complexity', 'deprecated_since', 'replaced_by', 'module']) {
    if (d[k] !== undefined) out[k] = d[k];
  }
  if (d.doc_flags?.length) out.doc_flags = d.doc_flags;
  if (d.arguments) out.arguments = d.arguments.map(arg);
  commands[name] = out;
  const subs = d.subcommands ? pairs(d.subcommands) : {};
  for (const [sub, subRaw] of Object.entries(subs)) doc(subRaw, commands, sub);
}

/** COMMAND: [name, arity, flags, first, last, step, acl categories, tips, keyspecs, subcommands]. */
function info(entry, commands) {
  const [name, arity, flags] = entry;
  const c = commands[name];
  if (!c) return; // no docs: no help entry either
  c.arity = arity;
  c.flags = [...flags].sort();
  c.acl_categories = [...(entry[6] ?? [])].sort();
  for (const sub of entry[9] ?? []) info(sub, commands);
}

/** Stable text: sorted object keys, one command per line. */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

const dir = mkdtempSync(path.join(tmpdir(), 'eredis-gen-docs-'));
const socketPath = path.join(dir, 'redis.sock');
const server = spawn(serverBin, ['--port', '0', '--unixsocket', socketPath, '--save', '', '--appendonly', 'no', '--dir', dir], {
  stdio: 'ignore',
});
try {
  let version;
  for (let i = 0; ; i++) {
    try {
      version = /redis_version:([^\r\n]+)/.exec(await command(socketPath, ['INFO', 'SERVER']))[1];
      break;
    } catch (err) {
      if (i > 100) throw err;
      await sleep(50);
    }
  }
  const commands = {};
  const docs = pairs(await command(socketPath, ['COMMAND', 'DOCS']));
  for (const [name, raw] of Object.entries(docs)) doc(raw, commands, name);
  for (const entry of await command(socketPath, ['COMMAND'])) info(entry, commands);

  const names = Object.keys(commands).sort();
  const lines = names.map((n) => `    ${JSON.stringify(n)}: ${JSON.stringify(sortKeys(commands[n]))}`);
  const text =
    '{\n' +
    `  "$comment": "Generated by scripts/gen-command-docs.mjs from redis-server ${version}: COMMAND DOCS (summary, since, group, complexity, arguments) plus COMMAND (arity, flags, acl_categories). Do not edit.",\n` +
    `  "server": ${JSON.stringify(version)},\n` +
    '  "commands": {\n' + lines.join(',\n') + '\n  }\n}\n';
  writeFileSync(outFile, text);
  console.log(`wrote ${path.relative(root, outFile)}: ${names.length} commands from redis-server ${version}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
