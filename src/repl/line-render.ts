// Terminal cell widths and linenoise's multi-line refresh (refreshMultiLine), counted in cells instead of bytes.

/** Made on first use: ICU's segmenter takes ~15 ms to build, which the first prompt should not wait for. */
let segmenter: Intl.Segmenter | undefined;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The user-perceived characters of s (a base character with its combining marks is one). */
export function graphemes(s: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (seg) => seg.segment);
}

/** East Asian Wide/Fullwidth code points (the ranges of is-fullwidth-code-point). */
function isWide(cp: number): boolean {
  return cp >= 0x1100 && (cp <= 0x115f || cp === 0x2329 || cp === 0x232a
    || (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) || (cp >= 0x3250 && cp <= 0x4dbf)
    || (cp >= 0x4e00 && cp <= 0xa4c6) || (cp >= 0xa960 && cp <= 0xa97c) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe10 && cp <= 0xfe19) || (cp >= 0xfe30 && cp <= 0xfe6b)
    || (cp >= 0xff01 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1b000 && cp <= 0x1b001)
    || (cp >= 0x1f200 && cp <= 0x1f251) || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff)
    || (cp >= 0x20000 && cp <= 0x3fffd));
}

/** Cells one grapheme takes: 0 for lone marks and controls, 2 for wide characters and emoji, else 1. */
export function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (isWide(cp)) return 2;
  if (EMOJI.test(g) && (g.includes('\uFE0F') || cp >= 0x1f000)) return 2;
  return ZERO_WIDTH.test(String.fromCodePoint(cp)) ? 0 : 1;
}

/** Cells a string takes on one line, ignoring SGR/CSI escape codes. */
export function strWidth(s: string): number {
  let w = 0;
  for (const g of graphemes(s.replace(ANSI, ''))) w += graphemeWidth(g);
  return w;
}

/** The longest prefix of s that fits in `cells`. */
export function truncateToWidth(s: string, cells: number): string {
  let w = 0;
  let out = '';
  for (const g of graphemes(s)) {
    w += graphemeWidth(g);
    if (w > cells) break;
    out += g;
  }
  return out;
}

/**
 * The cell (row * cols + col, counted from the prompt's start) where each character of the buffer starts, plus the
 * end. A wide character that would straddle the right edge starts on the next row, as terminals draw it.
 */
export function layout(promptWidth: number, chars: readonly string[], cols: number): number[] {
  const starts: number[] = [];
  let cell = promptWidth;
  for (const ch of chars) {
    const w = graphemeWidth(ch);
    if (w === 2 && cols > 1 && cell % cols === cols - 1) cell++;
    starts.push(cell);
    cell += w;
  }
  starts.push(cell);
  return starts;
}

/** What one refresh draws. Cells are absolute (prompt included). */
export interface Frame {
  prompt: string;
  promptWidth: number;
  /** The text shown after the prompt (the buffer, or the highlighted search match). */
  text: string;
  cursorCell: number;
  endCell: number;
  /** Hint text (already spaced and truncated), drawn grey after the text; '' for none. */
  hint: string;
  /** Extra columns to move the cursor right (the search match's offset in the shown history line). */
  extraCol: number;
  /** cursorCell is at the end of the buffer and the buffer is not empty. */
  atEnd: boolean;
}

/** linenoise's state across refreshes of one line. */
export interface ScreenState {
  cols: number;
  /** Most rows the line has used so far. */
  maxRows: number;
  /** Where the last refresh left the cursor, in cells after the prompt (linenoise's oldpos; the prompt may change). */
  oldCursor: number;
}

const HINT_ON = '\x1b[0;90;49m';
const HINT_OFF = '\x1b[0m';

/** The bytes of refreshMultiLine: go to the last row used, clear each row going up, redraw, place the cursor. */
export function renderMultiLine(f: Frame, s: ScreenState): string {
  const cols = s.cols;
  let rows = Math.floor((f.endCell + cols - 1) / cols);
  const rpos = Math.floor((f.promptWidth + s.oldCursor + cols) / cols);
  const oldRows = s.maxRows;
  if (rows > s.maxRows) s.maxRows = rows;

  let out = '';
  if (oldRows - rpos > 0) out += `\x1b[${oldRows - rpos}B`;
  for (let j = 0; j < oldRows - 1; j++) out += '\r\x1b[0K\x1b[1A';
  out += '\r\x1b[0K';
  out += f.prompt + f.text;
  if (f.hint !== '') out += HINT_ON + f.hint + HINT_OFF;

  // At the very end of a row the terminal waits to wrap; emit the newline so the cursor really is on the next row.
  if (f.atEnd && f.cursorCell % cols === 0) {
    out += '\n\r';
    rows++;
    if (rows > s.maxRows) s.maxRows = rows;
  }
  const rpos2 = Math.floor((f.cursorCell + cols) / cols);
  if (rows - rpos2 > 0) out += `\x1b[${rows - rpos2}A`;
  const col = (f.cursorCell % cols) + f.extraCol;
  out += col ? `\r\x1b[${col}C` : '\r';
  s.oldCursor = f.cursorCell - f.promptWidth;
  return out;
}
