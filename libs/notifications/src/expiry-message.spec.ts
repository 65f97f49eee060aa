import { expiryReminderMessage } from './expiry-message';

describe('the expiry reminder message', () => {
  const facts = {
    enterpriseName: '启东示范化工有限公司',
    type: 'high-tech-enterprise' as const,
    level: 'national' as const,
    certificateNo: 'GR202432001234',
    expiresOn: '2027-01-01',
    daysToExpiry: 25,
  };

  it('names the enterprise, the certificate in Chinese, its number, expiry date and days left, with the link', () => {
    const m = expiryReminderMessage(facts, 'https://park.example.cn/enterprises/e1');
    expect(m.title).toBe('【资质到期提醒】启东示范化工有限公司 高新技术企业证书 25 天后到期');
    expect(m.lines).toEqual([
      ['企业', '启东示范化工有限公司'],
      ['资质', '高新技术企业（国家级）'],
      ['证书编号', 'GR202432001234'],
      ['到期日期', '2027年1月1日'],
      ['剩余天数', '25 天'],
    ]);
    expect(m.link).toBe('https://park.example.cn/enterprises/e1');
    expect(m.event).toBeNull();
  });

  it('says so on the day and after it', () => {
    expect(expiryReminderMessage({ ...facts, daysToExpiry: 0 }, null).title).toContain('证书 今天到期');
    expect(expiryReminderMessage({ ...facts, level: null, daysToExpiry: -2 }, null).lines[1]).toEqual([
      '资质',
      '高新技术企业',
    ]);
  });
});
