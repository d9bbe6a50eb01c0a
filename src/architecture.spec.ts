import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Module boundaries (issue #14; design.md §2a): a table belongs to the module whose folder declares
 * its `@Entity`, and only that module may write it. Reads of another module's tables are allowed
 * only in `reporting`. The import graph between modules is checked here too, at module level:
 * dependency-cruiser (`npm run check:architecture`) sees cycles between files, not the cycle
 * A → B/entities, B → A that two modules form without any file cycle.
 *
 * The limits are today's figures so the suite stays green while the modules move; each goes to 0
 * (the cycle limit to 1: a module alone) once issue #14 is done. Lower them, never raise them.
 */
const MAX_FOREIGN_SQL_WRITES = 0;
const MAX_FOREIGN_TYPEORM_WRITES = 0;
const MAX_FOREIGN_TYPEORM_READS = 0;
const MAX_FOREIGN_SQL_READS = 0;
const MAX_MODULE_CYCLE = 1; // a module alone: no two modules import each other
/** Modules that may read every module's tables (they write none). */
const READ_MODULES = new Set(['reporting']);
/**
 * Modules in which only the repositories (`*.repository.ts`) and the entities name the module's own tables
 * (design.md §2a); the services, resolvers, loaders, facts and events call the repository. A module
 * joins the list once it has moved there; the others still name their tables in facts, events,
 * loaders or services, so the check cannot yet hold for every module.
 */
const REPOSITORY_ONLY_MODULES = new Set(['agreements', 'companies', 'compliance', 'events', 'internships', 'matching', 'meldpunt', 'notifications', 'organizations', 'oversight', 'placements', 'postcodes', 'qualifications', 'school-tasks', 'sso', 'students', 'unplaced-students']);

const SRC = __dirname;
const MODULES = join(SRC, 'modules');

interface SourceFile {
  path: string;
  /** The folder under src/modules holding the file, or null outside src/modules. */
  module: string | null;
  text: string;
}

function sourceFiles(folder: string): SourceFile[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [{ path, module: moduleOf(path), text: readFileSync(path, 'utf8') }];
  });
}

function moduleOf(path: string): string | null {
  const parts = relative(MODULES, path).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
}

/** Where a file outside src/modules counts as belonging: its folder under src (`database`, `common`, …). */
function ownerOf(file: SourceFile): string {
  return file.module ?? relative(SRC, file.path).split(sep)[0];
}

interface Ownership {
  tableOwner: Map<string, string>;
  entityOwner: Map<string, string>;
}

function ownership(files: SourceFile[]): Ownership {
  const tableOwner = new Map<string, string>();
  const entityOwner = new Map<string, string>();
  const declaration = /@(?:Entity|ViewEntity)\(\s*(?:\{[^}]*?name:\s*)?'([a-z0-9_]+)'[\s\S]*?\bclass\s+(\w+)/g;
  for (const file of files) {
    for (const [, table, entity] of file.text.matchAll(declaration)) {
      tableOwner.set(table, ownerOf(file));
      entityOwner.set(entity, ownerOf(file));
    }
  }
  return { tableOwner, entityOwner };
}

/** The string literals of a file (template literals whole, interpolations included), where SQL lives. */
function stringLiterals(text: string): string[] {
  return [...text.matchAll(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g)].map((match) => match[0]);
}

type Pairs = Map<string, number>;

function tally(pairs: Pairs, key: string): void {
  pairs.set(key, (pairs.get(key) ?? 0) + 1);
}

function total(pairs: Pairs): number {
  return [...pairs.values()].reduce((sum, n) => sum + n, 0);
}

function listPairs(pairs: Pairs): string {
  return [...pairs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pair, n]) => `  ${pair}: ${n}`)
    .join('\n');
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function foreignSql(files: SourceFile[], { tableOwner }: Ownership): { writes: Pairs; reads: Pairs } {
  const writes: Pairs = new Map();
  const reads: Pairs = new Map();
  const tables = [...tableOwner.keys()].map((table) => ({
    table,
    owner: tableOwner.get(table)!,
    // SQL keywords are written in capitals here; prose ("counted from placements") is not SQL.
    write: new RegExp(`\\b(?:UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+${escape(table)}\\b`),
    read: new RegExp(`\\b(?:FROM|JOIN)\\s+${escape(table)}\\b`),
  }));
  for (const file of files) {
    if (!file.module) continue;
    const module = file.module;
    for (const literal of stringLiterals(file.text)) {
      for (const { table, owner, write, read } of tables) {
        if (owner === module) continue;
        const pair = `${module} → ${table} (owned by ${owner})`;
        if (write.test(literal)) tally(writes, pair);
        else if (read.test(literal) && !READ_MODULES.has(module)) tally(reads, pair);
      }
    }
  }
  return { writes, reads };
}

const WRITE_METHODS = 'save|insert|update|upsert|delete|remove|softDelete|softRemove|restore|increment|decrement|clear';

