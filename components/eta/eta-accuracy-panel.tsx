'use client';

import { memo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EtaAccuracyBody } from '../../lib/api-types';
import { biasText, errorSeconds, errorTone, horizonBars, modelLabel, relativeTo, signedDuration } from '../../lib/eta-panel';
import type { EtaDeliveredRow, EtaFrame, EtaOpenRow } from '../../lib/live-types';
import { useFeed, useFeedValue } from '../feed/feed-provider';
import { clockTime, duration, fmt } from '../kpi/format';
import styles from './eta-accuracy-panel.module.css';

type Tab = 'open' | 'delivered';

/**
 * ETA accuracy (issue 6): the model in use, its MAE over the day with the error by horizon and
 * the bias, and the orders: each open order's ETA as the engine gives it now (in replay beside the
 * recorded actual arrival and the error), and the recent deliveries' at-pickup ETA against the
 * actual delivery. All from the feed's `eta` frame, so live and replay are the same component.
 */
export function EtaAccuracyPanel() {
  const { source } = useFeed();
  const frame = useFeedValue('eta', (s) => s.eta);
  const replay = source.kind === 'replay';
  const [tab, setTab] = useState<Tab>('open');
  return (
    <section className={styles.panel} aria-label="ETA accuracy" data-testid="eta-panel">
      <header className={styles.head}>
        <h2 className={styles.title}>ETA accuracy</h2>
        {frame && <span className={styles.model} data-testid="eta-model">{modelLabel(frame.accuracy.model)}</span>}
        {frame && <span className={styles.window}>deliveries of the last {frame.accuracy.windowHours} h</span>}
      </header>
      {frame ? (
        <div className={styles.body}>
          <Summary acc={frame.accuracy} />
          <div className={styles.orders}>
            <div className={styles.tabs} role="group" aria-label="Orders shown">
              <button type="button" aria-pressed={tab === 'open'} onClick={() => setTab('open')}>
                Open orders <b>{frame.open.length}</b>
              </button>
              <button type="button" aria-pressed={tab === 'delivered'} onClick={() => setTab('delivered')}>
                Recent deliveries <b>{frame.delivered.length}</b>
              </button>
            </div>
            {tab === 'open' ? <OpenTable frame={frame} replay={replay} /> : <DeliveredTable rows={frame.delivered} />}
          </div>
        </div>
      ) : (
        <p className={styles.empty}>Waiting for data…</p>
      )}
    </section>
  );
}

function Summary({ acc }: { acc: EtaAccuracyBody }) {
  const o = acc.overall;
  return (
    <div className={styles.summary}>
      <dl className={styles.figures}>
        <div>
          <dt>MAE</dt>
          <dd data-testid="eta-mae">{duration(o.maeSeconds)}</dd>
        </div>
        <div>
          <dt>p90</dt>
          <dd>{duration(o.p90Seconds)}</dd>
        </div>
        <div>
          <dt>scored</dt>
          <dd data-testid="eta-samples">{fmt(o.samples)}</dd>
        </div>
      </dl>
      <p className={styles.bias} title="Mean of actual minus predicted arrival">
        Bias {signedDuration(o.biasSeconds)}
        {o.biasSeconds !== null && <span> · {biasText(o.biasSeconds)}</span>}
      </p>
      <HorizonChart acc={acc} />
    </div>
  );
}

/** MAE and p90 of the error per horizon: memoized, it redraws only when the figures change. */
const HorizonChart = memo(
  function HorizonChart({ acc }: { acc: EtaAccuracyBody }) {
    const { unit, rows } = horizonBars(acc);
    const unitName = unit === 's' ? 's' : 'min';
    return (
      <figure className={styles.chart} aria-label="Error by horizon">
        <figcaption className={styles.chartHead}>
          Error by horizon ({unitName})
          <span className={styles.key}>
            <i className={styles.swatchMae} /> MAE <i className={styles.swatchP90} /> p90
          </span>
        </figcaption>
        <div className={styles.plot}>
          {!acc.overall.samples && <p className={styles.overlay}>No deliveries scored yet: each delivery scores the ETA given at its pickup</p>}
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 280, height: 140 }}>
            <BarChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} barGap={2}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis dataKey="label" tick={{ fill: 'var(--muted)', fontSize: 11 }} stroke="var(--border)" tickLine={false} />
              <YAxis width={34} tick={{ fill: 'var(--muted)', fontSize: 11 }} stroke="var(--border)" tickLine={false} axisLine={false} allowDecimals={unit === 'min'} tickCount={4} />
              <Tooltip
                isAnimationActive={false}
                cursor={{ fill: 'color-mix(in srgb, var(--muted) 12%, transparent)' }}
                content={({ active, payload }) => {
                  const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
                  if (!row) return null;
                  return (
                    <div className={styles.tooltip}>
                      <div className={styles.tooltipHead}>{row.label} ahead</div>
                      <div>MAE <b>{row.mae === null ? '—' : `${fmt(row.mae, unit === 'min' ? 1 : 0)} ${unitName}`}</b></div>
                      <div>p90 <b>{row.p90 === null ? '—' : `${fmt(row.p90, unit === 'min' ? 1 : 0)} ${unitName}`}</b></div>
                      <div>{fmt(row.samples)} deliveries</div>
                    </div>
                  );
                }}
              />
              <Bar dataKey="mae" name="MAE" fill="var(--eta-mae)" isAnimationActive={false} radius={[3, 3, 0, 0]} />
              <Bar dataKey="p90" name="p90" fill="var(--eta-p90)" isAnimationActive={false} radius={[3, 3, 0, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    );
  },
  (a, b) => sameAccuracy(a.acc, b.acc),
);

