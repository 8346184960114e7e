// argv (string | Buffer) <-> RESP multi-bulk bytes; many commands go into one allocation for pipelining.

export type Arg = string | Buffer;

/** Encodes one command as a RESP array of bulk strings (strings as UTF-8). */
export function encodeCommand(argv: ReadonlyArray<Arg>): Buffer {
  return encodeCommands([argv]);
}

/** Encodes many commands back to back into a single Buffer, sized up front and written once. */
export function encodeCommands(commands: ReadonlyArray<ReadonlyArray<Arg>>): Buffer {
  // Byte lengths of string args are computed once and reused when writing.
  const lengths: number[] = [];
  let total = 0;
  for (const argv of commands) {
    total += 3 + digitCount(argv.length); // *N\r\n
    for (const arg of argv) {
      const n = typeof arg === 'string' ? Buffer.byteLength(arg, 'utf8') : arg.length;
      lengths.push(n);
      total += 5 + digitCount(n) + n; // $N\r\n<bytes>\r\n
    }
  }
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  let k = 0;
  for (const argv of commands) {
    out[pos++] = 0x2a; // *
    pos = writeDecimal(out, pos, argv.length);
    out[pos++] = 13;
    out[pos++] = 10;
    for (const arg of argv) {
      const n = lengths[k++];
      out[pos++] = 0x24; // $
      pos = writeDecimal(out, pos, n);
      out[pos++] = 13;
      out[pos++] = 10;
      if (typeof arg === 'string') pos += out.write(arg, pos, n, 'utf8');
      else pos += arg.copy(out, pos);
      out[pos++] = 13;
      out[pos++] = 10;
    }
  }
  return out;
}

function digitCount(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** Writes a non-negative integer in decimal at pos and returns the position after it. */
function writeDecimal(out: Buffer, pos: number, n: number): number {
  const end = pos + digitCount(n);
  let i = end;
  do {
    out[--i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return end;
}

/** The arguments of one encoded command (the inverse of encodeCommand; the bytes must be well formed). */
export function decodeCommand(bytes: Buffer): Buffer[] {
  const argv: Buffer[] = [];
  let pos = bytes.indexOf(10) + 1; // after "*N\r\n"
  while (pos < bytes.length) {
    const nl = bytes.indexOf(10, pos);
    const n = Number(bytes.toString('latin1', pos + 1, nl - 1));
    argv.push(bytes.subarray(nl + 1, nl + 1 + n));
    pos = nl + 1 + n + 2;
  }
  return argv;
}
