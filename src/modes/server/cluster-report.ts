// --cluster info and --cluster check output: clusterManagerShowClusterInfo and clusterManagerCheckCluster, verbatim.
import { cFixed } from '../../util/c-printf.js';
import { type ClusterLog, isReplica, nodeCommand, SLOTS, type CmNode } from './cluster-load.js';
import { dictIterationOrder } from '../redis-dict.js';

/** "[0-5460],[7],[9-10]" (clusterManagerNodeSlotsString). */
export function slotsString(slots: Uint8Array): string {
  const ranges: string[] = [];
  for (let i = 0; i < SLOTS; i++) {
    if (!slots[i]) continue;
    let j = i;
    while (j + 1 < SLOTS && slots[j + 1]) j++;
    ranges.push(i === j ? `[${i}]` : `[${i}-${j}]`);
    i = j;
  }
  return ranges.join(',');
}

/** clusterManagerNodeInfo(node, 0). */
export function nodeInfo(n: CmNode): string {
  const flags = n.flags.filter((f) => f !== 'myself').join(',');
  let text = `${isReplica(n) ? 'S' : 'M'}: ${n.name ?? ''} ${n.ip}:${n.port}\n`
    + `   slots:${slotsString(n.slots)} (${n.slotsCount} slots) ${flags}`;
  if (n.replicate !== undefined) text += `\n   replicates ${n.replicate}`;
  else if (n.replicasCount) text += `\n   ${n.replicasCount} additional replica(s)`;
  return text;
}

/** Per master: "ip:port (id8...) -> K keys | S slots | R slaves.", then the totals. */
export async function showClusterInfo(nodes: CmNode[], log: ClusterLog): Promise<void> {
  let masters = 0;
  let keys = 0;
  for (const node of nodes) {
    if (isReplica(node) || node.name === undefined) continue;
    const replicas = nodes.filter((n) => n !== node && isReplica(n) && n.replicate === node.name).length;
    const reply = await nodeCommand(node, 'DBSIZE');
    const dbsize = reply?.type === 'integer' ? Number(BigInt.asIntN(32, reply.value)) : -1;
    if (dbsize < 0) {
      log.replyError(node, reply?.type === 'error' ? reply.value.toString('latin1') : '');
      return;
    }
    const name = node.name.slice(0, 8);
    log.print(`${node.ip}:${node.port} (${name}...) -> ${dbsize} keys | ${node.slotsCount} slots | ${replicas} slaves.\n`);
    masters++;
    keys = (keys + dbsize) | 0;
  }
  log.ok(`[OK] ${keys} keys in ${masters} masters.\n`);
  log.print(`${cFixed(Math.fround(keys / SLOTS), 2)} keys per slot on average.\n`);
}

/** The node's config signature: "id:slots,..." per node with slots, sorted, joined by '|' (undefined: none). */
async function configSignature(node: CmNode): Promise<string | undefined> {
  const reply = await nodeCommand(node, 'CLUSTER', 'NODES');
  if (!reply || reply.type === 'error' || (reply.type !== 'bulk' && reply.type !== 'verbatim')) return undefined;
  const configs: string[] = [];
  for (const line of reply.value.toString('latin1').split('\n').slice(0, -1)) {
    const tokens = line.split(' ');
    if (tokens.length < 9) continue;
    const slots = tokens.slice(8).join(' ');
    if (slots === '') continue;
    const defs = slots.split(' ').filter((d) => !d.startsWith('['));
    if (defs.length === 0) continue;
    configs.push(`${tokens[0]}:${defs.sort(cmp).join(',')}`);
  }
  return configs.length ? configs.sort(cmp).join('|') : undefined;
}

