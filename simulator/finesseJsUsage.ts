/**
 * Which finesse.js names our gadget and SDK use, read from their sources with the TypeScript
 * compiler, so a test can check them against the library of every Finesse version
 * (finesseJsSurface.ts). Two readings, so a new call cannot slip past:
 *
 * - the interfaces that type finesse.js for our code (`FINESSE_JS_INTERFACES`): a method the code
 *   calls must be declared there, or it does not compile;
 * - every property chain on a variable named `finesse` (`finesse.clientservices.ClientServices.init`).
 *
 * A member declared optional (`?`) or reached with `?.` is feature-tested by the code: it may be
 * missing in some versions. Test-only (node); never served.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');

export interface UsedName {
  /** `finesse.restservices.User.prototype.setState` */
  readonly name: string;
  /** Feature-tested by the code (optional member or `?.`): may be missing in a version. */
  readonly optional: boolean;
  /** Where it was found (`file: interface` or `file: line`). */
  readonly where: string;
}

/** The interfaces that type finesse.js for our code, and where their members live in the library. */
export const FINESSE_JS_INTERFACES = [
  { file: 'sdk/transport/finesseJsTypes.ts', name: 'FinesseJsGlobal', path: 'finesse' },
  {
    file: 'sdk/transport/finesseJsTypes.ts',
    name: 'FinesseJsUser',
    path: 'finesse.restservices.User.prototype',
  },
  {
    file: 'sdk/transport/finesseJsTypes.ts',
    name: 'FinesseJsDialog',
    path: 'finesse.restservices.Dialog.prototype',
  },
  {
    file: 'sdk/transport/finesseJsTypes.ts',
    name: 'FinesseJsDialogs',
    path: 'finesse.restservices.Dialogs.prototype',
  },
  { file: 'gadget/finesse.d.ts', name: 'FinesseGlobal', path: 'finesse' },
  {
    file: 'gadget/finesse.d.ts',
    name: 'FinesseContainerServices',
    path: 'finesse.containerservices.ContainerServices',
  },
] as const;

/** The sources whose `finesse.…` chains count (the gadget and the SDK code a gadget runs). */
export const FINESSE_JS_SOURCE_DIRS = ['gadget', 'sdk'];

/** `finesse.gadget.Config`'s fields are the gadget's prefs, not library names: chains stop there. */
const CONFIG = 'finesse.gadget.Config';

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

function memberName(member: ts.TypeElement): string | undefined {
  return member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    ? member.name.text
    : undefined;
}

/** Every member of a type literal, nested type literals followed down to their leaves. */
function walkMembers(
  members: ts.NodeArray<ts.TypeElement>,
  path: string,
  optional: boolean,
  where: string,
  out: UsedName[],
): void {
  for (const member of members) {
    const name = memberName(member);
    if (!name) continue;
    const full = `${path}.${name}`;
    const isOptional = optional || Boolean(member.questionToken);
    const type = ts.isPropertySignature(member) ? member.type : undefined;
    if (type && ts.isTypeLiteralNode(type) && full !== CONFIG) {
      walkMembers(type.members, full, isOptional, where, out);
    } else {
      out.push({ name: full, optional: isOptional, where });
    }
  }
}

/** The members of the named interface in a source text, as library names under `path`. */
export function namesFromInterface(
  fileName: string,
  text: string,
  interfaceName: string,
  path: string,
): UsedName[] {
  const out: UsedName[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) {
      walkMembers(node.members, path, false, `${fileName}: ${interfaceName}`, out);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(fileName, text));
  if (out.length === 0) throw new Error(`${fileName}: no interface ${interfaceName} with members`);
  return out;
}

/** Property chains on an identifier `finesse` in code (not in comments or types). */
export function namesFromChains(fileName: string, text: string): UsedName[] {
  const source = parse(fileName, text);
  const out: UsedName[] = [];
  const visit = (node: ts.Node): void => {
    // Only the outermost access of a chain: `finesse.a.b` once, not also `finesse.a`.
    if (ts.isPropertyAccessExpression(node) && !ts.isPropertyAccessExpression(node.parent)) {
      const parts: string[] = [];
      let optional = false;
      let current: ts.Expression = node;
      while (ts.isPropertyAccessExpression(current)) {
        parts.unshift(current.name.text);
        optional ||= Boolean(current.questionDotToken);
        current = current.expression;
      }
      if (ts.isIdentifier(current) && current.text === 'finesse') {
        let name = ['finesse', ...parts].join('.');
        if (name.startsWith(`${CONFIG}.`)) name = CONFIG;
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        out.push({ name, optional, where: `${fileName}:${line}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sourceFiles(dir: string): string[] {
  return ts.sys
    .readDirectory(resolve(ROOT, dir), ['.ts', '.tsx'])
    .filter((file) => !/\.test\.tsx?$/.test(file) && !file.includes('/testing/'));
}

/** Every finesse.js name the gadget and the SDK use, from the repository's sources. */
export function finesseJsNamesUsed(): UsedName[] {
  const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');
  const fromInterfaces = FINESSE_JS_INTERFACES.flatMap(({ file, name, path }) =>
    namesFromInterface(file, read(file), name, path),
  );
  const fromChains = FINESSE_JS_SOURCE_DIRS.flatMap(sourceFiles).flatMap((file) =>
    namesFromChains(file.slice(ROOT.length + 1), readFileSync(file, 'utf8')),
  );
  return [...fromInterfaces, ...fromChains];
}

/**
 * The names a library with `surface` would lack: a required name must be in it, or be a namespace
 * of names in it (`finesse.containerservices`). Optional (feature-tested) names are not checked.
 */
export function missingFinesseJsNames(used: readonly UsedName[], surface: ReadonlySet<string>): string[] {
  const names = [...surface];
  const present = (name: string) => surface.has(name) || names.some((n) => n.startsWith(`${name}.`));
  return [
    ...new Set(used.filter((u) => !u.optional && !present(u.name)).map((u) => `${u.name} (${u.where})`)),
  ];
}
