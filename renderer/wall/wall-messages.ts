import type { I18n } from '../i18n/i18n.js';

/** Strings only the wall shows, Vietnamese first (the console's own are in renderer/i18n/messages.ts). */
export const WALL_MESSAGES = {
  hubLive: { vi: 'Máy chủ', en: 'Hub' },
  hubReconnecting: { vi: 'Mất kết nối hub — đang kết nối lại', en: 'Hub connection lost — reconnecting' },
  hubSilent: { vi: 'Hub không phản hồi', en: 'Hub not responding' },
  hubDown: { vi: 'Mất kết nối hub', en: 'Hub connection down' },
  hubConnecting: { vi: 'Đang kết nối hub', en: 'Connecting to the hub' },
  staleFor: { vi: 'DỮ LIỆU CŨ · {age}', en: 'STALE DATA · {age}' },
  staleNever: { vi: 'CHƯA CÓ DỮ LIỆU', en: 'NO DATA YET' },
  startRetry: { vi: 'thử lại sau {seconds} giây', en: 'retrying in {seconds} s' },
  criticalOpen: { vi: 'SỰ CỐ NGHIÊM TRỌNG', en: 'CRITICAL INCIDENT' },
  criticalMore: { vi: '+{n} sự cố nghiêm trọng khác', en: '+{n} more critical' },
  boardTitle: { vi: 'Sự cố đang xử lý', en: 'Active incidents' },
  boardEmpty: { vi: 'Không có sự cố đang mở', en: 'No active incidents' },
  boardMore: { vi: 'và {n} sự cố khác', en: 'and {n} more' },
  healthTitle: { vi: 'Tình trạng nguồn dữ liệu', en: 'Feed health' },
  layoutError: { vi: 'Không tải được bố cục', en: 'Layout could not be loaded' },
  itemOf: { vi: '{n}/{total}', en: '{n}/{total}' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type WallMessageKey = keyof typeof WALL_MESSAGES;

export function wallText(i18n: I18n, key: WallMessageKey, values: Record<string, string | number> = {}): string {
  return i18n.format(WALL_MESSAGES[key], values);
}
