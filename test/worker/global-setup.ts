// Starts the SES endpoints the worker tests send to, on the ports vitest.config.ts chose
// (the config passes the same ports to the Worker as bindings). The Worker sends through
// the fault-injecting stand-in, which passes everything it does not fault to the emulator.
// Nothing listens on HERALD_TEST_REFUSED_SES_PORT: connections to it are refused.
import { startFaultySes, startSesEmulator } from "../support/ses-endpoints.ts";
import { startHangUpOnFirstData, startRestartableSes } from "../support/ses-hang-ups.ts";
import { startWebSubSubscriber } from "../support/websub-subscriber.ts";

export default async function setup() {
  const port = (name: string) => Number(process.env[name]);
  const emulator = await startSesEmulator(port("HERALD_TEST_SES_PORT"));
  const faulty = await startFaultySes(emulator.url, port("HERALD_TEST_FAULTY_SES_PORT"));
  const hangUp = await startHangUpOnFirstData(port("HERALD_TEST_HANG_UP_SES_PORT"));
  // In front of the stand-in, so what it saw of each call can still be asked for.
  const restartable = await startRestartableSes(faulty.url, port("HERALD_TEST_RESTARTABLE_SES_PORT"), port("HERALD_TEST_RESTARTABLE_SES_CONTROL_PORT"));
  // The callbacks of the WebSub hub's tests.
  const subscriber = await startWebSubSubscriber(port("HERALD_TEST_WEBSUB_PORT"));
  return async () => {
    await subscriber.close();
    await restartable.close();
    await hangUp.close();
    await faulty.close();
    await emulator.close();
  };
}
