import type { Metadata } from 'next';
import { DriversTable } from '../../components/drivers/drivers-table';
import { parseDriverQuery } from '../../lib/driver-table';

export const metadata: Metadata = { title: 'Drivers — FleetPulse' };

type SearchParams = Record<string, string | string[] | undefined>;

/** The drivers table; its search, filter, sort and page come from the URL, so links reopen the same view. */
export default async function DriversPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <DriversTable initial={parseDriverQuery(await searchParams)} />;
}
