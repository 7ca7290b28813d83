/**
 * Emulated FormApp: building a form, submitting responses (as a respondent
 * and from the script) and reading them back as a form-submit handler does.
 */
import { Env } from '../local/runtime/env';
import { Faults, Meter } from '../local/runtime/meter';
import { newState } from '../local/runtime/state';
import { FormAppEmu, type FormEmu } from '../local/runtime/form';
import { Runtime } from '../local/runtime/runtime';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');

function setup() {
  const faults = new Faults();
  const meter = new Meter(faults);
  const env = new Env(newState({ clock: T0, seed: 'form' }), meter);
  return { env, state: env.state, meter, faults, app: new FormAppEmu(env) };
}

/** A small intake form: name, need type, channels, satisfaction, visit date. */
function buildForm(app: FormAppEmu) {
  // As a script must since 2026-06-30: titled and published explicitly.
  const form = app.create('客户信息收集').setTitle('客户信息收集').setDescription('请填写').setCollectEmail(true).setPublished(true);
  const name = form.addTextItem().setTitle('姓名').setRequired(true);
  const need = form.addMultipleChoiceItem().setTitle('需求类型');
  need.setChoiceValues(['咨询', '投诉', '其他']);
  const channels = form.addCheckboxItem().setTitle('联系方式');
  channels.setChoices([channels.createChoice('电话'), channels.createChoice('邮件')]);
  const score = form.addScaleItem().setTitle('满意度').setBounds(1, 5).setLabels('差', '好');
  form.addSectionHeaderItem().setTitle('补充');
  const visit = form.addDateItem().setTitle('到访日期');
  return { form, name, need, channels, score, visit };
}

function answersOf(form: FormEmu, index: number): [string, unknown][] {
  const response = form.getResponses()[index]!;
  return response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()]);
}

describe('Form publishing and access (Google\'s Forms API change of 2026-06-30)', () => {
  it('a form created by script has an empty title and is unpublished: it refuses every response', () => {
    const { app } = setup();
    const form = app.create('客户信息收集');
    const name = form.addTextItem().setTitle('姓名');
    expect(form.getTitle()).toBe('');
    expect(form.supportsAdvancedResponderPermissions()).toBe(true);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([false, false]);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'A' }])).toThrow(/not published/);
    // Accepting responses cannot be switched on while the form is unpublished.
    form.setAcceptingResponses(true);
    expect(form.isAcceptingResponses()).toBe(false);
  });

  it('publishing opens the form to responses; unpublishing closes it again', () => {
    const { app } = setup();
    const form = app.create('f');
    const name = form.addTextItem().setTitle('姓名');
    form.setPublished(true);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, true]);
    expect(app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'A' }]).answers).toHaveLength(1);
    form.setAcceptingResponses(false);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'B' }])).toThrow(/not accepting/);
    form.setPublished(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'C' }])).toThrow(/not published/);
  });

  it('a form restricted to the domain refuses an anonymous respondent and takes a signed-in one', () => {
    const { app } = setup();
    const form = app.create('f').setPublished(true).setRequireLogin(true);
    const name = form.addTextItem().setTitle('姓名');
    expect(form.requiresLogin()).toBe(true);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'A' }])).toThrow(/signed-in users/);
    expect(app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'A' }], { respondentEmail: 'staff@example.com' }).answers).toHaveLength(1);
  });
});

