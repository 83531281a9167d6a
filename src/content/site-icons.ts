// Where the site's icons are served; the build draws them, the layout links them.
export const SITE_ICONS = {
  /** 16, 32 and 48 px in one file, for browsers' tabs and bookmarks. */
  favicon: "/favicon.ico",
  /** 180 px, for home screens (iOS asks for it whether linked or not). */
  appleTouchIcon: "/apple-touch-icon.png",
} as const;
