// Decodes raw terminal bytes into editor keys: UTF-8 text runs, control bytes, and ESC sequences (arrows, Home/End...).

export type SeqName = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'delete' | 'other';

export type Key =
  /** One or more printable characters that arrived together (typed or pasted). */
  | { kind: 'text'; text: string }
  /** A C0 control byte or DEL (127): Enter is 13, Ctrl-A is 1, Backspace is 127. */
  | { kind: 'ctrl'; code: number }
  /** An escape sequence; 'other' is any sequence (or Alt+key) the editor does not bind. */
  | { kind: 'seq'; name: SeqName }
  /** ESC on its own. */
  | { kind: 'escape' };

const ESC = 0x1b;
const isControl = (b: number) => b < 0x20 || b === 0x7f;
const CSI_FINALS: Record<string, SeqName> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
const TILDE_KEYS: Record<string, SeqName> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete' };

export interface Decoded { key: Key; size: number }

/** The key at the front of `buf`, or undefined when `buf` ends inside one (and `final` is false: more may come). */
export function decodeKey(buf: Buffer, final: boolean): Decoded | undefined {
  const b = buf[0]!;
  if (b === ESC) return decodeEscape(buf, final);
  if (isControl(b)) return { key: { kind: 'ctrl', code: b }, size: 1 };
  return decodeText(buf, final);
}

function decodeText(buf: Buffer, final: boolean): Decoded | undefined {
  let text = '';
  let i = 0;
  while (i < buf.length && !isControl(buf[i]!) && buf[i] !== ESC) {
    const lead = buf[i]!;
    if (lead < 0x80) {
      text += String.fromCharCode(lead);
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let have = 1;
    while (have < need && i + have < buf.length && (buf[i + have]! & 0xc0) === 0x80) have++;
    if (have < need && i + have === buf.length && !final) break; // the rest of the character has not arrived yet
    if (have < need) {
      text += '\uFFFD';
      i += Math.max(1, have);
      continue;
    }
    text += buf.toString('utf8', i, i + need);
    i += need;
  }
  return i === 0 ? undefined : { key: { kind: 'text', text }, size: i };
}

function decodeEscape(buf: Buffer, final: boolean): Decoded | undefined {
  const lone: Decoded = { key: { kind: 'escape' }, size: 1 };
  if (buf.length === 1) return final ? lone : undefined;
  const next = buf[1]!;
  if (next === 0x5b /* [ */) return decodeCsi(buf, final) ?? (final ? lone : undefined);
  if (next === 0x4f /* O */) {
    if (buf.length < 3) return final ? lone : undefined;
    const name = CSI_FINALS[String.fromCharCode(buf[2]!)] ?? 'other';
    return { key: { kind: 'seq', name }, size: 3 };
  }
  // Alt+key arrives as ESC + the key in one read; linenoise swallows it as a sequence, so do we.
  if (next >= 0x20 && next < 0x7f) return { key: { kind: 'seq', name: 'other' }, size: 2 };
  return lone;
}

/** `ESC [ params intermediates final`; undefined while incomplete. */
function decodeCsi(buf: Buffer, final: boolean): Decoded | undefined {
  let i = 2;
  while (i < buf.length && buf[i]! >= 0x30 && buf[i]! <= 0x3f) i++;
  const params = buf.toString('latin1', 2, i);
  while (i < buf.length && buf[i]! >= 0x20 && buf[i]! <= 0x2f) i++;
  if (i === buf.length) return final ? { key: { kind: 'seq', name: 'other' }, size: i } : undefined;
  const last = buf[i]!;
  if (last < 0x40 || last > 0x7e) return { key: { kind: 'seq', name: 'other' }, size: i }; // malformed: drop it
  const fin = String.fromCharCode(last);
  let name: SeqName = 'other';
  if (fin === '~') name = TILDE_KEYS[params] ?? 'other';
  else if (params === '' || params === '1') name = CSI_FINALS[fin] ?? 'other';
  return { key: { kind: 'seq', name }, size: i + 1 };
}

/**
 * Reads keys from a stream only while started; between lines the stream is paused so the terminal (cooked again)
 * keeps what is typed, and bytes read past a finished line stay here for the next one, as with linenoise's read(1).
 */
export class KeyReader {
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;
  private timer: NodeJS.Timeout | undefined;
  private onKey: ((key: Key) => boolean) | undefined;
  private onEnd: (() => void) | undefined;

  constructor(private readonly input: NodeJS.ReadStream, private readonly escapeDelayMs = 50) {}

  private readonly handleData = (chunk: Buffer | string): void => {
    this.pending = Buffer.concat([this.pending, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk]);
    this.pump(false);
  };

  private readonly handleEnd = (): void => {
    this.ended = true;
    this.pump(true);
    this.onEnd?.();
  };

  /** Calls onKey for each key until it returns true (then stops); onEnd when the input ends or fails. */
  start(onKey: (key: Key) => boolean, onEnd: () => void): void {
    this.onKey = onKey;
    this.onEnd = onEnd;
    if (this.input.readableEnded) this.ended = true; // it may have ended while nobody listened
    this.pump(false);
    if (!this.onKey) return; // a buffered key already finished the line
    if (this.ended) return this.handleEnd();
    this.input.on('data', this.handleData);
    this.input.on('end', this.handleEnd);
    this.input.on('error', this.handleEnd);
    this.input.resume();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.onKey = undefined;
    this.onEnd = undefined;
    this.input.removeListener('data', this.handleData);
    this.input.removeListener('end', this.handleEnd);
    this.input.removeListener('error', this.handleEnd);
    this.input.pause();
  }

  private pump(final: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.onKey && this.pending.length > 0) {
      const decoded = decodeKey(this.pending, final || this.ended);
      if (!decoded) {
        // A lone ESC is told from the start of a sequence only by the pause after it.
        if (this.pending[0] === ESC) this.timer = setTimeout(() => this.pump(true), this.escapeDelayMs);
        return;
      }
      this.pending = this.pending.subarray(decoded.size);
      if (this.onKey(decoded.key)) this.stop();
    }
  }
}
