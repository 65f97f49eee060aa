import { alertMessage } from './alert-message';
import {
  DingtalkRobotAdapter,
  dingtalkBody,
  dingtalkSign,
  dingtalkSignedUrl,
  hmacSha256Base64,
} from './dingtalk-robot';
import { sampleEvent } from './testing/sample-alert';

const SECRET = `SEC${'0123456789abcdef'.repeat(4)}`;

describe('钉钉 加签 (dingtalkSign)', () => {
  it("matches DingTalk's own sample code (Python, quote_plus of base64 HMAC-SHA256) for fixed timestamps", () => {
    // Computed with the Python sample of 自定义机器人安全设置 → 加签, timestamp fixed instead of time.time():
    //   hmac.new(secret.encode(), f'{timestamp}\n{secret}'.encode(), hashlib.sha256) → base64 → quote_plus
    expect(dingtalkSign(SECRET, 1765093740000)).toBe('pnmBB1iAk7iufd%2FVBJcOayiqRe7y%2BW9Fo3IBt%2F7TS9Q%3D');
    expect(dingtalkSign(SECRET, 1765097340000)).toBe('w9f8wORiNbNt7dr3%2FnBKmgFvgk02xSyCl1yTKqgm2BQ%3D');
  });

  it("encodes base64 then URL-encodes exactly as DingTalk's published signature example does", () => {
    // DingTalk's published test sample for the same HMAC-SHA256 → Base64 → urlEncode chain (个人免登场景的签名):
    // appSecret "testappSecret", timestamp 1546084445901 → HCbG3xNE3vzhO%2Bu7qCUL1jS5hsu2n5r2cFhnTrtyDAE%3D.
    expect(encodeURIComponent(hmacSha256Base64('testappSecret', '1546084445901'))).toBe(
      'HCbG3xNE3vzhO%2Bu7qCUL1jS5hsu2n5r2cFhnTrtyDAE%3D',
    );
  });

  it('appends timestamp and sign to the access_token address', () => {
    const url = new URL(
      dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', SECRET, 1765093740000),
    );
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1765093740000');
    expect(url.searchParams.get('sign')).toBe('pnmBB1iAk7iufd/VBJcOayiqRe7y+W9Fo3IBt/7TS9Q=');
  });
});

describe('DingtalkRobotAdapter', () => {
  const adapter = new DingtalkRobotAdapter();

  it('accepts a webhook address with its token and an SEC secret', () => {
    expect(
      adapter.validate({
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        secret: SECRET,
      }),
    ).toEqual([]);
  });

  it('words what is wrong in Chinese', () => {
    expect(adapter.validate({ webhookUrl: 'https://oapi.dingtalk.com/robot/send', secret: 'abc' })).toEqual([
      'Webhook 地址缺少 access_token 参数，请复制完整的 Webhook 地址',
      '加签密钥格式不对：应为机器人安全设置“加签”一栏中以 SEC 开头的字符串',
    ]);
    expect(
      adapter.validate({ webhookUrl: 'http://oapi.dingtalk.com/robot/send?access_token=a', secret: SECRET }),
    ).toEqual(['Webhook 地址应以 https:// 开头']);
    expect(adapter.validate(null)).toEqual(['配置应为一组字段', '请填写 Webhook 地址', '请填写加签密钥']);
  });

  it('sends markdown whose title is the alert title and whose text carries the facts and the link', () => {
    const body = dingtalkBody(alertMessage(sampleEvent(), 'https://park.example.cn/m/a-1'));
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【二级报警】新报警：可燃气体浓度超限');
    expect(body.markdown.text).toBe(
      [
        '### 【二级报警】新报警：可燃气体浓度超限',
        '> 企业：华源化工',
        '> 设备：罐区 1 号可燃气体探测器',
        '> 位置：储罐区 T-101 东侧',
        '> 可燃气体浓度：55 %LEL（限值 50 %LEL）',
        '> 发生时间：2026-12-07 16:49',
        '[查看并处理](https://park.example.cn/m/a-1)',
      ].join('\n\n'),
    );
  });
});
