'use client';

import { useMemo, useRef, useState, type RefObject } from 'react';
import type { SeriesPoint } from '../../lib/api-types';
import { areaPath, demandCurve, fractionOf, hhmm, hhmmss, hourTicks, tsAtX } from '../../lib/scrubber';
import styles from './replay.module.css';

// The curve is drawn in a fixed box and stretched to the bar's width (preserveAspectRatio none).
const W = 1000;
const H = 100;

export interface ScrubberProps {
  startTs: number;
  endTs: number;
  points: readonly SeriesPoint[] | null;
  disabled: boolean;
  /** moved by the bar every animation frame: the position marker, the played part, the slider */
  markerRef: RefObject<HTMLDivElement | null>;
  playedRef: RefObject<HTMLDivElement | null>;
  sliderRef: RefObject<HTMLDivElement | null>;
  /** the time being dragged to (null when the drag ends or is cancelled) */
  onPreview(ts: number | null): void;
  onSeek(ts: number): void;
}

/**
 * The whole day as a slider: the demand curve behind it, the played part shaded, a marker at the
 * replay clock. Hovering shows the time under the pointer; a click or a drag seeks when released
 * (the dragged-to time shows meanwhile). Keys are handled by the page's shortcuts.
 */
export function Scrubber({ startTs, endTs, points, disabled, markerRef, playedRef, sliderRef, onPreview, onSeek }: ScrubberProps) {
  const [hover, setHover] = useState<{ ts: number; x: number } | null>(null);
  const dragging = useRef<number | null>(null);
  const bins = useMemo(() => (points ? demandCurve(points, startTs, endTs) : []), [points, startTs, endTs]);
  const area = useMemo(() => areaPath(bins, startTs, endTs, W, H), [bins, startTs, endTs]);
  const peak = bins.reduce((m, b) => Math.max(m, b.value), 0);
  const ticks = useMemo(() => hourTicks(startTs, endTs, 8), [startTs, endTs]);

  const at = (clientX: number) => {
    const box = sliderRef.current!.getBoundingClientRect();
    const ts = tsAtX(clientX - box.left, box.width, startTs, endTs);
    return { ts, x: fractionOf(ts, startTs, endTs) };
  };

  return (
    <div className={styles.scrubberWrap}>
      <div
        ref={sliderRef}
        className={styles.scrubber}
        role="slider"
        tabIndex={disabled ? -1 : 0}
        aria-label="Replay position"
        aria-valuemin={startTs}
        aria-valuemax={endTs}
        aria-disabled={disabled || undefined}
        data-testid="replay-scrubber"
        onPointerDown={(e) => {
          if (disabled || e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = at(e.clientX);
          dragging.current = p.ts;
          setHover(p);
          onPreview(p.ts);
        }}
        onPointerMove={(e) => {
          if (disabled) return;
          const p = at(e.clientX);
          setHover(p);
          if (dragging.current !== null) {
            dragging.current = p.ts;
            onPreview(p.ts);
          }
        }}
        onPointerUp={() => {
          const ts = dragging.current;
          dragging.current = null;
          if (ts !== null) onSeek(ts);
        }}
        onPointerCancel={() => {
          dragging.current = null;
          onPreview(null);
        }}
        onPointerLeave={() => {
          if (dragging.current === null) setHover(null);
        }}
      >
        {!points && <span className={styles.curveLabel}>demand curve loading…</span>}
        <svg className={styles.curve} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
          {area && <path d={area} className={styles.area} vectorEffect="non-scaling-stroke" />}
        </svg>
        {area && !hover && <span className={styles.curveLabel}>orders created / min · peak {peak.toFixed(peak < 10 ? 1 : 0)}</span>}
        {ticks.map((t) => (
          <span key={t.ts} className={styles.gridLine} style={{ left: `${t.fraction * 100}%` }} aria-hidden="true" />
        ))}
        <div ref={playedRef} className={styles.played} aria-hidden="true" />
        <div ref={markerRef} className={styles.marker} aria-hidden="true">
          <span className={styles.knob} />
        </div>
        {hover && (
          <span className={styles.hoverLine} style={{ left: `${hover.x * 100}%` }} aria-hidden="true">
            <span className={styles.hoverTip} data-testid="replay-hover-time" style={{ transform: `translateX(${-hover.x * 100}%)` }}>
              {hhmmss(hover.ts)}
            </span>
          </span>
        )}
      </div>
      <div className={styles.ticks} aria-hidden="true">
        {ticks.map((t, i) => (
          <span
            key={t.ts}
            className={`${styles.tick} ${i % 2 ? styles.minorTick : ''}`}
            style={{ left: `${t.fraction * 100}%`, transform: `translateX(${t.fraction < 0.03 ? 0 : t.fraction > 0.97 ? -100 : -50}%)` }}
          >
            {hhmm(t.ts)}
          </span>
        ))}
      </div>
    </div>
  );
}
