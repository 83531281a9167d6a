// The author API as the CLI sees it: base URL and token from HERALD_URL / HERALD_TOKEN,
// defaulting to the local server and the first token in .dev.vars.
import { localEnv } from "./local-config.ts";

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export class AuthorClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static fromEnvironment(): AuthorClient {
    const baseUrl = (process.env.HERALD_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
    const token = process.env.HERALD_TOKEN ?? localEnv().AUTHOR_TOKEN?.split(",")[0]?.trim();
    if (!token) throw new Error("Set HERALD_TOKEN to an author token (or AUTHOR_TOKEN in .dev.vars for the local server).");
    return new AuthorClient(baseUrl, token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new Error(`Cannot reach Herald at ${this.baseUrl} (${(err as Error).message}). Is it running? (npm start, or set HERALD_URL)`);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: { code: "not_json", message: text.slice(0, 200) } };
    }
    return { status: res.status, body: parsed as T };
  }
}
