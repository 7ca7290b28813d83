import { renderAssignment, renderOverdueDigest, NO_CONTACT } from '../src/domain/email';
import { rowLink } from '../src/domain/sheet-link';

const LINK = { url: 'https://docs.google.com/spreadsheets/d/abc/edit', gid: 42 };

describe('rowLink', () => {
  test('the spreadsheet at the row of 工单: #gid=<sheet id>&range=A<row>; nothing without a base or a data row', () => {
    expect(rowLink(LINK, 7)).toBe('https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=A7');
    expect(rowLink({ ...LINK, url: LINK.url + '#gid=0' }, 7)).toBe('https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=A7');
    expect(rowLink(null, 7)).toBe('');
    expect(rowLink(LINK, undefined)).toBe('');
    expect(rowLink(LINK, 1)).toBe('');
    expect(rowLink({ url: 'javascript:alert(1)', gid: 1 }, 7)).toBe('');
  });
});

describe('staff mails', () => {
  const base = {
    ticketNo: 'T20261123001', customerName: '<b>王</b>', needType: '产品咨询', issueType: '服务建议', priority: '高',
    deadlineText: '2026-11-24 10:00', summary: '报价', team: '销售组', recipientName: '张伟', locale: 'zh-CN' as const,
  };

  test('what the customer typed is escaped; contact rows only for what the record holds; no link, no button', () => {
    const m = renderAssignment({ ...base, contact: { ...NO_CONTACT, mobile: '13800138000' }, link: '' });
    expect(m.html).toContain('&lt;b&gt;王&lt;/b&gt;');
    expect(m.html).not.toContain('<b>王');
    expect(m.text).toContain('手机：13800138000');
    expect(m.text).not.toContain('座机');
    expect(m.text).not.toContain('邮箱：');
    expect(m.html).not.toContain('在表格中打开此工单');
    expect(m.text).toMatch(/^张伟，您好：\n销售组的新工单 T20261123001 已分配给您。/);
  });

  test('the weekly digest lists 40 tickets as cards and counts the rest', () => {
    const lines = Array.from({ length: 45 }, (_, i) => ({
      ticketNo: `T${String(i).padStart(3, '0')}`, customerName: '王', owner: '张伟', status: '新建', overdue: '已超时 1 天 2 小时',
      contact: NO_CONTACT, link: rowLink(LINK, i + 2),
    }));
    const m = renderOverdueDigest(lines, '2026-11-30 09:00', 'zh-CN', { deadline: 45, firstResponse: 0 });
    expect(m.text).toContain('T039');
    expect(m.text).not.toContain('T040');
    expect(m.text).toContain('另有 5 张未列出');
    expect(m.text).toContain('https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=A41');
    expect(m.html).not.toContain('<th');
    expect(Buffer.byteLength(m.html)).toBeLessThan(100_000);
  });
});
