// Finds import cycles between the folders of a tree (feeds/<folder>): a folder that imports another which, through
// any path, imports it back. File-level cycles inside one folder are allowed; cycles between folders tangle what
// docs/architecture.md keeps apart. `import type` is skipped: it leaves no runtime edge.
// Usage: node scripts/import-cycles.mjs [root=feeds]   (exit 1 and the cycles printed when there are any)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Static `import … from`, `export … from`, bare `import '…'`, and dynamic `import('…')`.
const importPattern =
  /(?:^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?|\bimport\(\s*)['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The folder graph of `root`: folder name → the set of other folders of root its files import at runtime. */
export function folderGraph(root) {
  const graph = new Map();
  const folderOf = (file) => relative(root, file).split(sep)[0];
  for (const file of sourceFiles(root)) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const target = resolve(dirname(file), match[1]);
      const rel = relative(root, target);
      if (rel.startsWith('..')) continue;
      const to = rel.split(sep)[0];
      if (to !== from && !to.includes('.')) graph.get(from).add(to);
    }
  }
  return graph;
}

/** Strongly connected components of more than one folder (Tarjan), each sorted. */
export function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indices.get(next)));
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/** For a printed cycle: which files of `from` import `to` (so the message says where to cut). */
export function edgeFiles(root, from, to) {
  return sourceFiles(join(root, from)).filter((file) =>
    [...readFileSync(file, 'utf8').matchAll(importPattern)].some(
      (match) => relative(root, resolve(dirname(file), match[1])).split(sep)[0] === to,
    ),
  ).map((file) => relative(root, file));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'feeds';
  const graph = folderGraph(root);
  const found = cycles(graph);
  for (const component of found) {
    console.log(`cycle between ${root}/ folders: ${component.join(', ')}`);
    for (const from of component)
      for (const to of graph.get(from)) if (component.includes(to)) console.log(`  ${from} → ${to}: ${edgeFiles(root, from, to).join(', ')}`);
  }
  if (found.length === 0) console.log(`no import cycle between the folders of ${root}/ (${graph.size} folders)`);
  process.exit(found.length === 0 ? 0 : 1);
}
