export function buildRenderer(options?: { minify?: boolean }): Promise<void>;
