// Cache lifetimes for public pages and feeds: short enough that a post published on
// schedule reaches readers within one poll, and never past the next scheduled post.
const MAX_AGE_S = 300;

export function cacheControl(msUntilNextPost: number | undefined): string {
  const maxAge = msUntilNextPost === undefined ? MAX_AGE_S : Math.max(0, Math.min(MAX_AGE_S, Math.floor(msUntilNextPost / 1000)));
  return `public, max-age=${maxAge}`;
}
