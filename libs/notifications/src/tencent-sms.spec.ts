import { alertMessage } from './alert-message';
import { sampleEvent } from './testing/sample-alert';
import {
  TencentSmsAdapter,
  tc3Authorization,
  tc3CanonicalRequest,
  tc3StringToSign,
  tencentSendSmsBody,
} from './tencent-sms';

/**
 * The worked example of Tencent Cloud's 签名方法 v3 (CVM DescribeInstances in ap-guangzhou), with the intermediate
 * values and the signature the documentation publishes.
 */
const DOCUMENTED = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  timestamp: 1551113065,
};

describe('TC3-HMAC-SHA256', () => {
  it('builds the documented canonical request (payload hash 35e9c5b0…)', () => {
    expect(tc3CanonicalRequest(DOCUMENTED.host, DOCUMENTED.payload)).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
  });

  it('builds the documented string to sign: the UTC date (2019-02-25, not the Beijing 02-26) in the scope', () => {
    expect(tc3StringToSign(DOCUMENTED)).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('signs to the documented Authorization, signature 72e494ea…', () => {
    expect(tc3Authorization(DOCUMENTED)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

describe('TencentSmsAdapter', () => {
  const config = {
    secretId: 'AKIDexample',
    secretKey: 'key',
    sdkAppId: '1400006666',
    signName: '智慧园区',
    templateId: '1110',
  };

  it('accepts a complete configuration (region defaults to ap-guangzhou) and words what is wrong', () => {
    const adapter = new TencentSmsAdapter();
    expect(adapter.validate(config)).toEqual([]);
    expect(adapter.validate({ ...config, sdkAppId: 'abc', endpoint: 'ftp://x' })).toEqual([
      'SdkAppId（短信应用 ID）格式不对：应为短信控制台“应用管理”中的数字 ID',
      '服务地址应以 https:// 开头',
    ]);
  });

  it('sends one number in E.164 and the seven template parameters in order', () => {
    const body = tencentSendSmsBody(
      { ...config, region: 'ap-guangzhou', endpoint: 'https://sms.tencentcloudapi.com' },
      '+8613800138000',
      alertMessage(sampleEvent(), null),
    );
    expect(body).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '智慧园区',
      TemplateId: '1110',
      TemplateParamSet: [
        '二级报警',
        '新报警',
        '可燃气体浓度超限',
        '华源化工',
        '储罐区 T-101 东侧',
        '55 %LEL（限值 50 %LEL）',
        '2026-12-07 16:49',
      ],
      SessionContext: 'a-1',
    });
  });
});
