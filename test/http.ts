/** A JSON object as an API answers it. */
export type Json = Record<string, unknown>;

/** An API reply: its status and its JSON body. */
export interface JsonReply {
  status: number;
  body: Json;
}

/** What the helpers need of an app: Hono's in-process `request`. */
export interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** GET `path` and parse the JSON body. */
export async function getJson(app: RequestableApp, path: string): Promise<JsonReply> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Json };
}

/** Sends `body` (when given) as JSON; an empty reply parses as `{}`. */
export async function sendJson(
  app: RequestableApp,
  request: { method: string; path: string; body?: unknown },
): Promise<JsonReply> {
  const { method, path, body } = request;
  const res = await app.request(path, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** A multipart form: a string is a field, `[name, text]` a file of that name and content. */
export function formOf(fields: Record<string, string | [name: string, text: string]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) form.append(key, new Blob([value[1]]), value[0]);
    else form.append(key, value);
  }
  return form;
}
