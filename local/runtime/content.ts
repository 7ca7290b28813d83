/**
 * Emulated ContentService: text outputs (what a web app's doGet/doPost returns).
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import { stringEnum } from './utilities';

const MIME_TYPES = ['ATOM', 'CSV', 'ICAL', 'JAVASCRIPT', 'JSON', 'RSS', 'TEXT', 'VCARD', 'XML'] as const;

export class TextOutputEmu
  implements Emulates<GoogleAppsScript.Content.TextOutput, 'setContent' | 'getContent' | 'append' | 'setMimeType' | 'getMimeType'>
{
  private content: string;
  private mimeType: GoogleAppsScript.Content.MimeType;

  constructor(
    private readonly env: Env,
    content: string,
    mimeType: GoogleAppsScript.Content.MimeType,
  ) {
    this.content = content;
    this.mimeType = mimeType;
  }

  setContent(content: string): TextOutputEmu {
    this.env.meter.call('Content', 'TextOutput.setContent');
    this.content = String(content);
    return this;
  }

  getContent(): string {
    this.env.meter.call('Content', 'TextOutput.getContent');
    return this.content;
  }

  append(addedContent: string): TextOutputEmu {
    this.env.meter.call('Content', 'TextOutput.append');
    this.content += String(addedContent);
    return this;
  }

  setMimeType(mimeType: GoogleAppsScript.Content.MimeType): TextOutputEmu {
    this.env.meter.call('Content', 'TextOutput.setMimeType');
    if (!(MIME_TYPES as readonly string[]).includes(String(mimeType))) throw this.env.meter.error('Exception: Invalid argument: mimeType');
    this.mimeType = mimeType;
    return this;
  }

  getMimeType(): GoogleAppsScript.Content.MimeType {
    this.env.meter.call('Content', 'TextOutput.getMimeType');
    return this.mimeType;
  }
}

export class ContentServiceEmu implements Emulates<GoogleAppsScript.Content.ContentService, 'createTextOutput'> {
  readonly MimeType = stringEnum<typeof GoogleAppsScript.Content.MimeType>(MIME_TYPES);

  constructor(private readonly env: Env) {}

  createTextOutput(content?: string): TextOutputEmu {
    this.env.meter.call('Content', 'ContentService.createTextOutput');
    return new TextOutputEmu(this.env, content === undefined ? '' : String(content), this.MimeType.TEXT);
  }
}
