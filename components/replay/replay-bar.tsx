'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DayInfo, SeriesBody } from '../../lib/api-types';
import type { ReplayClock } from '../../lib/live-types';
import { replayErrorText } from '../../lib/replay-errors';
import { SHORTCUTS, type ReplayKeyAction } from '../../lib/replay-keys';
import { clockAt, fractionOf, hhmmss, longDate, seekTarget, SPEED_PRESETS, speedLabel, stepSpeed } from '../../lib/scrubber';
import { useFeed, useFeedValue } from '../feed/feed-provider';
import styles from './replay.module.css';
import { Scrubber } from './scrubber';
import { useReplayKeys } from './use-replay-keys';

/** Keyboard seeks in a row are sent as one, this long after the last key. */
const KEY_SEEK_DEBOUNCE_MS = 250;

export interface ReplayBarProps {
  day: DayInfo;
  series: SeriesBody | null;
  seriesError: string | null;
  /** the day picker, shown at the bar's start */
  picker?: React.ReactNode;
  /** opens a new replay connection (after one was refused or closed), to resume at `at` if given */
  onRetry(at: ReplayClock | null): void;
  /** where a reopened replay resumes: its time and speed (it starts paused) */
  resume?: ReplayClock | null;
}

/**
 * The replay's controls, under the dashboard's title: the simulated clock shown large, play/pause,
 * speed presets, the shortcuts, and the scrubber across the whole day. The clock and the marker
 * run on every animation frame from the last `clock` frame (no React render per frame).
 */
