/**
 * A fast path for the one line shape that is nearly all ingest traffic: a flat location event.
 *
 * `locationLine(text, start, end)` reads the JSON object in `text[start, end)` and returns the
 * event exactly as `validateEvent(JSON.parse(line))` would (same fields, same values, same key
 * order) when the line is a valid location event it can read without help: keys among the
 * location fields, each once; ids and `type` as plain strings of the id charset (no escapes);
 * numbers; no null. For anything else it returns undefined, and the caller takes the general path
 * (JSON.parse, then validateEvent), which also gives any error its message. It never accepts a
 * line that the general path would reject.
 *
 * Why not JSON.parse: it builds an object of every key and then the validator copies it into the
 * normalized event. Reading the known keys straight into the event costs less than the parse alone
 * (measured in `npm run bench -- core`).
 *
 * Numbers are exact: a decimal of at most 15 digits is an integer below 2^53 divided by a power of
 * ten of at most 10^22, both exact doubles, so the one IEEE division rounds correctly, as
 * JSON.parse does (Clinger's fast path). Longer numbers and exponents go to Number(), which rounds
 * as JSON.parse does too.
 */
import type { LocationEvent } from './events';
import { ID_CHARS, locationEvent } from './validate';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_TS = 8_640_000_000_000_000;
const MAX_DIGITS = 15;

// Key bits, also used to refuse a key given twice.
const K_TYPE = 1;
const K_ID = 2;
const K_DRIVER = 4;
const K_TS = 8;
const K_LAT = 16;
const K_LNG = 32;
const K_SPEED = 64;
const K_HEADING = 128;
const K_ACCURACY = 256;
const REQUIRED = K_TYPE | K_DRIVER | K_TS | K_LAT | K_LNG;

/** Where the scanner is and what it read last (one per module: parsing is synchronous). */
let pos = 0;
/** The number read last: in a typed array, so that storing it boxes nothing (a `let` would make a heap number each time). */
const NUM = new Float64Array(1);

function skipSpace(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    // JSON whitespace is all at or below 32: one comparison for the usual next token.
    if (c > 32 || (c !== 32 && c !== 9 && c !== 13 && c !== 10)) break;
    i++;
  }
  return i;
}

/** A word's characters as codes, to compare text against without making a string. */
function codes(word: string): Int32Array {
  return Int32Array.from(word, (ch) => ch.charCodeAt(0));
}

/**
 * Whether the text at the quote at `i` is the plain string `word` (its characters, then a closing
 * quote); sets `pos` after it. The words here have no quote or backslash, so a match is exactly
 * the JSON string of that word, escapes and all.
 */
function isWordAt(text: string, i: number, end: number, word: Int32Array): boolean {
  const n = word.length;
  if (i + n + 2 > end) return false;
  for (let k = 0; k < n; k++) if (text.charCodeAt(i + 1 + k) !== word[k]) return false;
  if (text.charCodeAt(i + 1 + n) !== 34) return false;
  pos = i + n + 2;
  return true;
}

/** Each field's name as character codes, by the index of its K_ bit. */
const NAMES: Int32Array[] = [];
/** The fields' bits by the length of their names (at most 2 of a length). */
const BY_LENGTH: number[][] = [];
for (const [name, bit] of [
  ['type', K_TYPE],
  ['id', K_ID],
  ['driverId', K_DRIVER],
  ['ts', K_TS],
  ['lat', K_LAT],
  ['lng', K_LNG],
  ['speedKph', K_SPEED],
  ['heading', K_HEADING],
  ['accuracyM', K_ACCURACY],
] as const) {
  NAMES[bitIndex(bit)] = codes(name);
  (BY_LENGTH[name.length] ??= []).push(bit);
}
const LOCATION = codes('location');

function bitIndex(bit: number): number {
  return 31 - Math.clz32(bit);
}

/**
 * Producers write their keys in one order, line after line: for each key (by bit index; 9 for the
 * start of a line), the key that came next the last time. Checking that guess costs one
 * comparison a character; only a wrong guess reads the key the general way. A hint only: a wrong
 * guess costs time, never changes an answer.
 */
const NEXT_KEY = new Int32Array(10);
const LINE_START = 9;

/** The key starting at the quote at `i` as a K_ bit (0: not a location field); sets `pos` after its closing quote. */
function readKey(text: string, i: number, end: number): number {
  let j = i + 1;
  while (j < end && text.charCodeAt(j) !== 34) j++;
  const candidates = BY_LENGTH[j - i - 1];
  if (j >= end || candidates === undefined) return 0;
  for (const bit of candidates) if (isWordAt(text, i, end, NAMES[bitIndex(bit)])) return bit;
  return 0;
}

