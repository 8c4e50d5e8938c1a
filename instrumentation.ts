// Runs once when the server starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { EnvError } = await import("./lib/env");
  const { boot } = await import("./lib/boot");
  try {
    await boot();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`\nPhoenix Ops Console refuses to start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
