import { exportFileName, historyOfPerson, personHistoryToScrub, rowsOfPerson, type AnswerRecord, type Person, type PersonHistoryRecord } from '../src/domain/personal-data';

const person: Person = {
  customerNo: 'C20261123001', mobile: '13800138000', email: 'Xiaoming@example.com', idNumber: '11010519491231002X',
  ticketNos: new Set(['T20261123001', 'T20261123002']), ticketSources: new Set(['resp-1', 'resp-9#r:abcd']),
};
const answer = (over: Partial<AnswerRecord> = {}): AnswerRecord => ({ source: '', ticketNo: '', mobile: '', email: '', idNumber: '', ...over });
const history = (over: Partial<PersonHistoryRecord> = {}): PersonHistoryRecord => ({ ticketNo: '', action: '状态变更', atMs: 0, hasValues: false, note: '', source: '', ...over });

describe('rowsOfPerson', () => {
  test('a row is theirs by a ticket it became, the Form response or review chain a ticket came from, or any identifier they have', () => {
    const rows = [
      answer({ ticketNo: 'T20261123002' }),
      answer({ source: 'resp-1' }),
      answer({ source: 'resp-9' }), // the 待审核 row resubmitted as one of their tickets
      answer({ mobile: '13800138000' }),
      answer({ email: 'xiaoming@EXAMPLE.com' }),
      answer({ idNumber: '11010519491231002x' }),
      answer({ ticketNo: 'T20261123003', source: 'resp-2', mobile: '13900000000', email: 'other@example.com' }),
      answer(),
    ];
    expect(rowsOfPerson(rows, person)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('an identifier the record lacks matches nothing: blanks never match blanks', () => {
    const bare: Person = { ...person, mobile: '', email: '', idNumber: '', ticketNos: new Set(), ticketSources: new Set() };
    expect(rowsOfPerson([answer(), answer({ mobile: '' })], bare)).toEqual([]);
  });
});

describe('what a deletion empties in 历史', () => {
  const rows = [
    history({ ticketNo: 'T20261123001', action: '邮件已排队', hasValues: true, note: '您的咨询已受理' }),
    history({ ticketNo: 'T20261123001', action: '客户资料已更新', hasValues: true, note: '依据工单确认更新', source: 'C20261123001' }),
    history({ action: '客户资料已更新', hasValues: true, note: '客户来电要求更正', source: 'C20261123001' }),
    history({ action: '查看敏感信息', hasValues: true, note: '联系地址、证件号码', source: 'C20261123001' }),
    history({ action: '作废待审核记录', note: '客户说填错了', source: 'resp-7#void' }),
    history({ ticketNo: 'T20261123009', action: '邮件已排队', hasValues: true, note: '别人的工单' }),
    history({ action: '客户资料已更新', hasValues: true, note: '别人的更正', source: 'C20261123002' }),
  ];

  test('their tickets’ notes and mail addresses, the values of their record’s changes and reviewers’ notes on their rows; the reveal audit stays', () => {
    expect(personHistoryToScrub(rows, person, ['resp-7'])).toEqual([
      { index: 0, values: true, note: true },
      { index: 1, values: true, note: true },
      { index: 2, values: true, note: true },
      { index: 4, values: false, note: true },
    ]);
  });

  test('their export lists every row about them, the reveals included, and nobody else’s', () => {
    expect(historyOfPerson(rows, person, ['resp-7'])).toEqual([0, 1, 2, 3, 4]);
  });
});

test('the export is named by customer and day', () => {
  expect(exportFileName('C20261123001', '2026-12-02')).toBe('个人信息_C20261123001_20261202.csv');
});
