import type { ChartRow } from '../../lib/chart-series';

export interface SeriesDef {
  key: Exclude<keyof ChartRow, 'ts'>;
  name: string;
  /** CSS colour (a variable of the panel, so dark mode follows the system) */
  color: string;
  unit: string;
  dashed?: boolean;
}

export interface ChartDef {
  id: string;
  title: string;
  series: SeriesDef[];
  /** fixed y range (on-time %), else from the data */
  domain?: [number, number];
  /** values are counts: whole-number ticks */
  counts?: boolean;
  /** said over the axes while no minute in the range has a value */
  empty?: string;
}

/** The five charts of the panel, in reading order. */
export const CHARTS: readonly ChartDef[] = [
  {
    id: 'orders',
    title: 'Orders per minute',
    counts: true,
    series: [
      { key: 'created', name: 'Created', color: 'var(--chart-created)', unit: '/min' },
      { key: 'delivered', name: 'Delivered', color: 'var(--chart-delivered)', unit: '/min' },
      { key: 'cancelled', name: 'Cancelled', color: 'var(--chart-cancelled)', unit: '/min', dashed: true },
    ],
  },
  {
    id: 'drivers',
    title: 'Drivers',
    counts: true,
    series: [
      { key: 'online', name: 'Online', color: 'var(--chart-online)', unit: 'drivers' },
      { key: 'idle', name: 'Idle', color: 'var(--chart-idle)', unit: 'drivers' },
      { key: 'busy', name: 'Busy', color: 'var(--chart-busy)', unit: 'drivers' },
    ],
  },
  {
    id: 'supply',
    title: 'Supply vs demand',
    counts: true,
    series: [
      { key: 'supply', name: 'Idle drivers', color: 'var(--chart-idle)', unit: 'drivers' },
      { key: 'demand', name: 'Waiting orders', color: 'var(--chart-demand)', unit: 'orders' },
    ],
  },
  {
    id: 'on-time',
    title: 'On time',
    domain: [0, 100],
    empty: 'Nothing delivered in this range yet',
    series: [{ key: 'onTimePct', name: 'Delivered on time', color: 'var(--chart-ontime)', unit: '%' }],
  },
  {
    id: 'eta',
    title: 'ETA error',
    empty: 'Nothing delivered in this range yet',
    series: [{ key: 'etaErrorMin', name: 'Mean abs. error', color: 'var(--chart-eta)', unit: 'min' }],
  },
];

/** The System page's chart: what the server took in, minute by minute. */
export const EVENTS_CHART: ChartDef = {
  id: 'events',
  title: 'Events accepted per minute (event time)',
  counts: true,
  empty: 'No events in the last hour',
  series: [{ key: 'events', name: 'Events', color: 'var(--accent)', unit: '/min' }],
};
