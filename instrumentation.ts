// Runs once when the server starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: the sign-in limits need each request's real peer address.
  const { recordPeerAddresses } = await import("./lib/api/peer-address");
  recordPeerAddresses();
  const { boot } = await import("./lib/boot");
  await boot();
}
