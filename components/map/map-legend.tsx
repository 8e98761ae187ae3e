'use client';

import { useEffect, useState } from 'react';
import type { ZonesBody } from '../../lib/api-types';
import { STATUS_COLORS, STATUS_LABELS } from '../../lib/driver-status';
import { formatHexValue, HEX_METRIC_LABELS, HEX_METRICS, hexScale, type HexMetric } from '../../lib/hex-scale';
import styles from './map.module.css';
import { AGE_COLORS } from './vehicle-sprites';

const SHOWN_STATUSES = ['idle', 'to_pickup', 'to_dropoff'] as const;
const METRIC_SHORT: Record<HexMetric, string> = { supply: 'Supply', demand: 'Demand', surge: 'Surge' };

export interface LegendProps {
  hexOn: boolean;
  onHex(on: boolean): void;
  metric: HexMetric;
  onMetric(m: HexMetric): void;
  zones: ZonesBody | null;
}

/**
 * The map's legend and layer control: vehicle colours and fix-age halos, the supply/demand toggle
 * with the choice of metric, and the colour scale of the hexagons. Clicks and wheel inside it do
 * not reach the map. Collapsible; collapsed at first on a phone.
 */
export function MapLegend({ hexOn, onHex, metric, onMetric, zones }: LegendProps) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (window.matchMedia('(max-width: 600px)').matches) setOpen(false);
  }, []);
  const scale = hexOn ? hexScale(zones?.zones ?? [], metric) : null;
  return (
    <div className={styles.legend} data-testid="map-legend">
      <button type="button" className={styles.legendToggle} aria-expanded={open} onClick={() => setOpen(!open)}>
        Legend {open ? '▴' : '▾'}
      </button>
      {open && (
        <>
          <div className={styles.legendRow} aria-label="Vehicle status">
            {SHOWN_STATUSES.map((s) => (
              <span key={s} className={styles.legendItem}>
                <i className={styles.dot} style={{ background: STATUS_COLORS[s] }} /> {STATUS_LABELS[s]}
              </span>
            ))}
          </div>
          <div className={styles.legendRow} aria-label="Age of the last fix">
            <span className={styles.legendItem}>
              <i className={styles.ring} style={{ borderColor: 'transparent', boxShadow: `0 0 0 3px ${STATUS_COLORS.idle}44` }} /> fresh
            </span>
            <span className={styles.legendItem}>
              <i className={styles.ring} style={{ borderColor: AGE_COLORS.ageing }} /> quiet &gt;30 s
            </span>
            <span className={styles.legendItem}>
              <i className={styles.ring} style={{ borderColor: AGE_COLORS.stale }} /> stale &gt;2 min
            </span>
          </div>
          <label className={styles.hexToggle}>
            <input type="checkbox" checked={hexOn} onChange={(e) => onHex(e.target.checked)} data-testid="hex-toggle" /> Supply &amp; demand zones
          </label>
          {scale && (
            <div className={styles.hexControls}>
              <div role="radiogroup" aria-label="Zone colour shows" className={styles.metrics}>
                {HEX_METRICS.map((m) => (
                  <button key={m} type="button" role="radio" aria-checked={m === metric} className={m === metric ? styles.metricOn : styles.metric} onClick={() => onMetric(m)} title={HEX_METRIC_LABELS[m]}>
                    {METRIC_SHORT[m]}
                  </button>
                ))}
              </div>
              <div className={styles.scale} aria-label={`${HEX_METRIC_LABELS[metric]} colour scale`}>
                <div className={styles.gradient} style={{ background: `linear-gradient(to right, ${scale.stops.join(', ')})` }} />
                <div className={styles.scaleLabels}>
                  <span>{formatHexValue(metric, scale.min)}</span>
                  <span>{HEX_METRIC_LABELS[metric]}</span>
                  <span>{formatHexValue(metric, scale.max)}</span>
                </div>
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
