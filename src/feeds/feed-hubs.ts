// The WebSub hubs every feed names: Herald's own first, then the external ones from
// WEBSUB_HUBS. One list for the feeds' bodies and their Link headers, so the two agree.
import type { Config } from "../config/config.ts";
import { hubUrl } from "../content/urls.ts";

export const feedHubs = (config: Pick<Config, "siteUrl" | "websubHubs">): string[] => [hubUrl(config), ...config.websubHubs];
