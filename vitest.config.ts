// Two test projects: "worker" runs inside workerd through the Cloudflare plugin; "node"
// drives a locally started Worker with tools that need Node (feed parsers, a browser,
// mail parsers, the content build).
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { freePort } from "./test/support/free-port.ts";
import { SENDING_TEST_MS } from "./test/support/send-timeouts.ts";

// The worker project's SES endpoints: ports chosen here, servers started by its globalSetup.
process.env.HERALD_TEST_SES_PORT ??= String(await freePort());
process.env.HERALD_TEST_FAULTY_SES_PORT ??= String(await freePort());
// Endpoints that lose the connection at chosen moments (test/support/ses-hang-ups.ts); the
// refused one is a free port that nothing ever listens on.
process.env.HERALD_TEST_REFUSED_SES_PORT ??= String(await freePort());
process.env.HERALD_TEST_HANG_UP_SES_PORT ??= String(await freePort());
process.env.HERALD_TEST_RESTARTABLE_SES_PORT ??= String(await freePort());
process.env.HERALD_TEST_RESTARTABLE_SES_CONTROL_PORT ??= String(await freePort());
// The WebSub subscriber's callbacks the hub tests use (test/support/websub-subscriber.ts).
process.env.HERALD_TEST_WEBSUB_PORT ??= String(await freePort());

// A throwaway signing certificate, standing in for Amazon SNS's in the webhook tests.
const certDir = mkdtempSync(join(tmpdir(), "herald-sns-"));
execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"), "-days", "2", "-subj", "/CN=sns.us-east-1.amazonaws.com"], { stdio: "ignore" });

// wrangler.toml's [alias] is not applied by the plugin; repeat it.
const alias = { "@aws-sdk/xml-builder": fileURLToPath(new URL("./src/mail/xml-builder-shim.js", import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                // The same migrations wrangler applies in production and `npm start`.
                TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./src/db/migrations", import.meta.url))),
                AUTHOR_TOKEN: "test-author-token-0001,test-author-token-0002",
                SIGNING_SECRET: "k2:test-signing-secret-new,k1:test-signing-secret-old",
                AWS_ACCESS_KEY_ID: "test",
                AWS_SECRET_ACCESS_KEY: "test",
                // Through the fault-injecting stand-in; it forwards the rest to the emulator.
                SES_ENDPOINT: `http://127.0.0.1:${process.env.HERALD_TEST_FAULTY_SES_PORT}`,
                FAULTY_SES_ENDPOINT: `http://127.0.0.1:${process.env.HERALD_TEST_FAULTY_SES_PORT}`,
                REFUSED_SES_ENDPOINT: `http://127.0.0.1:${process.env.HERALD_TEST_REFUSED_SES_PORT}`,
                HANG_UP_SES_ENDPOINT: `http://127.0.0.1:${process.env.HERALD_TEST_HANG_UP_SES_PORT}`,
                RESTARTABLE_SES_ENDPOINT: `http://127.0.0.1:${process.env.HERALD_TEST_RESTARTABLE_SES_PORT}`,
                RESTARTABLE_SES_CONTROL: `http://127.0.0.1:${process.env.HERALD_TEST_RESTARTABLE_SES_CONTROL_PORT}`,
                MAX_SEND_RATE: "200",
                WEBSUB_SUBSCRIBER: `http://127.0.0.1:${process.env.HERALD_TEST_WEBSUB_PORT}`,
                SNS_TOPIC_ARNS: "arn:aws:sns:us-east-1:123456789012:herald-bounces",
                TEST_SNS_CERT: readFileSync(join(certDir, "cert.pem"), "utf8"),
                TEST_SNS_KEY: readFileSync(join(certDir, "key.pem"), "utf8"),
              },
            },
          }),
        ],
        resolve: { alias },
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/worker/global-setup.ts"],
          setupFiles: ["test/worker/apply-migrations.ts", "test/worker/fresh-inbox.ts"],
          // One D1 and one queue for all files: sending tests clear tables, so files take turns.
          fileParallelism: false,
          // Many tests here drive real sends through the queue, the limiter and the SES
          // endpoint; vitest's 5 s default made them fail on a busy 2-core machine.
          testTimeout: SENDING_TEST_MS,
          hookTimeout: SENDING_TEST_MS,
        },
      },
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/node/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
