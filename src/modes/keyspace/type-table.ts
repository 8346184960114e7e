// redis-cli's per-type statistics (typeinfo): count, total and biggest size per type name, kept in a RedisDict so the
// summary lists the types in the order redis-cli's dict iterator does. Module types are added as they are met.
import { RedisDict, type DictGeneration } from '../redis-dict.js';

export interface TypeInfo {
  name: string;
  /** STRLEN, LLEN...; undefined for module types. */
  sizeCmd?: string;
  /** bytes, items, members, fields, entries, or "?" for module types. */
  sizeUnit: string;
  count: number;
  totalSize: number;
  biggest: number;
  /** The biggest key as the report shows it (repr or raw, per mode). */
  biggestKey?: string;
  /** The shard it was found on (cluster-wide runs). */
  biggestNode?: string;
}

const TEMPLATES: ReadonlyArray<[string, string, string]> = [
  ['string', 'STRLEN', 'bytes'], ['list', 'LLEN', 'items'], ['set', 'SCARD', 'members'],
  ['hash', 'HLEN', 'fields'], ['zset', 'ZCARD', 'members'], ['stream', 'XLEN', 'entries'],
];

export class TypeTable {
  private readonly dict: RedisDict;
  private readonly infos = new Map<string, TypeInfo>();

  constructor(generation: DictGeneration) {
    this.dict = new RedisDict(generation);
    for (const [name, sizeCmd, sizeUnit] of TEMPLATES) this.infos.set(name, { name, sizeCmd, sizeUnit, count: 0, totalSize: 0, biggest: 0 });
  }

  /**
   * getKeyTypes for one TYPE reply: a lookup (which moves the dict's rehash on), and a new entry for an unknown
   * (module) type; undefined for "none" (the key went away).
   */
  lookup(name: string): TypeInfo | undefined {
    this.dict.find(name);
    const known = this.infos.get(name);
    if (known || name === 'none') return known;
    this.dict.add(name);
    const info: TypeInfo = { name, sizeUnit: '?', count: 0, totalSize: 0, biggest: 0 };
    this.infos.set(name, info);
    return info;
  }

  /** updateKeyType: counts the key; true when it is the new biggest of its type (strictly bigger, as in C). */
  record(info: TypeInfo, size: number, key: () => string, node?: string): boolean {
    info.totalSize += size;
    info.count++;
    if (!(info.biggest < size)) return false;
    info.biggest = size;
    info.biggestKey = key();
    info.biggestNode = node;
    return true;
  }

  /** The types in dict iteration order. */
  ordered(): TypeInfo[] {
    return this.dict.order().map((name) => this.infos.get(name)!);
  }

  get(name: string): TypeInfo | undefined {
    return this.infos.get(name);
  }
}
