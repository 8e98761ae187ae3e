import { LiveCounts } from '../components/live-counts';

export default function OverviewPage() {
  return (
    <>
      <h1>Fleet overview</h1>
      <LiveCounts />
    </>
  );
}
