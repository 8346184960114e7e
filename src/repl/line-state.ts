// One line being edited: linenoise's key handling (linenoiseEdit, completeLine, history, search) as terminal bytes.
import type { Key, SeqName } from './key-reader.js';
import { LineBuffer } from './line-buffer.js';
import { graphemes, layout, renderMultiLine, strWidth, truncateToWidth, type ScreenState } from './line-render.js';
import { HistorySearch, searchPrompt } from './line-search.js';
import { TabCycle } from './tab-cycle.js';

export type ReadResult = { kind: 'line'; line: string } | { kind: 'interrupt' } | { kind: 'eof' };

export interface LineStateOptions {
  prompt: string;
  /** Terminal width, read once per line as linenoise does. */
  cols: number;
  /** Oldest first. Copied: edits made while browsing it last only for this line. */
  history: readonly string[];
  complete?: (line: string) => string[];
  /**
   * Candidates that take a while (key names from the server), asked when TAB starts a completion: the promise gives
   * the whole list for that line. It replaces the cycle's list if the cycle is still on, or starts the cycle if no
   * key was pressed since; otherwise it is dropped. Undefined: nothing to wait for (an empty list beeps at once).
   */
  completeLater?: (line: string) => Promise<string[]> | undefined;
  /** Bytes were left in `out` by something other than a key (late candidates): the caller should write them. */
  onOutput?: () => void;
  hint?: (line: string) => string | undefined;
}


const C = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, TAB: 9, NL: 10, K: 11, L: 12, ENTER: 13,
  N: 14, P: 16, R: 18, S: 19, T: 20, U: 21, W: 23, BACKSPACE: 127,
} as const;
const ENDS_IN_SPACE = /[ \t\n\v\f\r]$/;

export class LineState {
  /** Bytes for the terminal, taken (and cleared) by the caller after each key. */
  out = '';
  private readonly buf = new LineBuffer();
  private prompt: string;
  private readonly originPrompt: string;
  private readonly screen: ScreenState;
  private readonly history: string[];
  /** 0 is the line being edited, 1 the newest history entry, and so on. */
  private historyIndex = 0;
  private readonly search: HistorySearch;
  private ignoreHintOnce = false;
  private readonly tabs: TabCycle;
  /** Keys handled so far, and whether the line is finished (late candidates are then dropped). */
  private keys = 0;
  private ended = false;

  constructor(private readonly o: LineStateOptions) {
    this.prompt = this.originPrompt = o.prompt;
    this.screen = { cols: Math.max(1, o.cols), maxRows: 0, oldCursor: 0 };
    this.history = [...o.history, ''];
    this.search = new HistorySearch(this.history);
    const self = this;
    this.tabs = new TabCycle(o, {
      get text() { return self.text; },
      get keys() { return self.keys; },
      get live() { return !self.ended; },
      show: (candidate) => {
        if (candidate === undefined) return this.refresh();
        const chars = graphemes(candidate);
        this.refresh(false, chars, chars.length);
      },
      accept: (candidate) => this.buf.set(candidate),
      beep: () => { this.out += '\x07'; },
      written: () => this.o.onOutput?.(),
    });
  }

  get text(): string {
    return this.buf.text;
  }

  /** Handles one key; returns how the line ended, or undefined while editing goes on. */
  handle(key: Key): ReadResult | undefined {
    this.keys++;
    const result = this.handleKey(key);
    if (result) this.ended = true;
    return result;
  }

  /** Draws the line again (the hint may have changed), unless a completion or search is being shown. */
  redraw(): void {
    if (!this.ended && !this.tabs.active && !this.search.enabled) this.refresh();
  }

  private handleKey(key: Key): ReadResult | undefined {
    if (this.tabs.active && !this.tabs.key(key)) return undefined;
    switch (key.kind) {
      case 'text':
        this.insert(key.text);
        return undefined;
      case 'ctrl':
        return this.control(key.code);
      default:
        if (this.search.enabled) this.leaveSearch(true);
        else if (key.kind === 'seq') this.sequence(key.name);
        return undefined;
    }
  }

