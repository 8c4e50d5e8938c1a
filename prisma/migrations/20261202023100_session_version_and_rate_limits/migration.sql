-- A session (next-auth JWT) carries the user's session version; signing out or being disabled
-- bumps it, so every token issued before stops working on its next request.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- Sign-in attempt counters shared by every replica (rate-limiter-flexible's Prisma store).
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMPTZ(3),
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" ("expire");
