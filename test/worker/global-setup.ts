// Starts the SES endpoints the worker tests send to, on the ports vitest.config.ts chose
// (the config passes the same ports to the Worker as bindings). The Worker sends through
// the fault-injecting stand-in, which passes everything it does not fault to the emulator.
import { startFaultySes, startSesEmulator } from "../support/ses-endpoints.ts";

export default async function setup() {
  const emulator = await startSesEmulator(Number(process.env.HERALD_TEST_SES_PORT));
  const faulty = await startFaultySes(emulator.url, Number(process.env.HERALD_TEST_FAULTY_SES_PORT));
  return async () => {
    await faulty.close();
    await emulator.close();
  };
}
