// Waiting on a condition, never on a guessed duration: checks every `intervalMs` until the
// condition holds or `limitMs` has passed.

/** How long the condition took to hold, or undefined if it did not within the limit. */
export async function waitFor(condition: () => Promise<boolean> | boolean, limitMs: number, intervalMs = 100): Promise<number | undefined> {
  const start = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - start;
    if (Date.now() - start > limitMs) return undefined;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
