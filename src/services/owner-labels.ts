/**
 * 负责人 shows people by name (domain/owners.ts). Rows filed before that, or
 * before 员工 renamed someone, still hold an address or an old name: setup
 * and an edit of 配置 rewrite them as the dropdown shows the person now, so
 * mails, 我的工单 and the dropdown's own check keep finding them.
 */
import { ownerDirectory, type OwnerDirectory } from '../domain/owners';
import { INTERNAL, TICKETS } from '../sheets/schema';
import { cellText, type RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { saveOwnerLabels, storedOwnerLabels } from './store';

/** Label → email for the people a directory shows. */
function labelMap(dir: OwnerDirectory): Record<string, string> {
  return Object.fromEntries(dir.labels.flatMap((l) => (dir.email(l) !== '' ? [[l, dir.email(l)]] : [])));
}

/**
 * Rewrites 负责人 and 上次负责人 cells that name a person other than by the
 * label they have now: one read of three columns, one keyed write of the rows
 * that change. `always`: setup, which also converts addresses; an edit of
 * 配置 only reads 工单 when someone's label changed.
 */
export function followOwnerLabels(ctx: AppContext, always: boolean): number {
  const dir = ownerDirectory(ctx.config);
  const former = storedOwnerLabels();
  const now = labelMap(dir);
  const changed = JSON.stringify(former.shown) !== JSON.stringify(now);
  if (!always && !changed) return 0;
  const written = withScriptLock(() => {
    const tickets = ctx.table(TICKETS);
    if (tickets.dataRowCount() === 0) return 0;
    const cols = tickets.readColumns([TICKETS.col.no, TICKETS.col.owner, INTERNAL.lastOwner]);
    const shown = (v: string): string => {
      const email = dir.email(v) || former.known[v] || '';
      return email !== '' ? dir.canonical(email) ?? v : v;
    };
    const patches = new Map<number, RowFor<typeof TICKETS>>();
    cols.get(TICKETS.col.no)!.forEach((no, i) => {
      if (cellText(no) === '') return;
      const owner = cellText(cols.get(TICKETS.col.owner)![i]);
      const last = cellText(cols.get(INTERNAL.lastOwner)![i]);
      const patch: RowFor<typeof TICKETS> = {};
      if (shown(owner) !== owner) patch[TICKETS.col.owner] = shown(owner);
      if (last !== '' && shown(last) !== last) patch[INTERNAL.lastOwner] = shown(last);
      if (Object.keys(patch).length) patches.set(2 + i, { ...patch, [TICKETS.col.no]: no }); // readColumns starts at row 2
    });
    if (patches.size) tickets.patch(TICKETS.col.no, patches);
    return patches.size;
  });
  // Old labels are kept beside the new: a row a colleague re-pasted from an old copy still finds its person.
  // A property value holds 9 KB (https://developers.google.com/apps-script/guides/services/quotas): old labels go first.
  const known = { ...former.known, ...now };
  if (changed) saveOwnerLabels({ shown: now, known: JSON.stringify(known).length + JSON.stringify(now).length > 8000 ? now : known });
  return written;
}
