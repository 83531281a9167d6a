// Fills a compiled template's [[slots]] in one pass. Values are HTML-escaped unless the
// slot's name ends in `_html` (markup this module's callers built and escaped already);
// values are never scanned for slots themselves, so content cannot inject one.
import { escapeHtml } from "../content/escape-html.ts";

export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\[\[([a-z_]+)\]\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template slot [[${name}]] has no value`);
    return name.endsWith("_html") ? value : escapeHtml(value);
  });
}