/** strcmp order (byte order), not localeCompare. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function isConfigConsistent(nodes: CmNode[]): Promise<boolean> {
  if (nodes.length <= 1) return true;
  let first: string | undefined;
  for (const node of nodes) {
    const cfg = await configSignature(node);
    if (cfg === undefined) return false;
    if (first === undefined) first = cfg;
    else if (first !== cfg) return false;
  }
  return true;
}

/** clusterManagerCheckCluster(0): true when the cluster is healthy (exit 0). */
export async function checkCluster(nodes: CmNode[], log: ClusterLog, searchMultipleOwners: boolean): Promise<boolean> {
  const first = nodes[0]!;
  log.info(`>>> Performing Cluster Check (using node ${first.ip}:${first.port})\n`);
  let result = true;
  for (const n of nodes) log.print(`${nodeInfo(n)}\n`);
  if (!(await isConfigConsistent(nodes))) {
    log.err("[ERR] Nodes don't agree about configuration!\n");
    result = false;
  } else {
    log.ok('[OK] All nodes agree about slots configuration.\n');
  }
  log.info('>>> Check for open slots...\n');
  const open: string[] = [];
  for (const n of nodes) {
    for (const [state, list] of [['migrating', n.migrating], ['importing', n.importing]] as const) {
      if (list.length === 0) continue;
      list.forEach(([slot]) => open.push(slot));
      log.err(`[WARNING] Node ${n.ip}:${n.port} has slots in ${state} state ${list.map(([s]) => s).join(',')}.\n`);
    }
  }
  if (open.length > 0) {
    result = false;
    // redis-cli collects them in a dict and prints them in its iteration order.
    log.err(`[WARNING] The following slots are open: ${dictIterationOrder(open).join(',')}.\n`);
  }
  log.info('>>> Check slots coverage...\n');
  const covered = new Uint8Array(SLOTS);
  for (const n of nodes) n.slots.forEach((v, i) => { if (v) covered[i] = 1; });
  if (covered.every((v) => v === 1)) {
    log.ok(`[OK] All ${SLOTS} slots covered.\n`);
  } else {
    log.err(`[ERR] Not all ${SLOTS} slots are covered by nodes.\n\n`);
    result = false;
  }
  if (searchMultipleOwners && !(await checkMultipleOwners(nodes, log))) result = false;
  return result;
}

/** Nodes asked at the same time, and questions in flight on each. */
const NODES_AT_ONCE = 8;
const WINDOW = 1024;

/** CLUSTER COUNTKEYSINSLOT for every slot the node does not serve (0 for those it does; -1 when it did not say). */
async function keysPerSlot(n: CmNode): Promise<Int32Array> {
  const counts = new Int32Array(SLOTS);
  const asked = Array.from({ length: SLOTS }, (_, slot) => slot).filter((slot) => !n.slots[slot]);
  for (let i = 0; i < asked.length; i += WINDOW) {
    const slots = asked.slice(i, i + WINDOW);
    const { replies } = await n.session.executeAll(slots.map((slot) => ['CLUSTER', 'COUNTKEYSINSLOT', String(slot)]));
    slots.forEach((slot, j) => {
      const r = replies[j];
      counts[slot] = r?.type === 'integer' ? Number(r.value) : -1;
    });
  }
  return counts;
}

/** --cluster-search-multiple-owners: a slot owned, or holding keys, on more than one master. */
async function checkMultipleOwners(nodes: CmNode[], log: ClusterLog): Promise<boolean> {
  log.info('>>> Check for multiple slot owners...\n');
  const masters = nodes.filter((n) => !isReplica(n));
  // redis-cli asks CLUSTER COUNTKEYSINSLOT slot by slot; the same questions, a window at a time per node, a few
  // nodes at a time.
  const counts: Int32Array[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < masters.length; i = next++) counts[i] = await keysPerSlot(masters[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(NODES_AT_ONCE, masters.length) }, worker));
  let multiple = 0;
  for (let slot = 0; slot < SLOTS; slot++) {
    const owners = masters.filter((n, i) => n.slots[slot] || counts[i]![slot]! > 0);
    if (owners.length <= 1) continue;
    log.err(`[WARNING] Slot ${slot} has ${owners.length} owners:\n`);
    for (const n of owners) log.err(`    ${n.ip}:${n.port}\n`);
    multiple++;
  }
  if (multiple === 0) log.ok('[OK] No multiple owners found.\n');
  return multiple === 0;
}
