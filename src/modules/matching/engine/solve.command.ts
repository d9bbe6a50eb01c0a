/**
 * `npm run match:solve -- INSTANCE.json -o RESULT.json`: reads an `hr-instance/v1` file, solves it and
 * writes an `hr-matching/v1` file. Bad input exits with code 1 and a message naming the offending
 * entry, and writes nothing (the result goes to a temporary file that is renamed only when complete).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { solveMatching } from './deferred-acceptance';
import { parseInstanceText, toMatchingJson } from './instance-format';

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'usage: solve.command.js INSTANCE.json -o RESULT.json';

const consoleOutput: CommandOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs the command on its arguments (without node and the script) and returns the exit code. */
export function main(argv: readonly string[], output: CommandOutput = consoleOutput): number {
  const positional: string[] = [];
  let target: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-o' || argv[i] === '--output') {
      if (target !== undefined || i + 1 >= argv.length) {
        output.err(USAGE);
        return 2;
      }
      target = argv[++i];
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length !== 1 || target === undefined) {
    output.err(USAGE);
    return 2;
  }
  const [source] = positional;

  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    output.err(`${source}: cannot read: ${(error as Error).message}`);
    return 1;
  }

  let result: string;
  let matched = 0;
  let studentCount = 0;
  try {
    const parseStart = performance.now();
    const instance = parseInstanceText(text);
    const solveStart = performance.now();
    const outcome = solveMatching(instance.problem);
    const solveEnd = performance.now();
    result = JSON.stringify(toMatchingJson(instance, outcome, { parse: solveStart - parseStart, solve: solveEnd - solveStart }), null, 2) + '\n';
    studentCount = instance.problem.studentCount;
    matched = outcome.assignment.reduce((count, p) => (p >= 0 ? count + 1 : count), 0);
  } catch (error) {
    output.err(`${source}: ${(error as Error).message}`);
    return 1;
  }

  // Same directory as the target, so the rename cannot cross file systems.
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, result);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    output.err(`${target}: cannot write: ${(error as Error).message}`);
    return 1;
  }
  output.out(`Matched ${matched} of ${studentCount} students; wrote ${target}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
