// Moves hash slots between cluster masters the way redis-cli --cluster reshard does (IMPORTING/MIGRATING, MIGRATE of
// the keys, SETSLOT NODE everywhere), over clients opened up front, so a test can count the connections others make.
import { closeClient, connectClient, type TestClient } from './client.js';
import type { RedisServer } from './redis-server.js';

export interface Resharder {
  /** Moves `slots` from one master to another; keys written meanwhile move too (ASK covers the window). */
  move(slots: number[], from: RedisServer, to: RedisServer): Promise<void>;
  close(): Promise<void>;
}

/** Opens one client per node now (their connections are made before any counting starts). */
export async function resharder(nodes: RedisServer[]): Promise<Resharder> {
  const clients = new Map<RedisServer, TestClient>();
  for (const n of nodes) clients.set(n, await connectClient(n));
  const on = (n: RedisServer) => clients.get(n)!;
  const id = async (n: RedisServer) => String(await on(n).sendCommand(['CLUSTER', 'MYID']));
  return {
    async move(slots, from, to) {
      const [fromId, toId] = [await id(from), await id(to)];
      for (const slot of slots) {
        const s = String(slot);
        await on(to).sendCommand(['CLUSTER', 'SETSLOT', s, 'IMPORTING', fromId]);
        await on(from).sendCommand(['CLUSTER', 'SETSLOT', s, 'MIGRATING', toId]);
        for (;;) {
          const keys = await on(from).sendCommand<string[]>(['CLUSTER', 'GETKEYSINSLOT', s, '100']);
          if (keys.length === 0) break;
          await on(from).sendCommand(['MIGRATE', to.host, String(to.port), '', '0', '5000', 'KEYS', ...keys]);
        }
        for (const n of [to, from, ...nodes.filter((x) => x !== to && x !== from)]) {
          await on(n).sendCommand(['CLUSTER', 'SETSLOT', s, 'NODE', toId]);
        }
      }
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => closeClient(c)));
    },
  };
}
