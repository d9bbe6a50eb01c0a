import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * `node dist/src/bench/profile-top.js FILE.cpuprofile [N] [FILTER]`: the N (default 25) functions
 * with the most self time in a `node --cpu-prof` profile, as shares of the busy time (idle left
 * out), the self time per package, and the share of the busy time spent under each function whose name or file contains FILTER.
 */
function main(): void {
  const [file, count = '25', filter] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const place = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '');
    return `${functionName || '(anonymous)'} ${place ? `${place}:${lineNumber + 1}` : ''}`.trim();
  };
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  let busy = 0;
  const totals = new Map<string, number>();
  const packages = new Map<string, number>();
  let under = 0;
  for (const [id, time] of self) {
    if (idle.has(id)) continue;
    busy += time;
    const name = label(byId.get(id)!);
    totals.set(name, (totals.get(name) ?? 0) + time);
    const url = byId.get(id)!.callFrame.url;
    const owner = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/dist/') ? 'stagematch' : url ? 'node' : '(native, GC)');
    packages.set(owner, (packages.get(owner) ?? 0) + time);
    if (filter) {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (label(byId.get(at)!).includes(filter)) {
          under += time;
          break;
        }
      }
    }
  }
  console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${(profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} s sampled`);
  for (const [name, time] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
    console.log(`${((100 * time) / busy).toFixed(1).padStart(5)}%  ${name}`);
  }
  const shares = [...packages].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`by package: ${shares.map(([name, time]) => `${name} ${((100 * time) / busy).toFixed(0)}%`).join(', ')}`);
  if (filter) console.log(`${((100 * under) / busy).toFixed(1)}% of the busy time under "${filter}"`);
}

main();