describe('FormApp', () => {
  it('a new choice item holds one empty choice until its choices are set', () => {
    const { app } = setup();
    const form = app.create('选择');
    for (const item of [form.addMultipleChoiceItem(), form.addCheckboxItem(), form.addListItem()]) {
      expect(item.getChoices().map((c) => c.getValue())).toEqual(['']);
      item.setChoiceValues(['甲', '乙']);
      expect(item.getChoices().map((c) => c.getValue())).toEqual(['甲', '乙']);
    }
  });


  it('builds a form whose items read back with their types and settings', () => {
    const { app, state } = setup();
    const { form, need, channels, score } = buildForm(app);
    expect(form.getId()).toMatch(/^form-/);
    expect(form.getPublishedUrl()).toBe(`https://docs.google.com/forms/d/e/${form.getId()}/viewform`);
    expect(form.getItems().map((i) => i.getType())).toEqual(['TEXT', 'MULTIPLE_CHOICE', 'CHECKBOX', 'SCALE', 'SECTION_HEADER', 'DATE']);
    expect(form.getItems(app.ItemType.CHECKBOX).map((i) => i.getTitle())).toEqual(['联系方式']);
    expect(need.getChoices().map((c) => c.getValue())).toEqual(['咨询', '投诉', '其他']);
    expect(channels.getChoices().map((c) => c.getValue())).toEqual(['电话', '邮件']);
    expect([score.getLowerBound(), score.getUpperBound(), score.getLeftLabel()]).toEqual([1, 5, '差']);
    expect(form.getItems()[0]!.asTextItem().isRequired()).toBe(true);
    expect(() => form.getItems()[0]!.asCheckboxItem()).toThrow('Invalid conversion for item type: TEXT');
    expect(app.openById(form.getId()).getTitle()).toBe('客户信息收集');
    expect(() => app.openById('form-nope')).toThrow(/No item with the given ID could be found/);
    expect(state.forms).toHaveLength(1);
  });

  it('returns a respondent’s answers in form order, checkbox as an array, scale as a string, unanswered left out', () => {
    const { app, state } = setup();
    const { form, name, need, channels, score, visit } = buildForm(app);
    const submitted = app.hostSubmit(
      form.getId(),
      [
        { itemId: score.getId(), response: '4' },
        { itemId: channels.getId(), response: ['电话', '邮件'] },
        { itemId: name.getId(), response: '张三' },
        { itemId: need.getId(), response: '' },
        { itemId: visit.getId(), response: '2026-11-20' },
      ],
      { at: T0 + 5000, respondentEmail: 'zhang@example.com' },
    );
    expect(state.forms[0]!.responses).toHaveLength(1);
    expect(answersOf(form, 0)).toEqual([
      ['姓名', '张三'],
      ['联系方式', ['电话', '邮件']],
      ['满意度', '4'],
      ['到访日期', '2026-11-20'],
    ]);
    const response = app.hostResponseObject(form.getId(), submitted.id);
    expect(response.getId()).toBe(submitted.id);
    expect(response.getTimestamp().getTime()).toBe(T0 + 5000);
    expect(response.getRespondentEmail()).toBe('zhang@example.com');
    expect(response.getResponseForItem(need)).toBeNull();
    expect(response.getResponseForItem(channels)!.getResponse()).toEqual(['电话', '邮件']);
    expect(response.getEditResponseUrl()).toContain(`/viewform?edit2=${submitted.id}`);
  });

  it('does not enforce its own required marks or validations', () => {
    const { app } = setup();
    const form = app.create('f').setPublished(true);
    const phone = form.addTextItem().setTitle('手机号').setRequired(true);
    phone.setValidation(app.createTextValidation().requireTextMatchesPattern('^1\\d{10}$').setHelpText('11位手机号').build());
    const email = form.addTextItem().setTitle('邮箱');
    app.hostSubmit(form.getId(), [{ itemId: email.getId(), response: 'not-an-email' }]);
    expect(answersOf(form, 0)).toEqual([['邮箱', 'not-an-email']]);
  });

  it('stores built validations on the item', () => {
    const { app, state } = setup();
    const form = app.create('f').setPublished(true);
    form.addParagraphTextItem().setValidation(app.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(500).build());
    const text = form.addTextItem();
    expect(() => text.setValidation(app.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(5).build())).toThrow(/don't match/);
    text.setValidation(app.createTextValidation().requireTextIsEmail().setHelpText('邮箱格式').build());
    expect(state.forms[0]!.items.map((i) => i.validation)).toEqual([
      { kind: 'maxLength', value: 500, helpText: '' },
      { kind: 'email', helpText: '邮箱格式' },
    ]);
  });

  it('builds a pre-filled link and submits a response from the script', () => {
    const { app } = setup();
    const { form, name, channels, score } = buildForm(app);
    const draft = form
      .createResponse()
      .withItemResponse(channels.createResponse(['电话', '邮件']))
      .withItemResponse(name.createResponse('王 五'))
      .withItemResponse(score.createResponse(5));
    expect(draft.toPrefilledUrl()).toBe(
      `https://docs.google.com/forms/d/e/${form.getId()}/viewform?usp=pp_url` +
        `&entry.${name.getId()}=%E7%8E%8B+%E4%BA%94&entry.${channels.getId()}=%E7%94%B5%E8%AF%9D&entry.${channels.getId()}=%E9%82%AE%E4%BB%B6&entry.${score.getId()}=5`,
    );
    const submitted = draft.submit();
    expect(submitted.getId()).toMatch(/^2_/);
    expect(form.getResponses().map((r) => r.getId())).toEqual([submitted.getId()]);
    expect(answersOf(form, 0)).toEqual([
      ['姓名', '王 五'],
      ['联系方式', ['电话', '邮件']],
      ['满意度', '5'],
    ]);
  });

  it('deletes one response, then all', () => {
    const { app } = setup();
    const { form, name } = buildForm(app);
    const a = app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'A' }]);
    const b = app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'B' }]);
    form.deleteResponse(a.id);
    expect(form.getResponses().map((r) => r.getId())).toEqual([b.id]);
    expect(() => form.getResponse(a.id)).toThrow(/No response with ID/);
    expect(() => form.deleteResponse(a.id)).toThrow(/No response with ID/);
    form.deleteAllResponses();
    expect(form.getResponses()).toEqual([]);
  });

  it('refuses host submissions it cannot hold', () => {
    const { app } = setup();
    const { form, name } = buildForm(app);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: 42, response: 'x' }])).toThrow(/no item 42/);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: ['a', 'b'] }])).toThrow(/one answer/);
    form.setAcceptingResponses(false);
    expect(() => app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'x' }])).toThrow(/not accepting/);
  });

  it('counts calls per method and honours injected faults', () => {
    const { app, meter, faults } = setup();
    const { form, name } = buildForm(app);
    const r = app.hostSubmit(form.getId(), [{ itemId: name.getId(), response: 'A' }]);
    const before = meter.snapshot().calls['FormResponse.getItemResponses'] ?? 0;
    const response = app.hostResponseObject(form.getId(), r.id);
    response.getItemResponses();
    expect(meter.snapshot().calls['FormResponse.getItemResponses']).toBe(before + 1);
    faults.failCall('FormResponse.getItemResponses');
    expect(() => response.getItemResponses()).toThrow(/injected fault/);
    expect(response.getItemResponses()).toHaveLength(1);
  });
});

