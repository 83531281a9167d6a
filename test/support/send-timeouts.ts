// How long tests that drive a real send may take. Generous on purpose: a send's duration is
// the machine's (a 2-core machine running other suites beside this one is several times
// slower than a quiet laptop), so a test must fail when a send does not finish, never
// because it finished slowly. Tests wait for conditions (a status, a mail), not for time.

/** The longest a test waits for one condition: a send done, a mail in the inbox. */
export const SEND_CONDITION_MS = 60_000;

/** The longest a whole test that drives sends may run: a few such waits. */
export const SENDING_TEST_MS = 180_000;