export function ReplayBar({ day, series, seriesError, picker, onRetry, resume }: ReplayBarProps) {
  const feed = useFeed();
  const replay = feed.replay!;
  const clock = useFeedValue('clock', (s) => s.clock);
  const connection = useFeedValue('connection', (s) => s.connection);
  const ready = clock !== null && (connection === 'live' || connection === 'stale');
  const [failure, setFailure] = useState<string | null>(null);

  const barRef = useRef<HTMLElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const dateRef = useRef<HTMLSpanElement>(null);
  const markerRef = useRef<HTMLDivElement>(null);
  const playedRef = useRef<HTMLDivElement>(null);
  const sliderRef = useRef<HTMLDivElement>(null);
  /** when the current clock frame arrived (performance.now()) */
  const receivedAt = useRef(0);
  /** a time being dragged or keyed to, shown until the seek is answered */
  const preview = useRef<number | null>(null);
  const keySeek = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** redraws the clock and the marker now (after the preview changed) */
  const drawNow = useRef(() => {});

  // The clock text, the marker and the slider's value: every animation frame, and at once when a
  // clock frame arrives (so a pause shows its final time in the same moment the button turns).
  useEffect(() => {
    let raf = 0;
    let shown = '';
    const draw = () => {
      const c = feed.state.clock;
      if (!c) return;
      const ts = preview.current ?? clockAt(c, receivedAt.current, performance.now());
      const pct = `${fractionOf(ts, c.startTs, c.endTs) * 100}%`;
      if (markerRef.current) markerRef.current.style.left = pct;
      if (playedRef.current) playedRef.current.style.width = pct;
      const text = hhmmss(ts);
      if (text === shown) return;
      shown = text;
      if (timeRef.current) timeRef.current.textContent = text;
      if (dateRef.current) dateRef.current.textContent = longDate(ts);
      const slider = sliderRef.current;
      if (slider) {
        slider.setAttribute('aria-valuenow', String(ts));
        slider.setAttribute('aria-valuetext', `${text}, ${longDate(ts)}`);
      }
    };
    const frame = () => {
      raf = requestAnimationFrame(frame);
      draw();
    };
    drawNow.current = draw;
    raf = requestAnimationFrame(frame);
    const unsubscribe = feed.state.subscribe('clock', () => {
      receivedAt.current = performance.now();
      draw();
    });
    return () => {
      cancelAnimationFrame(raf);
      unsubscribe();
    };
  }, [feed.state]);

  const attempt = useCallback((what: string, p: Promise<ReplayClock>) => {
    p.then(
      () => setFailure(null),
      (err: Error) => setFailure(`${what} failed: ${err.message}`),
    );
    return p;
  }, []);

  const seekTo = useCallback(
    (ts: number) => {
      preview.current = ts;
      drawNow.current();
      attempt('Seeking', replay.seek(ts)).finally(() => {
        if (preview.current === ts) preview.current = null;
      });
    },
    [replay, attempt],
  );

  const now = () => {
    const c = feed.state.clock!;
    return preview.current ?? clockAt(c, receivedAt.current, performance.now());
  };

  const toggle = () => {
    const c = feed.state.clock;
    if (!c) return;
    if (c.playing) return void attempt('Pausing', replay.pause());
    // At the end of the day, play starts over.
    if (c.ts >= c.endTs) return void attempt('Playing', replay.seek(c.startTs).then(() => replay.play()));
    void attempt('Playing', replay.play());
  };

  const setSpeed = (n: number) => void attempt('Changing the speed', replay.speed(n));

  useReplayKeys(ready, barRef, (a: ReplayKeyAction) => {
    const c = feed.state.clock;
    if (!c) return;
    switch (a.kind) {
      case 'toggle':
        return toggle();
      case 'speed':
        return setSpeed(stepSpeed(c.speed, a.dir));
      case 'seekTo':
        clearTimeout(keySeek.current);
        return seekTo(a.where === 'start' ? c.startTs : c.endTs);
      case 'seekBy': {
        // Shown at once; sent once the keys stop (holding an arrow is one seek, not twenty).
        const target = seekTarget(now(), a.ms, c.startTs, c.endTs);
        preview.current = target;
        drawNow.current();
        clearTimeout(keySeek.current);
        keySeek.current = setTimeout(() => seekTo(target), KEY_SEEK_DEBOUNCE_MS);
        return;
      }
    }
  });
  useEffect(() => () => clearTimeout(keySeek.current), []);

  // A reopened replay (a new session starts at dawn) goes back to where the closed one was.
  const resumed = useRef(false);
  useEffect(() => {
    if (!ready || !resume || resumed.current) return;
    resumed.current = true;
    void attempt('Resuming', replay.speed(resume.speed).then(() => replay.seek(resume.ts)));
  }, [ready, resume, replay, attempt]);

  const refused = feed.error && connection !== 'live' && connection !== 'stale';
  const playing = clock?.playing ?? false;
  return (
    <section ref={barRef} className={styles.bar} aria-label="Replay controls" data-testid="replay-bar">
      <div className={styles.top}>
        {picker}
        <div className={styles.clock} aria-live="off">
          {/* Written every frame by the loop above; React renders only the placeholder. */}
          <span ref={timeRef} className={`${styles.time} ${clock ? '' : styles.pending}`} data-testid="replay-clock">
            --:--:--
          </span>
          <span ref={dateRef} className={styles.date}>
            {longDate(day.startTs)}
          </span>
        </div>
        <div className={styles.transport}>
          <button
            type="button"
            className={styles.play}
            onClick={toggle}
            disabled={!ready}
            aria-label={playing ? 'Pause' : 'Play'}
            title={playing ? 'Pause (Space)' : 'Play (Space)'}
            data-testid="replay-play"
          >
            {playing ? <PauseIcon /> : <PlayIcon />}
          </button>
          <div className={styles.speeds} role="group" aria-label="Playback speed (simulated seconds per second)">
            {SPEED_PRESETS.map((n) => (
              <button
                key={n}
                type="button"
                className={styles.speed}
                aria-pressed={clock?.speed === n}
                aria-label={`Speed ${n}x`}
                disabled={!ready}
                onClick={() => setSpeed(n)}
              >
                {speedLabel(n)}
              </button>
            ))}
          </div>
        </div>
      </div>
      <Scrubber
        startTs={clock?.startTs ?? day.startTs}
        endTs={clock?.endTs ?? day.endTs}
        points={series?.points ?? null}
        disabled={!ready}
        markerRef={markerRef}
        playedRef={playedRef}
        sliderRef={sliderRef}
        onPreview={(ts) => {
          preview.current = ts;
          drawNow.current();
        }}
        onSeek={seekTo}
      />
      <p className={styles.keys} aria-label="Keyboard shortcuts">
        <span className={styles.keysTitle}>Keys</span>
        {SHORTCUTS.map((s) => (
          <span key={s.does} className={styles.key}>
            {s.keys.map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}{' '}
            {s.does}
          </span>
        ))}
      </p>
      {refused && (
        <div className={styles.alert} role="alert" data-testid="replay-error">
          <span>This replay could not be opened: {replayErrorText(feed.error!)}</span>
          <button type="button" onClick={() => onRetry(feed.state.clock ?? resume ?? null)}>
            Try again
          </button>
        </div>
      )}
      {!refused && connection === 'reconnecting' && (
        <p className={styles.status} role="status">
          Connection lost; reconnecting, the replay resumes where it was.{' '}
          {/* A session the server closed (idle too long) does not come back by itself. */}
          <button type="button" className={styles.inlineButton} onClick={() => onRetry(feed.state.clock)}>
            Reopen now
          </button>
        </p>
      )}
      {!refused && !clock && connection === 'connecting' && (
        <p className={styles.status} role="status">
          Opening the replay…
        </p>
      )}
      {failure && (
        <p className={styles.alert} role="alert">
          {failure}
        </p>
      )}
      {seriesError && <p className={styles.status}>The demand curve could not be loaded ({seriesError}); the replay works without it.</p>}
    </section>
  );
}

const PlayIcon = () => (
  <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
    <path d="M7 4.5v15l13-7.5z" fill="currentColor" />
  </svg>
);

const PauseIcon = () => (
  <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
    <path d="M6 4.5h4.5v15H6zM13.5 4.5H18v15h-4.5z" fill="currentColor" />
  </svg>
);
