/**
 * The customer mails as data: who a reply goes to, and footers that either
 * invite a reply (a Reply-To reaches staff) or say not to — never both.
 */
import { renderAcknowledgement, renderProgress } from '../src/domain/email';
import { replyToFor } from '../src/domain/reply-to';

const TEAMS = [{ name: '销售组', supervisor: 'sales-lead@example.com' }, { name: '客服组' }];

describe('replyToFor', () => {
  const base = { configured: '', owner: 'sales1@example.com', team: '销售组', teams: TEAMS, setupOwner: () => 'admin@example.com' };
  test('the configured mailbox first, then the owner, the team\'s supervisor, the setup owner', () => {
    expect(replyToFor({ ...base, configured: 'service@example.com' })).toBe('service@example.com');
    expect(replyToFor(base)).toBe('sales1@example.com');
    expect(replyToFor({ ...base, owner: '销售组' })).toBe('sales-lead@example.com');
    expect(replyToFor({ ...base, owner: '未分配', team: '客服组' })).toBe('admin@example.com');
    expect(replyToFor({ ...base, owner: '未分配', team: '客服组', setupOwner: () => null })).toBe('');
  });

  test('the setup owner is asked for only when nobody nearer has an address', () => {
    const setupOwner = jest.fn(() => 'admin@example.com');
    replyToFor({ ...base, setupOwner });
    replyToFor({ ...base, owner: '销售组', setupOwner });
    expect(setupOwner).not.toHaveBeenCalled();
  });
});

describe('footers', () => {
  const ack = { companyName: '示例科技有限公司', ticketNo: 'T20261123001', needType: '产品咨询', firstResponseText: '2026-11-23 15:00', deadlineText: '2026-11-24 10:00' } as const;
  const progress = { companyName: '示例科技有限公司', customerName: '王小明', ticketNo: 'T20261123001', note: '已寄出报价单' } as const;

  test.each(['zh-CN', 'en'] as const)('without a Reply-To (%s) every customer mail says not to reply, and nowhere invites one', (locale) => {
    const mails = [
      renderAcknowledgement({ ...ack, replyable: false, locale }),
      renderProgress({ ...progress, status: '已联系客户', replyable: false, locale }),
      renderProgress({ ...progress, status: '问题已解决', surveyUrl: 'https://docs.google.com/forms/d/e/x/viewform', replyable: false, locale }),
    ];
    for (const m of mails) {
      for (const part of [m.text, m.html]) {
        expect(part).toMatch(locale === 'en' ? /please do not reply/ : /请勿直接回复/);
        expect(part).not.toMatch(locale === 'en' ? /just reply|reply to this email:/i : /直接回复本邮件即可/);
      }
    }
  });

  test('the resolved mail says it is done once and names no status', () => {
    const m = renderProgress({ ...progress, status: '问题已解决', surveyUrl: 'https://docs.google.com/forms/d/e/x/viewform', replyable: true, locale: 'zh-CN' });
    expect(m.subject).toBe('【示例科技有限公司】工单 T20261123001 的处理结果');
    for (const part of [m.subject, m.text, m.html]) expect(part).not.toContain('问题已解决');
    expect(m.text.split('处理完毕')).toHaveLength(2);
    expect(m.text).toBe([
      '王小明，您好：', '', '您的问题已处理完毕。', '', '工单号：T20261123001', '处理说明：已寄出报价单', '',
      '欢迎花一分钟为本次服务评分，帮助我们做得更好：', 'https://docs.google.com/forms/d/e/x/viewform', '',
      '如果还有没解决的地方，直接回复本邮件即可联系负责同事（工单号 T20261123001）。',
    ].join('\n'));
  });

  test('the acknowledgement leaves out a resolution row equal to the first contact', () => {
    const m = renderAcknowledgement({ ...ack, deadlineText: ack.firstResponseText, replyable: true, locale: 'zh-CN' });
    expect(m.text).toContain('首次联系不晚于：2026-11-23 15:00');
    expect(m.text).not.toContain('预计解决时间');
  });
});
