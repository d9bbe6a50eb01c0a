import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Every message the code can send to a client, read from the sources (issue #19): the Dutch catalog
 * is checked against it (../catalog-coverage.spec.ts). Used by tests only.
 *
 * Collected from: the message arguments of the domain errors (BadUserInputError.field, new
 * ConflictError / ForbiddenError / UnauthenticatedError / RateLimitedError / GraphQLError /
 * SpreadsheetError), the names given to NotFoundError and ownedOrNotFound ("<What> was not found",
 * and "no <what> with this id" where a field is named), every `message:` property of an object
 * literal (class-validator options, field problems, rule findings, result unions), and default
 * `message` parameters. An expression is followed to its texts: literals, templates (with sample
 * values for `${…}`), `a ? b : c`, `a ?? b`, constants (also imported ones), records indexed by a
 * key (every value), functions called (their returns), and parameters (the arguments of every call).
 */

export interface FoundMessage {
  text: string;
  file: string;
  line: number;
}

export interface UnresolvedMessage {
  file: string;
  line: number;
  expression: string;
}

const SRC = path.resolve(__dirname, '../../..');

/** Files whose `message:` texts never reach a client, with the reason. */
export const NOT_CLIENT_FACING: Readonly<Record<string, string>> = {
  'config/': 'startup validation of the environment: read by the operator in the log, never by a client',
  'health/': 'health checks: read by the orchestrator, not by users',
  'bench/': 'benchmarks',
  'common/i18n/': 'the translation machinery itself',
  'common/graphql/schema-glossary.ts': 'schema descriptions (English by design, issue #19)',
  'modules/events/': 'notification texts are Message objects (their own languages), not error messages',
  '.events.ts': 'notification texts are Message objects (their own languages), not error messages',
};

/** Properties of object literals that carry a message (`overlap`: the qualification register's refusal of overlapping versions). */
const MESSAGE_PROPERTIES = ['message', 'overlap'];

/**
 * class-validator's default messages (node_modules/class-validator/cjs/decorator), for the decorators
 * the DTOs use without a `message:`. A decorator not listed here sends nothing of its own (Allow,
 * IsOptional) or is one of ours (domain-validators.ts, whose messages are collected there).
 */
const CLASS_VALIDATOR_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  IsString: ['$property must be a string'],
  IsInt: ['$property must be an integer number'],
  IsBoolean: ['$property must be a boolean value'],
  IsEnum: ['$property must be one of the following values: $constraint2'],
  IsUUID: ['$property must be a UUID'],
  ValidateNested: ['nested property $property must be either object or array'],
  Min: ['$property must not be less than $constraint1'],
  Max: ['$property must not be greater than $constraint1'],
  MaxLength: ['$property must be shorter than or equal to $constraint1 characters'],
  MinLength: ['$property must be longer than or equal to $constraint1 characters'],
  Length: [
    '$property must be longer than or equal to $constraint1 characters',
    '$property must be shorter than or equal to $constraint2 characters',
    '$property must be longer than or equal to $constraint1 and shorter than or equal to $constraint2 characters',
  ],
  Matches: ['$property must match $constraint1 regular expression'],
  IsIn: ['$property must be one of the following values: $constraint1'],
  ArrayMinSize: ['$property must contain at least $constraint1 elements'],
  ArrayMaxSize: ['$property must contain no more than $constraint1 elements'],
  ArrayUnique: ["All $property's elements must be unique"],
  IsEmail: ['$property must be an email'],
  IsDateString: ['$property must be a valid ISO 8601 date string'],
  IsArray: ['$property must be an array'],
  IsNumber: ['$property must be a number conforming to the specified constraints'],
  Equals: ['$property must be equal to $constraint1'],
};

const SAMPLE_UUID = '7c9e6679-7425-40de-944b-e07fc1f52cf0';