/** An id string at the quote at `i`: 1 to 64 id characters, no escapes; sets `pos` after it. */
function readId(text: string, i: number, end: number): string | undefined {
  if (i >= end || text.charCodeAt(i) !== 34) return undefined;
  let j = i + 1;
  for (; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) break;
    if (c > 127 || ID_CHARS[c] === 0) return undefined;
  }
  const n = j - i - 1;
  if (j >= end || n === 0 || n > 64) return undefined;
  pos = j + 1;
  const id = text.slice(i + 1, j);
  // V8 makes a slice of 13 characters or more a view that keeps the whole text alive, and ids are
  // kept for a while (de-duplication, driver records): such an id gets characters of its own.
  return n < 13 ? id : ownCopy(id);
}

/** The same characters, no longer sharing storage with the string they were sliced from. */
function ownCopy(s: string): string {
  // Concatenating makes a new string; slicing it flattens that into a copy, and the slice views the copy.
  return (s + ' ').slice(0, -1);
}

/**
 * A JSON number at `i` into `NUM[0]`; sets `pos` after it. False when the text there is not a JSON
 * number. Up to 15 digits without exponent it is computed here; longer ones and exponents go to
 * Number(), which rounds as JSON.parse does.
 */
function readNumber(text: string, i: number, end: number): boolean {
  const from = i;
  let negative = false;
  if (i < end && text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  if (i >= end) return false;
  let c = text.charCodeAt(i);
  if (c < 48 || c > 57) return false;
  let m = 0;
  let digits = 0;
  if (c === 48) {
    i++; // a leading zero stands alone
  } else {
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      m = m * 10 + (c - 48);
      digits++;
    }
  }
  let scale = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    const dot = ++i;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      m = m * 10 + (c - 48);
      digits++; // leading zeros of a fraction count too, which only sends more to Number()
    }
    scale = i - dot;
    if (scale === 0) return false;
  }
  let exact = digits <= MAX_DIGITS;
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    // e or E, an optional sign, then at least one digit
    i++;
    if (i < end && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
    const digitsFrom = i;
    while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === digitsFrom) return false;
    exact = false;
  }
  if (exact) {
    const v = scale === 0 ? m : m / POW10[scale];
    NUM[0] = negative ? -v : v;
  } else {
    NUM[0] = Number(text.slice(from, i));
  }
  pos = i;
  return true;
}

/**
 * The location event on `text[start, end)`, exactly as validateEvent(JSON.parse(...)) gives it,
 * or undefined when this line needs the general path.
 */
export function locationLine(text: string, start: number, end: number): LocationEvent | undefined {
  let i = skipSpace(text, start, end);
  if (i >= end || text.charCodeAt(i) !== 123) return undefined; // {
  let seen = 0;
  let id: string | undefined;
  let driverId = '';
  let ts = 0;
  let lat = 0;
  let lng = 0;
  let speedKph: number | undefined;
  let heading: number | undefined;
  let accuracyM: number | undefined;
  i = skipSpace(text, i + 1, end);
  let last = LINE_START;
  for (;;) {
    if (i >= end || text.charCodeAt(i) !== 34) return undefined;
    const guess = NEXT_KEY[last];
    let key = guess;
    if (guess === 0 || !isWordAt(text, i, end, NAMES[bitIndex(guess)])) {
      key = readKey(text, i, end);
      if (key === 0) return undefined;
      NEXT_KEY[last] = key;
    }
    if ((seen & key) !== 0) return undefined;
    seen |= key;
    last = bitIndex(key);
    i = skipSpace(text, pos, end);
    if (i >= end || text.charCodeAt(i) !== 58) return undefined; // :
    i = skipSpace(text, i + 1, end);
    if (key === K_TYPE) {
      if (!isWordAt(text, i, end, LOCATION)) return undefined;
      i = pos;
    } else if (key === K_ID || key === K_DRIVER) {
      const s = readId(text, i, end);
      if (s === undefined) return undefined;
      if (key === K_ID) id = s;
      else driverId = s;
      i = pos;
    } else {
      if (!readNumber(text, i, end)) return undefined;
      const v = NUM[0];
      i = pos;
      switch (key) {
        case K_TS:
          if (!Number.isInteger(v) || v < 0 || v > MAX_TS) return undefined;
          ts = v;
          break;
        case K_LAT:
          if (v < -90 || v > 90) return undefined;
          lat = v;
          break;
        case K_LNG:
          if (v < -180 || v > 180) return undefined;
          lng = v;
          break;
        case K_SPEED:
          if (v < 0 || v > 300) return undefined;
          speedKph = v;
          break;
        case K_HEADING:
          if (v < 0 || v >= 360) return undefined;
          heading = v;
          break;
        default: // K_ACCURACY
          if (v < 0) return undefined;
          accuracyM = v;
      }
    }
    i = skipSpace(text, i, end);
    const c = i < end ? text.charCodeAt(i) : -1;
    if (c === 44) {
      i = skipSpace(text, i + 1, end);
      continue;
    }
    if (c !== 125) return undefined; // }
    break;
  }
  if (skipSpace(text, i + 1, end) !== end || (seen & REQUIRED) !== REQUIRED) return undefined;
  return locationEvent(driverId, ts, lat, lng, id, speedKph, heading, accuracyM);
}
