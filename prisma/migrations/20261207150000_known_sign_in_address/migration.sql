-- CreateTable
CREATE TABLE "KnownSignInAddress" (
    "userId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "lastSignedInAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KnownSignInAddress_pkey" PRIMARY KEY ("userId","address")
);

-- CreateIndex
CREATE INDEX "KnownSignInAddress_lastSignedInAt_idx" ON "KnownSignInAddress"("lastSignedInAt");

-- AddForeignKey
ALTER TABLE "KnownSignInAddress" ADD CONSTRAINT "KnownSignInAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

