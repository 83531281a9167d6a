// Times as the author API shows them: epoch milliseconds as ISO 8601, or null for none.
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
