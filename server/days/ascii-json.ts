import { isAscii } from 'node:buffer';

/**
 * JSON text with every character past ASCII written as a `\u` escape: the same value to any
 * reader, in bytes that are all ASCII. Read back with `jsonText`, such bytes become a one-byte
 * string by a plain copy, where a single non-ASCII name among megabytes of a replay checkpoint
 * made the whole text a UTF-8 decode (~120 ms for 38 MB) into a two-byte string of twice the size.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text of JSON bytes: copied as latin1 when they are all ASCII (see asciiJson), else decoded as UTF-8. */
export function jsonText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
