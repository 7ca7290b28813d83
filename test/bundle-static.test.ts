/**
 * The bundle is what ships: one classic script that Apps Script can load,
 * with every entry point as a top-level function, nothing Node-only inside,
 * and exactly the OAuth scopes its service calls need.
 */
import * as walk from 'acorn-walk';
import type { Node, Identifier, MemberExpression } from 'acorn';
import { bundleSource, entryPointNames, manifest, parseBundle } from './helpers/bundle';

const FORBIDDEN_GLOBALS = [
  'require', 'process', 'Buffer', 'TextEncoder', 'TextDecoder', 'setTimeout', 'setInterval', 'setImmediate',
  'fetch', 'URL', 'structuredClone', 'module', 'exports', '__dirname', 'window', 'document',
];

/** Identifiers used as values (not property names or object keys). */
function valueIdentifiers(program: Node): Identifier[] {
  const found: Identifier[] = [];
  walk.fullAncestor(program, (node, _state, ancestors) => {
    if (node.type !== 'Identifier') return;
    const parent = ancestors[ancestors.length - 2] as Node & Record<string, unknown>;
    if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
    if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') &&
      parent.key === node && !parent.computed) return;
    found.push(node as Identifier);
  });
  return found;
}

function memberUses(program: Node, objectName: string): string[] {
  const props: string[] = [];
  walk.simple(program, {
    MemberExpression(node: MemberExpression) {
      if (node.object.type === 'Identifier' && node.object.name === objectName && node.property.type === 'Identifier') {
        props.push(node.property.name);
      }
    },
  });
  return props;
}

describe('dist/Code.js', () => {
  const source = bundleSource();
  const program = parseBundle(source);

  test('is a classic script: no import or export (acorn parses it as a script)', () => {
    expect(program.sourceType).toBe('script');
    let dynamicImport = false;
    walk.simple(program, { ImportExpression() { dynamicImport = true; } });
    expect(dynamicImport).toBe(false);
  });

  test('declares every entry point as a top-level function', () => {
    const topLevel = program.body
      .filter((n) => n.type === 'FunctionDeclaration')
      .map((n) => (n as unknown as { id: Identifier }).id.name);
    for (const name of entryPointNames()) expect(topLevel).toContain(name);
    // and the exported implementation exists for each
    const exported = new Function(`${source}; return Object.keys(App);`)() as string[];
    for (const name of entryPointNames()) expect(exported).toContain(name);
  });

  test('uses nothing that Apps Script lacks (Node globals, timers, fetch, TextEncoder, crypto.*)', () => {
    const bad = valueIdentifiers(program).filter((id) => FORBIDDEN_GLOBALS.includes(id.name));
    expect(bad.map((id) => `${id.name} at ${id.start}`)).toEqual([]);
    expect(memberUses(program, 'crypto')).toEqual([]);
  });

  test('requests exactly the OAuth scopes its service calls need', () => {
    const uses = (obj: string, methods?: string[]) =>
      memberUses(program, obj).some((m) => !methods || methods.includes(m));
    const needed = new Set<string>();
    const scope = (s: string) => needed.add(`https://www.googleapis.com/auth/${s}`);
    if (uses('SpreadsheetApp')) scope('spreadsheets.currentonly');
    if (uses('FormApp')) scope('forms');
    if (uses('MailApp')) scope('script.send_mail');
    if (uses('ScriptApp', ['newTrigger', 'getProjectTriggers', 'deleteTrigger'])) scope('script.scriptapp');
    if (uses('SpreadsheetApp', ['getUi']) || uses('HtmlService')) scope('script.container.ui');
    if (uses('Session', ['getActiveUser', 'getEffectiveUser'])) scope('userinfo.email');
    if (uses('UrlFetchApp')) scope('script.external_request');
    expect([...manifest().oauthScopes].sort()).toEqual([...needed].sort());
  });

  test('names no source map: the map stays local (coverage); test/deploy.test.ts shows clasp leaves it behind', () => {
    expect(source).not.toMatch(/sourceMappingURL/);
  });

  test('manifest: V8 runtime in Asia/Shanghai', () => {
    expect(manifest().runtimeVersion).toBe('V8');
    expect(manifest().timeZone).toBe('Asia/Shanghai');
  });
});
