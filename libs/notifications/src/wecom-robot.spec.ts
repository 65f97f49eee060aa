import { alertMessage } from './alert-message';
import { sampleAlert, sampleEvent } from './testing/sample-alert';
import { WECOM_MARKDOWN_MAX_BYTES, WecomRobotAdapter, wecomBody } from './wecom-robot';

describe('WecomRobotAdapter', () => {
  const adapter = new WecomRobotAdapter();

  it('accepts the robot webhook address with its key, refuses one without', () => {
    expect(
      adapter.validate({ webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6' }),
    ).toEqual([]);
    expect(adapter.validate({ webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' })).toEqual([
      'Webhook 地址缺少 key 参数，请复制完整的 Webhook 地址',
    ]);
    expect(adapter.validate({ webhookUrl: 'not a url' })).toEqual(['Webhook 地址不是有效的网址']);
  });

  it('sends a markdown message: title as a heading, one quoted line per fact, the link last', () => {
    const body = wecomBody(alertMessage(sampleEvent(), 'https://park.example.cn/m/a-1'));
    expect(body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: [
          '### 【二级报警】新报警：可燃气体浓度超限',
          '> 企业：华源化工',
          '> 设备：罐区 1 号可燃气体探测器',
          '> 位置：储罐区 T-101 东侧',
          '> 可燃气体浓度：55 %LEL（限值 50 %LEL）',
          '> 发生时间：2026-12-07 16:49',
          '[查看并处理](https://park.example.cn/m/a-1)',
        ].join('\n'),
      },
    });
  });

  it('keeps markdown in names from breaking the message: brackets and angle brackets become full-width', () => {
    const event = sampleEvent('opened', sampleAlert({ enterpriseName: '华源[化工]<font color="red">' }));
    expect(wecomBody(alertMessage(event, null)).markdown.content).toContain(
      '> 企业：华源［化工］＜font color="red"＞',
    );
  });

  it('stays within 4096 bytes by dropping the last facts, never the title or the link', () => {
    const note = '现场处置记录'.repeat(400);
    const event = sampleEvent('resolved', sampleAlert({ resolvedBy: '张工', resolutionNote: note }));
    const content = wecomBody(alertMessage(event, 'https://park.example.cn/m/a-1')).markdown.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(content.startsWith('### 【二级报警】已解除：可燃气体浓度超限')).toBe(true);
    expect(content).toContain('> 企业：华源化工');
    expect(content).not.toContain('现场处置记录现场');
    expect(content.endsWith('> …\n[查看并处理](https://park.example.cn/m/a-1)')).toBe(true);
  });
});
