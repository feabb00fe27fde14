// Run by tests/exit-code.test.ts: a process that loads the embedded PostgreSQL helpers and sets a
// failing exit code must exit with that code when its event loop empties.
import "../../scripts/embedded-pg.ts";

process.exitCode = 3;