/**
 * TypeORM writes to another module's entity, as far as a text scan can tell: `manager.update(X, …)`,
 * `getRepository(X).save(…)`, query builders `.update(X)`, `.insert().into(X)`, `.delete().from(X)`,
 * `createQueryBuilder(X, 'x').update()`,
 * and `this.repo.save(…)` on a repository injected with `@InjectRepository(X)`.
 */
function foreignTypeormWrites(files: SourceFile[], { entityOwner }: Ownership): Pairs {
  const writes: Pairs = new Map();
  const entity = '([A-Z]\\w*Entity)\\b';
  const direct = [
    new RegExp(`\\.(?:${WRITE_METHODS})\\(\\s*${entity}`, 'g'),
    new RegExp(`getRepository\\(\\s*${entity}\\s*\\)\\s*\\.(?:${WRITE_METHODS})\\(`, 'g'),
    // Only a builder that started a write: `.from(X)` after a select is a read.
    new RegExp(`\\.insert\\(\\)\\s*\\.into\\(\\s*${entity}`, 'g'),
    new RegExp(`\\.(?:delete|softDelete)\\(\\)\\s*\\.from\\(\\s*${entity}`, 'g'),
    new RegExp(`createQueryBuilder\\(\\s*${entity}[^)]*\\)\\s*\\.(?:update|insert|delete|softDelete)\\(`, 'g'),
  ];
  for (const file of files) {
    if (!file.module) continue;
    const module = file.module;
    const found = (name: string) => {
      const owner = entityOwner.get(name);
      if (owner && owner !== module) tally(writes, `${module} → ${name} (owned by ${owner})`);
    };
    for (const pattern of direct) for (const match of file.text.matchAll(pattern)) found(match[1]);
    for (const [, name, property] of file.text.matchAll(/@InjectRepository\(\s*(\w+)\s*\)\s*(?:(?:private|protected|public|readonly)\s+)*(\w+)/g)) {
      const uses = new RegExp(`this\\.${escape(property)}\\s*\\.(?:${WRITE_METHODS})\\(`, 'g');
      for (const _ of file.text.matchAll(uses)) found(name);
    }
  }
  return writes;
}

const READ_METHODS = 'find\\w*|count\\w*|exist\\w*|sum|average|minimum|maximum|getRepository|createQueryBuilder|innerJoin\\w*|leftJoin\\w*';

/** TypeORM reads of another module's entity outside the read modules: `manager.findBy(X, …)`, `.innerJoin(X, …)`, `getRepository(X)`. */
function foreignTypeormReads(files: SourceFile[], { entityOwner }: Ownership): Pairs {
  const reads: Pairs = new Map();
  const pattern = new RegExp(`\\.(?:${READ_METHODS})\\(\\s*([A-Z]\\w*Entity)\\b`, 'g');
  for (const file of files) {
    if (!file.module || READ_MODULES.has(file.module)) continue;
    for (const [, name] of file.text.matchAll(pattern)) {
      const owner = entityOwner.get(name);
      if (owner && owner !== file.module) tally(reads, `${file.module} → ${name} (owned by ${owner})`);
    }
  }
  return reads;
}

/** Whether a file may name its own module's tables: the repository and the entities. */
function namesTables(file: SourceFile): boolean {
  // A module's repository, or a feature folder's own (`invitations/invitations.repository.ts`).
  return file.path.endsWith('.repository.ts') || file.path.endsWith('.entity.ts');
}

/**
 * Files of `modules` other than the repository and the entities that name their own module's
 * tables, in SQL or through TypeORM (the calls the foreign checks count, `create` and `merge`
 * included, with the module's own entities).
 */
function ownTablesOutsideRepository(files: SourceFile[], { tableOwner, entityOwner }: Ownership, modules: Set<string>): Pairs {
  const found: Pairs = new Map();
  const entityCall = new RegExp(`\\.(?:${WRITE_METHODS}|${READ_METHODS}|create|merge)\\(\\s*([A-Z]\\w*Entity)\\b`, 'g');
  for (const file of files) {
    if (!file.module || !modules.has(file.module) || namesTables(file)) continue;
    const module = file.module;
    const where = relative(SRC, file.path);
    for (const literal of stringLiterals(file.text)) {
      for (const [table, owner] of tableOwner) {
        if (owner === module && new RegExp(`\\b(?:FROM|JOIN|UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+${escape(table)}\\b`).test(literal)) tally(found, `${where} → ${table}`);
      }
    }
    for (const [, name] of file.text.matchAll(entityCall)) if (entityOwner.get(name) === module) tally(found, `${where} → ${name}`);
    for (const [, name] of file.text.matchAll(/@InjectRepository\(\s*(\w+)\s*\)/g)) if (entityOwner.get(name) === module) tally(found, `${where} → ${name}`);
  }
  return found;
}

/** Edges between modules from relative imports (static, dynamic, `export … from`). */
function moduleGraph(files: SourceFile[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    if (!file.module) continue;
    const edges = graph.get(file.module) ?? new Set<string>();
    graph.set(file.module, edges);
    for (const [, specifier] of file.text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.[^']+)'/g)) {
      const target = moduleOf(resolve(dirname(file.path), specifier) + '.ts');
      if (target && target !== file.module) edges.add(target);
    }
  }
  return graph;
}

