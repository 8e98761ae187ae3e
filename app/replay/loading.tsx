export default function Loading() {
  return <p className="hint">Loading the recorded days…</p>;
}
