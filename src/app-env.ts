// Types shared by the app and its routes.
import type { Config } from "./config/config.ts";
import type { Mailer } from "./mail/ses-mailer.ts";
import type { SendingDeps } from "./sending/sending-deps.ts";
import type { BodyStore } from "./content/body-store.ts";
import type { ContentIndex } from "./content/types.ts";

export interface AppDeps {
  index: ContentIndex;
  /** The clock, in epoch milliseconds; tests pin it. */
  now: () => number;
  bodies: (env: Env) => BodyStore;
  mailer: (env: Env, config: Config) => Mailer;
  sending: (env: Env, config: Config) => SendingDeps;
  /** Outbound fetches (SNS certificates and subscription confirmations, Turnstile's siteverify). */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    config: Config;
    deps: AppDeps;
    /** Set once the author token was checked for this request. */
    authorVerified?: true;
    /** The page this route answers its errors with, for a person's browser (src/http/html-errors.ts). */
    errorPage?: import("./http/html-errors.ts").ErrorPage;
    /** The desk's signed-in session (src/desk/desk-guard.ts). */
    desk?: import("./desk/desk-session.ts").DeskSession;
    /** Set once this request's CSRF token was checked. */
    csrfChecked?: true;
    /** The answer may be framed by this origin's own pages (the desk's email preview). */
    frameable?: true;
    /** The Idempotency-Key claim this request holds (src/http/idempotency.ts), if it sent one. */
    idempotencyClaim?: string;
  };
}