/** A plausible value for a `${…}` the scanner cannot evaluate, guessed from its text. */
function sampleFor(expression: string): string {
  const t = expression.replace(/\s+/g, '');
  const last = (t.split('.').pop() ?? t).replace(/\(.*$/, '');
  const lower = t.toLowerCase();
  if (/toisostring\(\)/i.test(t)) return '2027-02-01T12:00:00.000Z';
  if (/tolowercase\(\)/i.test(t)) return /report|kind/.test(lower) ? 'students' : 'school';
  if (/status$/i.test(last)) return 'CLOSED';
  if (/^(id|.*Id|.*Ids)$/.test(last)) return SAMPLE_UUID;
  if (/crebo/i.test(last)) return '25655';
  if (/brincode/i.test(last)) return '25PX';
  if (/kvknumber/i.test(last)) return '12345678';
  if (/studentnumber/i.test(last)) return '123456';
  if (/pc4|postcode/i.test(last)) return '3511';
  if (/region|province/i.test(last)) return 'Utrecht';
  if (/^(date|from|to|today)$|(Date|On|From|To|Until|At)$/.test(last)) return '2027-02-01';
  if (/year/i.test(last)) return '2027';
  if (/name$/i.test(last)) return 'Voorbeeld';
  if (/^(report|input\.report)$/.test(t) || /report$/i.test(last)) return 'PLACEMENTS';
  if (/^(kind)$/.test(last)) return 'students';
  if (/^(party|side)$/i.test(last)) return 'SCHOOL';
  if (/evaluator/i.test(last)) return 'SCHOOL';
  if (/^(argument|name|field)$/.test(last)) return 'after';
  if (/^(which|why)$/.test(last)) return 'the placement Voorbeeld';
  if (/^(what)$/.test(last)) return 'deactivated';
  if (/^(type)$/.test(last)) return 'student';
  if (/^entry$|code/i.test(last)) return 'B1-K1-W1';
  if (/periods/i.test(last)) return '2020-08-01–2026-07-31';
  if (/euros?|cents|wage|stipend|amount|floor/i.test(last)) return '160000';
  if (/^(trainer|student|placement)$/i.test(last)) return 'Voorbeeld';
  if (/^(value|url|issuer)$/i.test(last)) return 'voorbeeld';
  return '3';
}

interface Parsed {
  file: string;
  source: ts.SourceFile;
}

export class MessageScanner {
  private readonly files = new Map<string, Parsed>();
  readonly found: FoundMessage[] = [];
  readonly unresolved: UnresolvedMessage[] = [];
  private readonly calls: ts.CallExpression[] = [];
  /** Inside a `${…}`: a part that cannot be followed gets a sample value, and is not reported. */
  private quiet = 0;

  constructor(readonly root = SRC) {
    for (const file of walk(root)) {
      const text = fs.readFileSync(file, 'utf8');
      this.files.set(file, { file, source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) });
    }
    for (const { source } of this.files.values()) visit(source, (node) => ts.isCallExpression(node) && this.calls.push(node));
  }

  private relative(node: ts.Node): string {
    return path.relative(this.root, node.getSourceFile().fileName).split(path.sep).join('/');
  }

  private isExcluded(node: ts.Node): boolean {
    const file = this.relative(node);
    return Object.keys(NOT_CLIENT_FACING).some((prefix) => file.startsWith(prefix) || (prefix.startsWith('.') && file.endsWith(prefix)));
  }

  scan(): this {
    for (const { source } of this.files.values()) {
      if (this.isExcluded(source)) continue;
      visit(source, (node) => this.visitNode(node));
    }
    return this;
  }

  private add(node: ts.Node, texts: string[] | undefined, expression: ts.Node, transform: (text: string) => string[] = (text) => [text]): void {
    const line = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const file = this.relative(node);
    if (texts === undefined) {
      if (!this.unresolved.some((u) => u.file === file && u.line === line && u.expression === expression.getText())) this.unresolved.push({ file, line, expression: expression.getText() });
      return;
    }
    for (const text of texts) for (const out of transform(text)) this.found.push({ text: out, file, line });
  }

  private visitNode(node: ts.Node): void {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression.getText();
      const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      const message = (index: number) => args[index] && this.add(node, this.evaluate(args[index]), args[index]);
      if (ts.isNewExpression(node)) {
        if (['ConflictError', 'ForbiddenError', 'UnauthenticatedError', 'GraphQLError', 'SpreadsheetError'].includes(callee)) message(0);
        if (callee === 'RateLimitedError') message(1);
        if (callee === 'NotFoundError') this.notFound(node, args[0], args[1]);
      } else {
        if (callee === 'BadUserInputError.field') message(1);
        if (callee === 'ownedOrNotFound') this.notFound(node, args[0], args[2]);
      }
    }
    if (ts.isPropertyAssignment(node) && MESSAGE_PROPERTIES.includes(propertyName(node.name) ?? '') && ts.isObjectLiteralExpression(node.parent)) {
      const init = node.initializer;
      if (ts.isObjectLiteralExpression(init) || ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return;
      this.add(node, this.evaluate(init), init, classValidatorSamples);
    }
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'message' && ts.isObjectLiteralExpression(node.parent)) {
      this.add(node, this.evaluate(node.name), node.name);
    }
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression) && ts.isIdentifier(node.expression.expression) && node.expression.expression.text in CLASS_VALIDATOR_DEFAULTS) {
      this.classValidatorDefault(node, node.expression);
    }
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.name.text === 'message' && node.initializer) {
      this.add(node, this.evaluate(node.initializer), node.initializer);
    }
  }

  /** A class-validator decorator without a `message:`: class-validator's own English default, as it would fill it in. */
  private classValidatorDefault(decorator: ts.Decorator, call: ts.CallExpression): void {
    const name = (call.expression as ts.Identifier).text;
    const args = [...call.arguments];
    const options = args.length && ts.isObjectLiteralExpression(args[args.length - 1]) ? (args[args.length - 1] as ts.ObjectLiteralExpression) : undefined;
    if (options?.properties.some((p) => p.name && propertyName(p.name) === 'message')) return;
    const each = options?.properties.some((p) => ts.isPropertyAssignment(p) && p.name && propertyName(p.name) === 'each' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
    const member = decorator.parent;
    const property = (ts.isPropertyDeclaration(member) || ts.isParameter(member)) && ts.isIdentifier(member.name) ? member.name.text : 'value';
    const constraint = (arg: ts.Expression | undefined): string => {
      if (!arg) return '';
      if (ts.isArrayLiteralExpression(arg)) return arg.elements.map((e) => (ts.isStringLiteral(e) ? e.text : e.getText())).join(', ');
      if (ts.isRegularExpressionLiteral(arg)) return arg.text;
      if (ts.isStringLiteral(arg) || ts.isNumericLiteral(arg)) return arg.text;
      this.quiet++;
      const value = this.evaluate(arg)?.[0];
      this.quiet--;
      return value ?? sampleFor(arg.getText());
    };
    const texts = CLASS_VALIDATOR_DEFAULTS[name].map((template) =>
      (each ? 'each value in ' : '') +
      template
        .replace(/\$property/g, property)
        .replace(/\$constraint1/g, constraint(args[0]))
        .replace(/\$constraint2/g, name === 'IsEnum' ? 'A, B' : constraint(args[1])),
    );
    this.add(decorator, texts, call);
  }

  private notFound(node: ts.Node, what: ts.Expression | undefined, options: ts.Expression | undefined): void {
    if (!what) return;
    const names = this.evaluate(what);
    const withField = !!options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => p.name && propertyName(p.name) === 'field');
    this.add(node, names, what, (name) => [`${name} was not found`, ...(withField ? [`no ${name.toLowerCase()} with this id`] : [])]);
  }

  /** The texts an expression can have; undefined when it cannot be followed. */
  evaluate(expr: ts.Expression, depth = 0): string[] | undefined {
    if (depth > 8) return undefined;
    const next = (e: ts.Expression) => this.evaluate(e, depth + 1);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) || ts.isNumericLiteral(expr)) return [expr.text];
    // No message at all (`return null` from a check that found nothing wrong).
    if (expr.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(expr) && expr.text === 'undefined')) return [];
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isAwaitExpression(expr)) return next(expr.expression);
    if (ts.isTemplateExpression(expr)) {
      let results = [expr.head.text];
      for (const span of expr.templateSpans) {
        const values = this.spanValues(span.expression, depth);
        results = results.flatMap((prefix) => values.map((value) => prefix + value + span.literal.text)).slice(0, 16);
      }
      return results;
    }
    if (ts.isConditionalExpression(expr)) return union(next(expr.whenTrue), next(expr.whenFalse));
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        const right = next(expr.right);
        const left = next(expr.left);
        // `error ?? 'Sign in first'`: a left side that cannot be followed is a value from elsewhere, collected where it is made.
        return left === undefined ? right : union(left, right);
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return next(expr.right);
      if (op === ts.SyntaxKind.PlusToken) {
        const left = next(expr.left);
        const right = next(expr.right);
        return left && right ? left.flatMap((l) => right.map((r) => l + r)) : undefined;
      }
      return undefined;
    }
    if (ts.isIdentifier(expr)) return this.evaluateDeclaration(this.resolve(expr), depth);
    if (ts.isElementAccessExpression(expr)) {
      const record = this.objectOf(expr.expression, depth);
      return record ? this.objectValues(record, depth) : undefined;
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const record = this.objectOf(expr.expression, depth);
      const property = record?.properties.find((p) => p.name && propertyName(p.name) === expr.name.text);
      return property && ts.isPropertyAssignment(property) ? next(property.initializer) : undefined;
    }
    if (ts.isCallExpression(expr)) {
      const callee = ts.isIdentifier(expr.expression) ? this.resolve(expr.expression) : undefined;
      const fns = callee ? [functionOf(callee)].filter((fn) => fn !== undefined) : ts.isPropertyAccessExpression(expr.expression) ? this.methods(expr.expression.name.text) : [];
      if (!fns.length) return undefined;
      return this.followAll(fns.flatMap(returnsOf), depth);
    }
    return undefined;
  }

  /** A `${…}`: its texts when it can be followed, else a sample value. */
  private spanValues(expr: ts.Expression, depth: number): string[] {
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'join') {
      const separator = expr.arguments[0] ? this.evaluate(expr.arguments[0], depth + 1)?.[0] : ',';
      return [['SCHOOL', 'COMPANY'].join(separator ?? ', ')];
    }
    this.quiet++;
    const constant = ts.isIdentifier(expr) && this.resolve(expr);
    const followed = ts.isConditionalExpression(expr) || ts.isStringLiteral(expr) || ts.isElementAccessExpression(expr) || (!!constant && ts.isVariableDeclaration(constant));
    const strict = followed ? this.evaluate(expr, depth + 1) : undefined;
    this.quiet--;
    if (strict && strict.length) return strict.slice(0, 4);
    return [sampleFor(expr.getText())];
  }

  private objectOf(expr: ts.Expression, depth: number): ts.ObjectLiteralExpression | undefined {
    if (depth > 8) return undefined;
    if (ts.isObjectLiteralExpression(expr)) return expr;
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return this.objectOf(expr.expression, depth + 1);
    if (ts.isIdentifier(expr)) {
      const declaration = this.resolve(expr);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return this.objectOf(declaration.initializer, depth + 1);
    }
    return undefined;
  }

  private objectValues(record: ts.ObjectLiteralExpression, depth: number): string[] | undefined {
    let out: string[] = [];
    for (const property of record.properties) {
      let texts: string[] | undefined;
      if (ts.isPropertyAssignment(property)) texts = this.evaluate(property.initializer, depth + 1);
      else if (ts.isSpreadAssignment(property)) {
        const inner = this.objectOf(property.expression, depth + 1);
        texts = inner ? this.objectValues(inner, depth + 1) : undefined;
      }
      if (texts === undefined) return undefined;
      out = union(out, texts) ?? out;
    }
    return out;
  }

  private evaluateDeclaration(declaration: ts.Node | undefined, depth: number): string[] | undefined {
    if (!declaration) return undefined;
    if (ts.isVariableDeclaration(declaration)) {
      return declaration.initializer && ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.Const
        ? this.evaluate(declaration.initializer, depth + 1)
        : undefined;
    }
    if (ts.isParameter(declaration)) return this.evaluateParameter(declaration, depth);
    return undefined;
  }

  /** A parameter: the texts of the arguments of every call of its function (a default counts too). */
  private evaluateParameter(parameter: ts.ParameterDeclaration, depth: number): string[] | undefined {
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    const name = functionName(fn);
    if (!name) return undefined;
    const isMethod = ts.isMethodDeclaration(fn) || ts.isPropertyAssignment(fn.parent);
    const calls = this.calls.filter((call) => {
      const callee = call.expression;
      if (ts.isIdentifier(callee)) return callee.text === name && !isMethod && functionOf(this.resolve(callee) ?? callee) === fn;
      return ts.isPropertyAccessExpression(callee) && callee.name.text === name && isMethod;
    });
    if (!calls.length) return undefined;
    const args = calls.map((call) => call.arguments[index]).filter((arg) => arg !== undefined);
    return this.followAll(parameter.initializer ? [parameter.initializer, ...args] : args, depth);
  }

  /** The texts of several expressions; one that cannot be followed is reported where it is (not where it is used). */
  private followAll(expressions: ts.Expression[], depth: number): string[] {
    let out: string[] = [];
    for (const expression of expressions) {
      const texts = this.evaluate(expression, depth + 1);
      if (texts === undefined) {
        if (!this.quiet) this.add(expression, undefined, expression);
      }
      else out = union(out, texts) ?? out;
    }
    return out;
  }

  /** Methods (of classes and object literals) with this name, anywhere in src/. */
  private methods(name: string): ts.FunctionLikeDeclaration[] {
    const out: ts.FunctionLikeDeclaration[] = [];
    for (const { source } of this.files.values()) {
      visit(source, (node) => {
        if (ts.isMethodDeclaration(node) && node.name && propertyName(node.name) === name && node.body) out.push(node);
        if (ts.isPropertyAssignment(node) && propertyName(node.name) === name && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) out.push(node.initializer);
      });
    }
    return out;
  }

  /** The declaration an identifier names: in its scopes, its file, or the file it is imported from. */
  private resolve(identifier: ts.Identifier): ts.Node | undefined {
    const name = identifier.text;
    for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
      if (ts.isFunctionLike(scope)) {
        const parameter = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
        if (parameter) return parameter;
      }
      if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
        for (const statement of scope.statements) {
          const found = declarationIn(statement, name);
          if (found) return found;
        }
      }
    }
    const source = identifier.getSourceFile();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const named = statement.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      const element = named.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const target = this.fileOf(source.fileName, statement.moduleSpecifier.text);
      if (!target) return undefined;
      const exported = (element.propertyName ?? element.name).text;
      for (const s of target.source.statements) {
        const found = declarationIn(s, exported);
        if (found) return found;
      }
    }
    return undefined;
  }

  private fileOf(from: string, specifier: string): Parsed | undefined {
    if (!specifier.startsWith('.')) return undefined;
    const base = path.resolve(path.dirname(from), specifier);
    return this.files.get(`${base}.ts`) ?? this.files.get(path.join(base, 'index.ts'));
  }
}

/** class-validator fills in `$property` and `$constraint1`: sample values. */
function classValidatorSamples(text: string): string[] {
  return [text.replace(/\$property/g, 'title').replace(/\$constraint1/g, '3').replace(/\$value/g, 'voorbeeld')];
}

function declarationIn(statement: ts.Statement, name: string): ts.Node | undefined {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
  if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
  return undefined;
}

function functionOf(declaration: ts.Node): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) return declaration.initializer;
  return undefined;
}

function returnsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const walkReturns = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && node !== fn) return;
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    ts.forEachChild(node, walkReturns);
  };
  walkReturns(fn.body);
  return out;
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyAssignment(fn.parent)) return propertyName(fn.parent.name);
  if (ts.isConstructorDeclaration(fn) && ts.isClassDeclaration(fn.parent) && fn.parent.name) return fn.parent.name.text;
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function union(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  return [...new Set([...a, ...b])];
}

function visit(node: ts.Node, fn: (node: ts.Node) => void): void {
  fn(node);
  ts.forEachChild(node, (child) => visit(child, fn));
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}