  private control(code: number): ReadResult | undefined {
    const b = this.buf;
    switch (code) {
      case C.ENTER:
        // linenoise redraws (and so searches again from the newest line) before leaving search, which runs the
        // newest match instead of the one shown after cycling; leave first so the shown match is what runs.
        if (this.search.enabled) this.leaveSearch(false);
        this.showFinal();
        return { kind: 'line', line: this.text };
      case C.C:
        if (this.search.enabled) {
          this.leaveSearch(true);
          return undefined;
        }
        this.showFinal(); // unlike linenoise (which returns NULL and redis-cli exits), leave the line as typed
        return { kind: 'interrupt' };
      case C.D:
        if (b.length === 0) return { kind: 'eof' };
        this.redrawIf(b.deleteAtCursor());
        break;
      case C.TAB:
        if (this.o.complete && !this.search.enabled) this.tabs.start();
        else if (this.search.enabled) this.leaveSearch(false);
        break;
      case C.BACKSPACE:
      case C.H: this.redrawIf(b.backspace()); break;
      case C.T: this.redrawIf(b.transpose()); break;
      case C.B: this.redrawIf(b.moveTo(b.pos - 1)); break;
      case C.F: this.redrawIf(b.moveTo(b.pos + 1)); break;
      case C.A: this.redrawIf(b.moveTo(0)); break;
      case C.E: this.redrawIf(b.moveTo(b.length)); break;
      case C.P: this.historyStep(1); break;
      case C.N: this.historyStep(-1); break;
      case C.R: this.startSearch(-1); break;
      case C.S: this.startSearch(1); break;
      case C.G: if (this.search.enabled) this.leaveSearch(true); break;
      case C.U: b.clear(); this.refresh(); break;
      case C.K: b.killToEnd(); this.refresh(); break;
      case C.W: b.deletePrevWord(); this.refresh(); break;
      case C.L:
        this.out += '\x1b[H\x1b[2J';
        this.refresh();
        break;
      // NL (an Enter typed before raw mode) is ignored; so are unbound controls, which linenoise would insert.
    }
    return undefined;
  }

  private sequence(name: SeqName): void {
    const b = this.buf;
    switch (name) {
      case 'up': this.historyStep(1); break;
      case 'down': this.historyStep(-1); break;
      case 'left': this.redrawIf(b.moveTo(b.pos - 1)); break;
      case 'right': this.redrawIf(b.moveTo(b.pos + 1)); break;
      case 'home': this.redrawIf(b.moveTo(0)); break;
      case 'end': this.redrawIf(b.moveTo(b.length)); break;
      case 'delete': this.redrawIf(b.deleteAtCursor()); break;
      case 'other': break;
    }
  }

  private redrawIf(changed: boolean): void {
    if (changed) this.refresh();
  }

  /** Enter: cursor to the end, then redraw without the hint so the line stays as typed. */
  private showFinal(): void {
    this.redrawIf(this.buf.moveTo(this.buf.length));
    if (this.o.hint) this.refresh(true);
  }

  private insert(text: string): void {
    this.buf.insert(text);
    this.refresh();
  }

  /** linenoiseEditHistoryNext; dir 1 is older. The edited text is kept in the copy while browsing. */
  private historyStep(dir: 1 | -1): void {
    const h = this.history;
    if (h.length <= 1) return;
    h[h.length - 1 - this.historyIndex] = this.text;
    this.historyIndex += dir;
    if (this.historyIndex < 0) return void (this.historyIndex = 0);
    if (this.historyIndex >= h.length) return void (this.historyIndex = h.length - 1);
    this.buf.set(h[h.length - 1 - this.historyIndex]!);
    this.refresh();
  }

  private startSearch(direction: -1 | 1): void {
    this.search.direction = direction;
    this.prompt = searchPrompt(direction);
    if (this.search.enabled) {
      this.search.cycle = true;
    } else {
      this.buf.clear();
      this.search.enabled = true;
    }
    this.refresh();
  }

  /** Discard: back to an empty line. Keep: the match (or the typed term) becomes the line, drawn once without hint. */
  private leaveSearch(discard: boolean): void {
    if (discard) {
      this.buf.clear();
    } else {
      this.ignoreHintOnce = true;
      if (this.search.result !== '') this.buf.set(this.search.result);
    }
    this.search.enabled = false;
    this.prompt = this.originPrompt;
    this.search.reset();
    this.refresh();
  }

  private refresh(noHints = false, chars = this.buf.chars, pos = this.buf.pos): void {
    const term = chars.join('');
    this.search.refresh(term);
    const promptWidth = strWidth(this.prompt);
    const cells = layout(promptWidth, chars, this.screen.cols);
    const endCell = cells[chars.length]!;
    const showMatch = this.search.result !== '';
    this.out += renderMultiLine({
      prompt: this.prompt, promptWidth, text: showMatch ? this.search.friendly : term,
      cursorCell: cells[pos]!, endCell, hint: this.hintFor(term, endCell, noHints),
      extraCol: showMatch ? this.search.startOffset : 0, atEnd: pos > 0 && pos === chars.length,
    }, this.screen);
  }

  /** refreshShowHints plus redis-cli's hintsCallback spacing: a space first unless the line ends in whitespace. */
  private hintFor(text: string, endCell: number, noHints: boolean): string {
    if (this.search.enabled || this.ignoreHintOnce) {
      this.ignoreHintOnce = false;
      return '';
    }
    if (noHints || !this.o.hint || endCell >= this.screen.cols) return '';
    let hint: string | undefined;
    try {
      hint = this.o.hint(text);
    } catch {
      hint = undefined;
    }
    if (hint == null) return ''; // '' is still a hint: linenoise draws its leading space (in grey)
    return truncateToWidth(ENDS_IN_SPACE.test(text) ? hint : ` ${hint}`, this.screen.cols - endCell);
  }
}
