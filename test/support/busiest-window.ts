// The most events in any window of `span` ms (sliding, checked at every event).
export function busiestWindow(times: number[], span = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= span) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
