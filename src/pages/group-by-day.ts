// Groups an event's posts by their day number, keeping the given order within a day.
import type { PostMeta } from "../content/types.ts";

export function groupByDay(posts: PostMeta[], order: "newest" | "oldest" = "newest"): [number, PostMeta[]][] {
  const days = new Map<number, PostMeta[]>();
  for (const post of posts) days.set(post.day, [...(days.get(post.day) ?? []), post]);
  return [...days].sort(([a], [b]) => (order === "newest" ? b - a : a - b));
}
