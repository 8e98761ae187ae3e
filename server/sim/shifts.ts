/**
 * The fleet: each driver's name and the shifts they work. Shifts come from a few templates
 * (early, day, split lunch+dinner, late, evening, night) so that supply roughly follows the day's
 * demand, each with its start and end jittered by up to half an hour.
 */
import type { Rng } from '../roads/random';
import { MS_PER_DAY, MS_PER_MINUTE } from './time-of-day';

/** One stretch online: [start, end) in ms since the epoch. */
export interface Shift {
  start: number;
  end: number;
}

interface Template {
  name: string;
  weight: number;
  /** [start, end] in local hours; a split shift has two parts */
  parts: [number, number][];
}

export const SHIFT_TEMPLATES: readonly Template[] = [
  { name: 'early', weight: 0.26, parts: [[6.25, 14.75]] },
  { name: 'day', weight: 0.17, parts: [[7.5, 16.5]] },
  { name: 'split', weight: 0.2, parts: [[11, 14.75], [17.25, 23]] },
  { name: 'late', weight: 0.06, parts: [[12, 21.5]] },
  { name: 'evening', weight: 0.25, parts: [[15.5, 24]] },
  { name: 'night', weight: 0.06, parts: [[0, 6.5], [19.5, 24]] },
]

const CUMULATIVE = (() => {
  let acc = 0;
  return SHIFT_TEMPLATES.map((t) => (acc += t.weight));
})();

/**
 * The shifts of one driver on the day starting at `dayStart` (UTC midnight), for a city
 * `utcOffsetMin` ahead of UTC; all within the day, at least 30 minutes long, in order.
 */
export function drawShifts(rng: Rng, dayStart: number, utcOffsetMin: number): Shift[] {
  const t = SHIFT_TEMPLATES[rng.weighted(CUMULATIVE)];
  const lastMinute = dayStart + MS_PER_DAY - MS_PER_MINUTE;
  const shifts: Shift[] = [];
  for (const [a, b] of t.parts) {
    const jitterA = a === 0 ? rng.range(0, 0.5) : rng.range(-0.5, 0.5);
    const jitterB = b === 24 ? rng.range(-0.75, 0) : rng.range(-0.5, 0.5);
    const toTs = (h: number) =>
      dayStart + Math.round((h * 60 - utcOffsetMin)) * MS_PER_MINUTE;
    const start = Math.max(dayStart, toTs(a + jitterA));
    const end = Math.min(lastMinute, toTs(b + jitterB));
    const prev = shifts[shifts.length - 1];
    if (end - start < 30 * MS_PER_MINUTE || (prev && start <= prev.end)) continue;
    shifts.push({ start, end });
  }
  return shifts;
}

const FIRST_NAMES = [
  'Ana', 'João', 'Maria', 'Pedro', 'Inês', 'Tiago', 'Beatriz', 'Rui', 'Sofia', 'Miguel', 'Marta',
  'Diogo', 'Carla', 'Nuno', 'Rita', 'Bruno', 'Joana', 'Hugo', 'Catarina', 'André', 'Leonor',
  'Ricardo', 'Mariana', 'Paulo', 'Helena', 'Luís', 'Sara', 'Filipe', 'Cláudia', 'Vasco', 'Lucas',
  'Amara', 'Kofi', 'Yara', 'Omar', 'Priya', 'Chen', 'Elena', 'Ivan', 'Fatima', 'Mateo', 'Aisha',
  'Noah', 'Lina', 'Samuel', 'Zoe', 'Igor', 'Nadia',
];
const LAST_INITIALS = 'ABCDFGLMNOPRSTV';

export function drawName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${LAST_INITIALS[rng.int(LAST_INITIALS.length)]}.`;
}
