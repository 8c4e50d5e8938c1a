// A link the console shows or counts as evidence (a CI run) is http(s): never javascript:,
// data: or file:. Imports nothing, so the input schema, the pre-checks and the page share it.
export function isHttpUrl(text: string | null | undefined): text is string {
  if (!text) return false;
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
