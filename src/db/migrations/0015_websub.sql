-- Herald's WebSub hub (W3C WebSub): who asked to be told of a feed's changes, what each
-- feed looked like when last checked, and each push of a change to each subscriber.

-- An active subscription: created only after its callback echoed the challenge. A request
-- waiting for that echo is not stored (it travels in its queue message), so a request that
-- is never verified leaves nothing behind. One row per (topic, callback): a renewal moves
-- the lease and may change the secret.
CREATE TABLE websub_subscriptions (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  callback TEXT NOT NULL,
  -- The callback's registrable domain (roughly: src/websub/callback-rules.ts), lower case,
  -- for the cap per domain, so subdomains do not each get a cap of their own.
  callback_host TEXT NOT NULL,
  -- For X-Hub-Signature; NULL: pushes go unsigned.
  secret TEXT,
  lease_seconds INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  -- Pushes dropped in a row; the subscription is removed when this reaches the hub's limit.
  dropped_in_a_row INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (topic, callback)
);
CREATE INDEX websub_subscriptions_host ON websub_subscriptions (callback_host);
CREATE INDEX websub_subscriptions_expiry ON websub_subscriptions (expires_at);

-- Each topic's content as last seen, by fingerprint. `version` grows by one per change; the
-- checker that moves it (compare-and-set on the old fingerprint) is the one that makes the
-- pushes, so a change is distributed once however many checks run at the same moment.
CREATE TABLE websub_topics (
  topic TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  version INTEGER NOT NULL,
  changed_at INTEGER NOT NULL
);

-- One push of one change (topic, version) to one target: an active subscription's callback
-- ('sub:<id>') or an external hub's publish ping ('hub:<url>'). The unique key is what makes
-- a change reach each target once.
CREATE TABLE websub_pushes (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  subscription_id INTEGER REFERENCES websub_subscriptions (id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- superseded: a newer change of the topic came before this push went out; the newer push
  -- carries the feed as it is then, so a callback that was down gets one push, not one per
  -- change it missed.
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dropped', 'superseded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- When the next attempt may start (epoch ms).
  next_at INTEGER NOT NULL,
  -- A consumer holds the push while it calls the callback, so a duplicate message does not
  -- call it twice at the same time.
  claimed_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (target, topic, version)
);
CREATE INDEX websub_pushes_waiting ON websub_pushes (next_at) WHERE status = 'pending';

-- The instants a publish check was put on the queue for (a scheduled post's time), so each
-- is armed once however many checks see it coming.
CREATE TABLE websub_wakes (
  at INTEGER PRIMARY KEY
);

-- Deploys (a content build with the settings feeds print, as '<build id>:<hash>') the hub has
-- checked the topics of: the first request a deploy serves runs a publish check once, rather
-- than waiting for the scheduled job.
CREATE TABLE websub_builds (
  build_id TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
);
