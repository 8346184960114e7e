// cli-table3 tables for `eredis groups` and `eredis describe -g`, and the choices of the `eredis -g` chooser (pure).
import Table from 'cli-table3';
import type { CacheSummary, NodeListing } from '../elasticache/lookup.js';

export interface TableOptions {
  /** Colours only on a terminal; off, the output is stable plain text (and what tests compare). */
  color: boolean;
}

function newTable(head: string[], o: TableOptions): Table.Table {
  return new Table({
    head,
    style: o.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
}

function engineText(c: { engine?: string; engineVersion?: string }): string {
  return [c.engine, c.engineVersion].filter(Boolean).join(' ') || '-';
}

function modeText(c: CacheSummary): string {
  return c.clusterMode === 'serverless' ? 'serverless' : `cluster ${c.clusterMode}`;
}

function layoutText(c: CacheSummary): string {
  if (c.shards === undefined) return '-';
  return `${c.shards}/${c.replicasPerShard ?? 0}`;
}

/** One row per cache: name, engine and version, status, cluster mode, TLS, auth, shards/replicas, endpoint. */
export function renderCacheTable(caches: CacheSummary[], o: TableOptions & { region?: string }): string {
  if (caches.length === 0) {
    return `no replication groups or serverless caches${o.region ? ` in ${o.region}` : ''}`;
  }
  const t = newTable(['NAME', 'ENGINE', 'STATUS', 'MODE', 'TLS', 'AUTH', 'SHARDS/REPLICAS', 'ENDPOINT'], o);
  for (const c of caches) {
    t.push([c.name, engineText(c), c.status, modeText(c), c.tls ? 'yes' : 'no', c.auth, layoutText(c), c.endpoint ?? '-']);
  }
  return t.toString();
}

function describeHeader(l: NodeListing): string[] {
  const kind = l.kind === 'serverless' ? 'serverless cache' : 'replication group';
  const mode = l.kind === 'serverless' ? 'serverless' : l.cluster ? 'cluster mode enabled' : 'cluster mode disabled';
  const lines = [`${l.name}: ${kind} in ${l.region}${l.engine ? `, ${l.engine}` : ''}, ${mode}`];
  if (l.endpoint) lines.push(`${l.cluster && l.kind !== 'serverless' ? 'configuration' : 'primary'} endpoint: ${l.endpoint}`);
  if (l.readerEndpoint) lines.push(`reader endpoint: ${l.readerEndpoint}`);
  return lines;
}

/** A few header lines (kind, engine, mode, endpoints), then one row per node: id, role, shard, AZ, endpoint, status. */
export function renderNodeTable(l: NodeListing, o: TableOptions): string {
  const head = describeHeader(l);
  if (l.nodes.length === 0) return [...head, 'no nodes'].join('\n');
  const t = newTable(['ID', 'ROLE', 'SHARD', 'AZ', 'ENDPOINT', 'STATUS'], o);
  for (const n of l.nodes) {
    const ep = n.host ? `${n.host}:${n.port ?? 6379}` : '-';
    t.push([n.id, n.role ?? '-', n.shard ?? '-', n.az ?? '-', ep, n.status ?? '-']);
  }
  return [...head, t.toString()].join('\n');
}

export interface CacheChoice {
  value: string;
  name: string;
  description?: string;
  disabled?: boolean | string;
}

/**
 * Choices for @inquirer/prompts `select` (`eredis -g` with no name on a terminal): aligned names with a short
 * summary; caches that are not available are shown but cannot be picked.
 */
export function cacheChoices(caches: CacheSummary[]): CacheChoice[] {
  const width = Math.max(0, ...caches.map((c) => c.name.length));
  return caches.map((c) => {
    const facts = [engineText(c), modeText(c), c.tls ? 'tls' : 'no tls', `auth ${c.auth}`].join(', ');
    const choice: CacheChoice = { value: c.name, name: `${c.name.padEnd(width)}  ${facts}` };
    if (c.endpoint) choice.description = c.endpoint;
    if (c.status !== 'available') choice.disabled = `(${c.status})`;
    return choice;
  });
}
