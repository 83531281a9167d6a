// The images a feed names (RSS <image>, Atom <icon>/<logo>, JSON Feed icon/favicon): the PNGs
// the build draws from the site icon, as absolute URLs with the sizes they are drawn at.
import { FEED_IMAGE_SIZES, SITE_ICONS } from "../content/site-icons.ts";

export interface FeedImage {
  url: string;
  width: number;
  height: number;
}

export interface FeedImages {
  /** Square, large: JSON Feed `icon`, Atom `<icon>`. */
  icon: FeedImage;
  /** Square, small: JSON Feed `favicon`. */
  favicon: FeedImage;
  /** Within RSS 2.0's 144 × 400: RSS `<image>`. */
  rssImage: FeedImage;
  /** Twice as wide as tall: Atom `<logo>`. */
  logo: FeedImage;
}

export function feedImages(site: { siteUrl: string }): FeedImages {
  const image = (name: keyof typeof FEED_IMAGE_SIZES): FeedImage => ({ url: `${site.siteUrl}${SITE_ICONS[name]}`, ...FEED_IMAGE_SIZES[name] });
  return { icon: image("feedIcon"), favicon: image("feedFavicon"), rssImage: image("rssImage"), logo: image("feedLogo") };
}
