import { describe, expect, it } from 'vitest';
import { finesseJsSurface } from './finesseJsSurface.ts';
import {
  finesseJsNamesUsed,
  missingFinesseJsNames,
  namesFromChains,
  namesFromInterface,
} from './finesseJsUsage.ts';
import { FINESSE_VERSIONS } from './finesseVersions.ts';

describe('finesse.js names our gadget and SDK use', () => {
  const used = finesseJsNamesUsed();

  it('are read from the typing interfaces and from the code', () => {
    const names = used.map((u) => u.name);
    // A few of each kind, so an empty or broken reading cannot pass.
    expect(names).toEqual(
      expect.arrayContaining([
        'finesse.gadget.Config',
        'finesse.clientservices.ClientServices.init',
        'finesse.containerservices.ContainerServices.init',
        'finesse.containerservices.ContainerServices.addHandler',
        'finesse.restservices.User',
        'finesse.restservices.User.prototype.setState',
        'finesse.restservices.User.prototype.getDialogs',
        'finesse.restservices.Dialog.prototype.addHandler',
        'finesse.restservices.Dialogs.prototype.getCollection',
      ]),
    );
    // getAuthHeaderString (11.5 and later) is only ever reached feature-tested.
    const auth = used.filter((u) => u.name === 'finesse.utilities.Utilities.getAuthHeaderString');
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.every((u) => u.optional)).toBe(true);
  });

  it.each(FINESSE_VERSIONS)('are all in the finesse.js of Finesse %s (or feature-tested)', (version) => {
    expect(missingFinesseJsNames(used, finesseJsSurface(version))).toEqual([]);
  });

  it('feature-tested names exist at least in the newest library (no typo hides behind ?.)', () => {
    const newest = finesseJsSurface('12.6');
    const optional = used.filter((u) => u.optional);
    expect(
      missingFinesseJsNames(
        optional.map((u) => ({ ...u, optional: false })),
        newest,
      ),
    ).toEqual([]);
  });
});

describe('the check itself', () => {
  it('fails for a method added to a typing interface that a version lacks', () => {
    const source = `export interface FinesseJsUser { getState(): string; makeCoffee(): void }`;
    const names = namesFromInterface('x.ts', source, 'FinesseJsUser', 'finesse.restservices.User.prototype');
    for (const version of FINESSE_VERSIONS) {
      expect(missingFinesseJsNames(names, finesseJsSurface(version))).toEqual([
        'finesse.restservices.User.prototype.makeCoffee (x.ts: FinesseJsUser)',
      ]);
    }
  });

  it('fails for a call 10.5 lacks unless it is feature-tested', () => {
    const direct = namesFromChains(
      'main.tsx',
      'const cfg = finesse.gadget.Config.id;\nfinesse.utilities.Utilities.getAuthHeaderString(cfg);',
    );
    expect(direct.map((u) => u.name)).toEqual([
      'finesse.gadget.Config',
      'finesse.utilities.Utilities.getAuthHeaderString',
    ]);
    expect(missingFinesseJsNames(direct, finesseJsSurface('10.5'))).toEqual([
      'finesse.utilities.Utilities.getAuthHeaderString (main.tsx:2)',
    ]);
    expect(missingFinesseJsNames(direct, finesseJsSurface('11.6'))).toEqual([]);

    const tested = namesFromChains('main.tsx', 'finesse.utilities?.Utilities?.getAuthHeaderString?.(cfg);');
    expect(missingFinesseJsNames(tested, finesseJsSurface('10.5'))).toEqual([]);
  });

  it('ignores finesse.js names in comments and strings', () => {
    const names = namesFromChains('a.ts', '// finesse.foo.bar()\nconst s = "finesse.baz.qux";');
    expect(names).toEqual([]);
  });
});
