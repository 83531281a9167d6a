// Schemas for what authors write: event metadata and post front matter.
import { z } from "zod";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// RFC 3339 (seconds required): feeds carry these strings as written.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

export const slugSchema = z.string().regex(SLUG, "must be lower-case letters, digits and single hyphens");

/** Date.parse rolls 2026-02-31 over into March; authors mean a real day and time. */
function isRealDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2})))?$/.exec(s);
  if (!m) return true; // the format check reports this one
  const [y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0] = m.slice(1).map((v) => Number(v ?? 0));
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  return (
    day.getUTCFullYear() === y && day.getUTCMonth() === mo! - 1 && day.getUTCDate() === d &&
    h < 24 && mi < 60 && se < 60 && oh < 24 && om < 60
  );
}

const calendarDate = z
  .string({ error: "must be a date written YYYY-MM-DD" })
  .regex(DATE, "must be a date written YYYY-MM-DD")
  .refine(isRealDateTime, "is not a real calendar date");

export const dateTimeSchema = z
  .string({ error: "must be a date-time with an offset, e.g. 2015-11-09T18:30:00-08:00" })
  .regex(DATE_TIME, "must be a date-time with an offset, e.g. 2015-11-09T18:30:00-08:00")
  .refine(isRealDateTime, "is not a real date-time");

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "is not an IANA time zone");

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const eventSchema = z
  .object({
    title: z.string().trim().min(1, "is required"),
    timezone: timeZone,
    start: calendarDate,
    end: calendarDate,
    url: httpUrl,
    description: z.string().trim().default(""),
    /** The series this event is an edition of (e.g. `kubecon`): following the series follows its future editions. */
    series: slugSchema.optional(),
  })
  .strict()
  .refine((e) => e.start <= e.end, { message: "must not be before start", path: ["end"] });

const authorSchema = z.union([
  z.string().trim().min(1).transform((name) => ({ name })),
  z
    .object({
      name: z.string().trim().min(1, "is required"),
      email: z.email().optional(),
      url: httpUrl.optional(),
    })
    .strict(),
]);

export const frontMatterSchema = z
  .object({
    title: z.string({ error: "is required" }).trim().min(1, "is required"),
    date: dateTimeSchema,
    updated: dateTimeSchema.optional(),
    event: slugSchema,
    day: z.number({ error: "must be a whole number from 1" }).int("must be a whole number").min(1, "must be 1 or more"),
    authors: z.array(authorSchema).min(1, "needs at least one author"),
    summary: z.string({ error: "is required" }).trim().min(1, "is required"),
    tags: z.array(slugSchema).default([]),
    draft: z.boolean().default(false),
  })
  .strict()
  .refine((p) => p.updated === undefined || Date.parse(p.updated) >= Date.parse(p.date), {
    message: "must not be before date",
    path: ["updated"],
  });

export type EventInput = z.infer<typeof eventSchema>;
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Turns schema issues into `field: what was wrong` lines. */
export function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : "(front matter)",
    message: issue.message,
  }));
}
