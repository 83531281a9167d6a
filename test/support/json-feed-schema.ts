// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a schema, written from the spec:
// required fields, types, RFC 3339 dates, 1.1's `authors` array (not 1.0's `author`),
// and no keys the spec does not define (extensions must start with "_").
import { z } from "zod";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const url = z.url();
const extensions = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).catchall(z.unknown()).superRefine((obj, ctx) => {
    for (const key of Object.keys(obj)) {
      if (!(key in shape) && !key.startsWith("_")) ctx.addIssue({ code: "custom", message: `"${key}" is not a JSON Feed 1.1 field`, path: [key] });
    }
  });

const author = extensions({ name: z.string().optional(), url: url.optional(), avatar: url.optional() }).refine(
  (a) => a.name !== undefined || a.url !== undefined || a.avatar !== undefined,
  "an author needs at least one of name, url, avatar",
);

const item = extensions({
  id: z.string().min(1),
  url: url.optional(),
  external_url: url.optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  image: url.optional(),
  banner_image: url.optional(),
  date_published: z.string().regex(RFC3339).optional(),
  date_modified: z.string().regex(RFC3339).optional(),
  authors: z.array(author).optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().optional(),
  attachments: z.array(z.object({ url, mime_type: z.string() }).loose()).optional(),
}).refine((i) => i.content_html !== undefined || i.content_text !== undefined, "an item needs content_html or content_text");

export const jsonFeed11 = extensions({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  user_comment: z.string().optional(),
  next_url: url.optional(),
  icon: url.optional(),
  favicon: url.optional(),
  authors: z.array(author).optional(),
  language: z.string().optional(),
  expired: z.boolean().optional(),
  hubs: z.array(z.object({ type: z.string(), url })).optional(),
  items: z.array(item),
}).refine((f) => new Set(f.items.map((i) => i.id)).size === f.items.length, "item ids must be unique");
