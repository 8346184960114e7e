// linenoise's TAB cycle (completeLine): candidates shown one per TAB, a beep back at the original line; plus
// candidates that arrive late (key names from the server) without ever making a key wait for them.
import type { Key } from './key-reader.js';

const TAB = 9;

/** What the cycle needs of the line being edited. */
export interface TabView {
  /** The text as typed (not the candidate shown). */
  readonly text: string;
  /** Keys handled so far: late candidates start a cycle only if none was pressed since their TAB. */
  readonly keys: number;
  /** False once the line is finished. */
  readonly live: boolean;
  /** Shows a candidate in place of the line, or the line itself (undefined). */
  show(candidate: string | undefined): void;
  /** Makes a candidate the line. */
  accept(candidate: string): void;
  beep(): void;
  /** Something changed the screen without a key: write it out now. */
  written(): void;
}

export interface TabSources {
  complete?: (line: string) => string[];
  /** The whole candidate list for a line, when it takes a while; undefined when there is nothing to wait for. */
  completeLater?: (line: string) => Promise<string[]> | undefined;
}

/** The TAB that started a cycle: the line it saw and the key count then. */
interface Tab { line: string; keys: number }

export class TabCycle {
  private cycle: { candidates: string[]; index: number; tab: Tab } | undefined;

  constructor(private readonly sources: TabSources, private readonly view: TabView) {}

  /** Whether candidates are being cycled through (the next key goes to key() first). */
  get active(): boolean {
    return this.cycle !== undefined;
  }

  /** TAB on the line: the first candidate, or a beep when there is none (and nothing more is coming). */
  start(): void {
    let candidates: string[] = [];
    try {
      candidates = this.sources.complete?.(this.view.text) ?? [];
    } catch {
      // A failing completer completes nothing.
    }
    const tab: Tab = { line: this.view.text, keys: this.view.keys };
    const waiting = this.askLater(tab);
    if (candidates.length === 0) {
      if (!waiting) this.view.beep();
      return;
    }
    this.cycle = { candidates, index: 0, tab };
    this.show();
  }

  /** completeLine: TAB shows the next candidate; true when the key must then be handled as usual. */
  key(key: Key): boolean {
    const c = this.cycle!;
    const n = c.candidates.length;
    if (key.kind === 'ctrl' && key.code === TAB) {
      c.index = (c.index + 1) % (n + 1);
      if (c.index === n) this.view.beep();
      this.show();
      return false;
    }
    this.cycle = undefined;
    if (key.kind === 'escape' || key.kind === 'seq') {
      if (c.index < n) this.view.show(undefined); // back to the original line
    } else if (c.index < n) {
      this.view.accept(c.candidates[c.index]!);
    }
    return true;
  }

  private show(): void {
    const { candidates, index } = this.cycle!;
    this.view.show(candidates[index]);
  }

  /** Starts the slow lookup for this TAB, if there is one; true when its answer is awaited. */
  private askLater(tab: Tab): boolean {
    let later: Promise<string[]> | undefined;
    try {
      later = this.sources.completeLater?.(tab.line);
    } catch {
      later = undefined;
    }
    if (!later) return false;
    later.then((list) => this.arrived(tab, list), () => this.arrived(tab, []));
    return true;
  }

  /** Late candidates join the cycle their TAB started (the shown one stays), or start it if nothing was typed since. */
  private arrived(tab: Tab, list: string[]): void {
    const c = this.cycle;
    if (!this.view.live) return;
    if (c?.tab === tab) {
      const shown = c.candidates[c.index];
      c.candidates = [...new Set([...list, ...c.candidates])];
      c.index = shown === undefined ? c.candidates.length : c.candidates.indexOf(shown);
      return;
    }
    if (c || this.view.keys !== tab.keys || this.view.text !== tab.line) return;
    if (list.length === 0) {
      this.view.beep();
    } else {
      this.cycle = { candidates: list, index: 0, tab };
      this.show();
    }
    this.view.written();
  }
}
