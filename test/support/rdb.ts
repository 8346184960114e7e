// Comparing two RDB dumps of the same data: the aux fields that record when and how (ctime, used-mem, offset) and the
// trailing CRC64 differ between two transfers, everything else must be identical.

/** Reads an RDB string (length-prefixed, int-encoded or LZF) at `at`; returns where it ends. */
function stringEnd(buf: Buffer, at: number): number {
  const first = buf[at]!;
  const kind = first >> 6;
  if (kind === 0) return at + 1 + (first & 0x3f);
  if (kind === 1) return at + 2 + (((first & 0x3f) << 8) | buf[at + 1]!);
  if (kind === 2) {
    if (first === 0x80) return at + 5 + buf.readUInt32BE(at + 1);
    return at + 9 + Number(buf.readBigUInt64BE(at + 1));
  }
  const enc = first & 0x3f;
  if (enc === 0) return at + 2;
  if (enc === 1) return at + 3;
  if (enc === 2) return at + 5;
  // LZF: compressed length, uncompressed length, data.
  const clenEnd = stringLengthEnd(buf, at + 1);
  const ulenEnd = stringLengthEnd(buf, clenEnd.end);
  return ulenEnd.end + clenEnd.value;
}

function stringLengthEnd(buf: Buffer, at: number): { end: number; value: number } {
  const first = buf[at]!;
  const kind = first >> 6;
  if (kind === 0) return { end: at + 1, value: first & 0x3f };
  if (kind === 1) return { end: at + 2, value: ((first & 0x3f) << 8) | buf[at + 1]! };
  if (first === 0x80) return { end: at + 5, value: buf.readUInt32BE(at + 1) };
  return { end: at + 9, value: Number(buf.readBigUInt64BE(at + 1)) };
}

const VOLATILE = new Set(['ctime', 'used-mem', 'repl-offset']);

/**
 * The dump with the values of ctime, used-mem and repl-offset replaced by "<aux>" and the 8-byte checksum cut off;
 * throws when the file does not start like an RDB.
 */
export function comparableRdb(dump: Buffer): Buffer {
  if (dump.toString('latin1', 0, 5) !== 'REDIS') throw new Error(`not an RDB: ${JSON.stringify(dump.toString('latin1', 0, 9))}`);
  const parts: Buffer[] = [dump.subarray(0, 9)];
  let at = 9;
  while (dump[at] === 0xfa) {
    const keyEnd = stringEnd(dump, at + 1);
    const key = dump.subarray(at + 1, keyEnd);
    const valueEnd = stringEnd(dump, keyEnd);
    const name = key.subarray(1).toString('latin1');
    parts.push(dump.subarray(at, keyEnd), VOLATILE.has(name) ? Buffer.from('<aux>') : dump.subarray(keyEnd, valueEnd));
    at = valueEnd;
  }
  parts.push(dump.subarray(at, dump.length - 8));
  return Buffer.concat(parts);
}

/** The aux field names of a dump, in order (to show the comparison looked at a real header). */
export function rdbAuxNames(dump: Buffer): string[] {
  const names: string[] = [];
  let at = 9;
  while (dump[at] === 0xfa) {
    const keyEnd = stringEnd(dump, at + 1);
    names.push(dump.subarray(at + 2, keyEnd).toString('latin1'));
    at = stringEnd(dump, keyEnd);
  }
  return names;
}
