-- Who holds a claim: every change a consumer makes to a claimed or in-flight row names its
-- token, so a consumer whose lease ran out can never touch a row another one took over.
ALTER TABLE deliveries ADD COLUMN claim_token TEXT;
