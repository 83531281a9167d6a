// Where the site's icons are served; the build draws them, the layout and the feeds link them.
export const SITE_ICONS = {
  /** 16, 32 and 48 px in one file, for browsers' tabs and bookmarks. */
  favicon: "/favicon.ico",
  /** 180 px, for home screens (iOS asks for it whether linked or not). */
  appleTouchIcon: "/apple-touch-icon.png",
  /** JSON Feed `icon` and Atom `<icon>`: square and large, for readers' big tiles. */
  feedIcon: "/feed-icon.png",
  /** JSON Feed `favicon`: square and small, for readers' source lists. */
  feedFavicon: "/feed-favicon.png",
  /** RSS `<image>`, which RSS 2.0 caps at 144 px wide and 400 px tall. */
  rssImage: "/feed-image.png",
  /** Atom `<logo>`, which RFC 4287 wants twice as wide as tall. */
  feedLogo: "/feed-logo.png",
} as const;

/** Pixel sizes of the feed images: the build draws them at these, and the feeds state them. */
export const FEED_IMAGE_SIZES = {
  feedIcon: { width: 512, height: 512 },
  feedFavicon: { width: 64, height: 64 },
  rssImage: { width: 144, height: 144 },
  feedLogo: { width: 400, height: 200 },
} as const satisfies Partial<Record<keyof typeof SITE_ICONS, { width: number; height: number }>>;
