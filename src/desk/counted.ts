// A count with its noun, as the desk writes it: "1 active subscriber", "1,204 active subscribers".
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}
