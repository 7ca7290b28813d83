/**
 * Compile-time checks (run by `npm run typecheck`, not by Jest): a table is
 * typed by its sheet's column labels, so a write with a column the sheet does
 * not have — a typo, a renamed label, another sheet's column — does not
 * compile. Each `@ts-expect-error` fails the type-check if the error it
 * expects ever stops happening.
 */
import { HISTORY, MAIL_QUEUE, TICKETS } from '../../src/sheets/schema';
import type { RowFor, Table } from '../../src/sheets/table';
import type { LabelOf } from '../../src/sheets/schema';

declare const tickets: Table<LabelOf<typeof TICKETS>>;

export function writes(): void {
  tickets.patch(TICKETS.col.no, new Map([[2, { [TICKETS.col.no]: 'T20261123001', [TICKETS.col.status]: '已联系客户', [TICKETS.col.progressNote]: '已电话联系' }]]));
  // @ts-expect-error a label that is not a 工单 column
  tickets.patch(TICKETS.col.no, new Map([[2, { 工单状态: '已联系客户' }]]));
  // @ts-expect-error a column of another sheet (邮件队列.发送时间)
  tickets.patch(TICKETS.col.no, new Map([[2, { [MAIL_QUEUE.col.sentAt]: new Date() }]]));
  // @ts-expect-error the key is a column of the sheet
  tickets.patch(MAIL_QUEUE.col.id, new Map([[2, { [TICKETS.col.status]: '新建' }]]));
  // @ts-expect-error searches name a column of the sheet
  tickets.findRows('工单号', 'T20261123001');
  // @ts-expect-error a handle that does not exist
  void TICKETS.col.state;
}

export const history: RowFor<typeof HISTORY> = {
  [HISTORY.col.at]: new Date(),
  [HISTORY.col.action]: '状态变更',
  // @ts-expect-error 历史 has no 状态 column
  [TICKETS.col.status]: '新建',
};
