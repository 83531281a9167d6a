-- Bounce and complaint handling: SNS message ids seen (replays are refused), and transient
-- bounces counted per subscriber (only repeated ones suppress).
CREATE TABLE sns_messages (
  message_id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
);

ALTER TABLE subscribers ADD COLUMN transient_bounces INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscribers ADD COLUMN transient_bounce_at INTEGER;

-- Notifications find their delivery by the SES message id.
CREATE INDEX deliveries_message_id ON deliveries (message_id);
