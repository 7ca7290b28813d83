/** The ItemType enum (FormApp.ItemType, Item.getType()): every type a form item can have. */
import { stringEnum } from '../../utilities';

const ITEM_TYPES = [
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
  'RATING',
] as const;

export const itemTypeEnum = stringEnum<typeof GoogleAppsScript.Forms.ItemType>(ITEM_TYPES);
