import { describe, expect, it } from 'vitest';
import { isTypingTarget, replayKeyAction, spaceActivates, type KeyPress } from '../../lib/replay-keys';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  inMap: false,
  onControl: false,
  ...extra,
});

describe('replay keyboard shortcuts', () => {
  it('Space plays and pauses', () => {
    expect(replayKeyAction(press(' '))).toEqual({ kind: 'toggle' });
  });

  it('arrows seek a minute, ten with Shift', () => {
    expect(replayKeyAction(press('ArrowRight'))).toEqual({ kind: 'seekBy', ms: 60_000 });
    expect(replayKeyAction(press('ArrowLeft'))).toEqual({ kind: 'seekBy', ms: -60_000 });
    expect(replayKeyAction(press('ArrowRight', { shiftKey: true }))).toEqual({ kind: 'seekBy', ms: 600_000 });
    expect(replayKeyAction(press('ArrowLeft', { shiftKey: true }))).toEqual({ kind: 'seekBy', ms: -600_000 });
  });

  it('brackets change the speed, Home and End jump to the ends of the day', () => {
    expect(replayKeyAction(press('['))).toEqual({ kind: 'speed', dir: -1 });
    expect(replayKeyAction(press(']'))).toEqual({ kind: 'speed', dir: 1 });
    expect(replayKeyAction(press('Home'))).toEqual({ kind: 'seekTo', where: 'start' });
    expect(replayKeyAction(press('End'))).toEqual({ kind: 'seekTo', where: 'end' });
  });

  it('does nothing while typing or with a modifier (browser shortcuts stay the browser’s)', () => {
    for (const key of [' ', 'ArrowRight', '[', 'Home']) {
      expect(replayKeyAction(press(key, { typing: true }))).toBeNull();
      expect(replayKeyAction(press(key, { ctrlKey: true }))).toBeNull();
      expect(replayKeyAction(press(key, { metaKey: true }))).toBeNull();
      expect(replayKeyAction(press(key, { altKey: true }))).toBeNull();
    }
    expect(replayKeyAction(press('a'))).toBeNull();
  });

  it('leaves arrows to a focused map and Space to a focused control elsewhere on the page', () => {
    expect(replayKeyAction(press('ArrowLeft', { inMap: true }))).toBeNull();
    expect(replayKeyAction(press(' ', { inMap: true }))).toEqual({ kind: 'toggle' });
    expect(replayKeyAction(press(' ', { onControl: true }))).toBeNull();
    expect(replayKeyAction(press('ArrowRight', { onControl: true }))).toEqual({ kind: 'seekBy', ms: 60_000 });
  });
});

describe('what counts as typing', () => {
  it('text fields, text areas, selects, ranges and editable content do; buttons and checkboxes do not', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'range' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('Space activates buttons, checkboxes and summaries', () => {
    expect(spaceActivates({ tagName: 'BUTTON' })).toBe(true);
    expect(spaceActivates({ tagName: 'INPUT', type: 'checkbox' })).toBe(true);
    expect(spaceActivates({ tagName: 'SUMMARY' })).toBe(true);
    expect(spaceActivates({ tagName: 'INPUT', type: 'text' })).toBe(false);
    expect(spaceActivates({ tagName: 'DIV' })).toBe(false);
  });
});
