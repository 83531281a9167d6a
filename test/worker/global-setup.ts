// Starts the SES endpoints the worker tests send to, on the ports vitest.config.ts chose
// (the config passes the same ports to the Worker as bindings).
import { startFaultySes, startSesEmulator } from "../support/ses-endpoints.ts";

export default async function setup() {
  const emulator = await startSesEmulator(Number(process.env.HERALD_TEST_SES_PORT));
  const faulty = await startFaultySes(Number(process.env.HERALD_TEST_FAULTY_SES_PORT));
  return async () => {
    await emulator.close();
    await faulty.close();
  };
}
