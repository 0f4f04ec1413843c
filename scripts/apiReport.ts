/**
 * The SDK's public API as text, one report per public entry (package.json `exports`), committed under
 * docs/api-report/ so that a change of the public API shows in review and is deliberate:
 * `npm run api:report` writes the reports, `npm run api:check` (part of `npm run check`) fails when
 * the sources no longer match them. Each report lists every export with its type as the TypeScript
 * checker sees it: functions with their signatures, interfaces member by member, type aliases
 * expanded one level, constants with their types.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const REPORTS = join(ROOT, 'docs/api-report');

/** Each public entry: its import specifier, its source and its report's file name. */
export const ENTRIES = [
  { specifier: 'hybrid-chat/sdk', source: 'sdk/index.ts', report: 'sdk.api.md' },
  { specifier: 'hybrid-chat/sdk/finesse', source: 'sdk/finesse.ts', report: 'sdk-finesse.api.md' },
  { specifier: 'hybrid-chat/sdk/react', source: 'sdk/react/index.ts', report: 'sdk-react.api.md' },
  { specifier: 'hybrid-chat/sdk/testing', source: 'sdk/testing/index.ts', report: 'sdk-testing.api.md' },
  {
    specifier: 'hybrid-chat/sdk/desktop-chat',
    source: 'sdk/desktop-chat/index.ts',
    report: 'sdk-desktop-chat.api.md',
  },
] as const;

const FLAGS =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType |
  ts.TypeFormatFlags.WriteArrayAsGenericType;

function program(): ts.Program {
  const file = join(ROOT, 'tsconfig.sdk.json');
  const config = ts.readConfigFile(file, (path) => readFileSync(path, 'utf8'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(
    ENTRIES.map((entry) => join(ROOT, entry.source)),
    { ...parsed.options, noEmit: true, declaration: false },
  );
}

function typeParameters(symbol: ts.Symbol): string {
  const params = (symbol.declarations ?? [])
    .map((node) => (node as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters)
    .find((found) => found !== undefined);
  return params ? `<${params.map((param) => param.getText()).join(', ')}>` : '';
}

function members(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, indent = '  '): string[] {
  const lines: string[] = [];
  for (const signature of type.getCallSignatures())
    lines.push(`${indent}${checker.signatureToString(signature, at, FLAGS)};`);
  for (const info of checker.getIndexInfosOfType(type)) {
    lines.push(
      `${indent}[key: ${checker.typeToString(info.keyType, at, FLAGS)}]: ${checker.typeToString(info.type, at, FLAGS)};`,
    );
  }
  for (const property of type.getProperties()) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const modifiers = declaration ? ts.getCombinedModifierFlags(declaration) : 0;
    if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || property.name.startsWith('#'))
      continue;
    const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
    const readonly = modifiers & ts.ModifierFlags.Readonly ? 'readonly ' : '';
    const propertyType = checker.getTypeOfSymbolAtLocation(property, at);
    const key = /^[A-Za-z_$][\w$]*$/.test(property.name) ? property.name : `'${property.name}'`;
    lines.push(`${indent}${readonly}${key}${optional}: ${checker.typeToString(propertyType, at, FLAGS)};`);
  }
  return lines;
}

function describe(checker: ts.TypeChecker, exported: ts.Symbol, at: ts.Node): string[] {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const name = exported.name;
  const lines: string[] = [];
  const generic = typeParameters(symbol);
  if (symbol.flags & ts.SymbolFlags.Function) {
    for (const signature of checker.getTypeOfSymbolAtLocation(symbol, at).getCallSignatures()) {
      lines.push(`function ${name}${checker.signatureToString(signature, at, FLAGS)}`);
    }
  }
  if (symbol.flags & ts.SymbolFlags.Class) {
    const statics = checker.getTypeOfSymbolAtLocation(symbol, at);
    const constructors = statics
      .getConstructSignatures()
      .map((signature) => `  constructor${checker.signatureToString(signature, at, FLAGS)};`);
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    lines.push(`class ${name}${generic} {`, ...constructors, ...members(checker, instance, at), '}');
  } else if (symbol.flags & ts.SymbolFlags.Interface) {
    lines.push(
      `interface ${name}${generic} {`,
      ...members(checker, checker.getDeclaredTypeOfSymbol(symbol), at),
      '}',
    );
  }
  if (symbol.flags & ts.SymbolFlags.TypeAlias) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    lines.push(
      `type ${name}${generic} = ${checker.typeToString(type, at, FLAGS | ts.TypeFormatFlags.InTypeAlias)}`,
    );
  }
  if (symbol.flags & ts.SymbolFlags.Variable) {
    lines.push(
      `const ${name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, at), at, FLAGS)}`,
    );
  }
  if (lines.length === 0) lines.push(`${ts.SymbolFlags[symbol.flags] ?? 'symbol'} ${name}`);
  return lines;
}

/** Every entry's report text, by its file name. */
export function reports(): Map<string, string> {
  const built = program();
  const checker = built.getTypeChecker();
  const out = new Map<string, string>();
  for (const entry of ENTRIES) {
    const source = built.getSourceFile(join(ROOT, entry.source));
    const module = source && checker.getSymbolAtLocation(source);
    if (!source || !module) throw new Error(`[api-report] ${entry.source} is not a module`);
    const exports = checker.getExportsOfModule(module).sort((a, b) => a.name.localeCompare(b.name, 'en'));
    const body = exports
      .map((symbol) => describe(checker, symbol, source).join('\n'))
      .join('\n\n')
      // Types by their names, not by the module that declares them: moving a declaration is no API change.
      .replace(/import\("[^"]+"\)\./g, '');
    out.set(
      entry.report,
      `# API report: \`${entry.specifier}\`\n\n` +
        `Written by \`npm run api:report\` from ${entry.source}; \`npm run api:check\` fails when it differs.\n\n` +
        '```ts\n' +
        body +
        '\n```\n',
    );
  }
  return out;
}

if (import.meta.main) {
  const started = performance.now();
  const check = process.argv.includes('--check');
  const changed: string[] = [];
  mkdirSync(REPORTS, { recursive: true });
  for (const [file, text] of reports()) {
    const path = join(REPORTS, file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (before === text) continue;
    changed.push(file);
    if (!check) writeFileSync(path, text);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (check && changed.length > 0) {
    console.error(
      `[api-report] the public API changed: ${changed.join(', ')} (docs/api-report/) differ from the sources.\n` +
        'If the change is deliberate, run `npm run api:report` and commit the reports with it.',
    );
    process.exit(1);
  }
  console.log(
    `[api-report] ${check ? 'checked' : changed.length ? `wrote ${changed.join(', ')}` : 'unchanged'} in ${seconds} s`,
  );
}
