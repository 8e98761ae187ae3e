export default function Loading() {
  return <p className="hint">Loading the system figures…</p>;
}
