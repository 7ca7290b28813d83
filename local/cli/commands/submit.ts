/**
 * `submit FILE|- [--via form|manual|import|webhook|jinshuju|wjx|tencent] [--at TIME] [--as EMAIL] [--token TOKEN]`:
 * feeds submissions through an entry point, or a form tool's pushes through the web app.
 */
import path from 'node:path';
import { defineCommand, readTime, usageError } from '../command';
import { openRuntime, saveSession } from '../session';
import { parseSubmissions, readInputFile, type RawRecord } from '../../drive/input';
import { submitVia, type SubmitLine, type Via } from '../../drive/submit';
import { PUSH_VIAS, pushBodies, submitPushes, type PushVia } from '../../drive/push';

const VIAS: readonly (Via | PushVia)[] = ['form', 'manual', 'import', 'webhook', ...PUSH_VIAS];
const TOOL_NAMES: Readonly<Record<PushVia, string>> = { jinshuju: '金数据', wjx: '问卷星', tencent: '腾讯问卷' };

export const submitCommand = defineCommand({
  name: 'submit',
  summary: {
    'zh-CN': '通过某个入口提交客户信息（表单、线下录入、导入、接口）',
    en: 'feed submissions through an entry point (form, manual entry, import, webhook)',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- submit FILE|- [--via form|manual|import|webhook|jinshuju|wjx|tencent] [--at TIME] [--as EMAIL] [--token TOKEN] [--state DIR]',
      '',
      '  FILE           JSON（一个对象或对象数组）或 CSV（UTF-8，可带 BOM，首行为表头）；- 表示标准输入；GBK、UTF-16 的文件会被拒绝（不猜编码，免得乱码），并说明如何另存为 UTF-8',
      '                 键可以是字段键（mobile）或中文标签（手机号）',
      '  --via          入口：form（默认，表单回复 + 提交触发器）、manual（线下录入）、import（导入表）、webhook（接口）；',
      '                 jinshuju、wjx、tencent：金数据、问卷星、腾讯问卷的数据推送——FILE 是工具推送的请求体，原样 POST 到推送地址',
      '                 （JSON 数组则每个元素一次推送）；该工具未开启推送时先以所有者身份开启；问卷星设置了推送密钥时按其文档签名',
      '  --at TIME      先把时钟拨到此时刻（ISO 8601）',
      '  --as EMAIL     线下录入和导入的经办员工（默认：配置中的第一位员工）',
      '  --token TOKEN  表单工具推送：用这个令牌代替已保存的令牌（例如看错误令牌被拒绝）',
      '',
      '表单工具推送每次输出一行 JSON：登记结果（accepted、review、duplicate，或修改/删除答卷的 ignored），或 outcome 为 refused 并带 status、code 和原因；unmapped 列出写进备注的题目。',
      '每条输出一行 JSON：outcome 为 accepted、review、duplicate 或 repeat（线下录入：疑似重复录入，未提交）。有记录未受理（待审核、疑似重复或失败）时退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- submit FILE|- [--via form|manual|import|webhook|jinshuju|wjx|tencent] [--at TIME] [--as EMAIL] [--token TOKEN] [--state DIR]',
      '',
      '  FILE           JSON (an object or an array of objects) or CSV (UTF-8, BOM optional, header row); - for stdin; GBK and UTF-16 files are refused (no guessing, no garbled text), saying how to save them as UTF-8',
      '                 keys are field keys (mobile) or zh-CN labels (手机号)',
      '  --via          entry point: form (default: a form response and its submit trigger), manual, import, webhook;',
      '                 jinshuju, wjx, tencent: a data push of 金数据, 问卷星, 腾讯问卷 — FILE is the body the tool pushes, POSTed as it is to',
      '                 the push URL (a JSON array: one push per element); a tool not switched on is switched on first as the owner; with a',
      '                 问卷星 push key set, the body is signed as 问卷星 documents',
      '  --at TIME      first move the clock to this time (ISO 8601)',
      '  --as EMAIL     staff member for manual entry and import (default: the first staff member in Config)',
      '  --token TOKEN  form tool pushes: send this token instead of the stored one (to see a wrong one refused)',
      '',
      'A form tool push prints one JSON line each: what was filed (accepted, review, duplicate, or ignored for an edited or deleted answer), or outcome refused with status, code and why; unmapped names the questions kept in 备注.',
      'Prints one JSON line per record: outcome accepted, review, duplicate or repeat (manual: possibly entered twice, not filed). Exits 1 when a record was not accepted.',
    ].join('\n'),
  },
  options: {
    via: { type: 'string' },
    at: { type: 'string' },
    as: { type: 'string' },
    token: { type: 'string' },
  },
  positionals: [{ name: 'FILE', required: true }],
  async run(ctx) {
    const via = (ctx.values.via ?? 'form') as Via | PushVia;
    if (!VIAS.includes(via)) throw usageError('submit', 'badVia', { value: String(ctx.values.via) });
    const file = ctx.positionals[0]!;
    // A relative path is the user's, from where they ran the command (npm run moves to the package root).
    const { text, name } = readInputFile(file === '-' ? file : path.resolve(ctx.cwd, file));
    if ((PUSH_VIAS as readonly string[]).includes(via)) {
      const tool = via as PushVia;
      const { runtime, state } = openRuntime(ctx.stateDir);
      if (ctx.values.at !== undefined) runtime.advanceClockTo(Math.max(readTime('submit', ctx.values.at, state.timeZone), runtime.state.clock));
      const { lines, switchedOn } = submitPushes(runtime, tool, pushBodies(text), ctx.values.token === undefined ? {} : { token: ctx.values.token });
      if (switchedOn) ctx.err(ctx.t('pushSwitchedOn', { tool: TOOL_NAMES[tool] }));
      for (const line of lines) ctx.out(JSON.stringify(line));
      await saveSession(ctx.stateDir, runtime);
      const filed = lines.filter((l) => l.outcome === 'accepted' || l.outcome === 'duplicate').length;
      const review = lines.filter((l) => l.outcome === 'review').length;
      ctx.err(ctx.t('pushSummary', { total: lines.length, filed, review, other: lines.length - filed - review }));
      return filed === lines.length ? 0 : 1;
    }
    if (ctx.values.token !== undefined) throw usageError('submit', 'tokenNeedsTool', {});
    const records: RawRecord[] = parseSubmissions(text, name);
    const { runtime, state } = openRuntime(ctx.stateDir);
    const at = ctx.values.at !== undefined ? readTime('submit', ctx.values.at, state.timeZone) : undefined;
    // Items that are not objects are reported and skipped; the rest go through.
    const valid: { index: number; record: RawRecord }[] = [];
    const lines: SubmitLine[] = [];
    records.forEach((record, index) => {
      if ('__invalid__' in record) {
        lines.push({ index, outcome: 'rejected', problems: [ctx.t('notAnObject', { index })] });
        ctx.err(ctx.t('notAnObject', { index }));
      } else valid.push({ index, record });
    });
    const results = submitVia(runtime, via as Via, valid.map((v) => v.record), { at, as: ctx.values.as });
    results.forEach((line, i) => lines.push({ ...line, index: valid[i]!.index }));
    lines.sort((a, b) => a.index - b.index);
    for (const line of lines) {
      const { notOnForm, index, ...rest } = line;
      if (Array.isArray(notOnForm)) ctx.err(ctx.t('notOnForm', { index, fields: notOnForm.join(', ') }));
      ctx.out(JSON.stringify({ index, ...rest }));
    }
    await saveSession(ctx.stateDir, runtime);
    const count = (o: string) => lines.filter((l) => l.outcome === o).length;
    const failed = lines.length - count('accepted') - count('review') - count('duplicate') - count('repeat');
    ctx.err(ctx.t('submitSummary', { total: lines.length, accepted: count('accepted'), review: count('review'), duplicate: count('duplicate'), repeat: count('repeat'), failed }));
    // A repeat was not filed: the sidebar would have asked first.
    const rejected = count('review') + count('repeat') + failed > 0 || lines.some((l) => Array.isArray(l.notOnForm));
    return rejected ? 1 : 0;
  },
});