describe('a response the script submits', () => {
  const SCRIPT = `
function install() {
  var form = FormApp.create('f').setPublished(true);
  form.addTextItem().setTitle('姓名');
  ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
  PropertiesService.getScriptProperties().setProperty('form', form.getId());
}
function submitAndDelete() {
  var form = FormApp.openById(PropertiesService.getScriptProperties().getProperty('form'));
  var item = form.getItems()[0].asTextItem();
  var id = form.createResponse().withItemResponse(item.createResponse('测试')).submit().getId();
  form.deleteResponse(id);
  return id;
}
function onSubmit(e) {
  var answers = e.response.getItemResponses().map(function (r) { return r.getResponse(); });
  PropertiesService.getScriptProperties().setProperty('seen', e.response.getId() + ':' + answers.join(','));
}
`;

  it('fires the form-submit trigger after the submitting execution, with the response as submitted', () => {
    const rt = new Runtime(newState({ clock: T0, seed: 'script-submit' }));
    rt.load(SCRIPT);
    expect(rt.run('install').ok).toBe(true);
    const run = rt.run('submitAndDelete');
    expect(run.ok).toBe(true);
    // The trigger ran in an execution of its own, once the submitting one had deleted the response.
    expect(run.triggered?.map((r) => [r.handler, r.ok])).toEqual([['onSubmit', true]]);
    expect(rt.state.properties.script['seen']).toBe(`${String(run.value)}:测试`);
    expect(rt.state.forms[0]!.responses).toEqual([]);
  });
});

/** 客户类型 on page 1 leading to a person page or a company page; the company page leads on to the need page. */
function branchingForm(app: FormAppEmu) {
  const form = app.create('分支').setPublished(true);
  const kind = form.addMultipleChoiceItem().setTitle('客户类型');
  const personPage = form.addPageBreakItem().setTitle('个人');
  const gender = form.addTextItem().setTitle('性别');
  const companyPage = form.addPageBreakItem().setTitle('企业');
  const position = form.addTextItem().setTitle('职位');
  const needPage = form.addPageBreakItem().setTitle('需求');
  const need = form.addTextItem().setTitle('需求描述');
  kind.setChoices([kind.createChoice('个人', personPage), kind.createChoice('企业', companyPage)]);
  companyPage.setGoToPage(needPage);
  return { form, kind, personPage, companyPage, needPage, gender, position, need };
}

