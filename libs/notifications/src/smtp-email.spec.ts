import { alertMessage } from './alert-message';
import { SmtpEmailAdapter, emailHtml, emailText, smtpReplyCode } from './smtp-email';
import { sampleAlert, sampleEvent } from './testing/sample-alert';

describe('SmtpEmailAdapter', () => {
  const adapter = new SmtpEmailAdapter();
  const config = {
    host: 'smtp.exmail.qq.com',
    port: 465,
    secure: true,
    user: 'alerts@park.cn',
    password: 'x',
    from: '园区安全监测 <alerts@park.cn>',
  };

  it('accepts a server with login, or a relay without one', () => {
    expect(adapter.validate(config)).toEqual([]);
    expect(
      adapter.validate({ host: '127.0.0.1', port: 2525, secure: false, from: 'alerts@park.cn' }),
    ).toEqual([]);
  });

  it('words what is wrong in Chinese', () => {
    expect(adapter.validate({ ...config, password: '', port: 70000, from: 'alerts' })).toEqual([
      '端口应为 1–65535 之间的整数',
      '登录账号和密码（授权码）应同时填写或同时留空',
      '发件人格式不对：填写邮箱地址，或“名称 <地址>”',
    ]);
  });

  it('refuses to send without a recipient address, naming why', async () => {
    const answer = await adapter.send(
      { ...config, user: null, password: null },
      alertMessage(sampleEvent(), null),
      { name: '值班员', address: '13800138000' },
      new AbortController().signal,
    );
    expect(answer).toEqual({ ok: false, status: null, answer: '收件人没有有效的邮箱地址，未发送' });
  });
});

describe('e-mail bodies', () => {
  it('has the facts as text lines and the link at the end', () => {
    expect(emailText(alertMessage(sampleEvent(), 'https://park.example.cn/m/a-1'))).toBe(
      [
        '【二级报警】新报警：可燃气体浓度超限',
        '',
        '企业：华源化工',
        '设备：罐区 1 号可燃气体探测器',
        '位置：储罐区 T-101 东侧',
        '可燃气体浓度：55 %LEL（限值 50 %LEL）',
        '发生时间：2026-12-07 16:49',
        '',
        '查看并处理：https://park.example.cn/m/a-1',
        '',
      ].join('\n'),
    );
  });

  it('escapes names in the HTML body', () => {
    const html = emailHtml(
      alertMessage(sampleEvent('opened', sampleAlert({ enterpriseName: '<b>华源</b> & 子' })), null),
    );
    expect(html).toContain('<td>&#60;b&#62;华源&#60;/b&#62; &#38; 子</td>');
  });

  it('reads the reply code of an SMTP reply line', () => {
    expect(smtpReplyCode('250 2.0.0 Ok: queued as 4C1B2')).toBe(250);
    expect(smtpReplyCode('250 OK')).toBe(250);
    expect(smtpReplyCode('550-5.1.1 no such user')).toBe(550);
    expect(smtpReplyCode(undefined)).toBeNull();
  });
});