function sameAccuracy(a: EtaAccuracyBody, b: EtaAccuracyBody): boolean {
  return a.overall.samples === b.overall.samples && a.horizons.every((h, i) => h.samples === b.horizons[i].samples && h.maeSeconds === b.horizons[i].maeSeconds && h.p90Seconds === b.horizons[i].p90Seconds);
}

function ErrorCell({ seconds }: { seconds: number | null }) {
  return (
    <td className={`${styles.num} ${styles[errorTone(seconds)]}`} data-testid="eta-error">
      {signedDuration(seconds)}
    </td>
  );
}

function OpenTable({ frame, replay }: { frame: EtaFrame; replay: boolean }) {
  if (!frame.open.length) return <p className={styles.nothing}>No orders on their way.</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table} data-testid="eta-open">
        <caption className={styles.caption}>
          {replay ? 'ETA as predicted at the replay clock, beside the recorded arrival' : 'ETA to each order’s next stop, soonest first'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col" className={styles.wide}>Driver</th>
            <th scope="col">Stop</th>
            <th scope="col" className={styles.num}>Predicted</th>
            <th scope="col" className={`${styles.num} ${styles.wide}`}>Promised</th>
            {replay && <th scope="col" className={styles.num}>Actual</th>}
            {replay && <th scope="col" className={styles.num}>Error</th>}
          </tr>
        </thead>
        <tbody>
          {frame.open.map((r) => (
            <OpenRow key={r.orderId} row={r} now={frame.ts} replay={replay} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenRow({ row: r, now, replay }: { row: EtaOpenRow; now: number; replay: boolean }) {
  const late = r.etaTs !== null && r.promisedTs !== null && r.etaTs > r.promisedTs;
  return (
    <tr data-order={r.orderId}>
      <th scope="row">{r.orderId}</th>
      <td className={styles.wide}>{r.driverId}</td>
      <td>{r.stop === 'pickup' ? 'pickup' : 'drop-off'}</td>
      <td className={styles.num} data-testid="eta-predicted">
        {r.etaTs === null ? '—' : clockTime(r.etaTs)}
        {r.etaTs !== null && <small>{relativeTo(r.etaTs, now)}</small>}
      </td>
      <td className={`${styles.num} ${styles.wide} ${late ? styles.bad : ''}`} title={late ? 'expected after its promised time' : undefined}>
        {r.promisedTs === null ? '—' : clockTime(r.promisedTs)}
      </td>
      {replay && (
        <td className={styles.num} data-testid="eta-actual">
          {r.actualTs !== null ? clockTime(r.actualTs) : r.cancelledTs !== null ? <span className={styles.muted}>cancelled</span> : '—'}
        </td>
      )}
      {replay && <ErrorCell seconds={errorSeconds(r.etaTs, r.actualTs)} />}
    </tr>
  );
}

function DeliveredTable({ rows }: { rows: EtaDeliveredRow[] }) {
  if (!rows.length) return <p className={styles.nothing}>No deliveries yet.</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table} data-testid="eta-delivered">
        <caption className={styles.caption}>Drop-off ETA given at the pickup against the actual delivery, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col" className={styles.wide}>Driver</th>
            <th scope="col" className={`${styles.num} ${styles.wide}`}>Picked up</th>
            <th scope="col" className={styles.num}>Predicted</th>
            <th scope="col" className={styles.num}>Delivered</th>
            <th scope="col" className={styles.num}>Error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.orderId} data-order={r.orderId}>
              <th scope="row">{r.orderId}</th>
              <td className={styles.wide}>{r.driverId}</td>
              <td className={`${styles.num} ${styles.wide}`}>{clockTime(r.pickedUpTs)}</td>
              <td className={styles.num}>{r.etaAtPickupTs === null ? '—' : clockTime(r.etaAtPickupTs)}</td>
              <td className={styles.num} data-testid="eta-actual">{clockTime(r.deliveredTs)}</td>
              <ErrorCell seconds={errorSeconds(r.etaAtPickupTs, r.deliveredTs)} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
