// GET /api/healthz – the console's own liveness: no auth, no dependency calls
const started = Date.now();

export function GET() {
  return Response.json({ status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000) });
}
