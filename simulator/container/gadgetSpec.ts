import { decodeXmlText, parseXmlSafely, textOf } from '../xml/xmlParser.ts';

/** The parts of a gadget spec the container uses (as Cisco's own gadgets write it). */
export interface GadgetFeature {
  readonly name: string;
  readonly required: boolean;
  /** `<Param name="…">value</Param>`, several values per name (e.g. `exclude-url`). */
  readonly params: Readonly<Record<string, readonly string[]>>;
}

export interface UserPrefSpec {
  readonly name: string;
  readonly displayName: string;
  readonly defaultValue: string;
  readonly datatype: string;
}

export type GadgetContent =
  { readonly type: 'html'; readonly body: string } | { readonly type: 'url'; readonly href: string };

export interface GadgetSpec {
  readonly title: string;
  readonly description: string;
  readonly height: number | undefined;
  readonly features: readonly GadgetFeature[];
  readonly userPrefs: readonly UserPrefSpec[];
  readonly content: GadgetContent;
}

export class GadgetSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GadgetSpecError';
  }
}

/** Gadget specs are a few KB; this leaves room for inline HTML without inviting abuse. */
export const MAX_GADGET_SPEC = 512 * 1024;

const PREF_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

type Node = Record<string, unknown>;

const asNodes = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    typeof v === 'object' && v !== null ? (v as Node) : {},
  );

const attr = (node: Node, name: string): string => {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? decodeXmlText(value) : '';
};

function parseFeatures(modulePrefs: Node): GadgetFeature[] {
  const features = (key: 'Require' | 'Optional', required: boolean) =>
    asNodes(modulePrefs[key]).map((node) => {
      const params: Record<string, string[]> = {};
      for (const param of asNodes(node.Param)) {
        (params[attr(param, 'name')] ??= []).push(textOf(param).trim());
      }
      return { name: attr(node, 'feature'), required, params };
    });
  return [...features('Require', true), ...features('Optional', false)];
}

/** Picks the `default` view's Content, as a desktop renders gadgets in their default view. */
function pickContent(contents: Node[]): GadgetContent {
  const views = (node: Node) =>
    attr(node, 'view')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  const chosen =
    contents.find((node) => views(node).length === 0 || views(node).includes('default')) ?? contents[0];
  if (!chosen) throw new GadgetSpecError('the gadget has no <Content>');
  if (attr(chosen, 'type') === 'url') {
    const href = attr(chosen, 'href');
    if (!href) throw new GadgetSpecError('<Content type="url"> needs an href');
    return { type: 'url', href };
  }
  return { type: 'html', body: textOf(chosen) };
}

/** Parses gadget XML with entities off (see `parseXmlSafely`); throws on anything unusable. */
export function parseGadgetSpec(xml: string): GadgetSpec {
  let doc: Node;
  try {
    doc = parseXmlSafely(xml, {
      maxLength: MAX_GADGET_SPEC,
      attributes: true,
      arrays: ['ModulePrefs', 'Require', 'Optional', 'Param', 'UserPref', 'Content'],
    });
  } catch (error) {
    throw new GadgetSpecError((error as Error).message);
  }
  const module = asNodes(doc.Module)[0];
  if (!module || doc.Module === undefined) throw new GadgetSpecError('the root element must be <Module>');
  const modulePrefs = asNodes(module.ModulePrefs)[0] ?? {};
  const height = Number.parseInt(attr(modulePrefs, 'height'), 10);
  const userPrefs = asNodes(module.UserPref).map((node) => ({
    name: attr(node, 'name'),
    displayName: attr(node, 'display_name'),
    defaultValue: attr(node, 'default_value'),
    datatype: attr(node, 'datatype') || 'string',
  }));
  const badPref = userPrefs.find((pref) => !PREF_NAME.test(pref.name));
  if (badPref) throw new GadgetSpecError(`invalid UserPref name: ${JSON.stringify(badPref.name)}`);
  return {
    title: attr(modulePrefs, 'title'),
    description: attr(modulePrefs, 'description'),
    height: Number.isFinite(height) && height > 0 ? height : undefined,
    features: parseFeatures(modulePrefs),
    userPrefs,
    content: pickContent(asNodes(module.Content)),
  };
}

/** Values of a feature parameter, e.g. `content-rewrite`'s `exclude-url` list. */
export function featureParam(spec: GadgetSpec, feature: string, param: string): string[] {
  return spec.features.filter((f) => f.name === feature).flatMap((f) => f.params[param] ?? []);
}
