// The REPL's line editor: linenoise's keys and multi-line drawing on a raw tty, or plain line reads from a pipe.
import { KeyReader } from './key-reader.js';
import { LineState, type ReadResult } from './line-state.js';

export type { ReadResult } from './line-state.js';

/** What the editor needs of the history: the lines to browse (oldest first). Adding lines is the caller's job. */
export interface LineHistory {
  entries(): string[];
  add(line: string): void;
}

export interface LineEditorOptions {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  /** Full-line replacements for TAB, cycled through in order. */
  complete?: (line: string) => string[];
  /** Slow candidates (key names), asked when TAB starts a completion; see LineStateOptions.completeLater. */
  completeLater?: (line: string) => Promise<string[]> | undefined;
  /**
   * Grey text after the line, undefined for none. The editor adds a leading space when the line does not end in
   * whitespace (redis-cli's hintsCallback), also to '' (an invisible grey space, as redis-cli draws).
   */
  hint?: (line: string) => string | undefined;
  history: LineHistory;
  /** TERM=dumb/cons25/emacs: like linenoise, print the prompt and read a plain line (no editing, hints or colour). */
  dumbTerminal?: boolean;
}

export class LineEditor {
  private readonly keys: KeyReader;
  private waiting: ((result: ReadResult) => void) | undefined;
  private raw = false;
  private closed = false;
  /** Non-tty input: bytes read past the last line, and whether the stream has ended. */
  private plain: Buffer = Buffer.alloc(0);
  private plainEnded = false;
  /** The line being edited on the terminal, while readLine is pending. */
  private editing: { state: LineState; flush(): void } | undefined;

  constructor(private readonly o: LineEditorOptions) {
    this.keys = new KeyReader(o.input);
  }

  /**
   * Shows `prompt` and edits one line. Resolves with the line (Enter), 'interrupt' (Ctrl-C: the caller decides,
   * usually a fresh prompt) or 'eof' (Ctrl-D on an empty line, or the input ended). The terminal is raw only
   * while this is pending, so command output and Ctrl-C (SIGINT) behave normally in between.
   */
  readLine(prompt: string): Promise<ReadResult> {
    if (this.closed) return Promise.resolve({ kind: 'eof' });
    if (this.waiting) return Promise.reject(new Error('LineEditor.readLine: a line is already being read'));
    if (this.o.input.isTTY && this.o.dumbTerminal) {
      this.o.output.write(prompt);
      return this.readPlain();
    }
    return this.o.input.isTTY ? this.readTty(prompt) : this.readPlain();
  }

  /** Draws the line being edited again, e.g. when the hints' source changed; nothing while no line is read. */
  redraw(): void {
    if (!this.editing) return;
    this.editing.state.redraw();
    this.editing.flush();
  }

  /** Gives the terminal back (cooked mode, input paused); a pending readLine resolves with 'eof'. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiting?.({ kind: 'eof' });
    this.keys.stop();
    this.setRaw(false);
  }

  private readTty(prompt: string): Promise<ReadResult> {
    return new Promise((resolve) => {
      const state: LineState = new LineState({
        prompt, cols: this.o.output.columns || 80, history: this.o.history.entries(),
        complete: this.o.complete, completeLater: this.o.completeLater, hint: this.o.hint, onOutput: () => flush(),
      });
      const flush = () => {
        if (state.out !== '') this.o.output.write(state.out);
        state.out = '';
      };
      this.editing = { state, flush };
      const finish = (result: ReadResult) => {
        if (!this.waiting) return;
        this.waiting = undefined;
        this.editing = undefined;
        flush();
        this.keys.stop();
        this.setRaw(false);
        this.o.output.write('\n'); // linenoiseRaw's printf("\n"), after leaving raw mode
        resolve(result);
      };
      this.waiting = finish;
      this.setRaw(true);
      this.o.output.write(prompt);
      this.keys.start(
        (key) => {
          const result = state.handle(key);
          flush();
          if (result) finish(result);
          return result !== undefined;
        },
        () => finish(state.text !== '' ? { kind: 'line', line: state.text } : { kind: 'eof' }),
      );
    });
  }

  private setRaw(on: boolean): void {
    const input = this.o.input;
    if (this.raw === on || !input.isTTY || typeof input.setRawMode !== 'function') return;
    input.setRawMode(on);
    this.raw = on;
  }

  /** linenoiseNoTTY: one line up to '\n' (not included), no prompt, no echo; 'eof' at the end of the input. */
  private readPlain(): Promise<ReadResult> {
    const input = this.o.input;
    return new Promise((resolve) => {
      const finish = (result: ReadResult) => {
        if (!this.waiting) return;
        this.waiting = undefined;
        input.removeListener('data', onData);
        input.removeListener('end', onEnd);
        input.removeListener('error', onEnd);
        input.pause();
        resolve(result);
      };
      const tryLine = (): boolean => {
        const nl = this.plain.indexOf(0x0a);
        if (nl < 0 && !this.plainEnded) return false;
        const end = nl < 0 ? this.plain.length : nl;
        const line = this.plain.toString('utf8', 0, end);
        this.plain = this.plain.subarray(nl < 0 ? end : nl + 1);
        finish(nl < 0 && line === '' ? { kind: 'eof' } : { kind: 'line', line });
        return true;
      };
      const onData = (chunk: Buffer | string) => {
        this.plain = Buffer.concat([this.plain, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk]);
        tryLine();
      };
      const onEnd = () => {
        this.plainEnded = true;
        tryLine();
      };
      this.waiting = finish;
      // 'end' may have been emitted while no readLine was listening.
      if (input.readableEnded) this.plainEnded = true;
      if (tryLine()) return;
      input.on('data', onData);
      input.on('end', onEnd);
      input.on('error', onEnd);
      input.resume();
    });
  }
}