/** Groups of modules that reach each other (strongly connected components, Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

function assertAtMost(what: string, pairs: Pairs, limit: number): void {
  const count = total(pairs);
  if (count > limit) throw new Error(`${count} ${what} (limit ${limit}):\n${listPairs(pairs)}`);
}

describe('module boundaries', () => {
  const files = sourceFiles(SRC);
  const owners = ownership(files);
  const { writes, reads } = foreignSql(files, owners);

  it('finds the tables and their owners', () => {
    // A scan that found nothing would pass every check below.
    expect(owners.tableOwner.get('students')).toBe('students');
    expect(owners.tableOwner.get('placements')).toBe('placements');
    expect(owners.entityOwner.get('PlacementEntity')).toBe('placements');
  });

  it('recognises the writes and reads it counts (on made-up files)', () => {
    const file = (module: string, text: string): SourceFile => ({ path: join(MODULES, module, 'x.ts'), module, text });
    const made = [
      file('students', "@Entity('students')\nexport class StudentEntity {}"),
      file('matching', "query(`UPDATE students SET rematch_priority = 1`); query('SELECT 1 FROM students s JOIN students t ON true')"),
      file('internships', 'manager.update(StudentEntity, { id }, { placed: true }); manager.find(StudentEntity)'),
      file('reporting', "query('SELECT * FROM students')"),
      file('school-tasks', '@InjectRepository(StudentEntity) private readonly students: Repository<StudentEntity>;\nthis.students.save(row);'),
    ];
    const owners = ownership(made);
    expect(foreignSql(made, owners)).toEqual({
      writes: new Map([['matching → students (owned by students)', 1]]),
      reads: new Map([['matching → students (owned by students)', 1]]),
    });
    expect(foreignTypeormWrites(made, owners)).toEqual(
      new Map([
        ['internships → StudentEntity (owned by students)', 1],
        ['school-tasks → StudentEntity (owned by students)', 1],
      ]),
    );
    expect(foreignTypeormReads([...made, file('reporting', 'manager.find(StudentEntity)')], owners)).toEqual(new Map([['internships → StudentEntity (owned by students)', 1]]));
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['a'])], ['c', new Set(['a'])]]))).toEqual([['a', 'b']]);
  });

  it('no module writes another module’s table in SQL', () => {
    assertAtMost('SQL writes to another module’s table', writes, MAX_FOREIGN_SQL_WRITES);
  });

  it('no module writes another module’s entity through TypeORM', () => {
    assertAtMost('TypeORM writes to another module’s entity', foreignTypeormWrites(files, owners), MAX_FOREIGN_TYPEORM_WRITES);
  });

  it(`only ${[...READ_MODULES].join(', ')} reads other modules’ entities through TypeORM`, () => {
    assertAtMost(`TypeORM reads of another module’s entity outside ${[...READ_MODULES].join(', ')}`, foreignTypeormReads(files, owners), MAX_FOREIGN_TYPEORM_READS);
  });

  it(`only ${[...READ_MODULES].join(', ')} reads other modules’ tables in SQL`, () => {
    assertAtMost(`SQL reads of another module’s table outside ${[...READ_MODULES].join(', ')}`, reads, MAX_FOREIGN_SQL_READS);
  });

  it('recognises a module’s own tables named outside its repository (on made-up files)', () => {
    const file = (name: string, text: string): SourceFile => ({ path: join(MODULES, 'students', name), module: 'students', text });
    const made = [
      file('student.entity.ts', "@Entity('students')\nexport class StudentEntity {}"),
      file('students.repository.ts', "query('SELECT id FROM students'); manager.create(StudentEntity, {})"),
      file('students.service.ts', "query('UPDATE students SET x = 1'); manager.findBy(StudentEntity, {}); this.students.create(fields)"),
      file('students.events.ts', "// counted from students\nconst text = 'read from students';"),
    ];
    expect(ownTablesOutsideRepository(made, ownership(made), new Set(['students']))).toEqual(
      new Map([
        [`modules${sep}students${sep}students.service.ts → students`, 1],
        [`modules${sep}students${sep}students.service.ts → StudentEntity`, 1],
      ]),
    );
  });

  it(`in ${[...REPOSITORY_ONLY_MODULES].join(', ')} only the repository and the entities name the module’s tables`, () => {
    assertAtMost('statements naming a module’s own tables outside its repository', ownTablesOutsideRepository(files, owners, REPOSITORY_ONLY_MODULES), 0);
  });

  it('modules do not import each other in a cycle', () => {
    const groups = cycles(moduleGraph(files));
    const largest = Math.max(1, ...groups.map((group) => group.length));
    if (largest > MAX_MODULE_CYCLE) {
      throw new Error(`modules in one import cycle: ${largest} (limit ${MAX_MODULE_CYCLE}):\n${groups.map((group) => `  ${group.join(', ')}`).join('\n')}`);
    }
  });
});
