/** A box on screen, in CSS pixels. */
export interface ScreenBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** One label: where it may go, in order of preference, and how much it matters (higher wins). */
export interface LabelCandidates {
  readonly id: string;
  readonly priority: number;
  readonly boxes: readonly ScreenBox[];
  /** When no position is free, take the first one clear of other labels even if it covers an obstacle. */
  readonly insist?: boolean;
}

function overlaps(a: ScreenBox, b: ScreenBox, gap: number): boolean {
  return a.left < b.left + b.width + gap && b.left < a.left + a.width + gap && a.top < b.top + b.height + gap && b.top < a.top + a.height + gap;
}

/**
 * Where to draw labels so that none covers another: highest priority first (ties by id, so the choice is the same
 * on every desk and wall), each at its first position that keeps `gapPx` from every label already placed, or not
 * at all; `obstacles` (the symbols the labels belong to) are not covered, unless a label `insist`s and has no
 * other place. Greedy, like a map renderer's symbol
 * placement; a few dozen labels make the quadratic check free.
 * Returns the chosen position's index by label id; a label left out is absent.
 */
export function placeLabels(labels: readonly LabelCandidates[], obstacles: readonly ScreenBox[] = [], gapPx = 2): Map<string, number> {
  const order = [...labels].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: ScreenBox[] = [];
  const chosen = new Map<string, number>();
  const free = (box: ScreenBox, against: readonly ScreenBox[]): boolean => !against.some((other) => overlaps(other, box, gapPx));
  for (const label of order) {
    let index = label.boxes.findIndex((box) => free(box, obstacles) && free(box, placed));
    if (index < 0 && label.insist) index = label.boxes.findIndex((box) => free(box, placed));
    const box = label.boxes[index];
    if (!box) continue;
    placed.push(box);
    chosen.set(label.id, index);
  }
  return chosen;
}
