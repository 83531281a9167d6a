// The picture link previews show for a page without one of its own (og:image): a PNG the
// build draws from src/build/site-card.svg, since previews show no SVG.
export const SITE_CARD = {
  path: "/site-card.png",
  /** 1200×630, the size Facebook, LinkedIn, Mastodon and X crop large previews to. */
  width: 1200,
  height: 630,
} as const;
