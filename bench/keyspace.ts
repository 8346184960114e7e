// Key-space rows of `npm run bench`: --scan and --bigkeys of 1,000,000 keys on a 3-master TLS cluster. eredis visits
// every shard in one run (-c); redis-cli only scans the node it is connected to, so it runs once per node (times
// summed, peak RSS the largest).
import { testCerts } from '../test/support/certs.js';
import { command } from '../test/support/client.js';
import { EREDIS_BIN, hasRedisCli } from '../test/support/run.js';
import { startTlsCluster, type ClusterSetup } from '../test/support/topologies.js';
import { measure, type Measured } from './measure.js';

const KEYS = 1_000_000;

/** Fills every master with its share of KEYS string keys (DEBUG POPULATE under a hash tag that node serves). */
async function populate(cluster: ClusterSetup): Promise<void> {
  const per = Math.ceil(KEYS / cluster.nodes.length);
  await Promise.all(cluster.nodes.map(async (node, i) => {
    let tag = '';
    for (let n = 0; !tag; n++) if (cluster.nodeForSlot(await cluster.keySlot(`t${n}`)) === node) tag = `t${n}`;
    const count = i === cluster.nodes.length - 1 ? KEYS - per * i : per;
    await command(node, ['DEBUG', 'POPULATE', String(count), `{${tag}}:key`, '16']);
  }));
}

/** One eredis run against every shard, and redis-cli once per node (undefined without redis-cli). */
export interface KeyspaceResult {
  label: string;
  ours: Measured;
  perNode?: Measured;
}

export async function benchKeyspace(): Promise<KeyspaceResult[]> {
  const certs = await testCerts();
  const cluster = await startTlsCluster({ masters: 3 });
  try {
    await populate(cluster);
    const tls = (port: number) => ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(port)];
    const results: KeyspaceResult[] = [];
    for (const mode of ['--scan', '--bigkeys']) {
      const ours = await measure(EREDIS_BIN, [...tls(cluster.nodes[0]!.port), '-c', mode]);
      let perNode: Measured | undefined;
      if (hasRedisCli()) {
        const runs: Measured[] = [];
        for (const n of cluster.nodes) runs.push(await measure('redis-cli', [...tls(n.port), mode]));
        perNode = {
          ms: runs.reduce((t, m) => t + m.ms, 0), rssMB: Math.max(...runs.map((m) => m.rssMB)),
          outBytes: runs.reduce((t, m) => t + m.outBytes, 0), outLines: runs.reduce((t, m) => t + m.outLines, 0),
        };
      }
      results.push({ label: `${mode} 1,000,000 keys, 3 masters`, ours, perNode });
    }
    return results;
  } finally {
    await cluster.stop();
  }
}
