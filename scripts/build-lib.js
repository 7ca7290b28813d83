// Bundles src/main.ts into one classic Apps Script file, dist/Code.js.
// esbuild emits an IIFE that assigns the module's exports to the global `App`;
// a footer then declares one top-level `function` per entry point, because
// Apps Script only sees top-level function declarations (menu items,
// triggers, google.script.run targets).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const entryPoints = require('../src/entry-points.json');

function footer() {
  const lines = ['', '// Entry points visible to Apps Script (generated from src/entry-points.json).'];
  for (const name of entryPoints) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`Bad entry point name: ${name}`);
    lines.push(`function ${name}() { return App.${name}.apply(this, arguments); }`);
  }
  return lines.join('\n');
}

/**
 * The sidebars' browser scripts: src/ui/client/NAME.ts bundled (iife, browser
 * target, with the shared domain code) for the placeholder CLIENT:NAME
 * inside a src/ui HTML file.
 */
async function clientScript(name) {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'ui', 'client', name + '.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    charset: 'utf8',
    legalComments: 'none',
    minify: true,
    write: false,
    logLevel: 'error',
  });
  // A closing script tag inside the code would end the inline <script> early.
  return result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
}

async function copyStatic() {
  fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  const uiDir = path.join(root, 'src', 'ui');
  if (!fs.existsSync(uiDir)) return;
  for (const f of fs.readdirSync(uiDir)) {
    if (!f.endsWith('.html')) continue;
    let html = fs.readFileSync(path.join(uiDir, f), 'utf8');
    // Shared styles: /*CSS:NAME*/ becomes src/ui/NAME.css.
    html = html.replace(/\/\*CSS:([\w-]+)\*\//g, (_, name) => fs.readFileSync(path.join(uiDir, name + '.css'), 'utf8'));
    for (const [whole, name] of [...html.matchAll(/\/\*CLIENT:([\w-]+)\*\//g)]) {
      const code = await clientScript(name);
      html = html.replace(whole, () => code);
    }
    fs.writeFileSync(path.join(dist, f), html);
  }
}

async function buildBundle({ quiet = false } = {}) {
  fs.mkdirSync(dist, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'main.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'App',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'eof',
    treeShaking: true,
    outfile: path.join(dist, 'Code.js'),
    footer: { js: footer() },
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
    // dist/Code.js.map maps the bundle back to src/ for coverage. 'external'
    // writes no sourceMappingURL comment, so the pushed Code.js names no file
    // that clasp leaves behind (clasp pushes only .js, .html, appsscript.json).
    sourcemap: 'external',
  });
  await copyStatic();
  const size = fs.statSync(path.join(dist, 'Code.js')).size;
  if (!quiet) console.log(`dist/Code.js ${(size / 1024).toFixed(1)} KiB, ${entryPoints.length} entry points`);
  return { size, metafile: result.metafile };
}

/** True when dist/Code.js is missing or older than anything it is built from. */
function isStale() {
  const out = path.join(dist, 'Code.js');
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  const newer = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
    return st.mtimeMs > built;
  };
  return [path.join(root, 'src'), path.join(root, 'appsscript.json'), path.join(root, 'package-lock.json')].some(
    (p) => fs.existsSync(p) && newer(p),
  );
}

module.exports = { buildBundle, isStale, entryPoints, root, dist };
