/**
 * Draw `render(count)` with as many rows as let `box` show everything (from `max` down to 1): a wall card has a
 * fixed cell, and rows that do not fit are counted by the caller ("+3 khác"), never clipped half-way. A box not
 * laid out yet (height 0) keeps `max`.
 */
export function fitRows(box: HTMLElement | null, max: number, render: (count: number) => void): number {
  let count = max;
  for (;;) {
    render(count);
    if (!box || count <= 1 || box.clientHeight === 0 || box.scrollHeight <= box.clientHeight + 1) return count;
    count--;
  }
}
