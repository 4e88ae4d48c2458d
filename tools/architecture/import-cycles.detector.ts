/** A directed graph: each node and the nodes it depends on. */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The strongly connected components of `graph` that form cycles (two or more nodes, or one node
 * depending on itself), found with Tarjan's algorithm. Each component is its members sorted;
 * components come sorted by their first member. {@link cyclePath} shows one cycle through it.
 */
export function findCycles(graph: DependencyGraph): string[][] {
  return stronglyConnected(graph)
    .filter((c) => c.length > 1 || (graph.get(c[0]) ?? []).includes(c[0]))
    .map((c) => [...c].sort())
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * One shortest cycle through `start` inside `members` (a strongly connected component), as the
 * path `start -> ... -> start`; for the message of a failing check.
 */
export function cyclePath(graph: DependencyGraph, members: readonly string[]): string[] {
  const inside = new Set(members);
  const start = members[0];
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i]) ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) return [...walkBack(previous, queue[i], start), start];
      if (!previous.has(next)) {
        previous.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  return [start];
}

function walkBack(previous: ReadonlyMap<string, string>, end: string, start: string): string[] {
  const path = [end];
  while (path[0] !== start) path.unshift(previous.get(path[0]) as string);
  return path;
}

/**
 * Collapses a file graph into a graph of groups (e.g. libs): an edge A -> B for every file of A
 * importing a file of B, A != B. Files `groupOf` maps to undefined are left out.
 */
export function groupGraph(
  graph: DependencyGraph,
  groupOf: (node: string) => string | undefined,
): Map<string, string[]> {
  const edges = new Map<string, Set<string>>();
  for (const [from, targets] of graph) {
    const a = groupOf(from);
    if (a === undefined) continue;
    const out = edges.get(a) ?? new Set<string>();
    edges.set(a, out);
    for (const to of targets) {
      const b = groupOf(to);
      if (b !== undefined && b !== a) out.add(b);
    }
  }
  return new Map([...edges].map(([k, v]) => [k, [...v].sort()]));
}

/** Tarjan's algorithm, iterative so a long import chain cannot overflow the stack. */
function stronglyConnected(graph: DependencyGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const at = (numbers: ReadonlyMap<string, number>, node: string) => numbers.get(node) ?? 0;
  const open = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
  };

  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    open(root);
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          open(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(at(low, frame.node), at(index, target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(at(low, parent), at(low, frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
