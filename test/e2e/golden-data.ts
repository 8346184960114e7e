// The data set and command table the golden tests run through eredis and redis-cli (same server, same bytes expected).
import type { TestClient } from '../support/client.js';

/** Seeds every data type the command table reads. Deterministic: fixed stream ids, fixed members. */
export async function seedGoldenData(c: TestClient): Promise<void> {
  await c.flushAll();
  await c.set('str', 'hello world');
  await c.set('utf8', 'héllo wörld ✓');
  await c.set(Buffer.from('bin'), Buffer.from([0, 1, 7, 8, 9, 10, 11, 12, 13, 27, 34, 39, 92, 126, 127, 128, 255, 0x20]));
  await c.set('tabs', 'tab\tnewline\n');
  await c.set('num', '42');
  await c.set('empty', '');
  await c.rPush('list', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
  await c.rPush('short', ['x', 'y']);
  await c.hSet('hash', { f1: 'v1', f2: 'v2', f3: 'v3', f4: 'v4', f5: 'v5', f6: 'v6', f7: 'v7', f8: 'v8', f9: 'v9', f10: 'v10' });
  await c.hSet('numkey', { '1': 'One' });
  await c.hSet('npkey', Buffer.from('K\0\x01ey'), Buffer.from('V\0\x01alue'));
  await c.hSet('eth', 'test', Buffer.from([0xf0, 0x65]));
  await c.sAdd('set', ['m1', 'm2', 'm3']);
  await c.zAdd('zset', [{ score: 1, value: 'a' }, { score: 2.5, value: 'b' }, { score: -3, value: 'c' }, { score: 1e20, value: 'd' }]);
  await c.sendCommand(['XADD', 'stream', '1-1', 'name', 'ada', 'lang', 'lua']);
  await c.sendCommand(['XADD', 'stream', '2-1', 'name', 'bob']);
  await c.sendCommand(['GEOADD', 'geo', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania']);
  const big = Array.from({ length: 120 }, (_, i) => `item-${i}`);
  await c.rPush('biglist', big);
}

const NESTED_LUA = "return {1,2,3,4,5,6,7,8,9,{'a',{'x','y'},'c'},11,{},redis.call('lrange','list',0,-1)}";
const MIXED_LUA = "return {1,'two',{'x',{'y'}},false,true,{err='My Error'},{ok='STATUS'}}";

/** Commands whose replies both tools print; each is run in every output mode. */
export const GOLDEN_COMMANDS: string[][] = [
  ['PING'],
  ['SET', 'str', 'hello world'],
  ['GET', 'str'],
  ['GET', 'utf8'],
  ['GET', 'bin'],
  ['GET', 'tabs'],
  ['GET', 'empty'],
  ['GET', 'nosuchkey'],
  ['INCRBY', 'num', '0'],
  ['INCR', 'str'],
  ['STRLEN', 'utf8'],
  ['LRANGE', 'list', '0', '-1'],
  ['LRANGE', 'short', '0', '-1'],
  ['LRANGE', 'nosuchkey', '0', '-1'],
  ['LRANGE', 'biglist', '0', '-1'],
  ['HGETALL', 'hash'],
  ['HGETALL', 'numkey'],
  ['HGETALL', 'npkey'],
  ['HGET', 'eth', 'test'],
  ['HGETALL', 'nosuchkey'],
  ['SMEMBERS', 'set'],
  ['SISMEMBER', 'set', 'm1'],
  ['ZRANGE', 'zset', '0', '-1', 'WITHSCORES'],
  ['ZSCORE', 'zset', 'b'],
  ['ZRANGEBYSCORE', 'zset', '-inf', '+inf'],
  ['XRANGE', 'stream', '-', '+'],
  ['XINFO', 'STREAM', 'stream'],
  ['GEOPOS', 'geo', 'Palermo', 'Catania', 'Nowhere'],
  ['GEODIST', 'geo', 'Palermo', 'Catania', 'km'],
  ['GEORADIUS', 'geo', '15', '37', '200', 'km', 'WITHDIST', 'WITHCOORD', 'ASC'],
  ['EVAL', NESTED_LUA, '0'],
  ['EVAL', MIXED_LUA, '0'],
  ['EVAL', 'return {}', '0'],
  ['EVAL', "return redis.error_reply('CUSTOM failure here')", '0'],
  ['MGET', 'str', 'nosuchkey', 'num'],
  ['TYPE', 'zset'],
  ['LPUSH', 'str', 'x'],
  ['NOSUCHCOMMAND', 'a', 'b'],
  ['GET'],
  ['OBJECT', 'ENCODING', 'list'],
  ['CONFIG', 'GET', 'maxmemory*'],
  ['COMMAND', 'INFO', 'get'],
  ['COMMAND', 'DOCS', 'get'],
  ['DEBUG', 'PROTOCOL', 'string'],
  ['DEBUG', 'PROTOCOL', 'integer'],
  ['DEBUG', 'PROTOCOL', 'double'],
  ['DEBUG', 'PROTOCOL', 'map'],
  ['DEBUG', 'PROTOCOL', 'set'],
  ['DEBUG', 'PROTOCOL', 'null'],
  ['DEBUG', 'PROTOCOL', 'true'],
  ['DEBUG', 'PROTOCOL', 'false'],
  ['DEBUG', 'PROTOCOL', 'verbatim'],
  ['DEBUG', 'PROTOCOL', 'push'],
];

/** Output-mode flag sets; each command runs under each, in RESP2 and RESP3. */
export const GOLDEN_MODES: string[][] = [
  [],
  ['--no-raw'],
  ['--csv'],
  ['--json'],
  ['--quoted-json'],
  ['-d', '<>', '-D', '|'],
  ['-3'],
  ['-3', '--no-raw'],
  ['-3', '--csv'],
  ['-2', '--json'],
];
