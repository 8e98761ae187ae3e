/**
 * A refused replay connection's message as a sentence for people: the server's messages start
 * with the field or area they concern (`day: no day "x" ...`, `replay: all 8 replay sessions ...`),
 * which reads well in a log but not after "This replay could not be opened:".
 */
export function replayErrorText(message: string): string {
  const text = message.replace(/^(replay|day):\s*/i, '').trim();
  if (!text) return 'the server refused the connection.';
  if (text === 'xhr poll error' || text === 'websocket error' || text === 'timeout') return 'the server cannot be reached; it is retried automatically.';
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
