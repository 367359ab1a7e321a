-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3);
