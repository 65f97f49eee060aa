import {
  answerVerdict,
  bodyOf,
  draftOf,
  draftProblems,
  emptyDraft,
  eventTypesFor,
  type ChannelDraft,
} from './notification-form';

describe('the notification channel form', () => {
  it('sends only the kind’s own settings, numbers as numbers, and leaves an empty secret out so the stored one stays', () => {
    const draft: ChannelDraft = {
      ...emptyDraft('email'),
      name: ' 值班邮箱 ',
      config: {
        host: 'smtp.example.com',
        port: '465',
        secure: true,
        password: '',
        from: 'alerts@example.com',
        stray: 'x',
      },
      recipients: [
        { name: '王工', address: 'wang@example.com' },
        { name: '', address: '' },
      ],
    };
    expect(bodyOf(draft)).toEqual({
      name: '值班邮箱',
      kind: 'email',
      config: { host: 'smtp.example.com', port: 465, secure: true, from: 'alerts@example.com' },
      severities: ['critical'],
      eventTypes: ['opened', 'escalated', 'overdue'],
      enterpriseId: null,
      recipients: [{ name: '王工', address: 'wang@example.com' }],
      enabled: true,
    });
  });

  it('offers the expiry reminders (资质到期) to robots and e-mail, never to SMS', () => {
    expect(eventTypesFor('feishu')).toContain('expiry');
    expect(eventTypesFor('email')).toContain('expiry');
    expect(eventTypesFor('tencent-sms')).not.toContain('expiry');
    const chosen: ChannelDraft = { ...emptyDraft('email'), eventTypes: ['opened', 'expiry'] };
    expect(bodyOf(chosen).eventTypes).toEqual(['opened', 'expiry']);
    expect(bodyOf({ ...chosen, kind: 'aliyun-sms' }).eventTypes).toEqual(['opened']);
  });

  it('offers the monthly reports notice to robots and e-mail, never to SMS, and drops it when the kind becomes SMS', () => {
    expect(eventTypesFor('wecom')).toContain('report');
    expect(eventTypesFor('email')).toContain('report');
    expect(eventTypesFor('aliyun-sms')).not.toContain('report');
    const chosen: ChannelDraft = { ...emptyDraft('dingtalk'), eventTypes: ['opened', 'report'] };
    expect(bodyOf(chosen).eventTypes).toEqual(['opened', 'report']);
    const sms: ChannelDraft = { ...chosen, kind: 'tencent-sms' };
    expect(bodyOf(sms).eventTypes).toEqual(['opened']);
    expect(draftProblems({ ...sms, eventTypes: ['report'] }).map((p) => p.field)).toContain('eventTypes');
  });

  it('asks for every required setting, but not for a secret the platform already keeps', () => {
    const draft: ChannelDraft = { ...emptyDraft('dingtalk'), name: '应急群', config: { webhookUrl: '' } };
    expect(draftProblems(draft).map((p) => p.field)).toEqual(['config.webhookUrl', 'config.secret']);
    expect(draftProblems(draft, ['webhookUrl', 'secret'])).toEqual([]);
  });

  it('needs recipients for e-mail and SMS, each with a name and an address, and none for a robot', () => {
    const sms: ChannelDraft = {
      ...emptyDraft('aliyun-sms'),
      name: '短信',
      config: { accessKeyId: 'id', accessKeySecret: 's', signName: '园区', templateCode: 'SMS_1' },
      recipients: [{ name: '', address: '' }],
    };
    expect(draftProblems(sms).map((p) => p.message)).toEqual(['notify.error.recipients']);
    expect(
      draftProblems({ ...sms, recipients: [{ name: '王工', address: '' }] }).map((p) => p.message),
    ).toEqual(['notify.error.recipientIncomplete']);
    expect(bodyOf({ ...emptyDraft('wecom'), recipients: [{ name: 'x', address: 'y' }] }).recipients).toEqual(
      [],
    );
  });

  it('edits a stored channel with its secrets empty (shown masked beside the field)', () => {
    const draft = draftOf({
      name: '应急群',
      kind: 'dingtalk',
      config: { webhookUrl: '••••6789', secret: '••••abcd' },
      severities: ['critical'],
      eventTypes: ['opened'],
      enterpriseId: null,
      recipients: [],
      enabled: false,
    });
    expect(draft.config).toEqual({});
    expect(draft.enabled).toBe(false);
  });

  it('words the provider’s answer: sent, refused, no answer in time, not reached', () => {
    expect(answerVerdict({ ok: true, status: 200, answer: '{"errcode":0}' })).toBe('notify.answer.ok');
    expect(answerVerdict({ ok: false, status: 200, answer: '{"errcode":310000}' })).toBe(
      'notify.answer.refused',
    );
    expect(answerVerdict({ ok: false, status: null, answer: 'timeout: no answer within 10000 ms' })).toBe(
      'notify.answer.timeout',
    );
    expect(answerVerdict({ ok: false, status: null, answer: 'unreachable: ECONNREFUSED' })).toBe(
      'notify.answer.unreachable',
    );
  });
});
