import type { HubArgs } from '../feeds/hub/cli-args.js';

/** main → hub utility process. */
export type HubUtilityRequest = { readonly type: 'start'; readonly args: HubArgs } | { readonly type: 'stop' };

/** hub utility process → main. */
export type HubUtilityReply = { readonly type: 'ready'; readonly url: string } | { readonly type: 'failed'; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isHubUtilityReply(value: unknown): value is HubUtilityReply {
  if (!isRecord(value)) return false;
  if (value['type'] === 'ready') return typeof value['url'] === 'string';
  if (value['type'] === 'failed') return typeof value['message'] === 'string';
  return false;
}

export function isHubUtilityRequest(value: unknown): value is HubUtilityRequest {
  if (!isRecord(value)) return false;
  if (value['type'] === 'stop') return true;
  return value['type'] === 'start' && isRecord(value['args']);
}
