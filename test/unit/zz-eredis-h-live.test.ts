import { it, expect } from 'vitest';
import net from 'node:net';
import { RespDecoder } from '../../src/resp/decode.js';
import { encodeCommands } from '../../src/resp/encode.js';
import type { Reply } from '../../src/resp/types.js';
import { CommandCatalog } from '../../src/repl/command-catalog.js';

function exchange(cmds: string[][], n: number): Promise<Reply[]> {
  return new Promise((resolve, reject) => {
    const out: Reply[] = [];
    const dec = new RespDecoder((r) => { out.push(r); if (out.length === n) { sock.destroy(); resolve(out); } });
    const sock = net.connect({ host: '127.0.0.1', port: 16600 }, () => sock.write(encodeCommands(cmds)));
    sock.on('data', (d) => dec.write(d));
    sock.on('error', reject);
  });
}
it('live', async () => {
  const b = CommandCatalog.bundled();
  const [d2, i2] = await exchange([['COMMAND', 'DOCS'], ['COMMAND']], 2);
  const [, d3, i3] = await exchange([['HELLO', '3'], ['COMMAND', 'DOCS'], ['COMMAND', 'INFO']], 3);
  console.log(d2!.type, d3!.type, i3!.type);
  const strip = (c: CommandCatalog) => JSON.parse(JSON.stringify(c.entries));
  const c2 = CommandCatalog.fromServer(d2!, { info: i2 })!;
  const c3 = CommandCatalog.fromServer(d3!, { info: i3 })!;
  const c3nf = CommandCatalog.fromServer(d3!)!;
  const c3none = CommandCatalog.fromServer(d3!, { fallback: null })!;
  expect(strip(c2)).toEqual(strip(b));
  expect(strip(c3)).toEqual(strip(b));
  expect(strip(c3nf)).toEqual(strip(b));
  console.log(c3none.get('set')!.flags);
});