describe('page navigation', () => {
  it('a choice leads to its page and reads it back; plain choices lead nowhere', () => {
    const { app } = setup();
    const { kind, personPage, companyPage, needPage } = branchingForm(app);
    const choices = kind.getChoices();
    expect(choices.map((c) => c.getGotoPage()?.getId())).toEqual([personPage.getId(), companyPage.getId()]);
    expect(choices.map((c) => String(c.getPageNavigationType()))).toEqual(['GO_TO_PAGE', 'GO_TO_PAGE']);
    expect(companyPage.getGoToPage()!.getId()).toBe(needPage.getId());
    expect(String(personPage.getPageNavigationType())).toBe('CONTINUE');
    kind.setChoiceValues(['个人', '企业']);
    expect(kind.getChoices().map((c) => c.getGotoPage())).toEqual([null, null]);
    expect(kind.getChoices().map((c) => c.getPageNavigationType())).toEqual([null, null]);
  });

  it('a navigation type instead of a page; a checkbox or list choice takes no navigation; a target must be a page break of the form', () => {
    const { app } = setup();
    const { form, kind, personPage } = branchingForm(app);
    expect(String(kind.createChoice('其他', app.PageNavigationType.SUBMIT).getPageNavigationType())).toBe('SUBMIT');
    expect(() => form.addCheckboxItem().createChoice('甲', personPage as never)).toThrow(/don't match the method signature for Item.createChoice/);
    expect(() => form.addListItem().createChoice('甲', personPage as never)).toThrow(/don't match the method signature/);
    const other = branchingForm(app);
    expect(() => kind.createChoice('外', other.personPage)).toThrow(/Invalid data/);
    expect(() => kind.createChoice('文', other.gender as never)).toThrow(/don't match the method signature/);
  });

  it('answers on a page the respondent\'s choice skips are not submitted', () => {
    const { app } = setup();
    const { form, kind, gender, position, need } = branchingForm(app);
    const all = (k: string) => [
      { itemId: kind.getId(), response: k }, { itemId: gender.getId(), response: '女' },
      { itemId: position.getId(), response: '经理' }, { itemId: need.getId(), response: '需要电脑' },
    ];
    const titles = (k: string) => {
      const r = app.hostSubmit(form.getId(), all(k));
      return form.getResponse(r.id).getItemResponses().map((x) => x.getItem().getTitle());
    };
    expect(titles('个人')).toEqual(['客户类型', '性别', '需求描述']);
    expect(titles('企业')).toEqual(['客户类型', '职位', '需求描述']);
    // No choice made: on to the next page; after it, the company page's navigation (to 需求) applies.
    expect(app.hostSubmit(form.getId(), all('').slice(1)).answers.map((a) => a.itemId)).toEqual([gender.getId(), need.getId()]);
  });

  it('SUBMIT ends the path; navigation on the last page does nothing', () => {
    const { app } = setup();
    const form = app.create('短').setPublished(true);
    const q = form.addMultipleChoiceItem().setTitle('继续吗');
    const page = form.addPageBreakItem().setTitle('二');
    const more = form.addTextItem().setTitle('更多');
    q.setChoices([q.createChoice('否', app.PageNavigationType.SUBMIT), q.createChoice('是', app.PageNavigationType.CONTINUE)]);
    expect(app.hostSubmit(form.getId(), [{ itemId: q.getId(), response: '否' }, { itemId: more.getId(), response: 'x' }]).answers).toHaveLength(1);
    expect(app.hostSubmit(form.getId(), [{ itemId: q.getId(), response: '是' }, { itemId: more.getId(), response: 'x' }]).answers).toHaveLength(2);
    page.setGoToPage(app.PageNavigationType.RESTART);
    expect(app.hostSubmit(form.getId(), [{ itemId: q.getId(), response: '是' }, { itemId: more.getId(), response: 'x' }]).answers).toHaveLength(2);
  });
});

describe('items by id', () => {
  it('getItemById gives the item or null; as…Item converts only to its own type', () => {
    const { app } = setup();
    const { form, kind, personPage, need } = branchingForm(app);
    expect(form.getItemById(kind.getId())!.asMultipleChoiceItem().getTitle()).toBe('客户类型');
    expect(form.getItemById(personPage.getId())!.asPageBreakItem().getTitle()).toBe('个人');
    expect(form.getItemById(need.getId())!.getIndex()).toBe(6);
    expect(form.getItemById(42)).toBeNull();
    expect(() => form.getItemById(kind.getId())!.asListItem()).toThrow('Invalid conversion for item type: MULTIPLE_CHOICE');
    expect(() => form.getItemById(need.getId())!.asParagraphTextItem()).toThrow('Invalid conversion for item type: TEXT');
    // The typed item Form.add…Item returns has no casts of its own.
    expect((kind as unknown as { asMultipleChoiceItem?: unknown }).asMultipleChoiceItem).toBeUndefined();
  });

  it('deleteItem takes the question and its answers away; a choice that led to a deleted page goes on', () => {
    const { app } = setup();
    const { form, kind, personPage, gender, need } = branchingForm(app);
    const r = app.hostSubmit(form.getId(), [{ itemId: kind.getId(), response: '个人' }, { itemId: gender.getId(), response: '女' }, { itemId: need.getId(), response: 'x' }]);
    form.deleteItem(form.getItemById(gender.getId())!);
    expect(form.getResponse(r.id).getItemResponses().map((x) => x.getItem().getTitle())).toEqual(['客户类型', '需求描述']);
    form.deleteItem(form.getItemById(personPage.getId())!);
    expect(kind.getChoices().map((c) => c.getGotoPage()?.getTitle() ?? null)).toEqual([null, '企业']);
    expect(() => form.deleteItem(99)).toThrow(/out of range/);
    expect(() => form.deleteItem(gender)).toThrow(/does not exist/);
  });

  it('moveItem puts an item at an index; an index out of range is refused', () => {
    const { app } = setup();
    const { form, need, kind } = branchingForm(app);
    expect(form.moveItem(need, 0).getId()).toBe(need.getId());
    expect(form.getItems().map((i) => i.getTitle()).slice(0, 2)).toEqual(['需求描述', '客户类型']);
    form.moveItem(1, 6);
    expect(form.getItems()[6]!.getId()).toBe(kind.getId());
    expect(() => form.moveItem(0, 7)).toThrow(/out of range/);
  });
});

describe('validations and the rating item', () => {
  it('a paragraph may require a minimum length; one rule per validation, the last set', () => {
    const { app, state } = setup();
    const form = app.create('v');
    const p = form.addParagraphTextItem().setTitle('需求描述');
    p.setValidation(app.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(5000).requireTextLengthGreaterThanOrEqualTo(10).setHelpText('至少10个字').build());
    expect(state.forms[0]!.items[0]!.validation).toEqual({ kind: 'minLength', value: 10, helpText: '至少10个字' });
  });

  it('a rating: 5 stars by default, 3 to 10 levels, an icon of RatingIconType; its answer reads back as a string', () => {
    const { app } = setup();
    const form = app.create('r').setPublished(true);
    const rating = form.addRatingItem().setTitle('满意度');
    expect([rating.getRatingScaleLevel(), String(rating.getRatingIcon())]).toEqual([5, 'STAR']);
    rating.setRatingScaleLevel(10).setRatingIcon(app.RatingIconType.HEART);
    expect([rating.getRatingScaleLevel(), String(rating.getRatingIcon())]).toEqual([10, 'HEART']);
    expect(() => rating.setRatingScaleLevel(2)).toThrow(/ratingScaleLevel/);
    expect(() => rating.setRatingScaleLevel(11)).toThrow(/ratingScaleLevel/);
    expect(() => rating.setRatingIcon('SMILE' as never)).toThrow(/ratingIcon/);
    expect(form.getItems(app.ItemType.RATING).map((i) => i.asRatingItem().getTitle())).toEqual(['满意度']);
    const submitted = form.createResponse().withItemResponse(rating.createResponse(4)).submit();
    expect(form.getResponse(submitted.getId()).getItemResponses()[0]!.getResponse()).toBe('4');
    expect(() => rating.createResponse(11)).toThrow(/Invalid response/);
  });
});

describe('pre-filled choices', () => {
  it('a choice item answers only with one of its choices, and the pre-filled link carries it', () => {
    const { app } = setup();
    const { form, need, channels } = buildForm(app);
    const list = form.addListItem().setTitle('行业');
    list.setChoiceValues(['制造业', '互联网']);
    const paragraph = form.addParagraphTextItem().setTitle('描述');
    expect(() => need.createResponse('售后')).toThrow(/not a choice of MultipleChoiceItem/);
    expect(() => list.createResponse('教育')).toThrow(/not a choice of ListItem/);
    expect(() => channels.createResponse(['电话', '短信'])).toThrow(/"短信" is not a choice of CheckboxItem/);
    const url = form.createResponse()
      .withItemResponse(need.createResponse('投诉'))
      .withItemResponse(list.createResponse('互联网'))
      .withItemResponse(channels.createResponse(['邮件']))
      .withItemResponse(paragraph.createResponse('需要两台显示器'))
      .toPrefilledUrl();
    const params = new URL(url).searchParams;
    expect(params.get(`entry.${need.getId()}`)).toBe('投诉');
    expect(params.get(`entry.${list.getId()}`)).toBe('互联网');
    expect(params.getAll(`entry.${channels.getId()}`)).toEqual(['邮件']);
    expect(params.get(`entry.${paragraph.getId()}`)).toBe('需要两台显示器');
  });
});
