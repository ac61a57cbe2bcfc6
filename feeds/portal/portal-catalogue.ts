import type { PortalCatalogue } from '../protocol/feed-data.js';

/** Hải Dương's administrative-procedure catalogue (DESIGN §1): 335 + 664 + 961 = 1,960; 543 on the national portal. */
export const HAI_DUONG_CATALOGUE: PortalCatalogue = {
  total: 1960,
  fullyOnline: 335,
  partlyOnline: 664,
  informationOnly: 961,
  onNationalPortal: 543,
};
