// `npm run audit:verify`: walks the audit log's hash chain and reports the first broken link.
// Exit code 0 when intact, 1 when broken. Keep the printed head (seq and hash) somewhere else: a
// later run whose chain no longer contains it shows that the newest rows were removed or the
// whole chain was rewritten.
import { prisma } from "../src/server/db.ts";
import { verifyAuditChain } from "../src/server/audit/verify.ts";

try {
  const report = await verifyAuditChain(prisma);
  if (report.intact) {
    console.log(
      `chain intact: ${report.rows} rows${report.head ? `, head seq ${report.head.seq} hash ${report.head.hash}` : ""}`,
    );
    process.exitCode = 0;
  } else {
    console.log(`chain broken at seq ${report.seq ?? "(none)"}, id ${report.id}: ${report.problem}`);
    console.log(`${report.rows} rows before it are intact`);
    process.exitCode = 1;
  }
} finally {
  await prisma.$disconnect();
}
