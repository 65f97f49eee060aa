import { alertMessage } from './alert-message';
import { FeishuBotAdapter, feishuBody, feishuSign } from './feishu-bot';
import { sampleEvent } from './testing/sample-alert';

describe('飞书 签名校验 (feishuSign)', () => {
  it("matches Feishu's sample code: the string to sign is the HMAC key, the message is empty", () => {
    // Computed with the Python sample of 自定义机器人使用指南 → 签名校验, timestamp fixed:
    //   hmac.new(f'{timestamp}\n{secret}'.encode('utf-8'), digestmod=hashlib.sha256).digest() → base64
    expect(feishuSign('demo-secret', 1599360473)).toBe('3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=');
  });
});

describe('FeishuBotAdapter', () => {
  const adapter = new FeishuBotAdapter();

  it('needs the webhook address and the signing secret', () => {
    expect(
      adapter.validate({ webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/6d8c', secret: 'xyz' }),
    ).toEqual([]);
    expect(adapter.validate({ webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/6d8c' })).toEqual([
      '请填写签名校验密钥',
    ]);
  });

  it('sends a rich-text post with the timestamp (seconds) and its signature beside it', () => {
    const body = feishuBody(
      alertMessage(sampleEvent(), 'https://park.example.cn/m/a-1'),
      'demo-secret',
      1599360473,
    );
    expect(body.timestamp).toBe('1599360473');
    expect(body.sign).toBe('3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=');
    expect(body.msg_type).toBe('post');
    expect(body.content.post.zh_cn.title).toBe('【二级报警】新报警：可燃气体浓度超限');
    expect(body.content.post.zh_cn.content).toEqual([
      [{ tag: 'text', text: '企业：华源化工' }],
      [{ tag: 'text', text: '设备：罐区 1 号可燃气体探测器' }],
      [{ tag: 'text', text: '位置：储罐区 T-101 东侧' }],
      [{ tag: 'text', text: '可燃气体浓度：55 %LEL（限值 50 %LEL）' }],
      [{ tag: 'text', text: '发生时间：2026-12-07 16:49' }],
      [{ tag: 'a', text: '查看并处理', href: 'https://park.example.cn/m/a-1' }],
    ]);
  });
});
