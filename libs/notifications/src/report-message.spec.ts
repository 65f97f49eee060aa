import { AliyunSmsAdapter } from './aliyun-sms';
import { SMS_ALERTS_ONLY_ANSWER } from './channel';
import { REPORT_NOTICE_MAX_LINES, reportNoticeMessage } from './report-message';
import { TencentSmsAdapter } from './tencent-sms';

describe('reportNoticeMessage', () => {
  it('names the month, lists the reports in Chinese order and carries the link and attachments', () => {
    const pdf = { filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') };
    const message = reportNoticeMessage(
      '2026-11',
      [{ title: '园区能耗月报 2026年11月' }, { title: '1号锅炉排口 排放月报 2026年11月' }],
      0,
      'https://park.example/reports?period=2026-11',
      [pdf],
    );
    expect(message).toEqual({
      title: '【月度报表】2026年11月 报表已生成 2 份',
      lines: [
        ['1', '1号锅炉排口 排放月报 2026年11月'],
        ['2', '园区能耗月报 2026年11月'],
        ['附件', '1 份报表的 PDF 文件'],
      ],
      link: 'https://park.example/reports?period=2026-11',
      event: null,
      attachments: [pdf],
    });
  });

  it('counts what it does not list and says how many failed', () => {
    const reports = Array.from({ length: REPORT_NOTICE_MAX_LINES + 3 }, (_, i) => ({ title: `报表${i}` }));
    const message = reportNoticeMessage('2026-01', reports, 2, null);
    expect(message?.title).toBe(`【月度报表】2026年1月 报表已生成 ${REPORT_NOTICE_MAX_LINES + 3} 份`);
    expect(message?.lines.slice(-2)).toEqual([
      ['其余', '另有 3 份，见报表页面'],
      ['未能生成', '2 份，请在报表页面查看原因并重新生成'],
    ]);
    expect(message?.lines).toHaveLength(REPORT_NOTICE_MAX_LINES + 2);
  });

  it('tells nothing for a month with no report', () => {
    expect(reportNoticeMessage('2026-11', [], 0, null)).toBeNull();
  });
});

describe('a reports notice on an SMS channel', () => {
  // An SMS is a provider-approved template about one alert: a notice about no alert is answered, never sent.
  const notice = reportNoticeMessage('2026-11', [{ title: '园区能耗月报 2026年11月' }], 0, null)!;
  const phone = { name: '值班员', address: '13800138000' };
  const signal = new AbortController().signal;

  it('is refused by the Aliyun adapter without a request', async () => {
    const config = {
      accessKeyId: 'LTAI5tExample',
      accessKeySecret: 's',
      signName: '智慧园区',
      templateCode: 'SMS_154950909',
      endpoint: 'https://dysmsapi.aliyuncs.com',
    };
    await expect(new AliyunSmsAdapter().send(config, notice, phone, signal)).resolves.toEqual(
      SMS_ALERTS_ONLY_ANSWER,
    );
  });

  it('is refused by the Tencent adapter without a request', async () => {
    const config = {
      secretId: 'AKIDexample',
      secretKey: 'k',
      sdkAppId: '1400006666',
      signName: '智慧园区',
      templateId: '1110',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
    };
    await expect(new TencentSmsAdapter().send(config, notice, phone, signal)).resolves.toEqual(
      SMS_ALERTS_ONLY_ANSWER,
    );
  });
});
