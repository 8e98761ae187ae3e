/**
 * The replay page's keyboard shortcuts, as a pure mapping from a key press to what it does, so
 * the rules (not while typing, not with Ctrl/Cmd/Alt, arrows left to a focused map) are tested
 * without a browser.
 */

export type ReplayKeyAction =
  | { kind: 'toggle' }
  | { kind: 'seekBy'; ms: number }
  | { kind: 'seekTo'; where: 'start' | 'end' }
  | { kind: 'speed'; dir: -1 | 1 };

/** What the handler needs to know about a keydown event and where focus is. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** focus is in a text field, a select or editable content: keys are the user's typing */
  typing: boolean;
  /** focus is on the map, whose arrow keys pan it */
  inMap: boolean;
  /** focus is on a control outside the replay bar that Space itself activates (a button, a checkbox) */
  onControl: boolean;
}

export const MINUTE_MS = 60_000;

/** The shortcuts as the page lists them for people. */
export const SHORTCUTS: readonly { keys: string[]; does: string }[] = [
  { keys: ['Space'], does: 'play / pause' },
  { keys: ['←', '→'], does: 'back / on 1 min' },
  { keys: ['Shift', '←', '→'], does: '10 min' },
  { keys: ['[', ']'], does: 'slower / faster' },
  { keys: ['Home', 'End'], does: 'start / end of day' },
];

/** The action of a key press, or null when the key is not a shortcut here (left to the browser). */
export function replayKeyAction(k: KeyPress): ReplayKeyAction | null {
  if (k.typing || k.ctrlKey || k.metaKey || k.altKey) return null;
  switch (k.key) {
    case ' ':
    case 'Spacebar':
      return k.onControl ? null : { kind: 'toggle' };
    case 'ArrowLeft':
    case 'ArrowRight': {
      if (k.inMap) return null;
      const ms = (k.shiftKey ? 10 : 1) * MINUTE_MS;
      return { kind: 'seekBy', ms: k.key === 'ArrowLeft' ? -ms : ms };
    }
    case 'Home':
      return { kind: 'seekTo', where: 'start' };
    case 'End':
      return { kind: 'seekTo', where: 'end' };
    case '[':
      return { kind: 'speed', dir: -1 };
    case ']':
      return { kind: 'speed', dir: 1 };
    default:
      return null;
  }
}

/** The parts of a focused element that decide whether keys are typing. */
export interface FocusTarget {
  tagName: string;
  /** the `type` of an input */
  type?: string;
  isContentEditable?: boolean;
}

// Inputs whose keys are not typing. A range or a radio takes arrows, so they count as typing.
const NOT_TEXT_INPUTS = new Set(['button', 'checkbox', 'submit', 'reset', 'image', 'color', 'file']);

/** Is focus somewhere that takes typed keys (text inputs, text areas, selects, editable content)? */
export function isTypingTarget(t: FocusTarget | null): boolean {
  if (!t) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NOT_TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
  return false;
}

/** Does Space itself activate the focused element (a button, a checkbox, a summary)? */
export function spaceActivates(t: FocusTarget | null): boolean {
  if (!t) return false;
  const tag = t.tagName.toUpperCase();
  if (tag === 'BUTTON' || tag === 'SUMMARY') return true;
  return tag === 'INPUT' && NOT_TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
}
