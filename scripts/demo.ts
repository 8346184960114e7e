// `npm run demo [-- CMD...]`: a local stand-in of the seed's `ssltest` group (TLS primary + replica, AUTH token,
// local CA, ElastiCache API), then `eredis -g ssltest` against it; everything started is stopped on exit.
import { spawn } from 'node:child_process';
import { testCerts } from '../test/support/certs.js';
import { startPrimaryWithReplicas } from '../test/support/topologies.js';
import { startElastiCacheApi, cmdGroup, standInEnv } from '../test/support/elasticache-api.js';
import { EREDIS_BIN, tempHome } from '../test/support/run.js';

const TOKEN = 'demo-ssltest-token-0123456789';
const say = (line: string) => process.stderr.write(`demo: ${line}\n`);

const certs = await testCerts();
say('starting a TLS primary and replica with an AUTH token...');
const rs = await startPrimaryWithReplicas({ replicas: 1, password: TOKEN });
const local = (port: number) => ({ host: 'localhost', port });
const api = await startElastiCacheApi({
  groups: [cmdGroup({
    id: 'ssltest', tls: true, authToken: true, primary: local(rs.primary.port), reader: local(rs.replicas[0].port),
    members: [
      { id: 'ssltest-001', ...local(rs.primary.port), az: 'us-east-1a', role: 'primary' },
      { id: 'ssltest-002', ...local(rs.replicas[0].port), az: 'us-east-1b', role: 'replica' },
    ],
  })],
});
const home = await tempHome();
say(`ElastiCache API stand-in at ${api.url}; primary localhost:${rs.primary.port}, replica localhost:${rs.replicas[0].port}`);

const cleanup = async () => {
  await Promise.allSettled([rs.stop(), api.close(), home.remove()]);
};

// The token reaches eredis the redis-cli-compatible way (REDISCLI_AUTH), never on a command line.
const env = { ...process.env, ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, REDISCLI_AUTH: TOKEN, EREDIS_HISTFILE: '' };
const args = ['-g', 'ssltest', ...process.argv.slice(2)];
say(`eredis ${args.join(' ')}`);
const child = spawn(EREDIS_BIN, args, { stdio: 'inherit', env });
// Ctrl-C belongs to the shell inside (the servers run in process groups of their own, out of its reach); the demo
// cleans up when eredis ends, or when the demo itself is told to stop. A crash still kills the servers: they die
// with this process (test/support/child-guard.ts).
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill('SIGTERM'));
child.on('exit', async (code, signal) => {
  await cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
