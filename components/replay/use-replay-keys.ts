'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { isTypingTarget, replayKeyAction, spaceActivates, type FocusTarget, type ReplayKeyAction } from '../../lib/replay-keys';

const focusOf = (el: EventTarget | null): FocusTarget | null =>
  el instanceof HTMLElement ? { tagName: el.tagName, type: (el as HTMLInputElement).type, isContentEditable: el.isContentEditable } : null;

/**
 * The replay shortcuts on the whole page (see lib/replay-keys.ts for which key does what and
 * when keys are left alone). `bar` is the replay bar: Space on its own buttons plays/pauses
 * rather than pressing the button again.
 */
export function useReplayKeys(enabled: boolean, bar: RefObject<HTMLElement | null>, run: (a: ReplayKeyAction) => void): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      const focus = focusOf(target);
      const action = replayKeyAction({
        key: e.key,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        typing: isTypingTarget(focus),
        inMap: !!target?.closest('.leaflet-container'),
        onControl: spaceActivates(focus) && !bar.current?.contains(target),
      });
      if (!action) return;
      // Page scrolling (Space, Home, End) and a focused button's own click give way to the shortcut.
      e.preventDefault();
      if (action.kind === 'toggle' && e.repeat) return;
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, bar]);
}
