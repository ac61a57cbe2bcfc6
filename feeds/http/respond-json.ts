import type { ServerResponse } from 'node:http';

/** A JSON answer that no cache keeps (every route of the hub answers live state or an outcome). */
export function respondJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}
