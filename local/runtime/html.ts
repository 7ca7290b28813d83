/**
 * Emulated HtmlService: HTML outputs for dialogs and sidebars, from strings or
 * from the project's HTML files (given by the host). No templates.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import { stringEnum } from './utilities';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export class HtmlOutputEmu
  implements
    Emulates<
      GoogleAppsScript.HTML.HtmlOutput,
      | 'setTitle'
      | 'getTitle'
      | 'setWidth'
      | 'setHeight'
      | 'getWidth'
      | 'getHeight'
      | 'getContent'
      | 'setContent'
      | 'append'
      | 'appendUntrusted'
      | 'setXFrameOptionsMode'
      | 'setSandboxMode'
      | 'addMetaTag'
    >
{
  private title = '';
  private width = 0;
  private height = 0;
  /** Set for the host (what a dialog would show); the bundle cannot read them back. */
  xFrameOptionsMode: GoogleAppsScript.HTML.XFrameOptionsMode | null = null;
  sandboxMode: GoogleAppsScript.HTML.SandboxMode | null = null;
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly env: Env,
    private content: string,
  ) {}

  setTitle(title: string): HtmlOutputEmu {
    this.meter('setTitle');
    this.title = String(title);
    return this;
  }

  getTitle(): string {
    this.meter('getTitle');
    return this.title;
  }

  setWidth(width: number): HtmlOutputEmu {
    this.meter('setWidth');
    this.width = Math.floor(Number(width));
    return this;
  }

  setHeight(height: number): HtmlOutputEmu {
    this.meter('setHeight');
    this.height = Math.floor(Number(height));
    return this;
  }

  getWidth(): number {
    this.meter('getWidth');
    return this.width;
  }

  getHeight(): number {
    this.meter('getHeight');
    return this.height;
  }

  getContent(): string {
    this.meter('getContent');
    return this.content;
  }

  setContent(content: string): HtmlOutputEmu {
    this.meter('setContent');
    this.content = String(content);
    return this;
  }

  append(addedContent: string): HtmlOutputEmu {
    this.meter('append');
    this.content += String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): HtmlOutputEmu {
    this.meter('appendUntrusted');
    this.content += escapeHtml(String(addedContent));
    return this;
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutputEmu {
    this.meter('setXFrameOptionsMode');
    this.xFrameOptionsMode = mode;
    return this;
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutputEmu {
    this.meter('setSandboxMode');
    this.sandboxMode = mode;
    return this;
  }

  addMetaTag(name: string, content: string): HtmlOutputEmu {
    this.meter('addMetaTag');
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }

  private meter(method: string): void {
    this.env.meter.call('Html', `HtmlOutput.${method}`);
  }
}

export class HtmlServiceEmu implements Emulates<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput' | 'createHtmlOutputFromFile'> {
  readonly SandboxMode = stringEnum<typeof GoogleAppsScript.HTML.SandboxMode>(['EMULATED', 'IFRAME', 'NATIVE']);
  readonly XFrameOptionsMode = stringEnum<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(['ALLOWALL', 'DEFAULT']);
  /** The project's HTML files by name ("Sidebar" or "Sidebar.html"), set by the host from dist/*.html. */
  htmlFiles: Record<string, string> = {};

  constructor(private readonly env: Env) {}

  createHtmlOutput(html?: string): HtmlOutputEmu {
    this.env.meter.call('Html', 'HtmlService.createHtmlOutput');
    return new HtmlOutputEmu(this.env, html === undefined ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutputEmu {
    this.env.meter.call('Html', 'HtmlService.createHtmlOutputFromFile');
    const name = String(filename).replace(/\.html$/, '');
    // Keys with or without the extension both work.
    const key = [name, `${name}.html`].find((k) => Object.prototype.hasOwnProperty.call(this.htmlFiles, k));
    const content = key === undefined ? undefined : this.htmlFiles[key];
    if (content === undefined) throw this.env.meter.error(`Exception: No HTML file named ${name} was found.`);
    return new HtmlOutputEmu(this.env, content);
  }
}
